"""Admin edit forms for locations: the opening hours InlinePanel that refuses
clashing periods (and offers to copy a day's hours to other days), the special
opening hours InlinePanel that allows one row per date, and the check that refuses
saving over someone else's changes."""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel
from wagtail.fields import RichTextField

from .hours import (
    PAST_DATE_MESSAGE,
    WEEKDAYS,
    find_opening_hours_conflicts,
    find_special_hours_conflicts,
)

if TYPE_CHECKING:
    from django.http import HttpResponse

    # What the mixins below are mixed into, for type checking only.
    _FormBase = forms.ModelForm[models.Model]
    from wagtail_modeladmin.views import EditView as _EditViewBase
else:
    _FormBase = _EditViewBase = object


class OpeningHoursFormSet(BaseChildFormSet):
    """Rejects opening periods that overlap, or a day both closed and open.

    The check runs on the formset because the rows are only attached to the location
    when it is saved; the error is put on the clashing row so the editor sees where.
    Two editors saving at once cannot combine into a clash: the edit view saves with
    the location locked and refuses a form opened before the other save
    (``EditConflictViewMixin``).
    """

    def clean(self) -> None:
        super().clean()
        forms = [
            form
            for form in self.forms
            # Blank extra rows validate with empty cleaned_data; leave them out.
            if form.is_valid()
            and form.cleaned_data
            and not (self.can_delete and self._should_delete_form(form))
        ]
        by_instance = {id(form.instance): form for form in forms}
        conflicts = list(find_opening_hours_conflicts(form.instance for form in forms))
        for row, message in conflicts:
            form = by_instance[id(row)]
            field = "closed" if row.closed else "opens"
            form.add_error(field, message)
        if conflicts:
            raise ValidationError(
                [message for _row, message in conflicts], code="overlapping_hours"
            )


