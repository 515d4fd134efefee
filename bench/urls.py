"""newsroom.urls plus /bench/trivial/: the cheapest response Django can give, as a yardstick."""

from django.http import HttpResponse
from django.urls import path

from newsroom import urls as newsroom_urls


def trivial(request):
    """Through the full middleware stack, but no database, template or session."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial, name="bench-trivial"), *newsroom_urls.urlpatterns]

handler400 = newsroom_urls.handler400
handler403 = newsroom_urls.handler403
handler404 = newsroom_urls.handler404
handler500 = newsroom_urls.handler500
