"""How much slower is the conditions index than the same text in one field?

Publishes 200 condition pages (each in a category, with the demo page's body) under the demo's conditions
index, then renders the index's first page (``CONDITIONS_PER_PAGE`` conditions, A-Z
groups, letter navigation, category filter) and a plain Wagtail page holding the
same visible text in one RichTextField, alternating between them, and prints the
median time per request of each and their ratio.

Run from the repository root:

    python benchmarks/bench_condition_index.py [--rounds 15] [--requests 20]

Same settings as ``bench_condition_page.py``: in-memory SQLite, temporary media.
"""

import argparse
import sys

from bench_condition_page import (
    baseline_html,
    measure,
    print_results,
    setup,
)

CONDITIONS = 200
# Fictional titles spread over the alphabet, so every letter group has entries.
WORDS = [
    "Ankle", "Back", "Calf", "Disc", "Elbow", "Foot", "Groin", "Hip", "Iliac",
    "Jaw", "Knee", "Lumbar", "Muscle", "Neck", "Overuse", "Pelvic", "Quadriceps",
    "Rib", "Shoulder", "Tendon", "Ulnar", "Vertebral", "Wrist", "Xiphoid", "Yoga",
    "Zygomatic",
]  # fmt: skip
KINDS = [
    "pain",
    "strain",
    "stiffness",
    "sprain",
    "injury",
    "weakness",
    "surgery",
    "rehab",
]


def build_pages():
    from django.test import Client

    from home.demo_content import load_demo_content
    from tests.testapp.models import BaselinePage
    from wagtail_physio.models import (
        ConditionCategory,
        ConditionIndexPage,
        ConditionPage,
    )

    load_demo_content()
    index = ConditionIndexPage.objects.get(slug="conditions")
    categories = list(ConditionCategory.objects.all())
    # Real pages carry a body the index never shows; give each the demo's.
    body = ConditionPage.objects.get(slug="back-surgery").body.raw_data
    for n in range(CONDITIONS):
        title = f"{WORDS[n % len(WORDS)]} {KINDS[n // len(WORDS) % len(KINDS)]} {n}"
        page = ConditionPage(
            title=title,
            summary=f"How physiotherapy helps with {title.lower()}.",
            body=list(body),
        )
        index.add_child(instance=page)
        if categories:
            page.categories.set([categories[n % len(categories)]])
        page.save_revision().publish()
    client = Client()
    html = client.get(index.url).content.decode()
    baseline = BaselinePage(
        title=index.title,
        slug="index-baseline",
        body=baseline_html(html, "div.physio-condition-index"),
    )
    # A sibling of the index, so routing to either costs the same.
    index.get_parent().add_child(instance=baseline)
    baseline.save_revision().publish()
    return client, index, baseline


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--requests", type=int, default=20, help="per page per round")
    args = parser.parse_args()

    setup()
    client, index, baseline = build_pages()
    urls = {"index": index.url, "baseline": baseline.url}
    medians, queries = measure(client, urls, args)
    print(f"{CONDITIONS} condition pages under the index")
    print_results(args, medians, queries, "index")
    return 0


if __name__ == "__main__":
    sys.exit(main())
