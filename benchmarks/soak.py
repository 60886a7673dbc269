"""Soak test: the example site under gunicorn while editors change things.

Serves the example clinic site with gunicorn (sync workers) on PostgreSQL, with Redis
as the cache (or each worker's own LocMemCache: ``--cache locmem``), and drives
concurrent clients at it for a fixed time. Meanwhile another process, through the
ORM, raises and clears an urgent notice banner, republishes a condition page with
new text and changes a clinic location's opening hours. The script reports the
requests served, the 5xx responses, and for each change how long until every worker
served the new state::

    python benchmarks/soak.py                     # 60 s, 32 clients, 4 workers
    python benchmarks/soak.py --short             # 15 s, 8 clients, 2 workers (CI)
    python benchmarks/soak.py --short --cache locmem

It exits non-zero when any response is a 5xx (or any request fails), when any change
takes 2 s or more to reach every worker or any response shows a state older than the
last committed change, or when nothing was served.

How "every worker serves the new state" is measured: the soak's settings
(``soak_settings.py``) add a middleware naming the worker's pid and the moment the
request reached Django (``time.monotonic()``, one clock for every process on the
machine). After a change is committed, each worker's responses that reached Django
later are taken in order; the worker has the change from the first response that
starts ``--confirm`` consecutive responses showing the new state. Any response
showing the old state after the commit is counted as stale. Propagation is the
slowest worker's time. A worker with too few responses before the next change of
the same kind is "unconfirmed" and fails the run.

The database (``wagtail_physio_soak_<pid>`` by default) is created, migrated and
loaded with the demo content, and dropped at the end; the Redis keys live under a
prefix of their own and are deleted at the end. Requests go to 127.0.0.1 only;
every run is bounded by ``--seconds`` and ``--max-requests`` and stops gunicorn (its
whole process group) and the changer however it ends.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# soak_settings (benchmarks/), clinic_site and home (example_project/), the package.
PYTHONPATH = [ROOT / "benchmarks", ROOT / "example_project", ROOT]
HOST = "127.0.0.1"
#: Seconds a request may take, as long as gunicorn lets a worker take on one.
REQUEST_TIMEOUT = 30.0

DEFAULT_DATABASE = (
    f"postgres://postgres@127.0.0.1:5432/wagtail_physio_soak_{os.getpid()}"
)
DEFAULT_REDIS = "redis://127.0.0.1:6379/0"

#: The condition page republished with a new paragraph. Its locations block shows
#: the opening hours too, and every page shows the banners, so this one page shows
#: all three changes. Each client asks for it PAGE_SHARE times per round, and for
#: every other demo page once: each worker soon answers it after a change, and the
#: measured propagation, which includes that wait, stays close to the real one.
PAGE_SLUG = "back-surgery"
PAGE_SHARE = 6
LOCATION = "Quayside clinic"
HOURS_WEEKDAY = 5  # Saturday, 09:00 to 13:00 in the demo; the closing time changes
BANNER_MARK = "soak-banner-{n}"
PAGE_MARK = "soak-revision-{n}"

#: The change types, in the order the changer cycles through them. A banner is
#: raised, then cleared two changes later, so each banner state has two intervals
#: to reach every worker before the next banner change.
CYCLE = ["banner", "page", "banner", "hours"]


# --- reading a response's state ---------------------------------------------------

BANNER_RE = re.compile(rb"soak-banner-(\d+)")
PAGE_RE = re.compile(rb"soak-revision-(\d+)")
HOURS_ANCHOR = f"Opening hours, {LOCATION}</caption>".encode()
SATURDAY_RE = re.compile(rb'<th scope="row">Saturday</th>\s*<td>(.*?)</td>', re.S)
TIME_RE = re.compile(rb'<time datetime="(\d\d:\d\d)">')


def marks(pattern: re.Pattern[bytes], body: bytes) -> str:
    """The soak's marks in ``body``, e.g. "3" or "" for none."""
    return ",".join(sorted({m.decode() for m in pattern.findall(body)}))


