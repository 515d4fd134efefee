"""The site's URLs plus uploaded media, which the live test server would not serve otherwise."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from newsroom.urls import *  # noqa: F403
from newsroom.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]
