"""How much slower is a block-built condition page than the same text in one field?

Renders the demo "Back surgery" condition page (every block, images included) and a
plain Wagtail page holding the same visible text in one RichTextField
(``tests.testapp.models.BaselinePage``), alternating between them in one run, and
prints the median time per request of each and their ratio.

Run from the repository root:

    python benchmarks/bench_condition_page.py [--rounds 15] [--requests 40]

It uses the test settings with an in-memory SQLite database and a temporary media
folder, so it touches nothing on disk outside a temp directory.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "example_project")]
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
# Always in memory: a benchmark must not depend on, or write to, a real database.
os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ.pop("REDIS_URL", None)


def setup():
    import django
    from django.conf import settings

    media = tempfile.mkdtemp(prefix="physio-bench-media-")
    settings.MEDIA_ROOT = media
    django.setup()

    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def baseline_html(page_html, selector="article.physio-condition"):
    """The visible text of a rendered page's content, as plain rich text markup."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page_html, "html.parser")
    article = soup.select_one(selector)
    article.find("h1").decompose()
    for tag in article.find_all(["img", "input"]):
        tag.decompose()
    for tag in article.find_all(
        ["section", "figure", "header", "footer", "nav", "div", "span", "a"]
        + ["form", "label", "button", "time", "address", "article", "strong"]
    ):
        tag.unwrap()
    for tag in article.find_all(True):
        tag.attrs = {}
    for tag in article.find_all("figcaption"):
        tag.name = "p"
    return article.decode_contents()


def build_pages():
    from django.test import Client

    from home.demo_content import load_demo_content
    from tests.testapp.models import BaselinePage
    from wagtail_physio.models import ConditionPage

    load_demo_content()
    condition = ConditionPage.objects.get(slug="back-surgery")
    client = Client()
    html = client.get(condition.url).content.decode()
    baseline = BaselinePage(
        title=condition.title, slug="baseline", body=baseline_html(html)
    )
    # A sibling of the condition page, so routing to either costs the same.
    condition.get_parent().add_child(instance=baseline)
    baseline.save_revision().publish()
    return client, condition, baseline


def time_requests(client, url, count):
    start = time.perf_counter()
    for _ in range(count):
        response = client.get(url)
        assert response.status_code == 200, response.status_code
    return (time.perf_counter() - start) / count


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return len(context.captured_queries)


def print_results(args, medians, queries, page_name, target=None):
    import django
    import wagtail

    print(
        f"Python {sys.version.split()[0]}, Django {django.get_version()}, "
        f"Wagtail {wagtail.__version__}, SQLite in memory"
    )
    print(f"{args.rounds} rounds x {args.requests} requests per page")
    for name, median in medians.items():
        print(
            f"{name:>10}: median {median * 1000:7.2f} ms/request, "
            f"{queries[name]} queries"
        )
    ratio = medians[page_name] / medians["baseline"]
    goal = f" (target <= {target}x)" if target else ""
    print(f"     ratio: {ratio:.2f}x{goal}")


def measure(client, urls, args):
    """Median seconds per request and query count of each URL, measured in turns."""
    for url in urls.values():  # warm up: renditions, template and settings caches
        time_requests(client, url, 5)

    samples = {name: [] for name in urls}
    for round_number in range(args.rounds):
        # Alternate which page goes first so drift affects both alike.
        order = list(urls.items())
        if round_number % 2:
            order.reverse()
        for name, url in order:
            samples[name].append(time_requests(client, url, args.requests))

    medians = {name: statistics.median(values) for name, values in samples.items()}
    queries = {name: count_queries(client, url) for name, url in urls.items()}
    return medians, queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--requests", type=int, default=40, help="per page per round")
    args = parser.parse_args()

    setup()
    client, condition, baseline = build_pages()
    urls = {"condition": condition.url, "baseline": baseline.url}
    medians, queries = measure(client, urls, args)
    # Issue 2's design goal for a condition page.
    print_results(args, medians, queries, "condition", target=1.5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
