"""The example clinic's home page."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    conditions_link = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page listing the conditions the clinic treats.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), "conditions_link"]
    max_count = 1
