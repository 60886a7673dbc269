"""Running a folder of tests under settings of its own, in a pytest process of its own.

Some settings are fixed when Django starts (a swapped base page model, the
installed apps of a translation tool): tests that need them cannot share a process
with the main suite. The main suite runs each such folder through
``run_tests_apart``, so ``pytest`` alone still runs everything.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_tests_apart(folder: str, settings: str) -> str:
    """Run ``tests/<folder>`` under ``settings``; fail with its output unless all pass.

    Its ``conftest.py`` stands alone (``--confcutdir``): the main suite's fixtures
    are not loaded unless it imports them.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        # Its own process, not one of this run's pytest-xdist workers.
        if not key.startswith(("PYTEST_", "DJANGO_SETTINGS_MODULE"))
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            f"--ds={settings}",
            f"--confcutdir=tests/{folder}",
            "-n",
            "0",
            "-q",
            f"tests/{folder}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in result.stdout
    return result.stdout
