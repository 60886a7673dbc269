"""Public models of wagtail-physio."""

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
from .settings import ClinicContactSettings

__all__ = [
    "AbstractConditionIndexPage",
    "AbstractConditionPage",
    "ClinicContactSettings",
    "ClinicLocation",
    "ConditionIndexPage",
    "ConditionIndexPageMixin",
    "ConditionPage",
    "ConditionPageMixin",
    "OpeningHours",
    "NoticeBanner",
    "PhysioPageMixin",
]
