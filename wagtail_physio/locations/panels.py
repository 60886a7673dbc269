"""The opening hours edit panel: an InlinePanel that refuses clashing periods."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel

from .hours import find_opening_hours_conflicts


class OpeningHoursFormSet(BaseChildFormSet):
    """Rejects opening periods that overlap, or a day both closed and open.

    The check runs on the formset because the rows are only attached to the location
    when it is saved; the error is put on the clashing row so the editor sees where.
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
    """An InlinePanel for ``opening_hours`` whose formset checks for overlaps."""

    def __init__(
        self, relation_name: str = "opening_hours", *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(relation_name, *args, **kwargs)

    def get_form_options(self) -> dict[str, Any]:
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = OpeningHoursFormSet
        return options
