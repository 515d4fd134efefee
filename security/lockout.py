"""The page a login locked out by django-axes gets (AXES_LOCKOUT_CALLABLE)."""

from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out login gets (django-axes): 429, what happened and how long to wait."""
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = None
    if isinstance(cool_off, timedelta):
        minutes = max(1, round(cool_off.total_seconds() / 60))
    context = {
        **admin.site.each_context(request),
        "title": gettext("Too many failed logins"),
        "minutes": minutes,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    # Rendered now: axes returns it from a middleware, after views' responses are rendered.
    response = TemplateResponse(request, "admin/lockout.html", context, status=429).render()
    if minutes:
        response["Retry-After"] = str(minutes * 60)
    return response