class OpeningHoursPanel(InlinePanel):
    """An InlinePanel for ``opening_hours`` whose formset checks for overlaps.

    With JavaScript, it offers to copy one day's periods to other days
    (``opening-hours-admin.js``); without, editors add each day's rows by hand.
    """

    def __init__(
        self, relation_name: str = "opening_hours", *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(relation_name, *args, **kwargs)

    def get_form_options(self) -> dict[str, Any]:
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = OpeningHoursFormSet
        return options

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "wagtail_physio/admin/opening_hours_panel.html"

        class Media:
            js = ["wagtail_physio/js/opening-hours-admin.js"]

        def get_context_data(
            self, parent_context: dict[str, Any] | None = None
        ) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["weekdays"] = WEEKDAYS
            return context


class SpecialOpeningHoursFormSet(BaseChildFormSet):
    """Special opening hours from today on: one row per date, none in the past.

    Past rows are left out of the form (and kept, as modelcluster keeps rows a
    formset does not mention). A post without this formset's management form (a
    form opened before special hours existed) keeps the stored rows as they are.
    """

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        instance: models.Model | None = None,
        queryset: Any = None,
        **kwargs: Any,
    ) -> None:
        if instance is None:
            instance = self.fk.remote_field.model()
        prefix = kwargs.get("prefix") or self.get_default_prefix()
        if queryset is None:
            related = getattr(instance, self.fk.remote_field.related_name)
            queryset = related.all()
            if instance.pk is None:
                queryset = queryset.filter(date__gte=timezone.localdate())
            else:
                # And the rows the form was opened with: a date that passed while
                # the form was open (at midnight) is still the row it posts.
                queryset = queryset.filter(
                    models.Q(date__gte=timezone.localdate())
                    | models.Q(pk__in=self._posted_ids(data, prefix))
                )
        if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
            data = self._stored_rows_data(data, prefix, queryset)
        super().__init__(data, files, instance=instance, queryset=queryset, **kwargs)

    @staticmethod
    def _posted_ids(data: Any, prefix: str) -> list[int]:
        if data is None:
            return []
        try:
            count = min(int(data.get(f"{prefix}-INITIAL_FORMS", 0)), 1000)
        except (TypeError, ValueError):
            return []
        ids = (data.get(f"{prefix}-{index}-id", "") for index in range(count))
        return [int(pk) for pk in ids if str(pk).isdigit()]

    @staticmethod
    def _stored_rows_data(data: Any, prefix: str, rows: Any) -> Any:
        """``data`` plus this formset posting the stored rows unchanged."""
        data = data.copy()
        rows = list(rows)
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = str(len(rows))
        for index, row in enumerate(rows):
            field = f"{prefix}-{index}-"
            data[field + "id"] = str(row.pk)
            data[field + "date"] = row.date.isoformat()
            data[field + "opens"] = row.opens.strftime("%H:%M") if row.opens else ""
            data[field + "closes"] = row.closes.strftime("%H:%M") if row.closes else ""
            data[field + "note"] = row.note
            if row.closed:
                data[field + "closed"] = "on"
        return data

    def validate_unique(self) -> None:
        # One row per date is checked in clean(), with a message naming the date
        # (modelcluster's check would say only "duplicate data").
        pass

    def clean(self) -> None:
        super().clean()
        forms = [
            form
            for form in self.forms
            if form.is_valid()
            and form.cleaned_data
            and not (self.can_delete and self._should_delete_form(form))
        ]
        today = timezone.localdate()
        problems: list[tuple[Any, str, Any]] = [
            (form, "date", PAST_DATE_MESSAGE)
            for form in forms
            if "date" in form.changed_data and form.instance.date < today
        ]
        by_instance = {id(form.instance): form for form in forms}
        problems += [
            (by_instance[id(row)], "date", message)
            for row, message in find_special_hours_conflicts(
                form.instance for form in forms
            )
        ]
        for form, field, message in problems:
            form.add_error(field, message)
        if problems:
            raise ValidationError(
                [message for _form, _field, message in problems],
                code="special_hours",
            )

    def save(self, commit: bool = True) -> Any:
        # A row moved to another date is saved as a new row, after the old one is
        # deleted: two rows swapping dates would otherwise meet the one-row-per-date
        # constraint half way through saving.
        moved = [
            form.instance
            for form in self.initial_forms
            if form not in self.deleted_forms
            and form.instance.pk is not None
            and "date" in form.changed_data
        ]
        if moved:
            getattr(self.instance, self.rel_name).remove(*moved)
            for row in moved:
                row.pk = None
        return super().save(commit=commit)


class SpecialOpeningHoursPanel(InlinePanel):
    """An InlinePanel for ``special_opening_hours``: upcoming dates, one row each."""

    def __init__(
        self, relation_name: str = "special_opening_hours", *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(relation_name, *args, **kwargs)

    def get_form_options(self) -> dict[str, Any]:
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = SpecialOpeningHoursFormSet
        return options


# --- Two editors, one object -----------------------------------------------------

#: The hidden field holding the object as it was when the form was opened.
OPENED_STATE_FIELD = "physio_opened_state"
_SIGNING_SALT = "wagtail_physio.edit_conflict"


#: Draftail's block keys: the editor may renumber them without any change an
#: editor would call one.
_BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')


def _digest(value: Any) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:12]


