"""Opening hours as readers see them: weekdays, "open now", times and dates to
show, clashes, and special (holiday) dates grouped into runs.

Kept apart from the models so the admin's formsets can check rows for clashes
without importing the models that use them.
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

#: How far ahead the hours table lists special opening hours: the next 30 days.
UPCOMING_SPECIAL_DAYS = 30

#: A new special date before today does nothing: said in the location form and in
#: the form for several locations.
PAST_DATE_MESSAGE = _(
    "This date has passed: special opening hours start today or later."
)


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
    #: Date of the next opening, when closed, and how many days away it is.
    next_date: datetime.date | None = None
    next_in_days: int | None = None
    #: True when today has special opening hours (a holiday's) instead of the weekly ones.
    special_today: bool = False
    #: True when today's special opening hours close the clinic all day.
    closed_today: bool = False
    #: The note of today's special opening hours, e.g. "Christmas closure".
    note: str = ""

    @property
    def shows_next_date(self) -> bool:
        """A week or more away (after a long closure): a day name alone would mislead."""
        return self.next_in_days is not None and self.next_in_days >= 7


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


class CalendarDate:
    """A date for a template: ``iso`` for ``datetime=``, ``text`` to show ("Wednesday
    25 December" in British English: the weekday, then the language's month-day format)."""

    __slots__ = ("value", "iso", "text")

    def __init__(self, value: datetime.date) -> None:
        self.value = value
        self.iso = value.isoformat()
        self.text = "{} {}".format(
            formats.date_format(value, "l"),
            formats.date_format(value, "MONTH_DAY_FORMAT"),
        )

    def __str__(self) -> str:
        return self.text


class SpecialDays:
    """A run of consecutive dates with the same special opening hours and note: one
    row of the special hours table, one ``specialOpeningHoursSpecification``.

    ``hours`` is ``(opens, closes)``, or None when closed all day; ``first_shown``,
    ``last_shown`` and ``hours_shown`` are formatted once for templates.
    """

    __slots__ = (
        "first",
        "last",
        "hours",
        "note",
        "first_shown",
        "last_shown",
        "hours_shown",
    )

    def __init__(
        self,
        first: datetime.date,
        last: datetime.date,
        hours: tuple[datetime.time, datetime.time] | None,
        note: str,
    ) -> None:
        self.first, self.last, self.hours, self.note = first, last, hours, note
        self.first_shown = CalendarDate(first)
        self.last_shown = CalendarDate(last)
        self.hours_shown = (
            (ClockTime(hours[0]), ClockTime(hours[1])) if hours is not None else None
        )

    @property
    def closed(self) -> bool:
        return self.hours is None

    @property
    def is_range(self) -> bool:
        return self.first != self.last

    def __repr__(self) -> str:
        return f"<SpecialDays {self.first}–{self.last} {self.hours} {self.note!r}>"


def special_hours_of(row: Any) -> tuple[datetime.time, datetime.time] | None:
    """``(opens, closes)`` of a special opening hours row, None when closed all day."""
    if row.closed or row.opens is None or row.closes is None:
        return None
    return (row.opens, row.closes)


def group_special_days(rows: Iterable[Any]) -> list[SpecialDays]:
    """Runs of consecutive dates with the same hours and note, earliest first.

    A closure added to several locations at once is stored one row per date;
    readers see it as one line: "24 December to 26 December: closed".
    """
    runs: list[list[Any]] = []  # [first, last, hours, note]
    for row in sorted(rows, key=lambda row: row.date):
        hours, note = special_hours_of(row), row.note.strip()
        if (
            runs
            and row.date == runs[-1][1] + datetime.timedelta(days=1)
            and (runs[-1][2], runs[-1][3]) == (hours, note)
        ):
            runs[-1][1] = row.date
        else:
            runs.append([row.date, row.date, hours, note])
    return [SpecialDays(*run) for run in runs]


def find_special_hours_conflicts(rows: Iterable[Any]) -> Iterator[tuple[Any, str]]:
    """Yield ``(row, message)`` for each row whose date an earlier row already has."""
    seen: set[datetime.date] = set()
    for row in rows:
        if row.date is None:
            continue  # already reported by the row's own validation
        if row.date in seen:
            yield (
                row,
                _("%(date)s has special opening hours in another row already.")
                % {"date": formats.date_format(row.date, "DATE_FORMAT")},
            )
        seen.add(row.date)


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
