"""What a wagtail-physio page costs next to a plain page and a generic StreamField page.

One command, one process, one run: every in-process measurement is taken in
interleaved rounds (each round visits every target, in a rotating order), so load
from other jobs on the machine falls on all of them alike::

    python benchmarks/bench.py                    # everything, about 6-9 minutes
    python benchmarks/bench.py --quick            # in-process groups, few rounds (CI)
    python benchmarks/bench.py --only page,index  # some groups
    python benchmarks/bench.py --render-cache both

Groups (``--only``):

- ``page``: a condition page of 1, 10, 50 and 200 blocks (heading, paragraph, image,
  callout) against a plain page holding its visible text in one RichTextField and a
  generic StreamField page with the same content (Wagtail's heading, rich text,
  image and quote blocks);
- ``first``: the first request after a publish (a new revision each time), condition
  page against the generic page;
- ``index``: the conditions index over 200 and 2,000 condition pages, with and without
  ``?q=`` (matching every page; the same query again, and a query never asked
  before, as searches are cached per query), against a plain page with its
  visible text;
- ``api``: ``/api/v2/pages/<id>/`` and a 20-page listing with ``fields=*``, for each
  kind of page;
- ``admin``: saving (publishing) each kind of page through the admin's edit form;
- ``fresh``: a new ``wagtail start`` site with the package installed as the README
  says: its own home page against the package's condition page (a subprocess);
- ``gunicorn``: requests per second, p50/p99 and server CPU per request for a
  condition page and its plain page, PostgreSQL with persistent connections,
  4 workers, 32 clients (``benchmarks/soak.py`` starts and stops gunicorn).

The main figure is CPU time per request (``time.process_time()`` in this process;
the gunicorn workers' CPU from /proc); wall time is secondary, as it measures the
neighbours on a shared machine as much as the site. Prints a markdown table, each
target of issue 11 as met or missed, and one JSON line last.

In-process groups use the test settings with an in-memory SQLite database and a
temporary media folder. All traffic goes to 127.0.0.1; every phase is bounded in
requests and seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
# The package, the test app and these modules; the example site (its ``home`` app)
# only for the in-process groups, as a fresh site has a ``home`` app of its own.
for _path in (HERE, ROOT):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

GROUPS = ["page", "first", "index", "api", "admin", "fresh", "gunicorn"]
IN_PROCESS = ["page", "first", "index", "api", "admin"]
#: Seconds the subprocess pairs take on a busy two-core machine, kept free for them
#: when the in-process rounds' time budget is set: building the fresh site and
#: measuring it; setting up PostgreSQL, then each gunicorn server (one per render
#: cache setting measured).
RESERVE = {"fresh": 100.0, "gunicorn": 80.0}
RESERVE_PER_SERVER = 55.0
#: Punctuation the index's search ignores: spells one search many ways.
SEARCH_MARKS = "!.,;:?"


@dataclass
class Plan:
    """How much to measure: the full run, or ``--quick``."""

    page_sizes: list[int]
    index_sizes: list[int]
    first_size: int
    api_pages: int
    api_size: int
    admin_size: int
    rounds: int
    seconds: float  # the in-process rounds stop after this, whatever the count
    requests: dict[str, int]  # per target per round, by group
    gunicorn: dict[str, Any]
    fresh_rounds: int


FULL = Plan(
    page_sizes=[1, 10, 50, 200],
    index_sizes=[200, 2000],
    first_size=50,
    api_pages=20,
    api_size=10,
    admin_size=10,
    rounds=12,
    seconds=150.0,  # at most; less when the run's time limit needs it (main)
    requests={"page": 4, "first": 2, "index": 3, "api": 3, "admin": 2},
    gunicorn={"workers": 4, "clients": 32, "seconds": 6.0, "phases": 2},
    fresh_rounds=8,
)
QUICK = Plan(
    page_sizes=[1, 10],
    index_sizes=[60],
    first_size=10,
    api_pages=5,
    api_size=4,
    admin_size=4,
    rounds=2,
    seconds=20.0,
    requests={"page": 2, "first": 1, "index": 1, "api": 1, "admin": 1},
    gunicorn={"workers": 2, "clients": 8, "seconds": 3.0, "phases": 1},
    fresh_rounds=2,
)


# --- measuring -----------------------------------------------------------------


@dataclass
class Target:
    """One URL (or form post) measured in every round."""

    key: str
    group: str
    request: Callable[[], Any]
    expect: int = 200
    prepare: Callable[[], None] | None = None  # untimed, before each request
    variant: bool | None = None  # RENDER_CACHE for this target; None: as set
    per_round: int = 3
    cpu: list[float] = field(default_factory=list)  # seconds per request, by round
    wall: list[float] = field(default_factory=list)
    queries: int | None = None

    def summary(self) -> dict[str, Any]:
        return {
            "cpu_ms": round(statistics.median(self.cpu) * 1000, 3)
            if self.cpu
            else None,
            "wall_ms": round(statistics.median(self.wall) * 1000, 3)
            if self.wall
            else None,
            "queries": self.queries,
            "rounds": len(self.cpu),
            "requests_per_round": self.per_round,
        }


def render_cache_available() -> bool:
    from wagtail_physio.core.conf import DEFAULTS

    return "RENDER_CACHE" in DEFAULTS


@contextlib.contextmanager
def render_cache(enabled: bool | None) -> Iterator[None]:
    """``WAGTAIL_PHYSIO["RENDER_CACHE"]`` set for the block (nothing when None)."""
    if enabled is None:
        yield
        return
    from django.conf import settings
    from django.test.utils import override_settings

    current = dict(getattr(settings, "WAGTAIL_PHYSIO", {}) or {})
    with override_settings(WAGTAIL_PHYSIO={**current, "RENDER_CACHE": enabled}):
        yield


def call(target: Target) -> Any:
    response = target.request()
    if response.status_code != target.expect:
        raise RuntimeError(
            f"{target.key}: status {response.status_code}, expected {target.expect}"
        )
    return response


def count_queries(target: Target) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with render_cache(target.variant):
        if target.prepare:
            target.prepare()
        with CaptureQueriesContext(connection) as queries:
            call(target)
    return len(queries)


def run_rounds(targets: list[Target], rounds: int, seconds: float) -> int:
    """Measure every target once per round, rotating the order; returns rounds done.

    Stops early (after at least two rounds) once ``seconds`` have passed.
    """
    for target in targets:  # warm up: templates, renditions, caches
        with render_cache(target.variant):
            for _ in range(2):
                if target.prepare:
                    target.prepare()
                call(target)
        target.queries = count_queries(target)
    started = time.monotonic()
    done = 0
    for number in range(rounds):
        shift = number % len(targets)
        order = targets[shift:] + targets[:shift]
        if number % 2:
            order.reverse()
        for target in order:
            cpu = wall = 0.0
            with render_cache(target.variant):
                if target.prepare is None:
                    # Untimed: a target measured warm is warm, although another
                    # target's publish this round (the "first" group) moved
                    # every page's cached rendering on.
                    call(target)
                for _ in range(target.per_round):
                    if target.prepare:
                        target.prepare()
                    c0, w0 = time.process_time(), time.perf_counter()
                    call(target)
                    cpu += time.process_time() - c0
                    wall += time.perf_counter() - w0
            target.cpu.append(cpu / target.per_round)
            target.wall.append(wall / target.per_round)
        done += 1
        print(
            f"  round {done}/{rounds} done ({time.monotonic() - started:.0f} s)",
            file=sys.stderr,
            flush=True,
        )
        if done >= 2 and time.monotonic() - started > seconds:
            break
    return done


# --- the in-process site ------------------------------------------------------------


def setup_django() -> str:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    # Always in memory: the benchmark must not depend on, or write to, a real database.
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(1, str(ROOT / "example_project"))
    import django
    from django.conf import settings

    media = tempfile.mkdtemp(prefix="physio-bench-media-")
    settings.MEDIA_ROOT = media
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return media


def variants_for(mode: str) -> list[bool | None]:
    """RENDER_CACHE values to measure the package's pages with."""
    if not render_cache_available():
        return [None]
    return {"on": [True], "off": [False], "both": [True, False]}[mode]


