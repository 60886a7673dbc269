"""Clinic locations: one record per site a clinic runs, with its weekly opening
hours and its special (holiday) opening hours on given dates.

Editors keep an address, phone number and opening hours in one place; blocks and the
``{% physio_contact %}`` tag read them on every request, so a change shows everywhere
at once.
"""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import quote_plus

from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.widgets import AdminDateInput, AdminTimeInput
from wagtail.models import Orderable, Site, TranslatableMixin
from wagtail.search import index

from ..core.conf import physio_settings
from ..core.links import safe_web_url, validate_web_url
from ..core.phone import Phone, parse_phone, validate_phone
from ..core.translations import (
    LocalizeFields,
    localize,
    source_and_reader_versions,
)
from .hours import (
    UPCOMING_SPECIAL_DAYS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    ClockTime,
    OpeningStatus,
    SpecialDays,
    group_special_days,
    special_hours_of,
)
from .panels import OpeningHoursPanel, SpecialOpeningHoursPanel

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger("wagtail_physio")


#: Opening periods of one day: ``[(opens, closes), ...]``, earliest first.
Periods = list[tuple[datetime.time, datetime.time]]


def default_country() -> str:
    # A callable, so a project's DEFAULT_COUNTRY applies without a migration.
    return physio_settings.DEFAULT_COUNTRY


def build_map_url(
    *, latitude: Any = None, longitude: Any = None, query: str = ""
) -> str:
    """A link to a map of a point (preferred) or an address search.

    Uses the ``MAP_PROVIDER`` entry of ``MAP_URL_TEMPLATES``: plain links only, so no
    API key is ever needed or exposed.
    """
    templates = physio_settings.MAP_URL_TEMPLATES[physio_settings.MAP_PROVIDER]
    if latitude is not None and longitude is not None:
        return templates["coordinates"].format(
            lat=f"{latitude:f}".rstrip("0").rstrip("."),
            lon=f"{longitude:f}".rstrip("0").rstrip("."),
        )
    if query:
        return templates["address"].format(query=quote_plus(query))
    return ""


class ClinicLocationQuerySet(models.QuerySet["ClinicLocation"]):
    def active(self) -> Self:
        return self.filter(is_active=True)

    def for_site(self, site: Site | None) -> Self:
        """Locations shown on ``site``: those limited to it plus those for every site."""
        if site is None:
            return self.filter(site__isnull=True)
        return self.filter(models.Q(site__isnull=True) | models.Q(site=site))

    def with_hours(self, since: datetime.date | None = None) -> Self:
        """With the weekly hours and the special opening hours dated ``since`` or
        later (default: today in the current time zone), in one query each, however
        many locations there are. Past special dates are history nobody is shown."""
        if since is None:
            since = timezone.localdate()
        return self.prefetch_related(
            "opening_hours",
            Prefetch(
                "special_opening_hours",
                queryset=SpecialOpeningHours.objects.filter(date__gte=since),
            ),
        )


