"""An English and Welsh site, as Wagtail's own i18n tests set one up: two content
languages, a Locale row for each, and translated copies made the way the admin
makes them (``copy_for_translation``)."""

from wagtail.models import Locale

#: What a bilingual clinic sets, with wagtail-localize or without it.
BILINGUAL_SETTINGS = {
    "WAGTAIL_I18N_ENABLED": True,
    "LANGUAGES": [("en", "English"), ("cy", "Welsh")],
    "WAGTAIL_CONTENT_LANGUAGES": [("en", "English"), ("cy", "Welsh")],
}


def make_bilingual(settings):
    """Turn on English and Welsh; returns the (en, cy) locales."""
    for name, value in BILINGUAL_SETTINGS.items():
        setattr(settings, name, value)
    # The test database's only locale is LANGUAGE_CODE's ("en-gb"), which now
    # maps to the content language "en".
    Locale.objects.filter(language_code=settings.LANGUAGE_CODE).update(
        language_code="en"
    )
    english, _created = Locale.objects.get_or_create(language_code="en")
    welsh, _created = Locale.objects.get_or_create(language_code="cy")
    return english, welsh


def translate(instance, locale, **fields):
    """A saved translation of ``instance`` in ``locale`` with ``fields`` changed."""
    copy = instance.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.full_clean()
    copy.save()
    return copy
