"""URLs a project includes for client-mode notice banners:

path("physio/", include("wagtail_physio.urls")),
"""

from django.urls import path

from . import views

app_name = "wagtail_physio"

urlpatterns = [
    path("notices.json", views.notice_banners, name="notice_banners"),
]
