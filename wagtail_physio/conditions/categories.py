"""Categories editors use to group condition pages, e.g. "Knee" or "After surgery".

Translatable: each language has its own version of a category (its own name, slug
and description), so names and slugs are unique within a language only.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index

from ..core.translations import (
    LocalizeFields,
    localize,
    source_and_reader_versions,
    translation_enabled,
)


class ConditionCategory(TranslatableMixin, index.Indexed, models.Model):
    """A group of conditions visitors can filter the conditions index by."""

    #: Rewritten by a translator; the rest is shared by every language's version.
    translated_fields = ("name", "slug", "description")
    synchronised_fields = ("sort_order",)
    translatable_fields = LocalizeFields()

    name = models.CharField(
        _("name"),
        max_length=80,
        help_text=_("Plain words visitors use, e.g. 'Back and spine'."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        blank=True,
        allow_unicode=True,
        help_text=_(
            "Used in the filter link, e.g. ?category=back-and-spine. Left blank, "
            "it is made from the name."
        ),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Optional sentence shown when visitors filter by this category."),
    )
    sort_order = models.IntegerField(
        _("sort order"),
        default=0,
        help_text=_("Lower numbers are listed first; equal numbers go A to Z."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("condition category")
        verbose_name_plural = _("condition categories")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "locale"],
                name="unique_translation_key_locale_wagtail_physio_conditioncategory",
            ),
            models.UniqueConstraint(
                fields=["locale", "name"],
                name="wagtail_physio_category_name_unique_per_locale",
            ),
            models.UniqueConstraint(
                fields=["locale", "slug"],
                name="wagtail_physio_category_slug_unique_per_locale",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)
        if not self.slug:
            # A name of symbols alone slugs to nothing, and a filter link with an
            # empty slug would be the same as "All conditions".
            raise ValidationError(
                {
                    "slug": _(
                        "Enter a slug using letters or numbers; the name has none "
                        "to make one from."
                    )
                }
            )
        self._check_unique_in_locale()

    def _check_unique_in_locale(self) -> None:
        # The locale is not a form field, so Django's own unique checks skip the
        # per-locale constraints; without this a duplicate would fail at the
        # database instead of beside the field.
        locale_id = self.locale_id or _default_locale_id()
        if locale_id is None:
            return
        same_locale = ConditionCategory.objects.filter(locale_id=locale_id).exclude(
            pk=self.pk
        )
        errors = {}
        if same_locale.filter(name=self.name).exists():
            errors["name"] = ValidationError(
                _("A category with this name exists in this language already."),
                code="unique",
            )
        if self.slug and same_locale.filter(slug=self.slug).exists():
            errors["slug"] = ValidationError(
                _("A category with this slug exists in this language already."),
                code="unique",
            )
        if errors:
            raise ValidationError(errors)

    @classmethod
    def shown_in_reader_language(
        cls, chosen: models.QuerySet[ConditionCategory]
    ) -> list[ConditionCategory]:
        """The categories ``chosen`` selects, one per category whatever the
        language of the version chosen, each in the reader's language when
        translated, in sort order. One query."""
        if not translation_enabled():
            return list(chosen)
        every_version = cls.objects.filter(
            translation_key__in=chosen.order_by().values("translation_key")
        )
        shown = localize(
            source_and_reader_versions(every_version, cls.objects.all()),
            cls.translated_fields,
        )
        return sorted(shown, key=lambda category: (category.sort_order, category.name))


def show_page_categories_in(pages: list[Any], shown: list[ConditionCategory]) -> None:
    """Make each page's prefetched ``categories`` the versions in ``shown`` (by
    translation key), so ``page.categories.all`` lists them in the reader's
    language without a query. Categories not in ``shown`` stay as they are."""
    if not translation_enabled():
        return
    by_key = {category.translation_key: category for category in shown}
    for page in pages:
        prefetched = getattr(page, "_prefetched_objects_cache", {}).get("categories")
        if prefetched is None or prefetched._result_cache is None:
            continue
        prefetched._result_cache = sorted(
            (by_key.get(category.translation_key, category) for category in prefetched),
            key=lambda category: (category.sort_order, category.name),
        )


def _default_locale_id() -> int | None:
    try:
        return Locale.get_default().pk
    except (Locale.DoesNotExist, LookupError):
        return None
