from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

import pagecache


class AuthorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "authors"
    verbose_name = _("Authors")

    def ready(self):
        from .models import Author

        pagecache.watch(Author)  # Bylines and author pages show on every kind of page.
