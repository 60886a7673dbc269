"""The test URLs with pages under language prefixes: ``/`` English, ``/cy/`` Welsh.

Used by the bilingual run's settings, and by main-suite tests that switch Wagtail's
i18n on for themselves.
"""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls

from tests.urls import urlpatterns as plain_urlpatterns

urlpatterns = [
    # The admin, API and the rest keep their one address; only pages move.
    *(pattern for pattern in plain_urlpatterns if str(pattern.pattern)),
    *i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False),
]
