"""The middleware serving readers' pages from the cache and keeping the ones views allow."""

import hashlib
import logging
import math
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
from .purge import tag_tokens
from .readers import entry_key, may_use_cache
from .tags import CACHE_FAILURES, changed_at, current_versions

logger = logging.getLogger(__name__)
# Headers a view sets that belong to the page; the rest (cookies, Vary, caching) are per response.
KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Link")
LOCK_PREFIX = "pagelock:"


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
        entry = lock = None
        try:
            entry = tags.cache().get(key)
            if entry is not None:
                versions, now = current_versions(entry["tags"]), time.time()
                if versions == entry["versions"] and now < entry["fresh_until"]:
                    return self.respond(request, entry, served="hit")
                # One worker renders the page again; the others serve this copy meanwhile,
                # unless it is too old (or nobody knows since when: then they render too).
                if tags.cache().add(LOCK_PREFIX + key, 1, settings.NEWSROOM_PAGE_LOCK_SECONDS):
                    lock = LOCK_PREFIX + key
                elif now - stale_since(entry, versions) <= settings.NEWSROOM_PAGE_STALE_SECONDS:
                    return self.respond(request, entry, served="stale")
        except CACHE_FAILURES:
            # Without the cache the site still works: every page is rendered.
            logger.warning("Page cache unreachable: rendering %s", request.path, exc_info=True)
            return self.get_response(request)
        try:
            return self.render(request, key, replacing=entry is not None)
        finally:
            if lock is not None:
                forget(lock)

    def render(self, request, key, *, replacing):
        request.page_cache = {}
        response = self.get_response(request)
        state = request.page_cache
        entry = None
        if (
            "tags" in state
            and response.status_code == 200
            and not response.streaming
            and not state.get("broken")
            # Something in the page was about this reader after all: keep it to them.
            and not response.cookies
            and "Cookie" not in response.get("Vary", "")
        ):
            try:
                entry = self.store(key, response, state)
            except CACHE_FAILURES:
                logger.warning("Page cache unreachable: not keeping %s", request.path)
        if entry is None:
            if replacing:
                # Gone, or no longer to be kept (an unpublished story): no stale copy of it.
                forget(key)
            return response
        return self.respond(request, entry, served="miss")

    def store(self, key, response, state):
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
            "etag": '"' + hashlib.sha256(content).hexdigest()[:32] + '"',
            "stored_at": int(now),
            "fresh_until": now + timeout,
        }
        # Kept on as the stale copy served while the page is rendered again (see __call__).
        tags.cache().set(key, entry, timeout=int(timeout) + settings.NEWSROOM_PAGE_STALE_SECONDS)
        return entry

    def respond(self, request, entry, *, served):
        response = HttpResponse(status=200)
        for name, value in entry["headers"]:
            response[name] = value
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = http_date(entry["stored_at"])
        response["X-Page-Cache"] = served
        # What the page shows, for a CDN to drop it by (pagecache/purge.py).
        tokens = tag_tokens(entry["tags"])
        response["Surrogate-Key"] = " ".join(tokens)
        response["Cache-Tag"] = ",".join(tokens)
        if served == "stale":
            # Not to be kept in front: the fresh copy is being rendered this moment.
            patch_cache_control(response, no_cache=True)
        else:
            patch_cache_control(
                response,
                public=True,
                max_age=settings.NEWSROOM_PAGE_BROWSER_MAX_AGE,
                s_maxage=settings.NEWSROOM_PAGE_SHARED_MAX_AGE,
            )
            if settings.NEWSROOM_PAGE_STALE_WHILE_REVALIDATE:
                patch_cache_control(
                    response, stale_while_revalidate=settings.NEWSROOM_PAGE_STALE_WHILE_REVALIDATE
                )
        conditional = get_conditional_response(
            request, etag=entry["etag"], last_modified=entry["stored_at"], response=response
        )
        if conditional is not response:
            return conditional
        response.content = entry["content"]
        return response


def stale_since(entry, versions):
    """When this entry stopped being current: it expired, or one of its tags changed."""
    since = entry["fresh_until"]
    for old, new in zip(entry["versions"], versions, strict=True):
        if new != old:
            # A version lost from the cache (evicted) says nothing of when: never serve it.
            since = min(since, changed_at(new) or -math.inf)
    return since


def forget(key):
    try:
        tags.cache().delete(key)
    except CACHE_FAILURES:
        logger.warning("Page cache unreachable: could not remove %s", key)


def is_logged_in(request):
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated
