"""The gunicorn throughput pair of ``bench.py``: a condition page against its plain
page, served by gunicorn's sync workers on PostgreSQL with persistent connections.

Starting, warming, driving and stopping gunicorn is ``soak.py``'s (imported, not
copied); the site is the soak's, with the test app added (``bench_settings.py``)
for the plain ``BaselinePage``. Clients ask for one page at a time in alternating
phases (condition, plain, plain, condition, ...), each bounded in seconds and in
requests. Figures per phase: requests per second, p50/p99 response time at the
client, and server CPU per request, read from /proc for the gunicorn master and
its workers.

The database (``wagtail_physio_bench_<pid>`` unless given; its name must contain
"bench") is created and dropped; Redis keys get a prefix of their own and are
deleted, or each worker uses its own LocMemCache when Redis does not answer.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import soak

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).with_name("bench.py")
MAX_REQUESTS_PER_PHASE = 20_000


def database_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    # The database is dropped and created: never one that is not the benchmark's.
    if "bench" not in name:
        raise SystemExit(
            f"Refusing to drop and recreate {name!r}: its name must contain 'bench'."
        )
    return name


def setup_main() -> int:
    """Child process: migrate, load the demo, add the plain page; print their paths."""
    soak.django_setup()  # honours DJANGO_SETTINGS_MODULE=bench_settings from the env
    import bench_content
    from django.core.management import call_command
    from django.test import Client
    from wagtail.models import Site

    from home.demo_content import load_demo_content
    from tests.testapp.models import BaselinePage
    from wagtail_physio.models import ConditionPage

    call_command("migrate", interactive=False, verbosity=0)
    load_demo_content()
    site = Site.objects.get(is_default_site=True)
    condition = ConditionPage.objects.get(slug=soak.PAGE_SLUG)
    html = Client().get(condition.url).content.decode()
    plain = BaselinePage(
        title=condition.title,
        slug=f"{condition.slug}-plain",
        body=bench_content.baseline_html(html),
    )
    # At the condition page's depth, below a plain section beside its index, so
    # routing to it costs what Wagtail's routing costs (below the index, it would
    # pay for the index's one-query lookup of condition pages first).
    index = condition.get_parent()
    parent = bench_content.section(
        index.get_parent().specific, f"{index.slug}-plain", f"{index.title} (plain)"
    )
    parent.add_child(instance=plain)
    plain.save_revision().publish()
    print(
        json.dumps(
            {
                "condition": condition.relative_url(site),
                "plain": plain.relative_url(site),
            }
        ),
        flush=True,
    )
    return 0


def process_cpu(master: int) -> float:
    """CPU seconds used so far by gunicorn's master and its worker processes."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name (field 2) may hold spaces; the rest follows its ")".
        fields = stat[stat.rindex(")") + 2 :].split()
        pid, ppid = int(entry.name), int(fields[1])
        if pid == master or ppid == master:
            total += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    return total


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def phase(port: int, path: str, master: int, options: dict[str, Any]) -> dict:
    cpu0, start = process_cpu(master), time.monotonic()
    responses = soak.drive(
        port,
        [path],
        options["clients"],
        start + options["seconds"],
        MAX_REQUESTS_PER_PHASE,
    )
    seconds = time.monotonic() - start
    cpu = process_cpu(master) - cpu0
    ok = [r for r in responses if r.status == 200]
    latencies = [(r.ended - r.started) * 1000 for r in ok]
    return {
        "requests": len(responses),
        "errors": len(responses) - len(ok),
        "seconds": seconds,
        "rps": len(ok) / seconds if seconds else 0.0,
        "p50_ms": percentile(latencies, 0.5),
        "p99_ms": percentile(latencies, 0.99),
        "cpu_ms": cpu / len(ok) * 1000 if ok else None,
    }


def serve_and_measure(
    options: dict[str, Any], env: dict[str, str], paths: dict[str, str], work: Path
) -> dict[str, Any]:
    """One gunicorn server: warm every worker, then alternate the two pages."""
    port = soak.free_port()
    log = work / f"gunicorn-{port}.log"
    server = subprocess.Popen(
        soak.gunicorn_command(SimpleNamespace(workers=options["workers"]), port, log),
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: workers are stopped too
    )
    try:
        soak.wait_until_serving(port, paths["plain"], server, limit=60)
        soak.warm_up(port, sorted(paths.values()), options["workers"], limit=60)
        phases: dict[str, list[dict]] = {"condition": [], "plain": []}
        order = ["condition", "plain"]
        for number in range(options["phases"]):
            for kind in order if number % 2 == 0 else reversed(order):
                phases[kind].append(phase(port, paths[kind], server.pid, options))
        summary = {}
        for kind, measured in phases.items():
            summary[kind] = {
                "requests": sum(p["requests"] for p in measured),
                "errors": sum(p["errors"] for p in measured),
                "rps": round(statistics.median(p["rps"] for p in measured), 1),
                "p50_ms": round(statistics.median(p["p50_ms"] for p in measured), 1),
                "p99_ms": round(statistics.median(p["p99_ms"] for p in measured), 1),
                "cpu_ms": round(
                    statistics.median(p["cpu_ms"] or 0.0 for p in measured), 2
                ),
            }
        if any(summary[kind]["errors"] for kind in summary) and log.exists():
            print("\n".join(log.read_text().splitlines()[-30:]), file=sys.stderr)
        return summary
    finally:
        soak.stop(server, group=True)


