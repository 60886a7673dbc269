"""Public models of wagtail-physio."""

from .pages import (
    AbstractConditionIndexPage,
    AbstractConditionPage,
    ConditionIndexPage,
    ConditionIndexPageMixin,
    ConditionPage,
    ConditionPageMixin,
    PhysioPageMixin,
)
from .notices import NoticeBanner
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
