"""Special opening hours for several locations at once: one form for a closure (or
shorter hours) on a date or a run of dates, added to every location ticked.

The Locations listing links to it; ``ClinicLocationAdmin`` registers its URL.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.widgets import AdminDateInput, AdminTimeInput
from wagtail.log_actions import log
from wagtail_modeladmin.views import WMABaseView

from ..core import render_cache
from ..core.translations import source_versions
from .hours import PAST_DATE_MESSAGE
from .models import ClinicLocation, SpecialOpeningHours

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from django.http import HttpResponse

#: The longest run of dates one form adds (a summer closure fits; a typo in the
#: year does not add a thousand rows).
MAX_DAYS = 62

#: The fields a special opening hours row shares with this form.
ROW_FIELDS = ("closed", "opens", "closes", "note")


class LocationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        label = f"{obj.name}, {obj.town}" if obj.town else obj.name
        if not obj.is_active:
            label = str(_("%(location)s (inactive)") % {"location": label})
        return label


class SpecialHoursForLocationsForm(forms.Form):
    """Which locations, which dates, and closed or open at other times, with a note."""

    locations = LocationChoiceField(
        label=_("Locations"),
        queryset=ClinicLocation.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every active location is ticked to start with."),
    )
    first_date = forms.DateField(label=_("From"), widget=AdminDateInput)
    last_date = forms.DateField(
        label=_("To"),
        required=False,
        widget=AdminDateInput,
        help_text=_("The last date, for several days in a row. Blank for one day."),
    )
    closed = forms.BooleanField(label=_("Closed all day"), required=False)
    opens = forms.TimeField(
        label=_("Opens"),
        required=False,
        widget=AdminTimeInput,
        help_text=_("Unless closed all day, e.g. 10:00"),
    )
    closes = forms.TimeField(
        label=_("Closes"),
        required=False,
        widget=AdminTimeInput,
        help_text=_("e.g. 14:00"),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=SpecialOpeningHours._meta.get_field("note").max_length,
        required=False,
        help_text=_(
            "Shown to patients beside the dates, e.g. “Christmas closure” or “Bank "
            "holiday: shorter hours”."
        ),
    )
    replace = forms.BooleanField(
        label=_("Replace special opening hours already set on these dates"),
        required=False,
        help_text=_(
            "Unticked, a location that has special opening hours on one of the dates "
            "keeps them for that date."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Hours are the source's in every language (core/translations.py): a
        # translation's would never be shown, so only sources are offered.
        sources = source_versions(ClinicLocation.objects.all())
        self.fields["locations"].queryset = sources  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault(
                "locations",
                list(sources.active().values_list("pk", flat=True)),
            )
            self.initial.setdefault("closed", True)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, last = cleaned.get("first_date"), cleaned.get("last_date")
        if first is not None:
            if first < timezone.localdate():
                self.add_error("first_date", PAST_DATE_MESSAGE)
            if last is None and "last_date" not in self.errors:
                cleaned["last_date"] = last = first
            if last is not None and last < first:
                self.add_error("last_date", _("Enter a date on or after the first."))
            elif last is not None and (last - first).days >= MAX_DAYS:
                self.add_error(
                    "last_date",
                    _("Enter at most %(days)d days in a row.") % {"days": MAX_DAYS},
                )
        # The same rules as a row on a location's form.
        row = SpecialOpeningHours(
            **{name: cleaned.get(name) for name in ROW_FIELDS if name != "note"}
        )
        try:
            row.clean()
        except ValidationError as error:
            for name, messages_ in error.message_dict.items():
                if name not in self.errors:
                    for message in messages_:
                        self.add_error(name, message)
        return cleaned

    def dates(self) -> list[datetime.date]:
        first, last = self.cleaned_data["first_date"], self.cleaned_data["last_date"]
        return [
            first + datetime.timedelta(days=offset)
            for offset in range((last - first).days + 1)
        ]


@dataclass
class SpecialHoursAdded:
    """What ``add_special_hours`` did, for the message the editor sees."""

    created: int = 0
    replaced: int = 0
    #: (location, date) pairs kept as they were.
    kept: list[tuple[ClinicLocation, datetime.date]] = field(default_factory=list)
    #: Locations whose special opening hours changed.
    changed: list[ClinicLocation] = field(default_factory=list)


def add_special_hours(
    locations: Iterable[ClinicLocation],
    dates: list[datetime.date],
    values: dict[str, Any],
    *,
    replace: bool = False,
) -> SpecialHoursAdded:
    """Give each location ``values`` (closed, opens, closes, note) on each date.

    The locations are locked for the transaction, as their edit view locks one: a
    location form opened before this is then refused on saving (it would delete
    the new rows), and two of these at once wait for each other.
    """
    result = SpecialHoursAdded()
    with transaction.atomic():
        locked = list(
            ClinicLocation.objects.select_for_update()
            .filter(pk__in=[location.pk for location in locations])
            .order_by("pk")
        )
        existing = {
            (row.location_id, row.date): row
            for row in SpecialOpeningHours.objects.filter(
                location__in=locked, date__in=dates
            )
        }
        new, updated = [], []
        for location in locked:
            changed = False
            for day in dates:
                row = existing.get((location.pk, day))
                if row is None:
                    new.append(
                        SpecialOpeningHours(location=location, date=day, **values)
                    )
                    changed = True
                elif replace:
                    for name, value in values.items():
                        setattr(row, name, value)
                    updated.append(row)
                    changed = True
                else:
                    result.kept.append((location, day))
            if changed:
                result.changed.append(location)
        SpecialOpeningHours.objects.bulk_create(new)
        SpecialOpeningHours.objects.bulk_update(updated, list(values))
        if new or updated:
            # Bulk writes send no signals: pages showing these hours render afresh.
            render_cache.changed(render_cache.LOCATIONS)
    result.created, result.replaced = len(new), len(updated)
    return result


class AddSpecialHoursView(WMABaseView):
    """The form, for users who may change locations (checked on POST as on GET)."""

    template_name = "wagtail_physio/admin/clinic_location_special_hours.html"
    page_title = _("Add special opening hours")

    def check_action_permitted(self, user: AbstractBaseUser | AnonymousUser) -> bool:
        return bool(
            self.permission_helper.user_has_specific_permission(
                user, self.permission_helper.get_perm_codename("change")
            )
        )

    def get_page_subtitle(self) -> str:
        return str(_("Several locations at once"))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", SpecialHoursForLocationsForm())
        context = super().get_context_data(**kwargs)
        context["media"] = context["form"].media
        return context

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        form = SpecialHoursForLocationsForm(request.POST)
        if not form.is_valid():
            messages.error(
                request, _("The special opening hours could not be added: see below.")
            )
            return self.render_to_response(self.get_context_data(form=form))
        dates = form.dates()
        values = {name: form.cleaned_data[name] for name in ROW_FIELDS}
        result = add_special_hours(
            form.cleaned_data["locations"],
            dates,
            values,
            replace=form.cleaned_data["replace"],
        )
        for location in result.changed:
            log(
                instance=location,
                action="wagtail.edit",
                user=request.user,
                content_changed=True,
            )
        self._report(result, dates)
        return HttpResponseRedirect(self.index_url)

    def _report(self, result: SpecialHoursAdded, dates: list[datetime.date]) -> None:
        when = formats.date_format(dates[0], "DATE_FORMAT")
        if len(dates) > 1:
            when = _("%(first)s to %(last)s") % {
                "first": when,
                "last": formats.date_format(dates[-1], "DATE_FORMAT"),
            }
        if result.changed:
            messages.success(
                self.request,
                ngettext(
                    "Special opening hours saved for %(count)d location, %(when)s.",
                    "Special opening hours saved for %(count)d locations, %(when)s.",
                    len(result.changed),
                )
                % {"count": len(result.changed), "when": when},
            )
        if result.kept:
            messages.warning(
                self.request,
                _(
                    "Kept as they were, with special opening hours set already: "
                    "%(kept)s. Tick “Replace” to change them too."
                )
                % {
                    "kept": "; ".join(
                        f"{location.name}, {formats.date_format(day, 'DATE_FORMAT')}"
                        for location, day in result.kept
                    )
                },
            )