def saturday_closing(body: bytes) -> str | None:
    """The Quayside clinic's Saturday closing time as HH:MM, None if not shown."""
    start = body.find(HOURS_ANCHOR)
    if start < 0:
        return None
    row = SATURDAY_RE.search(body, start, start + 4000)
    times = TIME_RE.findall(row.group(1)) if row else []
    return times[-1].decode() if times else None


READERS = {
    "banner": lambda body: marks(BANNER_RE, body),
    "page": lambda body: marks(PAGE_RE, body),
    "hours": saturday_closing,
}


# --- the parts that run with Django (child processes) -----------------------------


def django_setup() -> None:
    for path in reversed(PYTHONPATH):
        sys.path.insert(0, str(path))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "soak_settings")
    import django

    django.setup()


def hours_closing(n: int) -> str:
    """The closing time the n-th hours change sets: 13:01, 13:02, ... (13:00 at first)."""
    minutes = 13 * 60 + n % 300
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def setup_site() -> None:
    """Child process: migrate, load the demo, print the paths and first states."""
    django_setup()
    from django.core.management import call_command
    from wagtail.models import Site

    from home.demo_content import load_demo_content
    from wagtail_physio.models import ConditionIndexPage, ConditionPage

    call_command("migrate", interactive=False, verbosity=0)
    load_demo_content()
    site = Site.objects.get(is_default_site=True)
    index = ConditionIndexPage.objects.get()
    paths = {
        "home": site.root_page.relative_url(site),
        "index": index.relative_url(site),
    }
    for page in ConditionPage.objects.live():
        paths[page.slug] = page.relative_url(site)
    print(
        json.dumps(
            {"paths": paths, "initial": {"banner": "", "page": "", "hours": "13:00"}}
        ),
        flush=True,
    )


def run_changer(start_in: float, seconds: float, interval: float, tail: float) -> None:
    """Child process: make the changes on a schedule, print one JSON line for each.

    Prints "ready" once Django is loaded, then waits for the start time (a
    ``time.monotonic()`` value) on standard input.
    """
    django_setup()
    import datetime

    from django.db import transaction
    from wagtail.rich_text import RichText

    from wagtail_physio.models import (
        ClinicLocation,
        ConditionPage,
        NoticeBanner,
        OpeningHours,
    )

    counters = dict.fromkeys(CYCLE, 0)
    raised: list[NoticeBanner] = []

    def banner() -> str:
        if raised:
            # Cleared as an editor clears one: switched off, then saved.
            notice = raised.pop()
            notice.is_active = False
            notice.save()
            return ""
        n = counters["banner"]
        raised.append(
            NoticeBanner.objects.create(
                message=(
                    f"<p><b>Soak test notice {n}.</b> The clinic is closed today "
                    f"({BANNER_MARK.format(n=n)}).</p>"
                ),
                severity=NoticeBanner.Severity.URGENT,
            )
        )
        return str(n)

    def page() -> str:
        n = counters["page"]
        condition = ConditionPage.objects.get(slug=PAGE_SLUG)
        text = RichText(f"<p>Updated by the soak test ({PAGE_MARK.format(n=n)}).</p>")
        found = [
            i
            for i, child in enumerate(condition.body)
            if child.block_type == "paragraph" and "soak-revision-" in str(child.value)
        ]
        if found:
            condition.body[found[0]] = ("paragraph", text)
        else:
            condition.body.insert(1, ("paragraph", text))
        condition.save_revision().publish()
        return str(n)

    def hours() -> str:
        closing = hours_closing(counters["hours"])
        row = OpeningHours.objects.get(
            location=ClinicLocation.objects.get(name=LOCATION), weekday=HOURS_WEEKDAY
        )
        row.closes = datetime.time.fromisoformat(closing)
        row.save()
        return closing

    actions = {"banner": banner, "page": page, "hours": hours}
    print("ready", flush=True)
    start = float(sys.stdin.readline())
    deadline = start + seconds - tail
    for k in itertools.count():
        due = start + start_in + k * interval
        if due > deadline:
            break
        time.sleep(max(0.0, due - time.monotonic()))
        kind = CYCLE[k % len(CYCLE)]
        counters[kind] += 1
        begun = time.monotonic()
        with transaction.atomic():
            state = actions[kind]()
        done = time.monotonic()  # committed: every request from now sees it
        print(
            json.dumps(
                {
                    "kind": kind,
                    "label": kind
                    if kind != "banner"
                    else ("banner raised" if state else "banner cleared"),
                    "state": state,
                    "begun": begun,
                    "done": done,
                }
            ),
            flush=True,
        )


