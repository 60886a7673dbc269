"""The banner as readers will see it, drawn from the edit form before it is saved.

The create and edit screens show a ``NoticePreviewPanel``: an iframe holding the
banner rendered by the site's own template (``notice_banner.html``) and styled by
the package stylesheet, with notes on what saving would do (when readers see it,
which other banners of its severity show with it, what stops it being saved).
``notice-banner-admin.js`` posts the form to the preview view as the editor types
and puts the answer (``preview_data``) in place; the first preview is rendered
with the page, from the same function.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.panels import Panel
from wagtail.models import Site

from ..core.assets import STYLESHEET
from ..core.rich_text import clean_inline_rich_text
from ..core.translations import source_versions
from ..locations.contact import ClinicContactSettings
from ..locations.panels import OPENED_STATE_FIELD
from .banners import render_live_banner
from .models import NOTICE_MESSAGE_MAX_LENGTH, NoticeBanner, message_length

if TYPE_CHECKING:
    from django.forms import ModelForm
    from django.http import HttpRequest

#: The iframe's document: the banner and the package stylesheet, nothing else.
DOCUMENT_TEMPLATE = "wagtail_physio/admin/notice_banner_preview.html"
#: What saving would do, shown under the preview.
NOTES_TEMPLATE = "wagtail_physio/admin/notice_banner_preview_notes.html"
PANEL_TEMPLATE = "wagtail_physio/admin/notice_banner_preview_panel.html"
#: The preview view's URL name: without arguments for a new banner, with the
#: banner's pk for an existing one (see ``NoticeBannerAdmin``).
PREVIEW_URL_NAME = "wagtail_physio_noticebanner_modeladmin_preview"
ADMIN_STYLESHEET = "wagtail_physio/css/notice-banner-admin.css"
ADMIN_SCRIPT = "wagtail_physio/js/notice-banner-admin.js"


def preview_url(instance: NoticeBanner | None) -> str:
    if instance is not None and instance.pk is not None:
        return reverse(PREVIEW_URL_NAME, args=[instance.pk])
    return reverse(PREVIEW_URL_NAME)


def banner_from_form(form: ModelForm[NoticeBanner]) -> tuple[NoticeBanner, list[int]]:
    """The banner the form describes, unsaved, and the ids of its sites.

    A bound form is validated first; fields with errors keep what the banner held
    before (the notes list the errors). Nothing is written to the database.
    """
    banner = form.instance
    sites = None
    if form.is_bound:
        form.is_valid()  # builds form.instance from the valid fields
        sites = form.cleaned_data.get("sites")
    if sites is None:  # not posted, or not valid: the saved ones
        sites = banner.sites.all() if banner.pk else []
    return banner, sorted(site.pk for site in sites)


def overlapping_banners(
    banner: NoticeBanner,
    site_ids: list[int],
    now: datetime.datetime | None = None,
) -> list[NoticeBanner]:
    """Other banners of the same severity readers would see alongside ``banner``
    (on a site it shows on, at a time it shows), soonest first. None when
    ``banner`` itself will not show."""
    now = now or timezone.now()
    if banner.get_state(now) in (NoticeBanner.State.OFF, NoticeBanner.State.EXPIRED):
        return []
    others = NoticeBanner.objects.overlapping(
        severity=banner.severity,
        starts_at=banner.starts_at,
        ends_at=banner.ends_at,
        site_ids=site_ids,
        now=now,
    ).prefetch_related("sites")
    if banner.pk is not None:
        others = others.exclude(pk=banner.pk)
    # Readers see one version of a banner: its translations are not others, and
    # another banner's translations are that banner again.
    others = source_versions(others.exclude(translation_key=banner.translation_key))
    return sorted(others, key=lambda other: (other.starts_at or now, other.pk))


def overlap_entries(
    banners: list[NoticeBanner], request: HttpRequest
) -> list[dict[str, Any]]:
    """What the notes and the warning on save say of each overlapping banner."""
    finder = AdminURLFinder(request.user)
    return [
        {
            "label": str(other),
            "state": other.get_state().label,
            "sites": ", ".join(str(site) for site in other.sites.all())
            or _("All sites"),
            "edit_url": finder.get_edit_url(other),
        }
        for other in banners
    ]


def _default_phone(site_ids: list[int]) -> str:
    """The main number a phone call to action falls back to, on the first site the
    banner shows on (the default site when it shows on all)."""
    site = (
        Site.objects.filter(pk=site_ids[0]).first()
        if site_ids
        else Site.objects.filter(is_default_site=True).first()
    )
    contact = ClinicContactSettings.objects.filter(site=site).first()
    return contact.main_phone if contact else ""


def preview_document(banner: NoticeBanner, site_ids: list[int]) -> str:
    """The iframe's HTML: the banner exactly as a page shows it (same template,
    same stylesheet), or a line asking for a message."""
    rendered = None
    # As save() stores it, so even the version (what dismissals remember) matches.
    banner.message = clean_inline_rich_text(banner.message)
    if message_length(banner.message):
        rendered = render_live_banner(banner, _default_phone(site_ids))
    return render_to_string(
        DOCUMENT_TEMPLATE,
        {
            "banner_html": rendered["html"] if rendered else "",
            "broken": bool(banner.message) and rendered is None,
            "stylesheets": [static(STYLESHEET), static(ADMIN_STYLESHEET)],
        },
    )


def _when_shown(
    banner: NoticeBanner, now: datetime.datetime
) -> tuple[str, datetime.datetime | None]:
    state = banner.get_state(now)
    if state == NoticeBanner.State.SCHEDULED:
        return "scheduled", banner.starts_at
    if state == NoticeBanner.State.LIVE:
        return "live", banner.ends_at
    return state.value, None


def preview_data(form: ModelForm[NoticeBanner], request: HttpRequest) -> dict[str, Any]:
    """Everything the preview panel shows for the form as it stands: the iframe's
    ``document``, the ``notes`` HTML and the message's ``length``."""
    banner, site_ids = banner_from_form(form)
    now = timezone.now()
    errors = []
    if form.is_bound:
        for name, messages in form.errors.items():
            if name == OPENED_STATE_FIELD:
                continue
            label = form.fields[name].label if name in form.fields else None
            errors.append({"label": label, "messages": messages})
    state, until = _when_shown(banner, now)
    notes = render_to_string(
        NOTES_TEMPLATE,
        {
            "state": state,
            "until": until,
            "severity": banner.get_severity_display(),
            "overlaps": overlap_entries(
                overlapping_banners(banner, site_ids, now), request
            ),
            "errors": errors,
            "is_new": banner.pk is None,
        },
        request=request,
    )
    return {
        "document": preview_document(banner, site_ids),
        "notes": notes,
        "length": message_length(banner.message),
        "max_length": NOTICE_MESSAGE_MAX_LENGTH,
    }


class NoticePreviewPanel(Panel):
    """The live preview on the create and edit screens (needs JavaScript to
    follow the form; the first preview is in the page)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("heading", _("Preview"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = PANEL_TEMPLATE

        def get_context_data(
            self, parent_context: dict[str, Any] | None = None
        ) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context.update(preview_data(self.form, self.request))
            context["preview_url"] = preview_url(self.instance)
            return context
