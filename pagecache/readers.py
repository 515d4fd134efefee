"""Which requests a page may be kept for, under which key and tags."""

import hashlib
import logging
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.http.request import split_domain_port

from .tags import CACHE_FAILURES, current_versions

logger = logging.getLogger(__name__)

# Parameters that tell analytics where a reader came from; the page is the same without them.
# Prefixes: deploy/nginx/newsroom.conf leaves the same ones out of its cache key.
TRACKING_PARAMETERS = (
    "utm_", "fbclid", "gclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "_ga", "_gl",
)  # fmt: skip
# Paths that are never a reader's shared page: no lookup is spent on them.
SKIPPED_PREFIXES = ("/admin/", "/comments/", "/preview/", "/search/", "/static/", "/media/")
# v2: entries with a freshness deadline and no per-reader placeholders (never read older ones).
ENTRY_PREFIX = "page:v2:"


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
    state.update(tags=tags, versions=versions, expires_at=expires_at)


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
            state["broken"] = True  # Not kept.
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
