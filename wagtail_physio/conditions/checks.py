"""System checks for condition pages: the index's page size (E010) and alphabets
(E019), the page types on a site with its own base page (E014, E015), the
urgent-advice numbers (E016) and Django's limit on form fields, which long pages
exceed (W001)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from wagtail.models import Page

from ..core.checks import whole_number_error
from ..core.conf import physio_settings
from ..core.pages import get_page_model
from ..core.phone import parse_dialable
from .alphabets import letters_error
from .models import (
    CONDITION_INDEX_PAGE_SETTING,
    CONDITION_PAGE_SETTING,
    ConditionIndexPageMixin,
    ConditionPageMixin,
)


@register(Tags.compatibility)
def check_listing_settings(
    app_configs: Any = None, **kwargs: Any
) -> list[CheckMessage]:
    error = whole_number_error("CONDITIONS_PER_PAGE", 1, "wagtail_physio.E010")
    return [] if error is None else [error]


@register(Tags.compatibility)
def check_alphabets(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Each alphabet the A–Z index may use is a list of distinct letters."""
    alphabets = physio_settings.ALPHABETS
    hint = (
        'Give {"language code": ["A", "B", ...]}: letters in order, as the A–Z '
        "navigation shows them, or the dotted path of such a list."
    )
    if not isinstance(alphabets, dict):
        return [
            Error(
                "WAGTAIL_PHYSIO['ALPHABETS'] must be a dict of language codes to "
                "alphabets.",
                hint=hint,
                id="wagtail_physio.E019",
            )
        ]
    errors: list[CheckMessage] = []
    for code, letters in alphabets.items():
        problem = (
            "has a language code that is not a string"
            if not isinstance(code, str) or not code.strip()
            else letters_error(letters)
        )
        if problem:
            errors.append(
                Error(
                    f"WAGTAIL_PHYSIO['ALPHABETS'][{code!r}] {problem}: the A–Z index "
                    "of that language falls back to English A–Z.",
                    hint=hint,
                    id="wagtail_physio.E019",
                )
            )
    return errors


#: Fields Django may receive in one form post for editors to save long pages: the
#: value ``wagtail start`` sets. A condition page posts about 20 fields a block
#: (a 100-block page about 2,000); Django's own default of 1,000 stops at ~40 blocks.
RECOMMENDED_MAX_NUMBER_FIELDS = 10_000


@register(Tags.compatibility)
def check_form_field_limit(
    app_configs: Any = None, **kwargs: Any
) -> list[CheckMessage]:
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if limit is not None and limit < RECOMMENDED_MAX_NUMBER_FIELDS:
        return [
            Warning(
                f"DATA_UPLOAD_MAX_NUMBER_FIELDS is {limit}: saving a condition page "
                "of more than about 40 blocks will fail with 'TooManyFieldsSent'.",
                hint=f"Set DATA_UPLOAD_MAX_NUMBER_FIELDS = "
                f"{RECOMMENDED_MAX_NUMBER_FIELDS:_} (as `wagtail start` does) or None.",
                id="wagtail_physio.W001",
            )
        ]
    return []


@register(Tags.models)
def check_page_types(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The package's page types build on Wagtail's ``Page``: a site that swaps in
    its own base page names page types of its own built from the mixins."""
    errors: list[CheckMessage] = []
    page_model = get_page_model()
    for setting, mixin in (
        (CONDITION_INDEX_PAGE_SETTING, ConditionIndexPageMixin),
        (CONDITION_PAGE_SETTING, ConditionPageMixin),
    ):
        label = getattr(settings, setting, None)
        if not label:
            if page_model is not Page:
                errors.append(
                    Error(
                        f"WAGTAIL_PAGE_MODEL is {page_model._meta.label}, but {setting} "
                        "is not set: the package's own page type builds on Wagtail's "
                        "Page, which that setting replaces.",
                        hint=f"Make a page type from {mixin.__name__} and your base "
                        f"page, and set {setting} to its 'app_label.ModelName' "
                        "(docs/extending.md).",
                        id="wagtail_physio.E014",
                    )
                )
            continue
        try:
            model = apps.get_model(label, require_ready=False)
        except (LookupError, ValueError):
            continue  # Django's own swappable check reports a model it cannot find.
        if not issubclass(model, mixin) or not issubclass(model, page_model):
            errors.append(
                Error(
                    f"{setting} names {label}, which is not a page type built from "
                    f"{mixin.__name__} and the base page model "
                    f"{page_model._meta.label}.",
                    hint=f"class {model.__name__}({mixin.__name__}, "
                    f"{page_model.__name__}): ... (docs/extending.md).",
                    id="wagtail_physio.E015",
                )
            )
    return errors


@register(Tags.compatibility)
def check_urgent_advice_contacts(
    app_configs: Any = None, **kwargs: Any
) -> list[CheckMessage]:
    """Every number the urgent-advice block offers must be one a phone can dial."""
    contacts = physio_settings.URGENT_ADVICE_CONTACTS
    if not isinstance(contacts, dict):
        return [
            Error(
                "WAGTAIL_PHYSIO['URGENT_ADVICE_CONTACTS'] must be a dict of levels "
                "('emergency', 'urgent') to {'number': ..., 'name': ...}.",
                id="wagtail_physio.E016",
            )
        ]
    errors: list[CheckMessage] = []
    for level, contact in contacts.items():
        number = contact.get("number") if isinstance(contact, dict) else None
        if parse_dialable(number) is None:
            errors.append(
                Error(
                    f"URGENT_ADVICE_CONTACTS['{level}'] has no number a phone can "
                    f"dial in region {physio_settings.PHONE_DEFAULT_REGION}: {number!r}.",
                    hint="Give {'number': '999', 'name': '999'}: a full number or "
                    "a short one valid in PHONE_DEFAULT_REGION.",
                    id="wagtail_physio.E016",
                )
            )
    return errors