class EditConflictFormMixin(_FormBase):
    """For an admin model form: remembers, in a hidden field, what the object's
    fields (and inline rows) held when the form was opened, so that saving over
    someone else's later changes can be refused, naming what they changed.

    Use it with ``EditConflictViewMixin`` on the edit view, which compares inside
    the saving transaction. A post without the field (a form opened before this
    existed) is not checked.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[OPENED_STATE_FIELD] = forms.CharField(
            required=False, widget=forms.HiddenInput
        )
        if not self.is_bound and self.instance.pk is not None:
            self.initial[OPENED_STATE_FIELD] = self.state_token(self.instance)

    def edited_state(self, instance: models.Model) -> dict[str, tuple[str, str]]:
        """``{name: (label, digest)}`` of every field and inline relation this form
        edits, as ``instance`` holds them in the database."""
        state: dict[str, tuple[str, str]] = {}
        opts = instance._meta
        for name in self._meta.fields or ():
            try:
                field = opts.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.many_to_many:
                value: Any = sorted(
                    getattr(instance, name).values_list("pk", flat=True)
                )
            else:
                value = field.value_from_object(instance)  # type: ignore[union-attr]
                if isinstance(field, RichTextField) and isinstance(value, str):
                    value = _BLOCK_KEY.sub("", value)
            label = getattr(field, "verbose_name", name)
            state[name] = (str(capfirst(label)), _digest(value))
        for name, formset in getattr(self, "formsets", {}).items():
            child_opts = formset.model._meta
            fk_name = getattr(getattr(formset, "fk", None), "name", None)
            child_fields = [
                child_opts.get_field(field_name)
                for field_name in formset.form.base_fields
                if field_name not in ("id", fk_name)
                and _has_field(child_opts, field_name)
            ]
            rows = sorted(
                repr([field.value_from_object(row) for field in child_fields])
                for row in getattr(instance, name).all()
            )
            label = capfirst(child_opts.verbose_name_plural)
            state[name] = (str(label), _digest(rows))
        return state

    def state_token(self, instance: models.Model) -> str:
        digests = {
            name: digest
            for name, (_label, digest) in self.edited_state(instance).items()
        }
        return signing.dumps(
            {"pk": str(instance.pk), "state": digests},
            salt=_SIGNING_SALT,
            compress=True,
        )

    def changes_since_opened(self, current: models.Model) -> list[str]:
        """Labels of what changed in the database since the form was opened
        (``current`` is the object as stored now): empty if nothing did, or if
        the form was opened before this check existed."""
        token = self.data.get(self.add_prefix(OPENED_STATE_FIELD))
        if not token:
            return []
        try:
            opened = signing.loads(token, salt=_SIGNING_SALT)
            if opened["pk"] != str(current.pk):
                raise ValueError("another object's form")
            opened_state = dict(opened["state"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            # Cannot tell what the editor saw: safer to show them the latest.
            return [str(_("unknown (the form could not be checked)"))]
        return [
            label
            for name, (label, digest) in self.edited_state(current).items()
            if name in opened_state and opened_state[name] != digest
        ]

    def refuse_stale(self, current: models.Model | None, changes: list[str]) -> None:
        """Explain why nothing was saved, and let a second save go ahead on purpose."""
        name = capfirst(self._meta.model._meta.verbose_name)
        if current is None:
            self.add_error(
                None,
                _(
                    "%(name)s was deleted by someone else after you opened it, so "
                    "your changes were not saved."
                )
                % {"name": name},
            )
            return
        self.add_error(
            None,
            _(
                "Someone else saved this %(name)s after you opened it and changed: "
                "%(changes)s. Your changes are not saved yet. Reload the page to see "
                "theirs, or save again to replace them with yours."
            )
            % {
                "name": self._meta.model._meta.verbose_name,
                "changes": ", ".join(changes),
            },
        )
        # The form now counts as opened on the latest version: saving again is a
        # deliberate choice to overwrite.
        data = self.data.copy() if isinstance(self.data, QueryDict) else {**self.data}
        data[self.add_prefix(OPENED_STATE_FIELD)] = self.state_token(current)
        self.data = data


def _has_field(opts: Any, name: str) -> bool:
    try:
        opts.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


class EditConflictViewMixin(_EditViewBase):
    """For a modeladmin ``EditView`` whose form uses ``EditConflictFormMixin``.

    Locks the object's row, compares it with the form as opened and saves, all in
    one transaction: a second editor's save waits for the first to commit and is
    then refused, so neither silently undoes the other, and rows checked one form
    at a time (opening hours) cannot combine into a clash.
    """

    def form_valid(self, form: Any) -> HttpResponse:
        model = type(self.instance)
        with transaction.atomic():
            current = (
                model._default_manager.select_for_update()
                .filter(pk=self.instance.pk)
                .first()
            )
            # Deleted since the form was loaded: saving would bring it back.
            changes = form.changes_since_opened(current) if current else None
            if changes == []:
                # modeladmin's EditView, after this mixin in the bases.
                return super().form_valid(form)
        form.refuse_stale(current, changes or [])
        return self.form_invalid(form)