def variant_label(variant: bool | None) -> str:
    return {None: "", True: "cache on", False: "cache off"}[variant]


@dataclass
class Row:
    """A line of the table: the package's target against its plain and generic ones."""

    group: str
    case: str
    variant: bool | None
    package: str
    plain: str | None = None
    generic: str | None = None


def build_targets(
    plan: Plan, groups: list[str], variants: list[bool | None]
) -> tuple[list[Target], list[Row]]:
    import bench_content as content
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from wagtail.models import Site

    from home.demo_content import load_demo_content
    from wagtail_physio.models import ConditionIndexPage

    load_demo_content()
    home = Site.objects.get(is_default_site=True).root_page.specific
    client = Client()
    images = content.make_images()
    targets: list[Target] = []
    rows: list[Row] = []

    def sections(slug: str) -> dict[str, Any]:
        return {
            "condition": content.publish(
                home, ConditionIndexPage(title=f"Bench {slug}", slug=f"bench-{slug}")
            ),
            "generic": content.section(home, f"bench-{slug}-generic", "Generic"),
            "baseline": content.section(home, f"bench-{slug}-plain", "Plain"),
        }

    def get(url: str) -> Callable[[], Any]:
        return lambda: client.get(url)

    def new_search(url: str, word: str) -> Callable[[], Any]:
        """Requests for ``word`` spelt differently each time: punctuation the
        search ignores, so each finds the same pages under a key of its own."""
        asked = itertools.count(1)

        def search() -> Any:
            number, marks = next(asked), ""
            while number:
                number, digit = divmod(number, len(SEARCH_MARKS))
                marks += SEARCH_MARKS[digit]
            return client.get(url, {"q": word + marks})

        return search

    def add(key: str, group: str, request: Callable[[], Any], **kw: Any) -> str:
        targets.append(
            Target(key, group, request, per_round=plan.requests[group], **kw)
        )
        return key

    def trio_targets(group: str, case: str, urls: dict[str, str], **kw: Any) -> None:
        plain = add(f"{group}/{case}/plain", group, get(urls["baseline"]), **kw)
        generic = add(f"{group}/{case}/generic", group, get(urls["generic"]), **kw)
        for variant in variants:
            key = f"{group}/{case}/condition" + (
                f"/{variant_label(variant)}" if variant is not None else ""
            )
            add(key, group, get(urls["condition"]), variant=variant, **kw)
            rows.append(Row(group, case, variant, key, plain, generic))

    def step(name: str) -> None:
        print(f"  {name}", file=sys.stderr, flush=True)

    if "page" in groups:
        step(f"condition, generic and plain pages of {plan.page_sizes} blocks")
        parents = sections("page")
        for size in plan.page_sizes:
            trio = content.build_trio(client, parents, f"page-{size}", size, images)
            trio_targets(
                "page",
                f"{size} blocks",
                {
                    "condition": trio.condition.url,
                    "generic": trio.generic.url,
                    "baseline": trio.baseline.url,
                },
            )

    if "first" in groups:
        step("pages to republish")
        parents = sections("first")
        trio = content.build_trio(client, parents, "first", plan.first_size, images)

        def republish(page: Any) -> Callable[[], None]:
            def again() -> None:
                page.save_revision().publish()

            return again

        case = f"{plan.first_size} blocks, first request after a publish"
        generic = add(
            "first/generic",
            "first",
            get(trio.generic.url),
            prepare=republish(trio.generic),
        )
        for variant in variants:
            key = "first/condition" + (
                f"/{variant_label(variant)}" if variant is not None else ""
            )
            add(
                key,
                "first",
                get(trio.condition.url),
                prepare=republish(trio.condition),
                variant=variant,
            )
            rows.append(Row("first", case, variant, key, None, generic))

    if "index" in groups:
        for size in plan.index_sizes:
            step(f"a conditions index over {size:,} pages")
            index, baseline = content.build_index(client, home, size)
            plain = add(f"index/{size}/plain", "index", get(baseline.url))
            for variant in variants:
                suffix = f"/{variant_label(variant)}" if variant is not None else ""
                key = add(
                    f"index/{size}/index{suffix}",
                    "index",
                    get(index.url),
                    variant=variant,
                )
                rows.append(Row("index", f"{size:,} pages", variant, key, plain))
                key = add(
                    f"index/{size}/search{suffix}",
                    "index",
                    get(f"{index.url}?q={content.SEARCH_WORD}"),
                    variant=variant,
                )
                rows.append(
                    Row(
                        "index",
                        f"{size:,} pages, ?q= matching all",
                        variant,
                        key,
                        plain,
                    )
                )
                # Searches are cached per exact query: a query never asked before
                # is what the first reader to search for something waits for.
                key = add(
                    f"index/{size}/new-search{suffix}",
                    "index",
                    new_search(index.url, content.SEARCH_WORD),
                    variant=variant,
                )
                rows.append(
                    Row(
                        "index",
                        f"{size:,} pages, ?q= matching all, a new query each request",
                        variant,
                        key,
                        plain,
                    )
                )

    if "api" in groups:
        step(f"{plan.api_pages} pages of each kind for the API")
        parents = sections("api")
        trios = [
            content.build_trio(client, parents, f"api-{n}", plan.api_size, images)
            for n in range(plan.api_pages)
        ]
        first = trios[0]
        trio_targets(
            "api",
            f"detail, {plan.api_size} blocks",
            {
                kind: f"/api/v2/pages/{getattr(first, kind).pk}/"
                for kind in ("condition", "generic", "baseline")
            },
        )
        types = {
            "condition": "wagtail_physio.ConditionPage",
            "generic": "testapp.GenericStreamPage",
            "baseline": "testapp.BaselinePage",
        }
        trio_targets(
            "api",
            f"listing of {plan.api_pages}, fields=*",
            {
                kind: (
                    f"/api/v2/pages/?type={types[kind]}&child_of={parents[kind].pk}"
                    f"&fields=*&limit={plan.api_pages}"
                )
                for kind in types
            },
        )

    if "admin" in groups:
        step("pages to save through the admin")
        parents = sections("admin")
        trio = content.build_trio(
            client, parents, "admin", plan.admin_size, images, with_forms=True
        )
        admin = Client()
        user = get_user_model().objects.create_superuser(
            "bench-admin", "bench@example.com", "not-a-real-password"
        )
        admin.force_login(user)

        def post(kind: str) -> Callable[[], Any]:
            page = getattr(trio, kind)
            url = reverse("wagtailadmin_pages:edit", args=[page.pk])
            return lambda: admin.post(url, trio.forms[kind])

        case = f"save, {plan.admin_size} blocks"
        plain = add("admin/plain", "admin", post("baseline"), expect=302)
        generic = add("admin/generic", "admin", post("generic"), expect=302)
        for variant in variants:
            key = "admin/condition" + (
                f"/{variant_label(variant)}" if variant is not None else ""
            )
            add(key, "admin", post("condition"), expect=302, variant=variant)
            rows.append(Row("admin", case, variant, key, plain, generic))

    return targets, rows


