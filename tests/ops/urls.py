"""The site's URLs plus views that fail on purpose, for the error-page tests."""

from django.db import OperationalError
from django.http import HttpResponse
from django.urls import path

from newsroom import urls as site_urls


def broken_view(request):
    raise RuntimeError("SECRET-DETAIL-4417 in the view")


def database_gone_view(request):
    raise OperationalError(
        'connection to server at "10.9.8.7", port 5432 failed: Connection refused'
    )


def ok_view(request):
    return HttpResponse("fine")


urlpatterns = [
    path("ops-test/broken/", broken_view),
    path("ops-test/database-gone/", database_gone_view),
    path("ops-test/ok/", ok_view),
    *site_urls.urlpatterns,
]

handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500
