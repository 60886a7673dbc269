"""Categories editors use to group condition pages, e.g. "Knee" or "After surgery"."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class ConditionCategory(index.Indexed, models.Model):
    """A group of conditions visitors can filter the conditions index by."""

    name = models.CharField(
        _("name"),
        max_length=80,
        unique=True,
        help_text=_("Plain words visitors use, e.g. 'Back and spine'."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
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
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("condition category")
        verbose_name_plural = _("condition categories")

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
