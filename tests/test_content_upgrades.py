"""Content saved by an earlier version still shows in full after an upgrade.

Each ``tests/fixtures/content-<version>.json`` holds pages, a clinic location and
notice banners exactly as that version stored them (``tests/fixtures/README.md``).
The test puts those rows in the database unconverted, runs over them the package's
data migrations written since (as ``migrate`` does on a site being upgraded),
renders the pages, saves each again through a revision, and checks that every block
and every value is still there after each step.
"""

import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.images import ImageFile
from django.db import connection
from django.db.migrations import Migration, RunPython
from django.db.migrations.loader import MigrationLoader
from django.db.models import F, JSONField
from django.db.models.functions import Cast
from PIL import Image as PILImage
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData
from wagtail.blocks.migrations.operations import RenameStructChildrenOperation
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page

from tests.factories import notice_texts, notices_in, soup
from wagtail_physio.models import (
    ClinicLocation,
    ConditionCategory,
    NoticeBanner,
    OpeningHours,
)

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("content-*.json"))


# -- Putting stored content back -------------------------------------------------


def typed(model, row):
    """A fixture row's JSON values as the model's fields take them."""
    meta = model._meta
    return {
        name: (meta.pk if name == "pk" else meta.get_field(name)).to_python(value)
        for name, value in row.items()
    }


def stored_streams(model, pk):
    """Every StreamField of a row as the database holds it, unconverted."""
    names = [f.name for f in model._meta.concrete_fields if isinstance(f, StreamField)]
    if not names:
        return {}
    return (
        model.objects.filter(pk=pk)
        .annotate(**{f"raw_{name}": Cast(F(name), JSONField()) for name in names})
        .values(*(f"raw_{name}" for name in names))
        .get()
    )


def insert_page(data, parent):
    """Add a page from the fixture, its stream data written as stored.

    Assigning stream data to a page converts it, and drops block types the
    current code does not know: exactly what an upgrade must not lose unnoticed.
    So the page is saved without it, then the stored JSON is written into its
    row and its live revision directly, where a data migration finds it.
    """
    model = apps.get_model(data["type"])
    fields = {
        name: value
        for name, value in data["fields"].items()
        if not isinstance(model._meta.get_field(name), StreamField)
    }
    streams = {
        name: value for name, value in data["fields"].items() if name not in fields
    }
    page = model(pk=data["pk"], title=data["title"], slug=data["slug"])
    for name, value in typed(model, fields).items():
        setattr(page, name, value)
    if data["categories"]:
        page.categories = list(
            ConditionCategory.objects.filter(pk__in=data["categories"])
        )
    parent.add_child(instance=page)
    revision = page.save_revision()
    revision.publish()

    model.objects.filter(pk=page.pk).update(**streams)
    revision.refresh_from_db()
    for name, value in streams.items():
        # Revisions keep stream data as a JSON string.
        revision.content[name] = json.dumps(value)
    revision.save(update_fields=["content"])
    return page


def insert_content(content, site):
    """Everything in a content fixture, with the ids it was stored with."""
    for row in content["images"]:
        buffer = io.BytesIO()
        PILImage.new("RGB", (row["width"], row["height"]), (0, 96, 107)).save(
            buffer, format="PNG"
        )
        image = get_image_model()(pk=row["pk"], title=row["title"])
        if hasattr(image, "description"):
            image.description = row["description"]
        image.file = ImageFile(buffer, name=f"image-{row['pk']}.png")
        image.save()

    for row in content["categories"]:
        ConditionCategory.objects.create(**typed(ConditionCategory, row))

    for row in content["locations"]:
        fields = {k: v for k, v in row.items() if k != "opening_hours"}
        location = ClinicLocation.objects.create(**typed(ClinicLocation, fields))
        for hours in row["opening_hours"]:
            OpeningHours.objects.create(location=location, **typed(OpeningHours, hours))

    for row in content["notice_banners"]:
        fields = {k: v for k, v in row.items() if k != "sites"}
        banner = NoticeBanner.objects.create(**typed(NoticeBanner, fields))
        banner.sites.set(row["sites"])

    for data in content["pages"]:
        parent = Page.objects.get(pk=data["parent"] or site.root_page_id)
        insert_page(data, parent)