def run(
    options: dict[str, Any],
    database_url: str | None,
    redis_url: str,
    render_cache: str,
    available: bool,
) -> dict[str, Any]:
    database_url = database_url or (
        f"postgres://postgres@127.0.0.1:5432/wagtail_physio_bench_{os.getpid()}"
    )
    name = database_name(database_url)
    cache = "redis"
    try:
        import redis

        redis.Redis.from_url(redis_url, socket_timeout=2).ping()
    except Exception as exc:  # noqa: BLE001 - any failure means "no Redis here"
        print(
            f"Redis at {redis_url} does not answer ({exc}): LocMemCache",
            file=sys.stderr,
        )
        cache = "locmem"
    prefix = f"wagtail-physio-bench-{os.getpid()}-{int(time.time())}"
    work = Path(tempfile.mkdtemp(prefix="physio-bench-gunicorn-"))
    settings = SimpleNamespace(
        database_url=database_url, cache=cache, redis_url=redis_url
    )
    env = soak.child_env(settings, prefix, work / "media")
    env["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    created = False
    try:
        soak.create_empty_database(database_url, name)
        created = True
        paths = soak.run_setup(
            [sys.executable, str(BENCH), "_gunicorn_setup"],
            env,
            "the gunicorn pair's database",
        )
        variants = {"on": ["on"], "off": ["off"], "both": ["on", "off"]}[render_cache]
        if not available:
            variants = [""]
        measured: dict[str, Any] = {}
        for variant in variants:
            server_env = dict(env)
            if variant:
                server_env["BENCH_RENDER_CACHE"] = variant
            measured[variant] = serve_and_measure(options, server_env, paths, work)
    finally:
        if created:
            soak.drop_database(database_url, name)
        if cache == "redis":
            import redis

            client = redis.Redis.from_url(redis_url, socket_timeout=2)
            for key in client.scan_iter(match=f"{prefix}:*", count=500):
                client.delete(key)
        shutil.rmtree(work, ignore_errors=True)

    lines = []
    for variant, pair in measured.items():
        condition, plain = pair["condition"], pair["plain"]
        pair["rps_ratio"] = (
            round(condition["rps"] / plain["rps"], 3) if plain["rps"] else None
        )
        pair["p99_ratio"] = (
            round(condition["p99_ms"] / plain["p99_ms"], 3) if plain["p99_ms"] else None
        )
        label = f"cache {variant}" if variant else "n/a"
        case = (
            f"gunicorn, {options['workers']} workers, {options['clients']} clients, "
            f"PostgreSQL: req/s {condition['rps']} vs {plain['rps']}, "
            f"p50 {condition['p50_ms']:.0f} vs {plain['p50_ms']:.0f} ms, "
            f"p99 {condition['p99_ms']:.0f} vs {plain['p99_ms']:.0f} ms"
        )
        lines.append(
            {
                "group": "gunicorn",
                "case": case,
                "render_cache": label,
                "package": "gunicorn/condition",
                "cpu_ms": condition["cpu_ms"],
                "plain_cpu_ms": plain["cpu_ms"],
                "generic_cpu_ms": None,
                "vs_plain": round(condition["cpu_ms"] / plain["cpu_ms"], 3)
                if plain["cpu_ms"]
                else None,
                "vs_generic": None,
                "queries": None,
                "plain_queries": None,
                "generic_queries": None,
                "wall_ms": condition["p50_ms"],
                "plain_wall_ms": plain["p50_ms"],
            }
        )
    chosen = measured.get("on") or measured.get("") or next(iter(measured.values()))
    return {
        "workers": options["workers"],
        "clients": options["clients"],
        "seconds_per_phase": options["seconds"],
        "cache": cache,
        "pairs": measured,
        "rps_ratio": chosen["rps_ratio"],
        "p99_ratio": chosen["p99_ratio"],
        "lines": lines,
    }
