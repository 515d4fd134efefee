"""One log line per request, with nothing in it that identifies a reader.

`GET /2026/11/26/bridge-reopens/ 200 12ms 18234B`, plus `user=<id>` for a signed-in member of
staff. Never the client's address, never the query string (a search for someone's name or email,
a signed link's token), never a form field: a commenter's email goes to moderators and nobody
else, the log included. A preview link's token is masked too. Errors and their tracebacks go to
the `django.request` logger.
"""

import logging
import time

from django.utils.functional import empty

logger = logging.getLogger("newsroom.request")

# Load balancers ask every few seconds; only a failing answer is worth a line.
QUIET_PATHS = {"/healthz"}


def _size(response):
    if response.has_header("Content-Length"):
        return f"{response['Content-Length']}B"
    if response.streaming:
        return "-"
    return f"{len(response.content)}B"


def _path(request):
    # A shared preview link works for whoever holds it: its token stays out of the log.
    match = getattr(request, "resolver_match", None)
    token = match.kwargs.get("token") if match else None
    path = request.path.replace(token, "…") if token else request.path
    # A decoded %0A would otherwise start a forged line of its own.
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in path)


def _staff_id(request):
    # Only a user the request has already loaded: looking one up here would cost a query, and
    # fail when the database is down.
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if getattr(user, "is_staff", False) else None


class RequestLogMiddleware:
    """Log method, path, status, duration and size of every response at INFO.

    First in MIDDLEWARE, so the time covers every other layer and the status is the one sent,
    including a 500 or 503 that an inner layer turned an exception into.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        if request.path in QUIET_PATHS and response.status_code < 400:
            return response
        try:
            elapsed = (time.perf_counter() - started) * 1000
            staff_id = _staff_id(request)
            logger.info(
                "%s %s %s %.0fms %s%s",
                request.method,
                _path(request),
                response.status_code,
                elapsed,
                _size(response),
                f" user={staff_id}" if staff_id is not None else "",
            )
        except Exception:  # a log line must never cost the reader the page
            logger.debug("Could not log a request", exc_info=True)
        return response