def run_data_migrations_since(recorded, loader=None):
    """Run the data migrations (``RunPython``, which Wagtail's ``MigrateStreamData``
    is) of each app's migrations after ``recorded[app]`` over what was inserted.

    The test database already has the newest tables, so schema operations are not
    run again; each data migration gets the historical models of its own place in
    the history, as ``migrate`` gives it. Returns the migrations run.
    """
    loader = loader or MigrationLoader(connection)
    graph = loader.graph
    ran = []
    for app_label, name in recorded.items():
        already = set(graph.forwards_plan((app_label, name)))
        for leaf in graph.leaf_nodes(app_label):
            for key in graph.forwards_plan(leaf):
                if key[0] != app_label or key in already:
                    continue
                already.add(key)
                state = loader.project_state(key, at_end=False)
                for operation in graph.nodes[key].operations:
                    if isinstance(operation, RunPython):
                        operation.code(state.apps, connection.schema_editor())
                    operation.state_forwards(app_label, state)
                ran.append(key)
    return ran


@pytest.fixture(params=FIXTURES, ids=lambda path: path.stem)
def content(request, site, settings):
    """A content fixture, inserted as stored and migrated as an upgrade would."""
    # The test app's base template, which places the notice banners.
    settings.WAGTAIL_PHYSIO = {"BASE_TEMPLATE": "base.html"}
    data = json.loads(request.param.read_text())
    data["name"] = request.param.stem
    insert_content(data, site)
    for page in data["pages"]:
        model = apps.get_model(page["type"])
        stored = stored_streams(model, page["pk"])
        for name, value in page["fields"].items():
            if f"raw_{name}" in stored:
                assert stored[f"raw_{name}"] == value, "not inserted as stored"
    run_data_migrations_since(data["migrations"])
    return data


# -- What readers must find ------------------------------------------------------