# --- the report ------------------------------------------------------------------


def machine() -> dict[str, Any]:
    import django
    import wagtail

    return {
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "platform": platform.platform(terse=True),
    }


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


def fmt(value: float | None, digits: int = 2, suffix: str = "") -> str:
    return "–" if value is None else f"{value:.{digits}f}{suffix}"


def table_rows(rows: list[Row], results: dict[str, dict[str, Any]]) -> list[dict]:
    out = []
    for row in rows:
        package = results[row.package]
        plain = results.get(row.plain or "", {})
        generic = results.get(row.generic or "", {})
        out.append(
            {
                "group": row.group,
                "case": row.case,
                "render_cache": variant_label(row.variant) or "n/a",
                "package": row.package,
                "cpu_ms": package["cpu_ms"],
                "plain_cpu_ms": plain.get("cpu_ms"),
                "generic_cpu_ms": generic.get("cpu_ms"),
                "vs_plain": ratio(package["cpu_ms"], plain.get("cpu_ms")),
                "vs_generic": ratio(package["cpu_ms"], generic.get("cpu_ms")),
                "queries": package["queries"],
                "plain_queries": plain.get("queries"),
                "generic_queries": generic.get("queries"),
                "wall_ms": package["wall_ms"],
                "plain_wall_ms": plain.get("wall_ms"),
            }
        )
    return out


