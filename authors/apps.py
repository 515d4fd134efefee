from django.apps import AppConfig

import pagecache


class AuthorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "authors"

    def ready(self):
        from .models import Author

        pagecache.watch(Author)  # Bylines and author pages show on every kind of page.