class ClinicLocation(TranslatableMixin, index.Indexed, ClusterableModel):
    """A place patients visit: address, phone, opening hours and visitor notes.

    Translatable: a translation rewrites the words (``translated_fields``); the
    facts (``synchronised_fields``, the opening hours) are the source's, whatever
    a translation holds, so a changed phone number or holiday closure shows in
    every language at once.
    """

    translated_fields = (
        "name",
        "host_building",
        "address_line_1",
        "address_line_2",
        "town",
        "visitor_notes",
    )
    synchronised_fields = (
        "postcode",
        "country",
        "phone",
        "email",
        "latitude",
        "longitude",
        "map_url",
        "sort_order",
        "is_active",
        "site",
        "opening_hours",
        "special_opening_hours",
    )
    translatable_fields = LocalizeFields()

    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("What patients call this clinic, e.g. “Quayside clinic”."),
    )
    host_building = models.CharField(
        _("host building"),
        max_length=160,
        blank=True,
        help_text=_(
            "If the clinic is inside another building, say so, e.g. “inside "
            "Riverside Leisure Club”."
        ),
    )
    address_line_1 = models.CharField(_("address line 1"), max_length=160)
    address_line_2 = models.CharField(_("address line 2"), max_length=160, blank=True)
    town = models.CharField(_("town or city"), max_length=100)
    postcode = models.CharField(_("postcode"), max_length=16)
    country = models.CharField(
        _("country"),
        max_length=2,
        default=default_country,
        validators=[
            RegexValidator(
                r"^[A-Z]{2}$",
                _("Enter a two-letter country code in capitals, e.g. GB."),
            )
        ],
        help_text=_(
            "Two-letter code (ISO 3166-1), e.g. GB. Shown in the address only when "
            "it differs from the site's usual country."
        ),
    )
    phone = models.CharField(
        _("phone number"),
        max_length=32,
        blank=True,
        validators=[validate_phone],
        help_text=_("The number patients call for this clinic."),
    )
    email = models.EmailField(_("email address"), blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Optional, e.g. 53.401234. Makes the map link exact."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Optional, e.g. -2.987654."),
    )
    map_url = models.CharField(
        _("map link"),
        max_length=500,
        blank=True,
        validators=[validate_web_url],
        help_text=_(
            "Optional link to this clinic on a map. Leave blank to link to a map of "
            "the coordinates or the address."
        ),
    )
    visitor_notes = models.TextField(
        _("notes for visitors"),
        blank=True,
        help_text=_("Parking, step-free access, which entrance to use…"),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("sort order"),
        default=0,
        help_text=_("Lower numbers are listed first."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick to hide this clinic everywhere without deleting it."),
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Show this clinic on one site only. Leave blank for every site."),
    )

    objects = ClinicLocationQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("host_building")], heading=_("Clinic")
        ),
        MultiFieldPanel(
            [
                FieldPanel("address_line_1"),
                FieldPanel("address_line_2"),
                FieldRowPanel([FieldPanel("town"), FieldPanel("postcode")]),
                FieldPanel("country"),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email")], heading=_("Contact")
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("map_url"),
            ],
            heading=_("Map"),
        ),
        OpeningHoursPanel(
            "opening_hours",
            heading=_("Opening hours"),
            label=_("opening period"),
            help_text=_(
                "One row per opening period. Add two rows for a day with a lunch "
                "break; a day with no rows is shown as closed."
            ),
        ),
        SpecialOpeningHoursPanel(
            "special_opening_hours",
            heading=_("Holiday and special opening hours"),
            label=_("special date"),
            help_text=_(
                "Dates when this clinic is closed, or open at other times: bank "
                "holidays, a Christmas closure. On those dates they replace the weekly "
                "hours; the next 30 days are listed under the opening hours. Past "
                "dates are not shown here."
            ),
        ),
        FieldPanel("visitor_notes"),
        MultiFieldPanel(
            [FieldPanel("sort_order"), FieldPanel("is_active"), FieldPanel("site")],
            heading=_("Publishing"),
        ),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("town"),
        index.SearchField("postcode"),
        index.FilterField("is_active"),
        index.FilterField("locale_id"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("clinic location")
        verbose_name_plural = _("clinic locations")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "locale"],
                name="unique_translation_key_locale_wagtail_physio_cliniclocation",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def for_request(cls, request: HttpRequest) -> list[ClinicLocation]:
        """Active locations of the request's site with their weekly and special hours,
        in the reader's language where translated, loaded once per request: the
        footer panel, the blocks and the structured data share them."""
        cached = getattr(request, "_physio_site_locations", None)
        if cached is None:
            site = Site.find_for_request(request)
            cached = cls.shown_in_reader_language(cls.objects.active().for_site(site))
            request._physio_site_locations = cached  # type: ignore[attr-defined]
        return cached

    @classmethod
    def shown_in_reader_language(
        cls, chosen: ClinicLocationQuerySet
    ) -> list[ClinicLocation]:
        """The locations ``chosen`` selects (by their source's facts), with hours,
        each in the reader's language when translated: one query plus one for each
        kind of hours, in every language."""
        rows = source_and_reader_versions(chosen.with_hours(), cls.objects.with_hours())
        return localize(rows, cls.translated_fields)

    def clean(self) -> None:
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise ValidationError(
                {missing: _("Enter both latitude and longitude, or neither.")}
            )

    # -- Display helpers ---------------------------------------------------

    @cached_property
    def phone_number(self) -> Phone | None:
        """The phone as a ``Phone`` (display text and tel: link), or None."""
        return parse_phone(self.phone)

    @property
    def show_country(self) -> bool:
        return bool(self.country) and self.country != physio_settings.DEFAULT_COUNTRY

    @property
    def address_lines(self) -> list[str]:
        """Lines of the postal address, blanks left out."""
        lines = [self.address_line_1, self.address_line_2, self.town, self.postcode]
        if self.show_country:
            lines.append(self.country)
        return [line for line in lines if line]

    @property
    def map_link(self) -> str:
        """The editor's map link, else one built from the coordinates or address.

        The editor's link is checked again here: one saved from code or an import
        never went through the form's validation.
        """
        if self.map_url:
            url = safe_web_url(self.map_url)
            if url:
                return url
            logger.warning(
                "Clinic location %s: its map link %r is not a web address; "
                "linking a map of its coordinates or address instead.",
                self.pk,
                self.map_url,
            )
        return build_map_url(
            latitude=self.latitude,
            longitude=self.longitude,
            query=", ".join(
                part
                for part in (
                    self.address_line_1,
                    self.address_line_2,
                    self.town,
                    self.postcode,
                    self.country,
                )
                if part
            ),
        )

    # -- Opening hours -----------------------------------------------------

    def _periods(self) -> list[OpeningHours]:
        # .all() so a prefetch (or a ClusterableModel's in-memory rows) is reused.
        return [row for row in self.opening_hours.all() if not row.closed]

    def opening_days(self) -> list[tuple[int, StrOrPromise, Periods]]:
        """Seven (weekday number, day name, [(opens, closes), ...]) tuples, Monday first.

        A day with no opening periods is closed.
        """
        by_day: dict[int, Periods] = {number: [] for number, _name in WEEKDAYS}
        for row in self._periods():
            # An open row has both times: OpeningHours.clean() requires them (the
            # columns are nullable only for rows marked closed).
            by_day[row.weekday].append((row.opens, row.closes))  # type: ignore[arg-type]
        return [(number, name, sorted(by_day[number])) for number, name in WEEKDAYS]

    def opening_table(self) -> list[tuple[str, list[tuple[ClockTime, ClockTime]]]]:
        """Rows of the opening hours table: (day name, [(opens, closes), ...]).

        Times are ``ClockTime`` values formatted once per distinct time, instead of
        twice per period in the template: a week of rows shows few distinct times.
        """
        clock: dict[datetime.time, ClockTime] = {}

        def shown(value: datetime.time) -> ClockTime:
            if value not in clock:
                clock[value] = ClockTime(value)
            return clock[value]

        return [
            (str(name), [(shown(opens), shown(closes)) for opens, closes in periods])
            for _number, name, periods in self.opening_days()
        ]

    def _special_rows(self) -> list[SpecialOpeningHours]:
        # .all() so a prefetch (or a ClusterableModel's in-memory rows) is reused.
        return list(self.special_opening_hours.all())

    def special_opening_hours_from(
        self, now: datetime.datetime | None = None
    ) -> list[SpecialOpeningHours]:
        """Special opening hours from today (at ``now``, in the site's time zone) on,
        earliest first."""
        today = timezone.localtime(now).date()
        return sorted(
            (row for row in self._special_rows() if row.date >= today),
            key=lambda row: row.date,
        )

    def special_days(
        self,
        now: datetime.datetime | None = None,
        days: int | None = UPCOMING_SPECIAL_DAYS,
    ) -> list[SpecialDays]:
        """Upcoming special opening hours as runs of dates with the same hours and
        note (``SpecialDays``): those starting within ``days`` days of today (all of
        them for None). Past dates are left out; a run under way starts today."""
        runs = group_special_days(self.special_opening_hours_from(now))
        if days is None:
            return runs
        until = timezone.localtime(now).date() + datetime.timedelta(days=days - 1)
        return [run for run in runs if run.first <= until]

    def special_hours_table(self) -> list[SpecialDays]:
        """The special opening hours the hours table lists: the next 30 days'."""
        return self.special_days()

    def opening_status(self, now: datetime.datetime | None = None) -> OpeningStatus:
        """An ``OpeningStatus`` for ``now`` (default: this moment) in the site's time zone.

        Special opening hours on a date replace that weekday's hours: a closure on
        today's date closes the clinic all day, and the next opening skips it.
        """
        # localtime() moves an aware datetime into the current time zone (Django's
        # TIME_ZONE unless one is activated), where opening hours are written.
        local = timezone.localtime(now)
        today, time_now = local.date(), local.time()
        weekly = {number: periods for number, _name, periods in self.opening_days()}
        special = {row.date: row for row in self._special_rows() if row.date >= today}

        def periods_on(day: datetime.date) -> Periods:
            row = special.get(day)
            if row is None:
                return weekly[day.weekday()]
            hours = special_hours_of(row)
            return [hours] if hours is not None else []

        today_row = special.get(today)
        today_facts: dict[str, Any] = {}
        if today_row is not None:
            today_facts = {
                "special_today": True,
                "closed_today": special_hours_of(today_row) is None,
                "note": today_row.note.strip(),
            }
        for opens, closes in periods_on(today):
            if opens <= time_now < closes:
                return OpeningStatus(is_open=True, closes=closes, **today_facts)
        # A week past the last special date, the weekly hours repeat: if the clinic
        # has not opened by then it never will.
        horizon = 8
        if special:
            horizon = max(horizon, (max(special) - today).days + 8)
        for offset in range(horizon):
            day = today + datetime.timedelta(days=offset)
            for opens, _closes in periods_on(day):
                if offset == 0 and opens <= time_now:
                    continue
                return OpeningStatus(
                    is_open=False,
                    next_day=WEEKDAY_NAMES[day.weekday()],
                    next_opens=opens,
                    opens_today=offset == 0,
                    next_date=day,
                    next_in_days=offset,
                    **today_facts,
                )
        return OpeningStatus(is_open=False, **today_facts)

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        """True if the clinic is open at ``now`` (an aware datetime; default: now)."""
        return self.opening_status(now).is_open


