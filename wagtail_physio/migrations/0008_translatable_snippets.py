"""Condition categories, clinic locations and notice banners become translatable.

Existing rows join the default locale (created if the site has none yet, as
Wagtail's own migration does) with a translation key each; then the fields become
required and category names and slugs unique per locale instead of overall.
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from wagtail.coreutils import get_supported_content_language_variant

TRANSLATABLE = ["conditioncategory", "cliniclocation", "noticebanner"]


def into_default_locale(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Check the new foreign keys now rather than at commit: PostgreSQL refuses
        # to alter a table with deferred checks pending, as the next step does.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    Locale = apps.get_model("wagtailcore", "Locale")
    locale, _created = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    for model_name in TRANSLATABLE:
        model = apps.get_model("wagtail_physio", model_name)
        model.objects.filter(locale__isnull=True).update(locale=locale)
        rows = list(model.objects.filter(translation_key__isnull=True).only("pk"))
        for row in rows:
            row.translation_key = uuid.uuid4()
        model.objects.bulk_update(rows, ["translation_key"], batch_size=500)


def nullable_locale(model_name):
    return migrations.AddField(
        model_name=model_name,
        name="locale",
        field=models.ForeignKey(
            editable=False,
            null=True,
            on_delete=django.db.models.deletion.PROTECT,
            related_name="+",
            to="wagtailcore.locale",
            verbose_name="locale",
        ),
    )


def nullable_translation_key(model_name):
    return migrations.AddField(
        model_name=model_name,
        name="translation_key",
        field=models.UUIDField(editable=False, null=True),
    )


def required_locale(model_name):
    return migrations.AlterField(
        model_name=model_name,
        name="locale",
        field=models.ForeignKey(
            editable=False,
            on_delete=django.db.models.deletion.PROTECT,
            related_name="+",
            to="wagtailcore.locale",
            verbose_name="locale",
        ),
    )


def required_translation_key(model_name):
    return migrations.AlterField(
        model_name=model_name,
        name="translation_key",
        field=models.UUIDField(default=uuid.uuid4, editable=False),
    )


def one_per_locale(model_name):
    return migrations.AddConstraint(
        model_name=model_name,
        constraint=models.UniqueConstraint(
            fields=("translation_key", "locale"),
            name=f"unique_translation_key_locale_wagtail_physio_{model_name}",
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtail_physio", "0007_list_editing_attributes"),
    ]

    operations = [
        *(nullable_locale(name) for name in TRANSLATABLE),
        *(nullable_translation_key(name) for name in TRANSLATABLE),
        migrations.RunPython(into_default_locale, migrations.RunPython.noop),
        *(required_locale(name) for name in TRANSLATABLE),
        *(required_translation_key(name) for name in TRANSLATABLE),
        migrations.AlterField(
            model_name="conditioncategory",
            name="name",
            field=models.CharField(
                help_text="Plain words visitors use, e.g. 'Back and spine'.",
                max_length=80,
                verbose_name="name",
            ),
        ),
        migrations.AlterField(
            model_name="conditioncategory",
            name="slug",
            field=models.SlugField(
                allow_unicode=True,
                blank=True,
                help_text=(
                    "Used in the filter link, e.g. ?category=back-and-spine. Left "
                    "blank, it is made from the name."
                ),
                max_length=80,
                verbose_name="slug",
            ),
        ),
        *(one_per_locale(name) for name in TRANSLATABLE),
        migrations.AddConstraint(
            model_name="conditioncategory",
            constraint=models.UniqueConstraint(
                fields=("locale", "name"),
                name="wagtail_physio_category_name_unique_per_locale",
            ),
        ),
        migrations.AddConstraint(
            model_name="conditioncategory",
            constraint=models.UniqueConstraint(
                fields=("locale", "slug"),
                name="wagtail_physio_category_slug_unique_per_locale",
            ),
        ),
    ]
