"""A URLconf that forgot ``include("wagtail_physio.urls")``, for system checks."""

from django.urls import include, path
from wagtail import urls as wagtail_urls

urlpatterns = [path("", include(wagtail_urls))]
