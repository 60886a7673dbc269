"""Every payload, through every field, by the import route (issue 10).

The ORM writes what imports, data migrations and a project's code write: page
bodies as a JSON string, a list of dicts or tuples (each shape takes every third
payload), page fields with a QuerySet update, locations, banners and categories
with ``objects.create()``; the contact settings are updated in place, and so are
the site's name and the image library's title and description, which pages and
the API show too. No form, no ``full_clean()``. Then every output is read.
"""

import pytest
from wagtail.images import get_image_model
from wagtail.models import Site

from wagtail_physio.models import ClinicContactSettings

from .content import (
    BODY_SHAPES,
    fits,
    import_everything,
    import_fields,
    import_slugs,
    skipped,
)
from .inventory import Field, image_fields
from .payloads import PAYLOADS
from .reading import Reader

pytestmark = pytest.mark.django_db

#: The site's name, shown in page titles and the JSON-LD: written by site admins.
SITE_NAME = Field(
    Site, ("site_name",), "text", Site._meta.get_field("site_name").max_length
)

BATCH = 22
BATCHES = [PAYLOADS[i : i + BATCH] for i in range(0, len(PAYLOADS), BATCH)]


@pytest.mark.parametrize(
    "batch", BATCHES, ids=[f"{b[0].id}..{b[-1].id}" for b in BATCHES]
)
def test_imported_content_runs_no_script_in_any_output(
    client, editors, home, image, site, batch
):
    reader = Reader("import", client, editors)
    made = [
        import_everything(
            payload,
            home,
            image,
            # Each shape takes every third payload.
            BODY_SHAPES[PAYLOADS.index(payload) % len(BODY_SHAPES)],
        )
        for payload in batch
        if not skipped(payload)
    ]
    for item in made:
        # What is set once per site or image carries this payload while it is read.
        ClinicContactSettings.objects.filter(
            pk=ClinicContactSettings.for_site(site).pk
        ).update(**import_fields(ClinicContactSettings, item.payload))
        get_image_model().objects.filter(pk=image.pk).update(
            **{
                field.path[0]: fits(item.payload.value, field)
                for field in image_fields()
            }
        )
        Site.objects.filter(pk=site.pk).update(
            site_name=fits(item.payload.value, SITE_NAME)
        )
        reader.read_public(item)
    for item in made:
        import_slugs(item)
        reader.read_editorial(item)
    reader.read_listings(made, home)
    assert not reader.findings, "\n".join(reader.findings)
