"""Public models of wagtail-physio."""

from .categories import ConditionCategory
from .finding import ConditionFindingMixin
from .locations import ClinicLocation, OpeningHours
from .notices import NoticeBanner
from .pages import (
    AbstractConditionIndexPage,
    AbstractConditionPage,
    ConditionIndexPage,
    ConditionIndexPageMixin,
    ConditionPage,
    ConditionPageMixin,
    PhysioPageMixin,
)
from .review import ClinicalReviewMixin
from .settings import ClinicContactSettings

__all__ = [
    "AbstractConditionIndexPage",
    "AbstractConditionPage",
    "ClinicContactSettings",
    "ClinicLocation",
    "ClinicalReviewMixin",
    "ConditionCategory",
    "ConditionFindingMixin",
    "ConditionIndexPage",
    "ConditionIndexPageMixin",
    "ConditionPage",
    "ConditionPageMixin",
    "OpeningHours",
    "NoticeBanner",
    "PhysioPageMixin",
]
