"""Translating modeladmin records (clinic locations, notice banners) in the admin.

wagtail-modeladmin already filters its listing by locale and switches between a
record's existing versions; this adds what it lacks when
``WAGTAIL_I18N_ENABLED`` is on:

* a "Language" column (``TranslatableModelAdminMixin``);
* a "Translate" button and view making a linked translation with Wagtail's
  ``copy_for_translation`` (``TranslateView``), refused (403) to anyone who may
  not add records, whatever they post;
* an edit form for a translation that holds only the words to translate
  (``translation_edit_handler``): the facts are the source's
  (``core/translations.py``), so a form offering them would mislead.

Built on Wagtail itself rather than wagtail-localize's modeladmin views, so it
works the same with plain Wagtail i18n and with wagtail-localize installed, and
keeps the package's own edit views (conflict checks, previews).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.admin.utils import quote, unquote
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import re_path
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.panels import HelpPanel, ObjectList
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.views import WMABaseView

from .translations import default_content_language, translation_enabled

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from django.db.models import Model
    from django.http import HttpRequest, HttpResponse
    from django.urls import URLPattern
    from wagtail_modeladmin.options import ModelAdmin

TRANSLATE_TEMPLATE = "wagtail_physio/admin/translate.html"


def is_source(instance: Any) -> bool:
    """True for the version whose facts every language shows (see
    ``core/translations.py``): the default language's, else the oldest."""
    if instance.locale.language_code == default_content_language():
        return True
    versions = instance.get_translations(inclusive=True)
    if versions.filter(locale__language_code=default_content_language()).exists():
        return False
    return not versions.filter(pk__lt=instance.pk).exists()


def missing_locales(instance: Any) -> list[Locale]:
    """Locales ``instance`` has no version in yet."""
    have = instance.get_translations(inclusive=True).values("locale_id")
    return list(Locale.objects.exclude(pk__in=have).order_by("language_code"))


def translation_edit_handler(
    model: type[Model], full: ObjectList, source_edit_url: str | None
) -> ObjectList:
    """The form of a translation: the panels of ``model.translated_fields`` only,
    on the same form class as the full one (its checks still apply)."""
    translated = set(model.translated_fields)  # type: ignore[attr-defined]
    kept = [p for p in _flatten(full.children) if p.field_name in translated]
    note = format_html(
        "<p>{}</p>",
        _(
            "This is a translation: only its words are edited here. Phone numbers, "
            "opening hours, dates and where it shows come from the original."
        ),
    )
    if source_edit_url:
        note += format_html(
            '<p><a href="{}">{}</a></p>', source_edit_url, _("Edit the original")
        )
    return ObjectList(
        [HelpPanel(content=note), *kept],
        base_form_class=getattr(full, "base_form_class", None),
    )


def _flatten(panels: list[Any]) -> list[Any]:
    found = []
    for panel in panels:
        children = getattr(panel, "children", None)
        if children:
            found.extend(_flatten(children))
        elif getattr(panel, "field_name", None):
            found.append(panel)
    return found


def source_of(instance: Any) -> Any:
    """The version of ``instance`` whose facts are shown (may be itself)."""
    versions = list(
        instance.get_translations(inclusive=True)
        .select_related("locale")
        .order_by("pk")
    )
    for version in versions:
        if version.locale.language_code == default_content_language():
            return version
    return versions[0] if versions else instance


class TranslationEditViewMixin:
    """For a modeladmin EditView: a translation's form holds its words only."""

    instance: Any
    model_admin: ModelAdmin
    url_helper: Any

    def get_edit_handler(self) -> Any:
        if not translation_enabled() or is_source(self.instance):
            return super().get_edit_handler()  # type: ignore[misc]
        source = source_of(self.instance)
        handler = translation_edit_handler(
            self.model_admin.model,
            self.model_admin.get_edit_handler(),
            self.url_helper.get_action_url("edit", quote(source.pk)),
        )
        return handler.bind_to_model(self.model_admin.model)


