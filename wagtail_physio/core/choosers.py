"""Admin choosers that take what the form already loaded.

Wagtail's page chooser widget asks the database twice for every chosen page it
shows in the editor: for the specific page (its title) and for its parent (where
the chooser opens). A body with sixty linked pages made the edit view cost sixty
times two queries. The package's blocks load the pages they choose in one query,
with their parent's id (``core.pages.annotate_parent_id``); this widget uses that.

Saving or previewing a page reads each chooser of the posted form on its own,
and Wagtail's ``ChooserBlock`` then asks for each chosen object twice: once to
read the form (``value_from_form``) and once more to validate it (``clean``). A
body with thirty images cost ninety image queries. ``FormBulkLoadedChooserMixin``
loads every object a form chooses with one block in one query instead.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from wagtail.admin.widgets import AdminPageChooser
from wagtail.admin.widgets.chooser import BaseChooser

#: Where a posted form keeps the objects its choosers loaded: an attribute of the
#: form's data (a QueryDict), so they live exactly as long as that request's form.
FORM_OBJECTS_ATTRIBUTE = "_physio_chosen_objects"
#: Set on each object a form loaded, so ``clean`` need not load it again.
LOADED_FOR_FORM = "_physio_loaded_for_form"


def sibling_field_pattern(prefix: str) -> re.Pattern[str]:
    """The names of every field a block has in a posted form, given one of them.

    Wagtail names a block's form fields after its place in the stream:
    ``body-3-value-image``, ``body-7-value-procedures-0-value-page``. Block names are
    identifiers, so a part made of digits is always a position in a stream or list;
    the same block anywhere in the form matches with any digits there.
    """
    parts = [
        r"\d+" if part.isdigit() else re.escape(part) for part in prefix.split("-")
    ]
    return re.compile("-".join(parts))


def chosen_ids(data: Mapping[str, Any], prefix: str) -> list[str]:
    """The ids posted in every field of the block whose field ``prefix`` is one."""
    pattern = sibling_field_pattern(prefix)
    return [
        value
        for key in data
        if pattern.fullmatch(key) and (value := data.get(key)) not in (None, "")
    ]


class FormBulkLoadedChooserMixin:
    """A chooser block that reads a posted form's choices in one query.

    The first of the block's fields read from a form loads the objects of all its
    fields in that form (``load_objects``, as for a page view); the rest, and
    ``clean``, take theirs from what was loaded. Put it before the chooser block
    class in the bases, with ``BulkLoadedChooserMixin`` or a ``load_objects`` of
    its own that returns only objects the block's form field accepts.
    """

    model_class: Any
    field: Any
    load_objects: Callable[[Iterable[Any]], dict[Any, Any]]

    def value_from_datadict(self, data: Any, files: Any, prefix: str) -> Any:
        raw = self.field.widget.value_from_datadict(data, files, prefix)
        if raw is None or isinstance(raw, self.model_class):
            return raw
        pk = self._pk_or_none(raw)
        if pk is None:
            # Not an id at all: chosen as nothing, which ``clean`` then refuses if
            # the block is required (Wagtail's own lookup fails on it).
            return None
        return self._form_objects(data, prefix, pk).get(pk)

    def _pk_or_none(self, raw: Any) -> Any:
        try:
            return self.model_class._meta.pk.to_python(raw)
        except (TypeError, ValueError, ValidationError):
            return None

    def _form_objects(self, data: Any, prefix: str, pk: Any) -> _FormObjects:
        """This block's objects chosen in ``data``, loaded on the first call."""
        per_form = getattr(data, FORM_OBJECTS_ATTRIBUTE, None)
        if per_form is None:
            per_form = {}
            try:
                setattr(data, FORM_OBJECTS_ATTRIBUTE, per_form)
            except AttributeError:
                # A plain dict, not a posted form: nowhere to keep what was
                # loaded, so load this one object only.
                return _FormObjects(self._load_for_form([pk]), set())
        key = (id(self), sibling_field_pattern(prefix).pattern)
        if key not in per_form:
            ids = {self._pk_or_none(raw) for raw in chosen_ids(data, prefix)}
            ids.discard(None)
            per_form[key] = _FormObjects(self._load_for_form(ids), set())
        loaded: _FormObjects = per_form[key]
        return loaded

    def _load_for_form(self, ids: Iterable[Any]) -> dict[Any, Any]:
        objects = self.load_objects(ids)
        for obj in objects.values():
            setattr(obj, LOADED_FOR_FORM, True)
        return objects

    def clean(self, value: Any) -> Any:
        field = self.field
        if (
            getattr(value, LOADED_FOR_FORM, False)
            and isinstance(value, self.model_class)
            # The field accepts any object of the model: what load_objects found
            # moments ago is valid, with no second query to prove it.
            and field.queryset.model is self.model_class
            and not field.queryset.query.where
        ):
            field.validate(value)
            field.run_validators(value)
            return value
        return super().clean(value)  # type: ignore[misc]


class _FormObjects:
    """Objects by id for one form; an object given out twice is a copy the second
    time, as Wagtail's choosers give each use its own instance."""

    def __init__(self, objects: dict[Any, Any], given: set[Any]) -> None:
        self.objects = objects
        self.given = given

    def get(self, pk: Any) -> Any:
        obj = self.objects.get(pk)
        if obj is None:
            return None
        if pk in self.given:
            return copy.copy(obj)
        self.given.add(pk)
        return obj


class BulkLoadedPageChooser(AdminPageChooser):
    """Wagtail's page chooser for pages loaded with ``physio_parent_id``.

    Any other value (an id, a page loaded elsewhere) is shown as Wagtail shows it.
    """

    def get_instance(self, value: Any) -> Any:
        if hasattr(value, "physio_parent_id"):
            # The title Wagtail shows is the page's draft title, which the base
            # page already has: no query for the specific page.
            return value
        return super().get_instance(value)

    def get_value_data_from_instance(self, instance: Any) -> dict[str, Any]:
        if not hasattr(instance, "physio_parent_id"):
            data: dict[str, Any] = super().get_value_data_from_instance(instance)
            return data
        # BaseChooser's data (id, title, edit URL) and the parent's id as loaded.
        data = BaseChooser.get_value_data_from_instance(self, instance)
        data["parent_id"] = instance.physio_parent_id
        return data
