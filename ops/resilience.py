"""When the database goes away: a friendly 503 instead of a 500, and recovery when it returns.

Two ways an unreachable database reaches the reader, and both end in `database_unavailable()`:

- Raised by a view, or while its template renders (a query in a context processor, a lazy user
  checked by the page): `DatabaseUnavailableMiddleware.process_exception` answers it.
- Raised in another middleware, before or after the view (sessions saved in the database, a
  logged-in user looked up): Django turns an exception inside any middleware into a response at
  that very layer, calling the 500 handler, so it never travels up to a middleware of ours,
  wherever it sits. `ops.errors.server_error` therefore asks `is_database_unavailable()` of
  the exception in flight and answers the same 503.

Recovery needs nothing more: with `conn_health_checks` a reused connection is tested before the
first query of a request, and a broken one is closed when the request ends (here too, eagerly).
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template import loader
from django.templatetags.static import static
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def is_database_unavailable(exc):
    """Whether this exception means the database could not be reached or the link broke."""
    return isinstance(exc, OperationalError | InterfaceError)


def _stylesheet():
    try:
        return static("css/site.css")
    except ValueError:  # no manifest yet (collectstatic not run): the page is readable unstyled
        return ""


def close_broken_connections():
    """Drop connections the failure left unusable, so the next request opens a fresh one."""
    for connection in connections.all(initialized_only=True):
        # Inside a transaction (a test's, or ATOMIC_REQUESTS) closing would break its owner;
        # Django closes it when the request ends anyway.
        if not connection.in_atomic_block:
            try:
                connection.close_if_unusable_or_obsolete()
            except Exception:  # best effort: the request has failed already
                logger.debug("Could not close a broken database connection", exc_info=True)


def database_unavailable(request=None):
    """The reader's 503 page: a plain template render, with nothing that could query."""
    was_sending = request is not None and request.method not in ("GET", "HEAD")
    html = loader.get_template("503.html").render(
        {
            "site_name": settings.NEWSROOM_SITE_NAME,
            "stylesheet": _stylesheet(),
            "was_sending": was_sending,
            "retry_url": "/" if request is None or was_sending else request.get_full_path(),
        }
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)  # never kept by a cache or a proxy: the outage ends
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 with a friendly page when a view cannot reach the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        logger.error(
            "Database unavailable: %s %s answered 503",
            request.method,
            request.path,
            exc_info=exception,
        )
        close_broken_connections()
        return database_unavailable(request)
