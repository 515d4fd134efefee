from django.apps import AppConfig


class WpimportConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "wpimport"
    verbose_name = "WordPress import"
