from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "tests.custom_base_page.clinic"
    label = "clinic"
    default_auto_field = "django.db.models.BigAutoField"