#: For each fixture, what each page must still show: text by the block or part of
#: the page that shows it, heading levels, links, image alt texts and <time> values.
#: A new fixture adds its own entry.
SHOWN = {
    "content-0.1": {
        "/conditions/knee-replacement/": {
            "text": {
                "page": [
                    "Knee replacement",
                    "Getting ready for a knee replacement and recovering well after it.",
                    "Bending the knee, three weeks after surgery",
                    "Sam Patel",
                    "Senior musculoskeletal physiotherapist",
                ],
                "heading": ["Before your operation", "After your operation"],
                "paragraph": [
                    "Most people walk with a frame the day after surgery.",
                    "NHS guide",
                    "knee osteoarthritis",
                    "Ice packs",
                    "Pain relief on time",
                ],
                "urgent_advice": [
                    "Call 999 if your knee",
                    "Turns hot, red and swollen",
                    "Cannot take any weight",
                    "Do not drive yourself to hospital.",
                ],
                "callout": [
                    "Before you exercise",
                    "Stop if the pain gets worse.",
                    "Tell us at your next visit.",
                ],
                "aims": [
                    "What the operation aims to do",
                    "Every operation is planned for one person.",
                    "Less pain",
                    "A straighter knee",
                    "Walking further",
                    "Getting back to the life you enjoy.",
                ],
                "procedures": [
                    "Types of knee replacement",
                    "Your surgeon will suggest one of these.",
                    "Total knee replacement",
                    "Replaces both sides of the joint.",
                    "Partial knee replacement",
                    "Replaces only the worn side.",
                    "Ask your surgeon which suits you.",
                ],
                "key_points": [
                    "How physiotherapy helps",
                    "Starting before surgery pays off.",
                    "Stronger thigh muscles",
                    "A quicker recovery",
                ],
                "do_dont": [
                    "The first weeks at home",
                    "Small things make a big difference.",
                    "Walk a little further each day",
                    "Keep your exercises up",
                    "Kneel on the new knee",
                    "Sit with your legs crossed",
                ],
                "treatments": [
                    "Treatments we offer",
                    "Your plan may include:",
                    "Hydrotherapy",
                    "Exercise in a warm pool.",
                    "Massage",
                    "We follow your surgeon's guidelines.",
                ],
                "questions": [
                    "Your questions",
                    "What patients ask us most.",
                    "How soon can I drive?",
                    "Usually after six weeks. Ask us first.",
                    "Will I set off airport scanners?",
                    "Sometimes; carry your surgery letter.",
                ],
                "image": ["A morning stretch, six weeks on", "Photo: A. Jones"],
                "call_to_action": [
                    "Book a pre-surgery assessment",
                    "We can usually see you within a week.",
                    "0151 496 0123",
                    "Book your assessment",
                ],
                "clinic_locations": [
                    "Where we see knee patients",
                    "Quayside clinic",
                    "inside Riverside Leisure Club",
                    "12 Chandlers Row",
                    "Harbour Quarter",
                    "Riverton",
                    "RV1 4QT",
                    "0151 496 0313",
                    "quayside@clinic.example",
                    "Sunday Closed",
                    "Free parking behind the building.",
                    "Step-free entrance on Dock Street.",
                ],
                "related_conditions": ["Knee osteoarthritis"],
            },
            "headings": [
                ("h2", "Before your operation"),
                ("h3", "After your operation"),
                ("h2", "Your questions"),
            ],
            "links": [
                "https://www.nhs.uk/conditions/knee-replacement/",
                "/conditions/knee-osteoarthritis/",
                "https://example.com/total-knee",
                "tel:+441514960123",
                "https://example.com/book-knee",
                "tel:+441514960313",
                "mailto:quayside@clinic.example",
            ],
            "images": [
                "A patient bending her knee with a physiotherapist's help",
                "A patient stretching her leg on a mat",
            ],
            # Opening hours (a day with a lunch break; Saturday morning) and the
            # review date.
            "times": [
                "08:00",
                "12:30",
                "13:30",
                "19:00",
                "09:30",
                "12:00",
                "2026-01-15",
            ],
        },
        "/conditions/knee-osteoarthritis/": {
            "text": {"paragraph": ["Exercise is the first treatment."]},
        },
        "/conditions/?category=knee": {
            "text": {
                "intro": ["Find your condition or operation."],
                "category": ["Knee replacement"],
            },
        },
    },
}

#: The notice banners every page shows: what a screen reader reads of each and
#: whether it can be dismissed, then the banners' links.
BANNERS = {
    "content-0.1": (
        [
            (
                [
                    "Urgent notice:",
                    "Quayside clinic is closed for refurbishment",
                    "other clinics",
                    "Call to rebook",
                ],
                False,
            ),
            (
                [
                    "Notice:",
                    "Evening appointments are now available on Wednesdays.",
                    "Book an evening",
                ],
                True,
            ),
        ],
        [
            "tel:+441514960100",
            "https://clinic.example/closures",
            "https://clinic.example/book",
        ],
    ),
}


def text_of(tag):
    return " ".join(tag.get_text(" ").split())


def assert_everything_shown(client, content):
    banners_shown, banner_links = BANNERS[content["name"]]
    for url, shown in SHOWN[content["name"]].items():
        response = client.get(url)
        html = soup(response)
        text = text_of(html)
        for part, values in shown["text"].items():
            for value in values:
                assert value in text, f"{url}: {part} lost {value!r}"
        headings = {(h.name, text_of(h)) for h in html.select("h1, h2, h3, h4")}
        for heading in shown.get("headings", []):
            assert heading in headings, f"{url}: heading {heading} lost"
        links = {a["href"] for a in html.select("a[href]")}
        for link in shown.get("links", []) + banner_links:
            assert link in links, f"{url}: link {link} lost"
        images = {img.get("alt"): img.get("srcset") for img in html.select("img")}
        for alt in shown.get("images", []):
            assert images.get(alt), f"{url}: image {alt!r} lost"
        times = {t.get("datetime") for t in html.select("time")}
        for time in shown.get("times", []):
            assert time in times, f"{url}: time {time} lost"

        banners = notice_texts(response)
        assert len(banners) == len(banners_shown), banners
        for (parts, dismissible), banner, tag in zip(
            banners_shown, banners, notices_in(response), strict=True
        ):
            assert all(part in banner for part in parts), banner
            assert tag.has_attr("data-physio-notice-dismissible") is dismissible


