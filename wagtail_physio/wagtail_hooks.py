"""Wagtail admin registration only."""

from wagtail_modeladmin.options import modeladmin_register

from .admin.notices import NoticeBannerAdmin

# Joins the "Clinic" menu group at merge.
modeladmin_register(NoticeBannerAdmin)
