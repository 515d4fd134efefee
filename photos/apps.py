from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

import pagecache


class PhotosConfig(AppConfig):
    name = "photos"
    verbose_name = _("Photo library")

    def ready(self):
        from .models import Photo, Rendition

        for model in (Photo, Rendition):
            pagecache.watch(model)