# --- the driver -------------------------------------------------------------------


@dataclass
class Response:
    started: float  # client side, time.monotonic()
    ended: float
    path: str
    status: int | None = None  # None: the request failed
    error: str = ""
    pid: str = ""
    served: float | None = None  # when the request reached Django (X-Soak-Started)
    states: dict[str, str | None] = field(default_factory=dict)


def child_env(args: argparse.Namespace, prefix: str, media: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [*(str(p) for p in PYTHONPATH), *filter(None, [env.get("PYTHONPATH")])]
    )
    env.update(
        DJANGO_SETTINGS_MODULE="soak_settings",
        SOAK_DATABASE_URL=args.database_url,
        SOAK_CACHE=args.cache,
        SOAK_REDIS_URL=args.redis_url,
        SOAK_CACHE_PREFIX=prefix,
        SOAK_MEDIA_ROOT=str(media),
    )
    return env


def database_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    # The database is dropped and created: never one that is not the soak's.
    if "soak" not in name:
        sys.exit(
            f"Refusing to drop and recreate {name!r}: its name must contain 'soak'."
        )
    return name


def admin_command(url: str, sql: str) -> None:
    """Run one statement on the server's "postgres" database (outside a transaction)."""
    import psycopg

    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(sql)


def drop_database(url: str, name: str) -> None:
    admin_command(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def create_empty_database(url: str, name: str) -> None:
    """Drop the database ``name`` if it is there, and create it empty."""
    drop_database(url, name)
    admin_command(url, f'CREATE DATABASE "{name}"')


def run_setup(command: list[str], env: dict[str, str], what: str) -> Any:
    """Run a set-up child process (migrate, content) and return the JSON it prints
    on its last line; its output goes to stderr if it fails."""
    setup = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    if setup.returncode:
        print(setup.stdout, setup.stderr[-4000:], sep="\n", file=sys.stderr)
        raise RuntimeError(f"setting up {what} failed")
    return json.loads(setup.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def gunicorn_command(args: argparse.Namespace, port: int, log: Path) -> list[str]:
    from gunicorn.config import KNOWN_SETTINGS

    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "clinic_site.wsgi:application",
        f"--workers={args.workers}",
        f"--bind={HOST}:{port}",
        f"--timeout={REQUEST_TIMEOUT:.0f}",
        "--graceful-timeout=5",
        "--log-level=warning",
        f"--error-logfile={log}",
    ]
    # gunicorn 25+ opens a control socket at one path per user; two soaks (or
    # two engineers) at once must not share it.
    if any(s.name == "control_socket_disable" for s in KNOWN_SETTINGS):
        command.append("--no-control-socket")
    return command


def get(port: int, path: str, timeout: float = REQUEST_TIMEOUT) -> Response:
    started = time.monotonic()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Connection": "close"})
        reply = connection.getresponse()
        body = reply.read()
    except (OSError, http.client.HTTPException) as exc:
        return Response(started, time.monotonic(), path, error=type(exc).__name__)
    finally:
        connection.close()
    served = reply.getheader("X-Soak-Started")
    response = Response(
        started,
        time.monotonic(),
        path,
        status=reply.status,
        pid=reply.getheader("X-Soak-Pid", ""),
        served=float(served) if served else None,
    )
    if reply.status == 200:
        response.states = {kind: read(body) for kind, read in READERS.items()}
    return response


def wait_until_serving(
    port: int, path: str, server: subprocess.Popen, limit: float
) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode}")
        if get(port, path, timeout=5).status == 200:
            return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not serve {path} within {limit:.0f} s")


