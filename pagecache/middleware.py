"""The middleware serving readers' pages from the cache and keeping the ones views allow."""

import hashlib
import logging
import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import http_date

from . import tags
from .readers import entry_key, fill, may_use_cache
from .tags import CACHE_FAILURES, current_versions

logger = logging.getLogger(__name__)
# Headers a view sets that belong to the page; the rest (cookies, Vary, caching) are per response.
KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Link")


class PageCacheMiddleware:
    """Serve and keep readers' pages (see the module docstring). Sits inside CSRF and sessions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.NEWSROOM_PAGE_CACHE or not may_use_cache(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and is_logged_in(request):
                add_never_cache_headers(response)
            return response
        if settings.NEWSROOM_PAGE_CACHE_BYPASS_HEADER and request.headers.get(
            settings.NEWSROOM_PAGE_CACHE_BYPASS_HEADER
        ):
            request.page_cache = {"refused": True}
            return self.get_response(request)

        key = entry_key(request)
        try:
            entry = tags.cache().get(key)
            if entry is not None and current_versions(entry["tags"]) == entry["versions"]:
                return self.respond(request, entry, hit=True)
        except CACHE_FAILURES:
            # Without the cache the site still works: every page is rendered.
            logger.warning("Page cache unreachable: rendering %s", request.path, exc_info=True)
            return self.get_response(request)

        request.page_cache = {}
        response = self.get_response(request)
        state = request.page_cache
        if "tags" not in state:
            return response
        entry = None
        if (
            response.status_code == 200
            and not response.streaming
            and not state.get("broken")
            # Something in the page was about this reader after all: keep it to them.
            and not response.cookies
            and "Cookie" not in response.get("Vary", "")
        ):
            try:
                entry = self.store(key, request, response, state)
            except CACHE_FAILURES:
                logger.warning("Page cache unreachable: not keeping %s", request.path)
        if entry is None:
            # Rendered with placeholders but not kept: filled for this reader all the same.
            if state["fillers"] and not response.streaming:
                response.content = fill(response.content, request, state["fillers"])
            return response
        return self.respond(request, entry, hit=False)

    def store(self, key, request, response, state):
        now = time.time()
        timeout = settings.NEWSROOM_PAGE_CACHE_SECONDS
        if state["expires_at"] is not None:
            timeout = min(timeout, state["expires_at"].timestamp() - now)
        if timeout < 1:
            return None
        content = response.content
        entry = {
            "tags": state["tags"],
            "versions": state["versions"],
            "content": content,
            "headers": [
                (name, response[name]) for name in KEPT_HEADERS if response.has_header(name)
            ],
            "fillers": sorted(state["fillers"]),
            "etag": '"' + hashlib.sha256(content).hexdigest()[:32] + '"',
            "stored_at": int(now),
        }
        tags.cache().set(key, entry, timeout=int(timeout))
        return entry

    def respond(self, request, entry, *, hit):
        response = HttpResponse(status=200)
        for name, value in entry["headers"]:
            response[name] = value
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = http_date(entry["stored_at"])
        response["X-Page-Cache"] = "hit" if hit else "miss"
        if entry["fillers"]:
            patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
        else:
            patch_cache_control(
                response,
                public=True,
                max_age=settings.NEWSROOM_PAGE_BROWSER_MAX_AGE,
                s_maxage=settings.NEWSROOM_PAGE_SHARED_MAX_AGE,
            )
        conditional = get_conditional_response(
            request, etag=entry["etag"], last_modified=entry["stored_at"], response=response
        )
        if conditional is not response:
            return conditional
        response.content = fill(entry["content"], request, entry["fillers"])
        return response


def is_logged_in(request):
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated
