"""Every payload, through every field, by the admin forms (issue 10).

Each form is posted by a user holding only the permissions its task needs (see
``conftest.editors``), with the payload in every field. A form may refuse fields
(status 200, a field error, nothing saved): that answer is checked as admin HTML,
and the form posted again with only the refused fields made harmless, until it
saves. What was saved is then read everywhere it shows, as for imports. The
banner editor's live preview is asked for the unsaved form too, as its script
does while an editor types.
"""

import pytest
from django.urls import NoReverseMatch, reverse

from wagtail_physio.models import (
    NoticeBanner,
)

from .content import (
    AdminForm,
    banner_form,
    category_form,
    condition_page_form,
    contact_form,
    index_form,
    location_form,
)
from .payloads import PAYLOADS, Payload
from .reading import TALLY, Made, Reader, field_count

pytestmark = pytest.mark.django_db

BATCH = 22
BATCHES = [PAYLOADS[i : i + BATCH] for i in range(0, len(PAYLOADS), BATCH)]

#: The banner editor's live preview (posted to as the editor types).
PREVIEW_URL_NAME = "wagtail_physio_noticebanner_modeladmin_preview"


def describe_errors(response) -> str:
    if response.status_code != 200 or response.context is None:
        return f"status {response.status_code}"
    errors = response.context["form"].errors.as_data()
    return repr(
        {
            name: [getattr(e, "as_json_data", lambda e=e: e.messages)() for e in found]
            for name, found in errors.items()
        }
    )


def posted(form: AdminForm, client) -> None:
    """Post ``form`` until it saves; every form saves once harmless."""
    assert form.post(client), (
        f"{form.model.__name__} form refused even its harmless values: "
        f"{describe_errors(form.responses[-1])}"
    )
    TALLY[("admin", "fields saved holding the payload")] += len(form.hostile_leaves())
    TALLY[("admin", "form posts")] += len(form.responses)
    TALLY[("admin", "form posts refused")] += len(form.responses) - 1


def saved(form: AdminForm, client):
    """Post ``form``; the object it made."""
    model = form.model
    before = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    posted(form, client)
    created = model.objects.filter(pk__gt=before).order_by("-pk").first()
    assert created is not None
    return created.specific if hasattr(created, "specific") else created


def refusals(*forms: AdminForm) -> list:
    return [
        (response, field_count(form.model))
        for form in forms
        for response in form.responses
        if response.status_code == 200
    ]


def preview_banner(reader: Reader, payload: Payload, form: AdminForm, client) -> None:
    """The banner editor's live preview of the unsaved, hostile form."""
    try:
        url = reverse(PREVIEW_URL_NAME)
    except NoReverseMatch:  # a version of the package without the live preview
        return
    response = client.post(url, form.data())
    assert response.status_code == 200, (
        f"banner preview answered {response.status_code}"
    )
    data = response.json()
    # The iframe's document is checked as a reader's page; the notes as admin HTML.
    pairs = field_count(NoticeBanner)
    reader.record_json(f"admin-preview {payload.id}", data, ("document",), pairs)
    reader.record_html(
        f"admin-preview {payload.id} (notes)", data.get("notes", ""), 0, admin=True
    )


@pytest.mark.parametrize(
    "batch", BATCHES, ids=[f"{b[0].id}..{b[-1].id}" for b in BATCHES]
)
def test_admin_content_runs_no_script_in_any_output(
    client, editors, home, image, site, batch
):
    reader = Reader("admin", client, editors)
    made = []
    for payload in batch:
        category = category_form(payload)
        index = index_form(payload, home)
        location = location_form(payload)
        banner = banner_form(payload)
        preview_banner(reader, payload, banner, editors["banner"])
        saved_category = saved(category, editors["category"])
        saved_index = saved(index, editors["page"])
        page = condition_page_form(
            payload, saved_index, image_id=image.pk, category_id=saved_category.pk
        )
        made.append(
            Made(
                payload=payload,
                category=saved_category,
                index=saved_index,
                page=saved(page, editors["page"]),
                location=saved(location, editors["location"]),
                banners=[saved(banner, editors["banner"])],
                refusals=refusals(category, index, page, location, banner),
            )
        )
    for item in made:
        # One set of contact details per site: this payload's, while it is read.
        contact = contact_form(item.payload, site)
        posted(contact, editors["contact"])
        item.refusals += refusals(contact)
        reader.read_public(item)
        reader.read_editorial(item, stored=False)
    reader.read_listings(made, home)
    assert not reader.findings, "\n".join(reader.findings)