def warm_up(port: int, paths: list[str], workers: int, limit: float) -> None:
    """Request every page until each gunicorn worker has answered them all.

    A worker's first requests import modules and compile templates; measured
    under traffic on a busy machine, that start-up read as slow propagation of the
    first change. Bounded by ``limit`` seconds.
    """
    deadline = time.monotonic() + limit
    seen: dict[str, set[str]] = {}

    def warmed() -> bool:
        return len(seen) >= workers and all(
            set(paths) <= done for done in seen.values()
        )

    def client() -> None:
        for path in itertools.cycle(paths):
            if warmed() or time.monotonic() >= deadline:
                return
            response = get(port, path, timeout=REQUEST_TIMEOUT)
            if response.status == 200 and response.pid:
                seen.setdefault(response.pid, set()).add(path)

    threads = [threading.Thread(target=client) for _ in range(workers * 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def drive(
    port: int, paths: list[str], clients: int, until: float, max_requests: int
) -> list[Response]:
    """``clients`` threads requesting ``paths`` in turn until ``until``."""
    results: list[list[Response]] = [[] for _ in range(clients)]
    issued = itertools.count()  # shared bound on the number of requests

    def client(number: int) -> None:
        for k in itertools.count(number):
            if time.monotonic() >= until or next(issued) >= max_requests:
                return
            results[number].append(get(port, paths[k % len(paths)]))

    threads = [
        threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, until - time.monotonic()) + REQUEST_TIMEOUT + 5)
    return sorted(itertools.chain.from_iterable(results), key=lambda r: r.started)


@dataclass
class Propagation:
    change: dict
    seconds: float | None  # slowest worker; None if some worker never confirmed it
    client_seconds: float | None  # the same, until its client had the response
    stale: int  # responses after the commit that still showed an older state
    confirmed: int
    workers: int


def measure(
    change: dict,
    window_end: float,
    responses: list[Response],
    relevant: set[str],
    pids: set[str],
    confirm: int,
) -> Propagation:
    kind, state, done = change["kind"], change["state"], change["done"]
    by_pid: dict[str, list[Response]] = {pid: [] for pid in pids}
    for r in responses:
        if (
            r.status == 200
            and r.path in relevant
            and r.served is not None
            # Reached Django after the commit; answered before the next change
            # of this kind began, so it cannot show that one.
            and r.served > done
            and r.ended < window_end
        ):
            by_pid.setdefault(r.pid, []).append(r)
    slowest = slowest_client = 0.0
    stale = confirmed = 0
    for served in by_pid.values():
        served.sort(key=lambda r: r.served)
        shows = [r.states[kind] == state for r in served]
        first = next(
            (i for i in range(len(shows) - confirm + 1) if all(shows[i : i + confirm])),
            None,
        )
        stale += shows.count(False)
        if first is None:
            continue
        confirmed += 1
        slowest = max(slowest, served[first].served - done)
        slowest_client = max(slowest_client, served[first].ended - done)
    complete = confirmed == len(by_pid)
    return Propagation(
        change,
        slowest if complete else None,
        slowest_client if complete else None,
        stale,
        confirmed,
        len(by_pid),
    )


def analyse(
    changes: list[dict],
    responses: list[Response],
    paths: dict[str, str],
    traffic_end: float,
    confirm: int,
) -> list[Propagation]:
    everywhere = set(paths.values())
    relevant = {
        "banner": everywhere,  # every page shows the banners
        "page": {paths[PAGE_SLUG]},
        "hours": {paths[PAGE_SLUG]},
    }
    pids = {r.pid for r in responses if r.pid}
    results = []
    for i, change in enumerate(changes):
        later = [c for c in changes[i + 1 :] if c["kind"] == change["kind"]]
        window_end = later[0]["begun"] if later else traffic_end
        results.append(
            measure(
                change, window_end, responses, relevant[change["kind"]], pids, confirm
            )
        )
    return results


def report(
    args: argparse.Namespace,
    responses: list[Response],
    propagations: list[Propagation],
    seconds: float,
    initial_ok: bool,
) -> bool:
    ok = [r for r in responses if r.status == 200]
    five = sum(1 for r in responses if r.status is not None and r.status >= 500)
    failed = sum(1 for r in responses if r.status is None)
    other = len(responses) - len(ok) - five - failed
    pids = {r.pid for r in responses if r.pid}
    latencies = sorted((r.ended - r.started) * 1000 for r in ok)

    def pct(q: float) -> float:
        return (
            latencies[min(len(latencies) - 1, int(q * len(latencies)))]
            if latencies
            else 0.0
        )

    by_kind: dict[str, list[Propagation]] = {}
    for p in propagations:
        by_kind.setdefault(p.change["kind"], []).append(p)

    def worst(items: list[Propagation], attr: str) -> float | None:
        values = [getattr(p, attr) for p in items]
        return None if None in values or not values else max(values)

    problems = []
    if not ok:
        problems.append("no requests served")
    if five:
        problems.append(f"{five} 5xx responses")
    if failed or other:
        problems.append(f"{failed} failed requests, {other} other non-200 responses")
    if len(pids) < args.workers:
        problems.append(f"only {len(pids)} of {args.workers} workers answered")
    if not initial_ok:
        problems.append("responses before the first change did not show the demo state")
    for kind in ["banner", "page", "hours"]:
        items = by_kind.get(kind, [])
        if not items:
            problems.append(f"no {kind} change was made")
    for p in propagations:
        if p.seconds is None:
            problems.append(
                f"{p.change['label']} at {p.change['at']} s: confirmed by "
                f"{p.confirmed} of {p.workers} workers"
            )
        elif p.seconds >= args.limit:
            problems.append(
                f"{p.change['label']} at {p.change['at']} s took {p.seconds:.2f} s"
            )
        if p.stale:
            problems.append(
                f"{p.change['label']} at {p.change['at']} s: {p.stale} stale responses"
            )

    cache = "Redis" if args.cache == "redis" else "LocMemCache (per worker)"
    print(
        f"\nSoak: {seconds:.0f} s, {args.clients} clients, {args.workers} gunicorn "
        f"workers, PostgreSQL, {cache}"
    )
    print(
        f"{'requests':>9} {'req/s':>7} {'5xx':>4} {'failed':>6} {'other':>5} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'workers':>7}"
    )
    print(
        f"{len(responses):>9} {len(responses) / seconds:>7.1f} {five:>4} {failed:>6} "
        f"{other:>5} {pct(0.5):>7.0f} {pct(0.95):>7.0f} "
        f"{latencies[-1] if latencies else 0:>7.0f} {len(pids):>7}"
    )
    print(
        f"\n{'change':<15} {'count':>5} {'max propagation s':>18} "
        f"{'max seen by client s':>21} {'stale':>5}"
    )
    summary = {}
    for kind in ["banner", "page", "hours"]:
        items = by_kind.get(kind, [])
        server, client = worst(items, "seconds"), worst(items, "client_seconds")
        stale = sum(p.stale for p in items)
        summary[kind] = {
            "changes": len(items),
            "max_propagation_s": None if server is None else round(server, 3),
            "max_client_seen_s": None if client is None else round(client, 3),
            "stale_responses": stale,
        }
        shown = "unconfirmed" if server is None else f"{server:.3f}"
        seen = "unconfirmed" if client is None else f"{client:.3f}"
        print(f"{kind:<15} {len(items):>5} {shown:>18} {seen:>21} {stale:>5}")
    passed = not problems
    print(
        f"\n{'PASS' if passed else 'FAIL: ' + '; '.join(problems)}"
        f" (limit {args.limit:.1f} s, {args.confirm} consecutive responses per worker)"
    )
    print(
        json.dumps(
            {
                "soak": "pass" if passed else "fail",
                "seconds": round(seconds, 1),
                "clients": args.clients,
                "workers": args.workers,
                "workers_seen": len(pids),
                "cache": args.cache,
                "requests": len(responses),
                "requests_per_s": round(len(responses) / seconds, 1),
                "status_5xx": five,
                "failed": failed,
                "other_non_200": other,
                "latency_ms": {
                    "p50": round(pct(0.5)),
                    "p95": round(pct(0.95)),
                    "max": round(latencies[-1]) if latencies else 0,
                },
                "limit_s": args.limit,
                "changes": summary,
                "problems": problems,
            }
        )
    )
    return passed


def initial_state_ok(
    responses: list[Response], first_change: float, initial: dict, paths: dict
) -> bool:
    """Before any change, the pages show the demo's state: proves the readers work."""
    before = [r for r in responses if r.status == 200 and r.ended < first_change]
    banner = all(r.states["banner"] == initial["banner"] for r in before)
    page = [r for r in before if r.path == paths[PAGE_SLUG]]
    return (
        bool(page)
        and banner
        and all(r.states["page"] == initial["page"] for r in page)
        and all(r.states["hours"] == initial["hours"] for r in page)
    )


def stop(process: subprocess.Popen | None, group: bool = False) -> None:
    """Stop a child we started (and, for gunicorn, its workers): TERM, then KILL."""
    if process is None or process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            if group:
                os.killpg(process.pid, sig)
            else:
                process.send_signal(sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def soak(args: argparse.Namespace) -> bool:
    name = database_name(args.database_url)
    prefix = f"wagtail-physio-soak-{os.getpid()}-{int(time.time())}"
    work = Path(tempfile.mkdtemp(prefix="wagtail-physio-soak-"))
    env = child_env(args, prefix, work / "media")
    log = work / "gunicorn.log"
    server = changer = None
    created = False
    if args.cache == "redis":
        import redis

        try:
            redis.Redis.from_url(args.redis_url, socket_timeout=2).ping()
        except redis.RedisError as exc:
            sys.exit(
                f"Redis at {args.redis_url} does not answer ({exc}); "
                "start it, or use --cache locmem."
            )
    try:
        print(f"Setting up database {name} (migrate, demo content)...", flush=True)
        create_empty_database(args.database_url, name)
        created = True
        site = run_setup([sys.executable, __file__, "_setup"], env, "the soak database")
        paths = site["paths"]
        mix = [paths[PAGE_SLUG]] * PAGE_SHARE + [
            p for slug, p in paths.items() if slug != PAGE_SLUG
        ]

        port = free_port()
        print(
            f"Starting gunicorn ({args.workers} workers) on {HOST}:{port}...",
            flush=True,
        )
        server = subprocess.Popen(
            gunicorn_command(args, port, log),
            env=env,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: workers are stopped too
        )
        tail = args.limit + 1.0
        changer = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "_change",
                f"--start-in={args.start_in}",
                f"--seconds={args.seconds}",
                f"--interval={args.interval}",
                f"--tail={tail}",
            ],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        if changer.stdout.readline().strip() != "ready":
            raise RuntimeError("the changer process did not start")
        wait_until_serving(port, paths["home"], server, limit=60)
        warm_up(port, sorted(set(mix)), args.workers, limit=60)

        changes: list[dict] = []

        def collect() -> None:
            for line in changer.stdout:
                changes.append(json.loads(line))

        collector = threading.Thread(target=collect, daemon=True)
        collector.start()
        start = time.monotonic()
        changer.stdin.write(f"{start}\n")
        changer.stdin.flush()
        print(
            f"Driving {args.clients} clients for {args.seconds:.0f} s, a change every "
            f"{args.interval} s...",
            flush=True,
        )
        responses = drive(
            port, mix, args.clients, start + args.seconds, args.max_requests
        )
        traffic_end = time.monotonic()
        changer.wait(timeout=30)
        collector.join(timeout=5)
        if changer.returncode:
            raise RuntimeError(f"the changer process failed ({changer.returncode})")
        for change in changes:
            change["at"] = round(change["done"] - start, 2)  # seconds into the run
        initial_ok = initial_state_ok(
            responses,
            changes[0]["begun"] if changes else traffic_end,
            site["initial"],
            paths,
        )
        propagations = analyse(changes, responses, paths, traffic_end, args.confirm)
        if args.dump:
            with open(args.dump, "w") as out:
                for item in [*changes, *map(asdict, responses)]:
                    out.write(json.dumps(item) + "\n")
        passed = report(args, responses, propagations, traffic_end - start, initial_ok)
        if not passed and log.exists():
            print(f"\ngunicorn log (last lines of {log}):", file=sys.stderr)
            print("\n".join(log.read_text().splitlines()[-40:]), file=sys.stderr)
        return passed
    finally:
        stop(changer)
        stop(server, group=True)
        if created and not args.keep_db:
            drop_database(args.database_url, name)
        if args.cache == "redis":
            import redis

            client = redis.Redis.from_url(args.redis_url, socket_timeout=2)
            for key in client.scan_iter(match=f"{prefix}:*", count=500):
                client.delete(key)
        shutil.rmtree(work, ignore_errors=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--short",
        action="store_true",
        help="the CI form: 15 s, 8 clients, 2 workers unless given",
    )
    parser.add_argument("--seconds", type=float, help="traffic time (default 60)")
    parser.add_argument("--clients", type=int, help="concurrent clients (default 32)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default 4)")
    parser.add_argument(
        "--cache",
        choices=["redis", "locmem"],
        default="redis",
        help="Redis shared by the workers, or each worker's LocMemCache",
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=2.5,
        help="seconds between changes (default 2.5)",
    )
    parser.add_argument(
        "--start-in",
        type=float,
        default=2.0,
        help="seconds of traffic before the first change (default 2)",
    )
    parser.add_argument(
        "--confirm",
        type=int,
        default=3,
        help="consecutive new-state responses per worker (default 3)",
    )
    parser.add_argument(
        "--limit",
        type=float,
        default=2.0,
        help="propagation must stay under this (default 2 s)",
    )
    parser.add_argument(
        "--max-requests",
        type=int,
        default=200_000,
        help="stop after this many requests whatever the time",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("SOAK_DATABASE_URL", DEFAULT_DATABASE),
        help="PostgreSQL database to create, use and drop; its name must contain 'soak'",
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("SOAK_REDIS_URL", DEFAULT_REDIS)
    )
    parser.add_argument(
        "--dump",
        metavar="PATH",
        help="write the changes and every response's timings and states as JSON lines",
    )
    parser.add_argument(
        "--keep-db",
        action="store_true",
        help="leave the database for inspection instead of dropping it",
    )
    args = parser.parse_args(argv)
    short = {"seconds": 15.0, "clients": 8, "workers": 2}
    full = {"seconds": 60.0, "clients": 32, "workers": 4}
    for key, value in (short if args.short else full).items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.seconds < args.start_in + args.limit + 1.0 + args.interval * 3:
        parser.error("--seconds is too short for one change of each kind")
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_setup"]:
        setup_site()
        return 0
    if argv[:1] == ["_change"]:
        parser = argparse.ArgumentParser()
        for option in ("--start-in", "--seconds", "--interval", "--tail"):
            parser.add_argument(option, type=float, required=True)
        options = parser.parse_args(argv[1:])
        run_changer(options.start_in, options.seconds, options.interval, options.tail)
        return 0
    args = parse_args(argv)
    # A CI timeout's SIGTERM unwinds like Ctrl-C, through soak()'s clean-up.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        return 0 if soak(args) else 1
    except RuntimeError as exc:
        print(f"\nFAIL: {exc}", file=sys.stderr)
        print(json.dumps({"soak": "error", "problems": [str(exc)]}))
        return 1


if __name__ == "__main__":
    sys.exit(main())
