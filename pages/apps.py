from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

import pagecache


class PagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from .models import Page

        pagecache.watch(Page)  # The footer links every page.
