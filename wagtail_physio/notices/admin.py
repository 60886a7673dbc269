"""Admin for notice banners: a list with each banner's state, a live preview on
the create and edit screens, and an inspect view.

Saves are atomic, and an edit opened before someone else's save is refused,
naming what they changed (``EditConflictFormMixin``). A save that leaves another
banner of the same severity showing at the same time and place is kept, with a
warning naming it. Whoever may add banners may also edit (and so switch off) the
ones they raised (``NoticeBannerPermissionHelper``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.admin import SimpleListFilter
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import re_path
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.models import Site
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import (
    CreateView,
    EditView,
    HistoryView,
    InspectView,
    WMABaseView,
)

from ..core.links import safe_link_url
from ..core.rich_text import unsafe_links_error
from ..core.translation_admin import (
    TranslatableModelAdminMixin,
    TranslationEditViewMixin,
)
from ..locations.contact import ClinicContactSettings
from ..locations.panels import EditConflictFormMixin, EditConflictViewMixin
from .banners import render_live_banner
from .models import NoticeBanner
from .preview import (
    ADMIN_SCRIPT,
    ADMIN_STYLESHEET,
    PREVIEW_URL_NAME,
    NoticePreviewPanel,
    overlap_entries,
    overlapping_banners,
    preview_data,
)

if TYPE_CHECKING:
    import datetime

    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from django.forms import Form
    from django.http import HttpRequest, HttpResponse
    from django.urls import URLPattern
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


def schedule_help(help_text: StrOrPromise) -> StrOrPromise:
    """A schedule field's help, naming the time zone its times are read in: the
    editor's own (Wagtail's account settings) or else ``TIME_ZONE``."""
    zone = timezone.get_current_timezone_name()
    return f"{help_text} {gettext('Times are in %(zone)s.') % {'zone': zone}}"


class NoticeBannerForm(EditConflictFormMixin, WagtailAdminModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            if name in self.fields:
                field = self.fields[name]
                field.help_text = schedule_help(field.help_text)

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


class NoticeBannerPermissionHelper(PermissionHelper):
    """Model permissions, plus: whoever may add banners may edit the ones they
    raised, so nobody can raise a banner they cannot then take down (Wagtail's
    page owners work the same way). Others' banners need "change"."""

    def user_can_edit_obj(
        self, user: AbstractBaseUser | AnonymousUser, obj: NoticeBanner
    ) -> bool:
        if super().user_can_edit_obj(user, obj):
            return True
        return (
            obj is not None
            and obj.owner_id is not None
            and obj.owner_id == user.pk
            and self.user_can_create(user)
        )


class OverlapWarningMixin:
    """After a save, warn (not refuse) when readers will see another banner of
    the same severity at the same time on the same site: two may be meant (one
    per clinic, say), and an urgent notice must not wait for a tidy-up."""

    request: HttpRequest
    instance: NoticeBanner

    def form_valid(self, form: Form) -> HttpResponse:
        # modeladmin's CreateView or EditView, after this mixin in the bases.
        response: HttpResponse = super().form_valid(form)  # type: ignore[misc]
        if response.status_code == 302:
            self.warn_of_overlaps()
        return response

    def warn_of_overlaps(self) -> None:
        site_ids = list(self.instance.sites.values_list("pk", flat=True))
        entries = overlap_entries(
            overlapping_banners(self.instance, site_ids), self.request
        )
        if not entries:
            return
        message = ngettext(
            "Readers will also see another %(severity)s banner at the same time, "
            "on the same site: %(banners)s. If it says the same thing, switch one "
            "of them off.",
            "Readers will also see %(count)d other %(severity)s banners at the "
            "same time, on the same sites: %(banners)s. If one says the same "
            "thing, switch one of them off.",
            len(entries),
        ) % {
            "count": len(entries),
            "severity": self.instance.get_severity_display().lower(),
            "banners": "; ".join(f"“{entry['label']}”" for entry in entries),
        }
        buttons = [
            messages.button(
                entry["edit_url"],
                _("Edit “%s”") % Truncator(entry["label"]).chars(30),
            )
            for entry in entries[:3]
            if entry["edit_url"]
        ]
        messages.warning(self.request, message, buttons=buttons)


class AtomicFormMixin:
    """Save the banner and its sites in one transaction: nothing half-saved, and
    front-end caches are purged once, after commit, for the right sites."""

    def form_valid(self, form: Form) -> HttpResponse:
        with transaction.atomic():
            # modeladmin's CreateView or EditView, after this mixin in the bases.
            return super().form_valid(form)  # type: ignore[misc]


