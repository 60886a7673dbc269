"""Run the custom base page tests (``tests/custom_base_page/``) under their settings.

A swapped base page model (``WAGTAIL_PAGE_MODEL``) is fixed when Django starts, so
those tests run in a pytest process of their own; this test is how the suite (and
``pytest`` alone) includes them.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from wagtail import VERSION as WAGTAIL_VERSION

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(
    WAGTAIL_VERSION < (8, 0), reason="WAGTAIL_PAGE_MODEL arrived in Wagtail 8.0"
)
def test_condition_pages_work_on_a_custom_base_page():
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
            "--ds=tests.custom_base_page.settings",
            "--confcutdir=tests/custom_base_page",
            "-n",
            "0",
            "-q",
            "tests/custom_base_page",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in result.stdout
