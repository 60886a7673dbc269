"""What a condition page tells search engines about itself (schema.org JSON-LD)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from ..core.protocols import HasStructuredData, SchemaNode, implements

if TYPE_CHECKING:
    from django.http import HttpRequest


class SubjectType(models.TextChoices):
    CONDITION = "MedicalCondition", _("A condition (e.g. sciatica)")
    PROCEDURE = "MedicalProcedure", _("A procedure (e.g. knee replacement)")


class MedicalWebPageMixin(models.Model):
    """Describes the page as a schema.org ``MedicalWebPage`` about one subject."""

    subject_type = models.CharField(
        _("page is about"),
        max_length=32,
        choices=SubjectType.choices,
        default=SubjectType.CONDITION,
        help_text=_(
            "Tells search engines whether this page is about a condition or a "
            "procedure such as an operation."
        ),
    )

    structured_data_panels = [FieldPanel("subject_type")]

    class Meta:
        abstract = True

    def get_structured_data_items(self) -> list[SchemaNode]:
        """schema.org nodes the body's blocks contribute, such as procedures.

        Blocks join by implementing ``HasStructuredData``.
        """
        items: list[SchemaNode] = []
        for child in getattr(self, "body", None) or []:
            if implements(child.block, HasStructuredData):
                items.extend(child.block.get_structured_data(child.value))
        return items

    def get_structured_data(
        self, node: SchemaNode, request: HttpRequest | None = None
    ) -> SchemaNode:
        """Turn the generic ``WebPage`` node into a ``MedicalWebPage``."""
        node["@type"] = "MedicalWebPage"
        description = getattr(self, "summary", "") or node.get("description")
        if description:
            node["description"] = description
        # ``title`` comes from Wagtail's Page, which every page type adds.
        about: SchemaNode = {"@type": self.subject_type, "name": self.title}  # type: ignore[attr-defined]
        items = self.get_structured_data_items()
        therapies = [item for item in items if item["@type"] == "MedicalTherapy"]
        if self.subject_type == SubjectType.CONDITION and therapies:
            about["possibleTreatment"] = therapies
        node["about"] = about
        if items:
            node["mentions"] = items
        last_reviewed = getattr(self, "last_reviewed", None)
        if last_reviewed:
            node["lastReviewed"] = last_reviewed.isoformat()
        reviewer = getattr(self, "reviewer_name", "")
        if reviewer:
            node["reviewedBy"] = {"@type": "Person", "name": reviewer}
            role = getattr(self, "reviewer_role", "")
            if role:
                node["reviewedBy"]["jobTitle"] = role
        return node
