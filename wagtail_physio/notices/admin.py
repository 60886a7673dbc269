"""Admin for notice banners: a list with each banner's state, and a preview.

Saves are atomic, and an edit opened before someone else's save is refused,
naming what they changed (``EditConflictFormMixin``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.admin import SimpleListFilter
from django.db import transaction
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.models import Site
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import CreateView, EditView, InspectView

from ..core.links import safe_link_url
from ..core.rich_text import unsafe_links_error
from ..locations.contact import ClinicContactSettings
from ..locations.panels import EditConflictFormMixin, EditConflictViewMixin
from .banners import render_live_banner
from .models import NoticeBanner

if TYPE_CHECKING:
    import datetime

    from django.forms import Form
    from django.http import HttpRequest, HttpResponse
    from django.utils.safestring import SafeString
    from django_stubs_ext import StrOrPromise

    from .models import NoticeBannerQuerySet


def unsafe_editor_links(raw_contentstate: str | None) -> list[str]:
    """Link addresses in the editor's raw content that are not allowed.

    Wagtail silently drops a link address it will not store, leaving an editor
    puzzled; reading the raw editor content lets the form say what was wrong.
    """
    try:
        entity_map = json.loads(raw_contentstate or "{}").get("entityMap", {})
    except (TypeError, ValueError, AttributeError):
        return []
    found: list[str] = []
    for entity in entity_map.values():
        data = entity.get("data") or {}
        if entity.get("type") != "LINK" or data.get("id") is not None:
            continue
        url = str(data.get("url") or "")
        if safe_link_url(url) is None:
            found.append(url)
    return found


class NoticeBannerForm(EditConflictFormMixin, WagtailAdminModelForm):
    def clean_message(self) -> str | None:
        message = self.cleaned_data.get("message")
        bad = unsafe_editor_links(self.data.get(self.add_prefix("message")))
        if bad:
            raise unsafe_links_error(bad)
        return message

    def _post_clean(self) -> None:
        own_errors = len(self._errors.get("message", ()))
        super()._post_clean()
        if own_errors:
            # The model's own check repeats the link error less precisely.
            del self._errors["message"][own_errors:]


class StateListFilter(SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(
        self, request: HttpRequest, model_admin: Any
    ) -> Iterable[tuple[str, StrOrPromise]]:
        return NoticeBanner.State.choices

    # Narrower than SimpleListFilter's QuerySet: only NoticeBannerAdmin uses it.
    def queryset(  # type: ignore[override]
        self, request: HttpRequest, queryset: NoticeBannerQuerySet
    ) -> NoticeBannerQuerySet:
        state = self.value()
        if state == NoticeBanner.State.LIVE:
            return queryset.live()
        if state == NoticeBanner.State.SCHEDULED:
            return queryset.scheduled()
        if state == NoticeBanner.State.EXPIRED:
            return queryset.expired()
        if state == NoticeBanner.State.OFF:
            return queryset.off()
        return queryset


STATE_TAG_CLASSES = {
    NoticeBanner.State.LIVE: "w-status w-status--primary",
    NoticeBanner.State.SCHEDULED: "w-status",
    NoticeBanner.State.EXPIRED: "w-status w-status--label",
    NoticeBanner.State.OFF: "w-status w-status--label",
}


class NoticeBannerInspectView(InspectView):
    """Shows the banner as readers will see it, above its settings."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        banner = self.instance
        site = banner.sites.first() or Site.objects.filter(is_default_site=True).first()
        contact = ClinicContactSettings.objects.filter(site=site).first()
        # None when the banner cannot be rendered (logged): the template says so,
        # as the inspect view is where an editor goes to find out why.
        rendered = render_live_banner(banner, contact.main_phone if contact else "")
        context["notice_preview"] = rendered["html"] if rendered else None
        context["notice_state"] = banner.get_state()
        return context


class AtomicFormMixin:
    """Save the banner and its sites in one transaction: nothing half-saved, and
    front-end caches are purged once, after commit, for the right sites."""

    def form_valid(self, form: Form) -> HttpResponse:
        with transaction.atomic():
            # modeladmin's CreateView or EditView, after this mixin in the bases.
            return super().form_valid(form)  # type: ignore[misc]


class NoticeBannerCreateView(AtomicFormMixin, CreateView):
    pass


class NoticeBannerEditView(EditConflictViewMixin, EditView):
    """Atomic too: the conflict check and the save share one transaction."""


class NoticeBannerAdmin(ModelAdmin):
    model = NoticeBanner
    menu_label = _("Notice banners")
    menu_icon = "warning"
    menu_order = 250
    edit_handler = ObjectList(NoticeBanner.panels, base_form_class=NoticeBannerForm)
    list_display = ("__str__", "state", "severity", "schedule", "site_names")
    list_filter = (StateListFilter, "severity")
    search_fields = ("message", "cta_label")
    create_view_class = NoticeBannerCreateView
    edit_view_class = NoticeBannerEditView
    inspect_view_enabled = True
    inspect_view_class = NoticeBannerInspectView
    inspect_template_name = "wagtail_physio/admin/notice_banner_inspect.html"
    inspect_view_extra_css = ["wagtail_physio/css/physio.css"]
    inspect_view_fields = [
        "severity",
        "cta_type",
        "cta_phone",
        "cta_url",
        "cta_label",
        "is_active",
        "starts_at",
        "ends_at",
        "sites",
        "dismissible",
        "updated_at",
    ]

    def get_queryset(self, request: HttpRequest) -> NoticeBannerQuerySet:
        return super().get_queryset(request).prefetch_related("sites")

    @staticmethod
    def _when(value: datetime.datetime) -> str:
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")

    def state(self, obj: NoticeBanner) -> SafeString:
        state = obj.get_state()
        return format_html(
            '<span class="{}">{}</span>', STATE_TAG_CLASSES[state], state.label
        )

    # Read by modeladmin as by Django's admin; mypy knows no such function attribute.
    state.short_description = _("state")  # type: ignore[attr-defined]

    def schedule(self, obj: NoticeBanner) -> SafeString | StrOrPromise:
        parts: list[tuple[StrOrPromise, str]] = []
        if obj.starts_at:
            parts.append((_("from"), self._when(obj.starts_at)))
        if obj.ends_at:
            parts.append((_("until"), self._when(obj.ends_at)))
        if not parts:
            return _("Until switched off")
        return format_html_join(" ", "{} {}", parts)

    schedule.short_description = _("schedule")  # type: ignore[attr-defined]

    def site_names(self, obj: NoticeBanner) -> StrOrPromise:
        names = [str(site) for site in obj.sites.all()]
        return ", ".join(names) if names else _("All sites")

    site_names.short_description = _("sites")  # type: ignore[attr-defined]
