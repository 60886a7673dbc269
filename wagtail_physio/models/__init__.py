"""Public models of wagtail-physio."""

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
    "ConditionIndexPage",
    "ConditionIndexPageMixin",
    "ConditionPage",
    "ConditionPageMixin",
    "NoticeBanner",
    "PhysioPageMixin",
]
