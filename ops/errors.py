"""The error pages (handler400 to handler500 in the root URLs)."""

import sys

from django.shortcuts import render

from . import resilience


# Error pages without Django's CSRF-checking decorators: those re-read request.POST, so a post
# that broke parsing (say, a form declaring charset=latin-1) would fail again inside the handler
# and escape as a bare 500.
def bad_request(request, exception):
    return render(request, "400.html", status=400)


def permission_denied(request, exception):
    return render(request, "403.html", {"exception": str(exception)}, status=403)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Django calls this while the exception is being handled: a database that went away inside
    # another middleware (ops/resilience.py explains why) answers 503, not 500.
    if resilience.is_database_unavailable(sys.exception()):
        resilience.close_broken_connections()
        return resilience.database_unavailable(request)
    return render(request, "500.html", status=500)