class TranslatableButtonHelper(ButtonHelper):
    """Adds "Translate" for those who may add records, when translation is on."""

    def translate_button(self, pk: Any) -> dict[str, Any]:
        return {
            "url": self.url_helper.get_action_url("translate", quote(pk)),
            "label": _("Translate"),
            "classname": self.finalise_classname(["button-secondary"], []),
            "title": _("Translate this %(object)s") % {"object": self.verbose_name},
        }

    def get_buttons_for_obj(
        self, obj: Any, exclude: Any = None, *args: Any, **kwargs: Any
    ) -> list[dict[str, Any]]:
        buttons = super().get_buttons_for_obj(obj, exclude, *args, **kwargs)
        if (
            translation_enabled()
            and "translate" not in (exclude or [])
            and self.permission_helper.user_can_create(self.request.user)
        ):
            buttons.append(self.translate_button(getattr(obj, self.opts.pk.attname)))
        return buttons


class TranslateForm(forms.Form):
    locale = forms.ModelChoiceField(
        label=gettext_lazy("Language"),
        queryset=Locale.objects.none(),
        empty_label=None,
        help_text=gettext_lazy(
            "The copy starts with the original's words, for you to translate."
        ),
    )

    def __init__(self, *args: Any, locales: list[Locale], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["locale"]
        field.queryset = Locale.objects.filter(pk__in=[lc.pk for lc in locales])  # type: ignore[attr-defined]
        field.label_from_instance = lambda locale: locale.get_display_name()  # type: ignore[attr-defined]


class TranslateView(WMABaseView):
    """Make a translation of a record in a language it lacks, then edit it."""

    instance_pk: str | None = None  # as_view() takes only known attributes

    def __init__(self, model_admin: ModelAdmin, instance_pk: str):
        super().__init__(model_admin)
        self.instance = get_object_or_404(
            model_admin.model._default_manager, pk=unquote(instance_pk)
        )

    def check_action_permitted(self, user: AbstractBaseUser | AnonymousUser) -> bool:
        # Checked by dispatch() for GET and POST alike.
        return translation_enabled() and self.permission_helper.user_can_create(user)

    def get_page_title(self) -> str:
        return _("Translate")

    def get_page_subtitle(self) -> Any:
        return self.instance

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(TranslateForm(locales=missing_locales(self.instance)))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = TranslateForm(request.POST, locales=missing_locales(self.instance))
        if not form.is_valid():
            return self.render(form)
        with transaction.atomic():
            translation = self.instance.copy_for_translation(
                form.cleaned_data["locale"]
            )
            translation.save()
            log(translation, "wagtail.create", user=request.user)
        messages.success(
            request,
            _("Translation into %(language)s created: translate its words below.")
            % {"language": translation.locale.get_display_name()},
        )
        return redirect(self.url_helper.get_action_url("edit", quote(translation.pk)))

    def render(self, form: TranslateForm) -> HttpResponse:
        return TemplateResponse(
            self.request,
            TRANSLATE_TEMPLATE,
            self.get_context_data(form=form, instance=self.instance),
        )


class TranslatableModelAdminMixin:
    """For a ModelAdmin of a TranslatableMixin model: the language column, the
    Translate button and view (with translation on; nothing changes with it off)."""

    model: type[Model]
    url_helper: Any
    list_display: Any
    translate_view_class = TranslateView

    def get_list_display(self, request: HttpRequest) -> Any:
        list_display = super().get_list_display(request)  # type: ignore[misc]
        if translation_enabled():
            return (*list_display, "language")
        return list_display

    def language(self, obj: Any) -> str:
        return obj.locale.get_display_name()

    language.short_description = gettext_lazy("language")  # type: ignore[attr-defined]

    def get_queryset(self, request: HttpRequest) -> Any:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        if translation_enabled():
            # The language column, without a query per row.
            queryset = queryset.select_related("locale")
        return queryset

    def get_button_helper_class(self) -> type[ButtonHelper]:
        helper: type[ButtonHelper] = super().get_button_helper_class()  # type: ignore[misc]
        if issubclass(helper, TranslatableButtonHelper):
            return helper
        if helper is ButtonHelper:
            return TranslatableButtonHelper
        # A project's own button helper keeps its buttons and gains Translate.
        return type(helper.__name__, (TranslatableButtonHelper, helper), {})

    def translate_view(self, request: HttpRequest, instance_pk: str) -> HttpResponse:
        return self.translate_view_class.as_view(
            model_admin=self, instance_pk=instance_pk
        )(request)

    def get_admin_urls_for_registration(self) -> tuple[URLPattern, ...]:
        return (
            *super().get_admin_urls_for_registration(),  # type: ignore[misc]
            re_path(
                self.url_helper.get_action_url_pattern("translate"),
                self.translate_view,
                name=self.url_helper.get_action_url_name("translate"),
            ),
        )