def print_table(lines: list[dict], extra: list[dict]) -> None:
    print(
        "| group | case | render cache | package CPU ms | plain CPU ms | × plain "
        "| generic CPU ms | × generic | queries (pkg / plain / generic) "
        "| wall ms (pkg / plain) |"
    )
    print("|---|---|---|---:|---:|---:|---:|---:|---|---|")

    def q(value: Any) -> str:
        return "–" if value is None else str(value)

    for line in [*lines, *extra]:
        print(
            f"| {line['group']} | {line['case']} | {line['render_cache']} "
            f"| {fmt(line['cpu_ms'])} | {fmt(line['plain_cpu_ms'])} "
            f"| {fmt(line['vs_plain'], suffix='x')} | {fmt(line['generic_cpu_ms'])} "
            f"| {fmt(line['vs_generic'], suffix='x')} "
            f"| {q(line['queries'])} / {q(line['plain_queries'])} / "
            f"{q(line['generic_queries'])} "
            f"| {fmt(line['wall_ms'], 1)} / {fmt(line['plain_wall_ms'], 1)} |"
        )


@dataclass
class Check:
    group: str
    name: str
    figure: float | None
    limit: float
    higher_is_better: bool = False
    unit: str = "x"

    @property
    def met(self) -> bool | None:
        if self.figure is None:
            return None
        if self.higher_is_better:
            return self.figure >= self.limit
        return self.figure <= self.limit

    def as_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "target": self.name,
            "figure": self.figure,
            "limit": self.limit,
            "comparison": ">=" if self.higher_is_better else "<=",
            "met": self.met,
        }


