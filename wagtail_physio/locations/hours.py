"""Opening hours as readers see them: weekdays, "open now", times to show, clashes.

Kept apart from the models so the admin's formset can check rows for clashes
without importing the models that use it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import formats
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Monday first, matching ``datetime.weekday()``. Names are lazy translations.
WEEKDAYS: list[tuple[int, StrOrPromise]] = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
WEEKDAY_NAMES = dict(WEEKDAYS)


@dataclass(frozen=True)
class OpeningStatus:
    """Whether a location is open at a moment, and when that changes."""

    is_open: bool
    #: Closing time of the current opening period, when open.
    closes: datetime.time | None = None
    #: Day name and time of the next opening, when closed (None if it never opens).
    next_day: StrOrPromise | None = None
    next_opens: datetime.time | None = None
    #: True when the next opening is later the same day.
    opens_today: bool = False


class ClockTime:
    """A time of day for a template: ``iso`` (HH:MM) for ``datetime=``, ``text`` to show."""

    __slots__ = ("value", "iso", "text")

    def __init__(self, value: datetime.time) -> None:
        self.value = value
        self.iso = value.strftime("%H:%M")
        # As the |time filter shows it: the active language's TIME_FORMAT.
        self.text = formats.time_format(value)

    def __str__(self) -> str:
        return self.text


def find_opening_hours_conflicts(rows: Iterable[Any]) -> Iterator[tuple[Any, str]]:
    """Yield ``(row, message)`` for each row clashing with an earlier row of its day.

    Two periods overlap when each starts before the other ends; a day cannot be both
    closed and open. Used by the admin formset, where the rows are not yet saved.
    """
    seen: dict[int, list[Any]] = {}
    for row in rows:
        if not row.closed and (row.opens is None or row.closes is None):
            continue  # already reported by the row's own validation
        for earlier in seen.get(row.weekday, []):
            if row.closed or earlier.closed:
                yield (
                    row,
                    _("%(day)s is marked closed and also has opening times.")
                    % {"day": WEEKDAY_NAMES[row.weekday]},
                )
                break
            if row.opens < earlier.closes and earlier.opens < row.closes:
                yield (
                    row,
                    _("This period overlaps another on %(day)s.")
                    % {"day": WEEKDAY_NAMES[row.weekday]},
                )
                break
        seen.setdefault(row.weekday, []).append(row)
