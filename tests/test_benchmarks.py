"""benchmarks/bench.py runs and reports in the shape the README and CI read.

Only the shape is checked: times depend on the machine, never asserted here.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks" / "bench.py"


@pytest.fixture(scope="module")
def quick_run():
    """``bench.py --quick --only page`` in a process of its own, as CI would run it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--only", "page", "--rounds", "1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_prints_a_markdown_table_of_the_pages(quick_run):
    lines = quick_run.splitlines()
    header = next(line for line in lines if line.startswith("| group |"))
    assert "package CPU ms" in header and "plain CPU ms" in header
    rows = [line for line in lines if line.startswith("| page |")]
    # Quick sizes: 1 and 10 blocks, each against its plain and generic page.
    assert any("| 1 blocks |" in row for row in rows)
    assert any("| 10 blocks |" in row for row in rows)
    assert all(row.count("|") == header.count("|") for row in rows)


def test_names_each_target_as_met_or_missed(quick_run):
    targets = quick_run.split("Targets (issue 11):", 1)[1]
    assert "condition page, 10 blocks, warm" in targets
    assert "met:" in targets or "MISSED:" in targets


def test_ends_with_one_json_line_with_every_figure(quick_run):
    report = json.loads(quick_run.strip().splitlines()[-1])
    assert report["bench"] == "wagtail-physio"
    assert report["quick"] is True
    assert report["groups"] == ["page"]
    assert report["render_cache"] in {"on", "off", "both", "absent"}
    assert {"cpus", "python", "django", "wagtail"} <= report["machine"].keys()
    assert report["rounds"] >= 1
    for kind in ("condition", "plain", "generic"):
        keys = [key for key in report["results"] if key.startswith("page/10 blocks/")]
        assert any(f"/{kind}" in key for key in keys), keys
    for figures in report["results"].values():
        assert {"cpu_ms", "wall_ms", "queries"} <= figures.keys()
        assert figures["cpu_ms"] > 0 and figures["queries"] > 0
    for row in report["rows"]:
        assert {"group", "case", "cpu_ms", "vs_plain", "vs_generic"} <= row.keys()
    target = next(t for t in report["targets"] if "10 blocks, warm" in t["target"])
    assert {"figure", "limit", "met"} <= target.keys()
    assert isinstance(target["met"], bool)