def preferred(lines: list[dict], group: str, case: str) -> dict | None:
    """The line for ``case``, with the render cache on when both were measured."""
    found = [x for x in lines if x["group"] == group and x["case"] == case]
    for label in ("cache on", "n/a", "cache off"):
        for line in found:
            if line["render_cache"] == label:
                return line
    return None


def checks(
    plan: Plan, lines: list[dict], results: dict, fresh: dict | None, gun: dict | None
) -> list[Check]:
    """Issue 11's targets, each with the figure this run measured (None: not run)."""
    out: list[Check] = []

    def line_ratio(group: str, case: str, column: str) -> float | None:
        line = preferred(lines, group, case)
        return line[column] if line else None

    for size, limit in ((10, 1.10), (200, 1.15)):
        if size in plan.page_sizes:
            out.append(
                Check(
                    "page",
                    f"condition page, {size} blocks, warm: <= {limit}x the plain page",
                    line_ratio("page", f"{size} blocks", "vs_plain"),
                    limit,
                )
            )
    out.append(
        Check(
            "first",
            "first request after a publish: <= 1.5x the generic StreamField page",
            line_ratio(
                "first",
                f"{plan.first_size} blocks, first request after a publish",
                "vs_generic",
            ),
            1.5,
        )
    )
    for size in plan.page_sizes:
        line = preferred(lines, "page", f"{size} blocks")
        if line and line["queries"] is not None and line["plain_queries"] is not None:
            out.append(
                Check(
                    "page",
                    f"queries per warm request, {size} blocks: <= the plain page's",
                    float(line["queries"] - line["plain_queries"]),
                    0.0,
                    unit=" more",
                )
            )
    for size in plan.index_sizes:
        out.append(
            Check(
                "index",
                f"index, {size:,} pages: <= 1.2x its plain baseline",
                line_ratio("index", f"{size:,} pages", "vs_plain"),
                1.2,
            )
        )
    biggest = max(plan.index_sizes)
    search = preferred(lines, "index", f"{biggest:,} pages, ?q= matching all")
    listing = preferred(lines, "index", f"{biggest:,} pages")
    out.append(
        Check(
            "index",
            f"index ?q= matching {biggest:,} pages: <= 2x the query-less index",
            ratio(search["cpu_ms"], listing["cpu_ms"]) if search and listing else None,
            2.0,
        )
    )
    out.append(
        Check(
            "gunicorn",
            "gunicorn: condition page >= 0.95x the plain page's req/s",
            gun["rps_ratio"] if gun else None,
            0.95,
            higher_is_better=True,
        )
    )
    out.append(
        Check(
            "gunicorn",
            "gunicorn: condition page p99 <= 1.2x the plain page's",
            gun["p99_ratio"] if gun else None,
            1.2,
        )
    )
    out.append(
        Check(
            "fresh",
            "fresh wagtail start site: condition page <= 1.2x its home page",
            fresh["ratio"] if fresh else None,
            1.2,
        )
    )
    return out


def print_checks(items: list[Check]) -> None:
    print("\nTargets (issue 11):")
    for item in items:
        state = {True: "met", False: "MISSED", None: "not measured"}[item.met]
        sign = ">=" if item.higher_is_better else "<="
        figure = "–" if item.figure is None else f"{item.figure:g}{item.unit}"
        print(
            f"- {state}: {item.name} — measured {figure} (limit {sign} {item.limit:g})"
        )