class NoticeBannerCreateView(OverlapWarningMixin, AtomicFormMixin, CreateView):
    def form_valid(self, form: Form) -> HttpResponse:
        banner: NoticeBanner = form.instance  # type: ignore[attr-defined]
        user = self.request.user
        if user.is_authenticated:  # always, in the admin
            # The raiser may take it down again (NoticeBannerPermissionHelper).
            banner.owner = user
        return super().form_valid(form)


class NoticeBannerEditView(
    OverlapWarningMixin, TranslationEditViewMixin, EditConflictViewMixin, EditView
):
    """Atomic too: the conflict check and the save share one transaction. A
    translation's form holds its words only: when and where it shows are the
    source's."""


class NoticeBannerHistoryView(HistoryView):
    """Who changed a banner, for those who may work with banners only
    (modeladmin shows it to anyone who can use the admin)."""

    def check_action_permitted(self, user: AbstractBaseUser | AnonymousUser) -> bool:
        return self.permission_helper.user_has_any_permissions(user)


class NoticeBannerPreviewView(WMABaseView):
    """POST the create or edit form here: JSON with the banner as readers would
    see it and notes on what saving would do. Nothing is saved."""

    http_method_names = ["post"]
    instance_pk: str | None = None

    def __init__(self, model_admin: ModelAdmin, instance_pk: str | None = None):
        super().__init__(model_admin)
        self.instance = (
            get_object_or_404(NoticeBanner, pk=unquote(instance_pk))
            if instance_pk is not None
            else None
        )

    def check_action_permitted(self, user: AbstractBaseUser | AnonymousUser) -> bool:
        if self.instance is None:
            return self.permission_helper.user_can_create(user)
        return self.permission_helper.user_can_edit_obj(user, self.instance)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        edit_handler = self.model_admin.get_edit_handler().bind_to_model(NoticeBanner)
        form = edit_handler.get_form_class()(
            request.POST,
            instance=self.instance or NoticeBanner(),
            for_user=request.user,
        )
        response = JsonResponse(preview_data(form, request))
        response["Cache-Control"] = "no-store"
        return response


class NoticeBannerAdmin(TranslatableModelAdminMixin, ModelAdmin):
    model = NoticeBanner
    menu_label = _("Notice banners")
    menu_icon = "warning"
    menu_order = 250
    edit_handler = ObjectList(
        # The preview follows what changes the banner's look, before the schedule
        # and sites; its notes cover those too.
        [
            *NoticeBanner.panels[:3],
            NoticePreviewPanel(),
            *NoticeBanner.panels[3:],
        ],
        base_form_class=NoticeBannerForm,
    )
    permission_helper_class = NoticeBannerPermissionHelper
    list_display = ("__str__", "state", "severity", "schedule", "site_names")
    list_filter = (StateListFilter, "severity")
    search_fields = ("message", "cta_label")
    create_view_class = NoticeBannerCreateView
    edit_view_class = NoticeBannerEditView
    history_view_class = NoticeBannerHistoryView
    index_view_extra_css = [ADMIN_STYLESHEET]
    form_view_extra_css = [ADMIN_STYLESHEET]
    form_view_extra_js = [ADMIN_SCRIPT]
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
        "owner",
        "updated_at",
    ]

    def get_admin_urls_for_registration(self) -> tuple[URLPattern, ...]:
        base = self.url_helper.base_url_path
        return (
            *super().get_admin_urls_for_registration(),
            re_path(rf"^{base}/preview/$", self.preview_view, name=PREVIEW_URL_NAME),
            re_path(
                rf"^{base}/preview/(?P<instance_pk>[-\w]+)/$",
                self.preview_view,
                name=PREVIEW_URL_NAME,
            ),
        )

    def preview_view(
        self, request: HttpRequest, instance_pk: str | None = None
    ) -> HttpResponse:
        return NoticeBannerPreviewView.as_view(
            model_admin=self, instance_pk=instance_pk
        )(request)

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

    # Names the zone the times are shown in, as the request sees it.
    schedule.short_description = format_lazy(  # type: ignore[attr-defined]
        "{} ({})", _("schedule"), lazy(timezone.get_current_timezone_name, str)()
    )

    def site_names(self, obj: NoticeBanner) -> StrOrPromise:
        names = [str(site) for site in obj.sites.all()]
        return ", ".join(names) if names else _("All sites")

    site_names.short_description = _("sites")  # type: ignore[attr-defined]
