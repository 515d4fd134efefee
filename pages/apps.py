from django.apps import AppConfig

import pagecache


class PagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pages"

    def ready(self):
        from .models import Page

        pagecache.watch(Page)  # The footer links every page.