# --- main --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="few rounds and small pages; alone, only the in-process groups (CI smoke)",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="GROUP[,GROUP]",
        help=f"measure only these groups: {', '.join(GROUPS)}",
    )
    parser.add_argument(
        "--render-cache",
        choices=["on", "off", "both"],
        default="both",
        help="WAGTAIL_PHYSIO['RENDER_CACHE'] for the package's pages, if it exists",
    )
    parser.add_argument("--rounds", type=int, help="in-process rounds (override)")
    parser.add_argument(
        "--max-minutes",
        type=float,
        default=9.5,
        help="time limit of the whole run: the in-process rounds stop early to keep it "
        "(at least two rounds are always measured)",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL"),
        help="PostgreSQL database for the gunicorn pair, created and dropped; its name "
        "must contain 'bench' (default postgres://postgres@127.0.0.1:5432/"
        "wagtail_physio_bench_<pid>)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0"),
        help="the gunicorn workers' shared cache (LocMemCache if it does not answer)",
    )
    args = parser.parse_args(argv)
    only = [g.strip() for item in args.only for g in item.split(",") if g.strip()]
    unknown = sorted(set(only) - set(GROUPS))
    if unknown:
        parser.error(f"unknown group(s): {', '.join(unknown)}; choose from {GROUPS}")
    # --quick alone: the in-process groups; the subprocess pairs take a minute each.
    default = IN_PROCESS if args.quick else GROUPS
    args.groups = [g for g in GROUPS if g in only] if only else list(default)
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_fresh"]:
        import bench_fresh

        return bench_fresh.measure_main(argv[1:])
    if argv[:1] == ["_gunicorn_setup"]:
        import bench_gunicorn

        return bench_gunicorn.setup_main()
    args = parse_args(argv)
    plan = QUICK if args.quick else FULL
    if args.rounds:
        plan.rounds = args.rounds
    began = time.monotonic()
    in_process = [g for g in args.groups if g in IN_PROCESS]
    media = setup_django() if in_process else None
    import shutil

    available = render_cache_available()
    variants = variants_for(args.render_cache)
    print(
        f"wagtail-physio benchmark: groups {', '.join(args.groups)}; render cache "
        + (args.render_cache if available else "not in this version (measured as is)"),
        file=sys.stderr,
        flush=True,
    )
    results: dict[str, dict[str, Any]] = {}
    lines: list[dict] = []
    rounds_done = 0
    try:
        if in_process:
            print("Building pages...", file=sys.stderr, flush=True)
            targets, rows = build_targets(plan, in_process, variants)
            print(
                f"Measuring {len(targets)} targets, {plan.rounds} interleaved rounds...",
                file=sys.stderr,
                flush=True,
            )
            # Leave time for the subprocess pairs: the whole run stays in its limit.
            reserve = sum(RESERVE[g] for g in args.groups if g in RESERVE)
            if "gunicorn" in args.groups:
                reserve += RESERVE_PER_SERVER * len(variants)
            left = args.max_minutes * 60 - (time.monotonic() - began) - reserve
            budget = max(30.0, min(plan.seconds, left))
            rounds_done = run_rounds(targets, plan.rounds, budget)
            results = {t.key: t.summary() for t in targets}
            lines = table_rows(rows, results)
    finally:
        if media:
            shutil.rmtree(media, ignore_errors=True)

    fresh = gun = None
    extra: list[dict] = []
    if "fresh" in args.groups:
        import bench_fresh

        print("Fresh wagtail start site...", file=sys.stderr, flush=True)
        fresh = bench_fresh.run(plan.fresh_rounds, args.render_cache, available)
        extra.extend(fresh.pop("lines"))
    if "gunicorn" in args.groups:
        import bench_gunicorn

        print("gunicorn throughput pair...", file=sys.stderr, flush=True)
        gun = bench_gunicorn.run(
            plan.gunicorn,
            args.database_url,
            args.redis_url,
            args.render_cache,
            available,
        )
        extra.extend(gun.pop("lines"))

    about = machine()
    print(
        f"\nPython {about['python']}, Django {about['django']}, Wagtail "
        f"{about['wagtail']}; {about['cpus']} CPUs, load average "
        f"{' '.join(map(str, about['load_average']))}; in-process: SQLite in memory, "
        f"{rounds_done} interleaved rounds; CPU ms per request (median of rounds)\n"
    )
    print_table(lines, extra)
    items = [
        item
        for item in checks(plan, lines, results, fresh, gun)
        if item.group in args.groups
    ]
    print_checks(items)
    report = {
        "bench": "wagtail-physio",
        "quick": args.quick,
        "groups": args.groups,
        "render_cache": args.render_cache if available else "absent",
        "rounds": rounds_done,
        "seconds": round(time.monotonic() - began, 1),
        "machine": about,
        "results": results,
        "rows": lines + extra,
        "fresh": fresh,
        "gunicorn": gun,
        "targets": [item.as_dict() for item in items],
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
