"""Refuse absurd requests before any view, or the CSRF check, reads them."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

# Longer query strings are refused (414). A 10,000-character search still fits (it is cut short
# and the page says so); gunicorn's own default limit on the request line is lower (4,094 bytes).
MAX_QUERY_STRING_BYTES = 16 * 1024


def content_length(request):
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


class RequestLimitsMiddleware:
    """Answer an overlong query (414), too many fields (400) or a huge multipart body (413).

    Django counts query fields only where a view reads them, and refuses a large urlencoded body
    before reading it, but streams a multipart body of any size to disk: a 50 MB post with a
    CSRF cookie would be read in full by the CSRF check of any address. The admin keeps its own
    limits (photo uploads are large); the proxy in front still sets the outer ones.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING_BYTES:
            return render(request, "400.html", status=414)
        # Parsed now, so that too many fields (DATA_UPLOAD_MAX_NUMBER_FIELDS) is a 400 on every
        # page, not only on pages that read their query.
        request.GET  # noqa: B018
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if (
            limit is not None
            and request.content_type == "multipart/form-data"
            and content_length(request) > limit
            and not request.path_info.startswith(reverse("admin:index"))
        ):
            return render(request, "400.html", status=413)
        return self.get_response(request)
