"""Whole pages for readers, kept in the cache and dropped the moment what they show changes.

A view that may be shared between readers says so while it runs:

    pagecache.cache_for_readers(request, "site", "listings", params=("page",), expires_at=...)

Tags name what the page shows: `site` (sections, authors, photos, pages, discussion settings:
everything), `listings` (which stories are out and what their cards say, comment counts
included), `article-set` (which stories are out, for "Related stories"), `article:<id>` (one
story with its comments and corrections). Each tag has a version in the cache, a random token
changed by `invalidate()` once the change is committed. An entry keeps the versions its tags had
when its render began; on a hit the current versions are read (one round trip) and any
difference is a miss. A change therefore drops exactly the pages that show it, on every app
server sharing the cache, and a render racing a change is stored already stale. A lost version
(evicted) never matches, so eviction can only cost a render, never serve a stale page.

Time changes pages too: a scheduled story goes out, comments close after so many days. Views
pass `expires_at`, the next such moment, and the entry lives no longer than that.

What one reader must not see of another's page is kept out of the entry: the CSRF token and the
comment form's signed time are placeholders in the cached copy, filled for each request
(`{% per_reader "csrf" %}`). Such pages say `Cache-Control: private` so that only the reader's
own browser keeps them (and revalidates them: ETag and Last-Modified answer 304); pages without
them are `public` for a proxy or CDN in front for NEWSROOM_PAGE_SHARED_MAX_AGE seconds.

Never served from nor stored in the cache: anything but GET and HEAD; a request carrying a
session cookie (staff: they always get a fresh page, and tell their browser not to keep it) or
the messages cookie (a reader who has just posted sees "awaiting moderation"); a query
parameter the view did not declare (beyond tracking ones like utm_*, which are ignored).
"""

import hashlib
import logging
import secrets
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.middleware.csrf import get_token
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import http_date
from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)
# What a cache that is away raises (redis-py's errors derive from these, or from RedisError).
CACHE_FAILURES = (ConnectionError, TimeoutError, OSError)
try:
    from redis.exceptions import RedisError

    CACHE_FAILURES += (RedisError,)
except ImportError:  # pragma: no cover (redis is a dependency)
    pass

# Parameters that tell analytics where a reader came from; the page is the same without them.
TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "_ga")
# Paths that are never a reader's shared page: no lookup is spent on them.
SKIPPED_PREFIXES = ("/admin/", "/comments/", "/preview/", "/search/", "/static/", "/media/")
# Headers a view sets that belong to the page; the rest (cookies, Vary, caching) are per response.
KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Link")
ENTRY_PREFIX = "page:"
VERSION_PREFIX = "pagetag:"


def cache():
    return caches[settings.NEWSROOM_PAGE_CACHE_ALIAS]


# Per-reader values ---------------------------------------------------------------------------

FILLERS = {}


def per_reader(name):
    """Register the function giving a per-reader value (of a request) under a name."""

    def register(function):
        FILLERS[name] = function
        return function

    return register


def placeholder(name):
    # Reader-supplied text can never produce "<!--": comments are escaped, bodies sanitised.
    return f"<!--per-reader:{name}-->"


def reader_value(request, name):
    """The value for this request, or its placeholder when the page is being cached."""
    if is_cacheable(request):
        request.page_cache["fillers"].add(name)
        return mark_safe(placeholder(name))  # noqa: S308 (our own fixed text)
    return FILLERS[name](request)


@per_reader("csrf")
def csrf_token(request):
    return get_token(request)


def fill(content, request, names):
    for name in names:
        content = content.replace(placeholder(name).encode(), FILLERS[name](request).encode())
    return content


# Invalidation --------------------------------------------------------------------------------


def invalidate(*tags):
    """Drop every page showing any of these tags: now, and again when the transaction commits.

    Now, so that the writer's own next read (in the same transaction) is fresh; at the commit,
    because a reader's render between the two saw the data from before the change.
    """
    tags = tuple(dict.fromkeys(tags))
    if not tags:
        return
    _new_versions(tags)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _new_versions(tags), robust=True)


def invalidate_articles(article_ids, *, listed=True):
    """A change to these stories (their text, bylines, comments, corrections)."""
    tags = [f"article:{pk}" for pk in article_ids]
    invalidate(*tags, *(("listings",) if listed and tags else ()))


def invalidate_everything():
    invalidate("site")


def _new_versions(tags):
    try:
        cache().set_many({VERSION_PREFIX + tag: secrets.token_hex(8) for tag in tags}, timeout=None)
    except Exception:
        # The cache is away: the editor's change is saved all the same. Pages kept from before
        # live at most NEWSROOM_PAGE_CACHE_SECONDS (and nothing survives a restarted Redis).
        logger.exception("Page cache unreachable: could not drop pages for %s", ", ".join(tags))


def current_versions(tags, *, create=False):
    """The versions of these tags; with create, missing ones are made (for a new entry)."""
    keys = [VERSION_PREFIX + tag for tag in tags]
    found = cache().get_many(keys)
    if create:
        missing = {key: secrets.token_hex(8) for key in keys if key not in found}
        if missing:
            cache().set_many(missing, timeout=None)
            found.update(missing)
    return [found.get(key) for key in keys]


# Which requests ------------------------------------------------------------------------------


def cache_for_readers(request, *tags, params=(), expires_at=None):
    """Let this request's page be cached under the given tags (called by the view).

    `params` are the query parameters the view reads; `expires_at` (a datetime, or a function
    giving one) is when the page changes by itself.

    Versions are read now, before the view reads the database, so that a page rendered while a
    change commits is stored under the versions from before it: stale at once, never served.
    """
    state = getattr(request, "page_cache", None)
    if state is None or state.get("refused"):
        return
    names = {key for key, _ in query_items(request)}
    if not names <= set(params):
        return
    if callable(expires_at):  # Worked out only when the page will be kept.
        expires_at = expires_at()
    tags = ("site", *tags)
    try:
        versions = current_versions(tags, create=True)
    except CACHE_FAILURES:
        logger.warning("Page cache unreachable: not keeping %s", request.path, exc_info=True)
        return
    state.update(tags=tags, versions=versions, expires_at=expires_at, fillers=set())


def depends_on(request, *tags, expires_at=None):
    """Add what the page turned out to show (read as late as that), or when it goes stale."""
    if not is_cacheable(request):
        return
    state = request.page_cache
    new = [tag for tag in tags if tag not in state["tags"]]
    if new:
        state["tags"] += tuple(new)
        try:
            state["versions"] += current_versions(new, create=True)
        except CACHE_FAILURES:
            state["broken"] = True  # Not kept; placeholders already written are still filled.
    if expires_at is not None and (state["expires_at"] is None or expires_at < state["expires_at"]):
        state["expires_at"] = expires_at


def is_cacheable(request):
    state = getattr(request, "page_cache", None)
    return bool(state) and "tags" in state


def query_items(request):
    items = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    return sorted((k, v) for k, v in items if not k.startswith(TRACKING_PARAMETERS))


def entry_key(request):
    address = (
        f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(query_items(request))}"
    )
    return ENTRY_PREFIX + hashlib.sha256(address.encode()).hexdigest()


def may_use_cache(request):
    if request.method not in ("GET", "HEAD") or request.path.startswith(SKIPPED_PREFIXES):
        return False
    # Django checks the host name, not the port: a made-up port would make a new copy of every
    # page for each number (and put it in its links). Only the port the server listens on counts.
    _, port = split_domain_port(request.META.get("HTTP_HOST", ""))
    if port and port != str(request.META.get("SERVER_PORT")):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


# The middleware ------------------------------------------------------------------------------


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
            entry = cache().get(key)
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
        cache().set(key, entry, timeout=int(timeout))
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
