"""The fresh-site pair of ``bench.py``: a new ``wagtail start`` site's own home page
against the package's condition page, with no furniture shared between them.

The site is built as CI's integration run builds it (``integration/``): ``wagtail
start`` in a temporary folder, the README's settings, URL and base-template
snippets, ``migrate``, and the integration content (a condition page using every
block, two clinic locations, contact details, a notice banner). It runs on the
current interpreter, with this checkout's package first on the path, under
settings of its own: ``DEBUG`` off (cached templates), plain static storage.

The measuring happens in a subprocess (``bench.py _fresh``) set up with the site's
settings; the folder is removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
INTEGRATION = ROOT / "integration"
PROJECT = "clinicsite"
SETTINGS_MODULE = f"{PROJECT}.settings.bench"

BENCH_SETTINGS = '''\
"""Settings for benchmarks/bench.py's fresh-site pair: dev.py, made production-like."""

import os

from .dev import *  # noqa: F403

DEBUG = False  # Django's cached template loader, as in production
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# No collectstatic here: {% static %} needs no manifest.
STORAGES = {
    **globals().get("STORAGES", {}),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# One process serves this site, so its LocMemCache (the default cache of a new
# site) may hold rendered pages: docs/caching.md, RENDER_CACHE_PROCESS_LOCAL.
WAGTAIL_PHYSIO = {
    **globals().get("WAGTAIL_PHYSIO", {}),
    "RENDER_CACHE_PROCESS_LOCAL": True,
}
'''


def run(rounds: int, render_cache: str, available: bool) -> dict[str, Any]:
    """Build the site, measure it in a subprocess, remove it; the pair's figures."""
    sys.path.insert(0, str(INTEGRATION))
    import build_site
    import readme_snippets

    work = Path(tempfile.mkdtemp(prefix="physio-bench-fresh-"))
    site = work / "site"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        # This checkout's package first, as the rest of the benchmark measures it.
        "PYTHONPATH": str(ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("DATABASE_URL", None)
    python = sys.executable
    try:
        site.mkdir()
        wagtail = Path(python).parent / "wagtail"
        command = [str(wagtail)] if wagtail.exists() else [python, "-m", "wagtail"]
        subprocess.run(
            [*command, "start", PROJECT, str(site)],
            check=True,
            timeout=120,
            capture_output=True,
        )
        snippets = readme_snippets.extract(ROOT / "README.md")
        package = site / PROJECT
        edit(
            package / "settings" / "base.py",
            lambda t: readme_snippets.apply_settings(t, snippets["settings"]),
        )
        edit(
            package / "urls.py",
            lambda t: readme_snippets.apply_urls(t, snippets["urls"]),
        )
        furniture = build_site.VARIANTS["project"]
        edit(
            package / "templates" / "base.html",
            lambda t: readme_snippets.apply_base_template(
                t,
                snippets["base-template"],
                header=furniture["header"],
                footer_open=furniture["footer_open"],
                footer_text=furniture["footer_text"],
            ),
        )
        (package / "settings" / "bench.py").write_text(BENCH_SETTINGS)
        subprocess.run(
            [python, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=site,
            env=env,
            check=True,
            timeout=300,
        )
        content = work / "content.json"
        subprocess.run(
            [python, str(INTEGRATION / "make_content.py"), str(content)],
            cwd=site,
            env=env,
            check=True,
            timeout=300,
            capture_output=True,
        )
        pages = json.loads(content.read_text())["pages"]
        measured = subprocess.run(
            [
                python,
                str(Path(__file__).with_name("bench.py")),
                "_fresh",
                f"--rounds={rounds}",
                f"--render-cache={render_cache if available else 'absent'}",
                f"--home={pages['home']['url']}",
                f"--condition={pages['condition']['url']}",
            ],
            cwd=site,
            env=env,
            check=True,
            timeout=300,
            capture_output=True,
            text=True,
        )
        return json.loads(measured.stdout.strip().splitlines()[-1])
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"")[-3000:]
        if isinstance(detail, bytes):
            detail = detail.decode(errors="replace")
        print(detail, file=sys.stderr)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


def edit(path: Path, change: Any) -> None:
    path.write_text(change(path.read_text()))


def measure_main(argv: list[str]) -> int:
    """In the fresh site's folder: measure its home page and its condition page."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, required=True)
    parser.add_argument("--render-cache", required=True)
    parser.add_argument("--home", required=True)
    parser.add_argument("--condition", required=True)
    args = parser.parse_args(argv)
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    import bench
    from django.test import Client

    client = Client()
    home = bench.Target(
        "fresh/home", "fresh", lambda: client.get(args.home), per_round=5
    )
    variants = (
        [None]
        if args.render_cache == "absent"
        else bench.variants_for(args.render_cache)
    )
    conditions = [
        bench.Target(
            "fresh/condition" + (f"/{bench.variant_label(v)}" if v is not None else ""),
            "fresh",
            lambda: client.get(args.condition),
            per_round=5,
            variant=v,
        )
        for v in variants
    ]
    targets = [home, *conditions]
    bench.run_rounds(targets, args.rounds, seconds=60.0)
    results = {t.key: t.summary() for t in targets}
    lines = []
    for target, variant in zip(conditions, variants, strict=True):
        line = {
            "group": "fresh",
            "case": "wagtail start site: condition page vs its own home page",
            "render_cache": bench.variant_label(variant) or "n/a",
            "package": target.key,
            "cpu_ms": results[target.key]["cpu_ms"],
            "plain_cpu_ms": results[home.key]["cpu_ms"],
            "generic_cpu_ms": None,
            "vs_plain": bench.ratio(
                results[target.key]["cpu_ms"], results[home.key]["cpu_ms"]
            ),
            "vs_generic": None,
            "queries": results[target.key]["queries"],
            "plain_queries": results[home.key]["queries"],
            "generic_queries": None,
            "wall_ms": results[target.key]["wall_ms"],
            "plain_wall_ms": results[home.key]["wall_ms"],
        }
        lines.append(line)
    best = bench.preferred(lines, "fresh", lines[0]["case"])
    print(
        json.dumps(
            {
                "results": results,
                "lines": lines,
                "ratio": best["vs_plain"] if best else None,
            }
        )
    )
    return 0