def assert_every_block_kept(client, content):
    """Each page's stream data converts and serialises with none of it dropped
    (an unknown block type is dropped silently)."""
    for data in content["pages"]:
        page = Page.objects.get(pk=data["pk"]).specific
        for name, value in data["fields"].items():
            if isinstance(page._meta.get_field(name), StreamField):
                assert len(getattr(page, name)) == len(value), f"{name} lost blocks"
        if "body" in data["fields"]:
            api = client.get(f"/api/v2/pages/{page.pk}/").json()
            assert len(api["body"]) == len(data["fields"]["body"])


# -- Tests -----------------------------------------------------------------------


def test_stored_content_shows_in_full(content, client):
    assert_every_block_kept(client, content)
    assert_everything_shown(client, content)


def test_content_survives_saving_again_through_a_revision(content, client):
    for data in content["pages"]:
        page = Page.objects.get(pk=data["pk"]).specific
        page.save_revision().publish()

    for data in content["pages"]:
        page = Page.objects.get(pk=data["pk"]).specific
        assert page.live_revision == page.latest_revision
        # The live row and its revision hold the same stream data.
        stored = stored_streams(type(page), page.pk)
        for key, value in stored.items():
            revision_value = page.live_revision.content[key.removeprefix("raw_")]
            assert json.loads(revision_value) == value
    assert_every_block_kept(client, content)
    assert_everything_shown(client, content)


class MigrateConditionPages(MigrateStreamData):
    """docs/blocks.md's data migration operation: nothing where ConditionPage is
    swapped for a project's own page type."""

    def migrate_stream_data_forward(self, apps, schema_editor):
        if apps.get_model(self.app_name, self.model_name)._meta.swapped:
            return
        super().migrate_stream_data_forward(apps, schema_editor)


@pytest.mark.parametrize("content", FIXTURES[:1], indirect=True, ids=["content-0.1"])
def test_a_stream_data_migration_is_run_over_the_stored_content(content):
    """A block rename ships with a data migration, as docs/blocks.md says; the
    fixture content, stored before it, reaches the tests through it. Here the
    migration is made up, and added to the migrations Django found."""
    loader = MigrationLoader(connection)
    (leaf,) = loader.graph.leaf_nodes("wagtail_physio")
    rename = Migration("9999_rename_key_points_points", "wagtail_physio")
    rename.dependencies = [leaf]
    rename.operations = [
        MigrateConditionPages(
            "wagtail_physio",
            "conditionpage",
            "body",
            [(RenameStructChildrenOperation("points", "items"), "key_points")],
        )
    ]
    key = ("wagtail_physio", rename.name)
    loader.graph.add_node(key, rename)
    loader.graph.add_dependency(rename, key, leaf)

    assert run_data_migrations_since({"wagtail_physio": leaf[1]}, loader) == [key]

    page = Page.objects.get(slug="knee-replacement").specific
    (key_points,) = [
        block["value"]
        for block in stored_streams(type(page), page.pk)["raw_body"]
        if block["type"] == "key_points"
    ]
    assert "points" not in key_points
    assert [item["value"] for item in key_points["items"]] == [
        "Stronger thigh muscles",
        "A quicker recovery",
    ]
    (in_revision,) = [
        block["value"]
        for block in json.loads(page.live_revision.content["body"])
        if block["type"] == "key_points"
    ]
    assert in_revision == key_points
