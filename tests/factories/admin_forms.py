"""What the Wagtail admin posts: the condition page form and its list blocks."""

from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield


def list_items(values):
    """ListBlock form data, the way the admin's list widget posts it."""
    data = {
        str(i): {"value": value, "deleted": "", "order": str(i), "id": ""}
        for i, value in enumerate(values)
    }
    data["count"] = str(len(values))
    return data


def condition_page_form(body=(), *, publish=True, **fields):
    """POST data for the condition page create/edit form, as the admin sends it.

    ``body`` is a list of (block type, form value) pairs; ``publish`` presses
    "Publish" rather than "Save draft".
    """
    data = {
        "title": "Back surgery",
        "slug": "back-surgery",
        "summary": "Recovery after spinal operations.",
        "hero_image_alt": "",
        "hero_caption": "",
        "body": streamfield(list(body)),
        "related_conditions": streamfield([]),
        "reviewer_name": "",
        "reviewer_role": "",
        "last_reviewed": "",
        "review_interval_months": "",
        "next_review_due_override": "",
        "subject_type": "MedicalProcedure",
    }
    data.update(fields)
    data = nested_form_data(data)
    if publish:
        data["action-publish"] = "publish"
    return data


def add_condition_page_url(parent):
    return reverse(
        "wagtailadmin_pages:add", args=("wagtail_physio", "conditionpage", parent.pk)
    )


def edit_page_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])
