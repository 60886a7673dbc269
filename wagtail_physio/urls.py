"""URLs a project includes for client-mode notice banners:

path("physio/", include("wagtail_physio.urls")),
"""

from django.urls import path

from .views import notices

app_name = "wagtail_physio"

urlpatterns = [
    path("notices.json", notices.notice_banners, name="notice_banners"),
]
