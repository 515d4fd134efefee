"""The site's URLs plus /bench/trivial/: the cheapest response Django can give, as a yardstick."""

from django.http import HttpResponse
from django.urls import include, path


def trivial(request):
    """Through the full middleware stack, but no database, template or session."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/trivial/", trivial, name="bench-trivial"),
    path("", include("newsroom.urls")),
]

handler400 = "ops.errors.bad_request"
handler403 = "ops.errors.permission_denied"
handler404 = "ops.errors.page_not_found"
handler500 = "ops.errors.server_error"
