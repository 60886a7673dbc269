"""Public models of wagtail-physio.

Django loads this module for the app's models; each model lives in its feature's
package (``conditions``, ``locations``, ``notices``, ``review``).
"""

from ..conditions.categories import ConditionCategory
from ..conditions.models import (
    AbstractConditionIndexPage,
    AbstractConditionPage,
    ConditionIndexPage,
    ConditionIndexPageMixin,
    ConditionPage,
    ConditionPageMixin,
    PhysioPageMixin,
)
from ..conditions.navigation import ConditionFindingMixin
from ..locations.contact import ClinicContactSettings
from ..locations.models import ClinicLocation, OpeningHours, SpecialOpeningHours
from ..notices.models import NoticeBanner
from ..review.models import ClinicalReviewMixin

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
    "SpecialOpeningHours",
]
