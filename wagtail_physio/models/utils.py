"""Querying across every concrete page type built on one of the package's mixins."""

from django.apps import apps


def models_owning_field(mixin, field_name):
    """Concrete page models built on ``mixin`` whose own table holds ``field_name``.

    A project's subclass of such a model shares its parent's table, so querying
    the owners covers every page type that has the field.
    """
    from wagtail.models import Page

    return [
        model
        for model in apps.get_models()
        if issubclass(model, mixin)
        and issubclass(model, Page)
        and model._meta.get_field(field_name).model is model
    ]


def lookup_from_page(model):
    """The ORM path from ``Page`` down to ``model``, e.g. ``"conditionpage"``."""
    from wagtail.models import Page

    parts = []
    current = model
    while current is not Page:
        parent, link = next(iter(current._meta.parents.items()))
        parts.append(link.related_query_name())
        current = parent
    return "__".join(reversed(parts))
