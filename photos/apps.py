from django.apps import AppConfig

import pagecache


class PhotosConfig(AppConfig):
    name = "photos"
    verbose_name = "Photo library"

    def ready(self):
        from .models import Photo, Rendition

        for model in (Photo, Rendition):
            pagecache.watch(model)
