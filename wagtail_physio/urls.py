"""URLs a project includes for client-mode notice banners:

path("physio/", include("wagtail_physio.urls")),
"""

from django.urls import path

from .notices import views as notice_views

app_name = "wagtail_physio"

urlpatterns = [
    path("notices.json", notice_views.notice_banners, name="notice_banners"),
]