def _time_panel(name: str) -> FieldPanel:
    # Wagtail sizes time and date inputs by their `size` (20 characters unless
    # told): a row of a day and two such times overflowed the form, and squeezed
    # "closed all day" beside them to a word a line. Six characters fit a time.
    return FieldPanel(name, widget=AdminTimeInput(attrs={"size": 6}))


class OpeningHours(Orderable):
    """One opening period of a location on one weekday, or a day marked closed."""

    location = ParentalKey(
        ClinicLocation,
        on_delete=models.CASCADE,
        related_name="opening_hours",
        verbose_name=_("location"),
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAYS)
    opens = models.TimeField(
        _("opens"), null=True, blank=True, help_text=_("e.g. 08:30")
    )
    closes = models.TimeField(
        _("closes"), null=True, blank=True, help_text=_("e.g. 18:00")
    )
    # No help text: in the row of four fields it made the column one word a line.
    # The panel's help says what a day without rows means.
    closed = models.BooleanField(_("closed all day"), default=False)

    panels = [
        FieldRowPanel(
            [
                FieldPanel("weekday"),
                _time_panel("opens"),
                _time_panel("closes"),
                FieldPanel("closed"),
            ]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening period")
        verbose_name_plural = _("opening hours")

    def __str__(self) -> str:
        day = WEEKDAY_NAMES.get(self.weekday, "")
        if self.closed:
            return f"{day}: {_('closed')}"
        return f"{day}: {self.opens}–{self.closes}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, StrOrPromise] = {}
        if self.closed:
            if self.opens is not None or self.closes is not None:
                errors["closed"] = _(
                    "A day marked closed cannot have opening times: clear the times "
                    "or untick “closed all day”."
                )
        else:
            if self.opens is None:
                errors["opens"] = _("Enter the opening time, or tick “closed all day”.")
            if self.closes is None:
                errors["closes"] = _(
                    "Enter the closing time, or tick “closed all day”."
                )
            if (
                self.opens is not None
                and self.closes is not None
                and self.closes <= self.opens
            ):
                errors["closes"] = _("The closing time must be after the opening time.")
        if errors:
            raise ValidationError(errors)


class SpecialOpeningHours(models.Model):
    """A date when a location keeps other hours than its weekly ones: closed all
    day, or open from one time to another. At most one per location and date."""

    location = ParentalKey(
        ClinicLocation,
        on_delete=models.CASCADE,
        related_name="special_opening_hours",
        verbose_name=_("location"),
    )
    date = models.DateField(_("date"))
    opens = models.TimeField(
        _("opens"), null=True, blank=True, help_text=_("e.g. 10:00")
    )
    closes = models.TimeField(
        _("closes"), null=True, blank=True, help_text=_("e.g. 14:00")
    )
    closed = models.BooleanField(_("closed all day"), default=False)
    note = models.CharField(
        _("note"),
        max_length=100,
        blank=True,
        help_text=_(
            "Shown to patients beside the date, e.g. “Christmas closure” or “Bank "
            "holiday: shorter hours”."
        ),
    )

    panels = [
        FieldRowPanel(
            [
                FieldPanel("date", widget=AdminDateInput(attrs={"size": 11})),
                _time_panel("opens"),
                _time_panel("closes"),
                FieldPanel("closed"),
            ]
        ),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["date"]
        verbose_name = _("special opening hours")
        verbose_name_plural = _("special opening hours")
        constraints = [
            models.UniqueConstraint(
                fields=["location", "date"],
                name="wagtail_physio_special_hours_one_per_date",
                violation_error_message=_(
                    "This location has special opening hours on that date already."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(closed=True, opens__isnull=True, closes__isnull=True)
                    | models.Q(
                        closed=False,
                        opens__isnull=False,
                        closes__isnull=False,
                        closes__gt=models.F("opens"),
                    )
                ),
                name="wagtail_physio_special_hours_closed_or_times",
            ),
        ]

    def __str__(self) -> str:
        if self.closed:
            hours: StrOrPromise = _("closed")
        else:
            hours = f"{self.opens}–{self.closes}"
        text = f"{self.date}: {hours}"
        return f"{text} ({self.note})" if self.note else text

    def clean(self) -> None:
        super().clean()
        errors: dict[str, StrOrPromise] = {}
        if self.closed:
            if self.opens is not None or self.closes is not None:
                errors["closed"] = _(
                    "A date marked closed cannot have opening times: clear the times "
                    "or untick “closed all day”."
                )
        else:
            if self.opens is None:
                errors["opens"] = _("Enter the opening time, or tick “closed all day”.")
            if self.closes is None:
                errors["closes"] = _(
                    "Enter the closing time, or tick “closed all day”."
                )
            if (
                self.opens is not None
                and self.closes is not None
                and self.closes <= self.opens
            ):
                errors["closes"] = _("The closing time must be after the opening time.")
        if errors:
            raise ValidationError(errors)
