"""Parts of a page kept as rendered HTML, valid while the versions of what they show hold.

A page asks for all its fragments at once:

    html = fragments.render(
        Fragment("thread", f"article:{pk}:{page}", ("site", f"article:{pk}"), render_thread),
        Fragment("byline", f"article:{pk}", ("site", f"article:{pk}"), render_byline),
    )

Each entry keeps the versions its tags had when its render began (pagecache/tags.py); the
entries and the tags' current versions are read in ONE get_many, and an entry whose versions
differ is rendered again, by calling its render function, which is where the queries it needs
belong: a warm fragment costs no query. So a change to one story (changed("article:12"))
re-renders that story's fragments and no other, on every app server sharing the cache.

Nothing about one reader goes in a fragment (the comment form, messages): they are shared.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from . import tags as page_tags
from .tags import CACHE_FAILURES, VERSION_PREFIX, new_version

logger = logging.getLogger(__name__)
# v1: {"versions": [...], "html": str}.
ENTRY_PREFIX = "fragment:v1:"


@dataclass(frozen=True)
class Fragment:
    name: str
    key: str  # What tells this fragment from others of its name (a story's id and page, ...).
    tags: tuple
    render: Callable[[], str]
    # When it changes by itself (a datetime, or a function giving one), like the page cache's.
    expires_at: object = None


def render(*fragments):
    """The HTML of each fragment by name: from the cache where current, else rendered."""
    default_cache = caches["default"]
    # Fragments hold translated text: one entry per language.
    language = get_language() or ""
    entry_keys = [
        ENTRY_PREFIX + f"{fragment.name}:{language}:{fragment.key}" for fragment in fragments
    ]
    tags = list(dict.fromkeys(tag for fragment in fragments for tag in fragment.tags))
    version_keys = [VERSION_PREFIX + tag for tag in tags]
    try:
        if page_tags.cache() is default_cache:
            found = default_cache.get_many(entry_keys + version_keys)
            versions = {key: found.get(key) for key in version_keys}
        else:
            found = default_cache.get_many(entry_keys)
            versions = page_tags.cache().get_many(version_keys)
    except CACHE_FAILURES:
        logger.warning("Fragment cache unreachable: rendering every fragment", exc_info=True)
        return {fragment.name: mark_safe(fragment.render()) for fragment in fragments}  # noqa: S308
    missing = {key: new_version() for key in version_keys if versions.get(key) is None}
    if missing:
        # A tag nobody has versioned yet (or evicted): version it, as the page cache does.
        versions.update(missing)
        _quietly(page_tags.cache().set_many, missing, timeout=None)
    html, stored = {}, {}
    for fragment, key in zip(fragments, entry_keys, strict=True):
        current = [versions[VERSION_PREFIX + tag] for tag in fragment.tags]
        entry = found.get(key)
        if entry is not None and entry["versions"] == current:
            html[fragment.name] = entry["html"]
            continue
        # Stored under the versions read before the render: a change racing it leaves it stale.
        html[fragment.name] = rendered = str(fragment.render())
        timeout = _timeout(fragment.expires_at)
        if timeout >= 1:
            stored.setdefault(timeout, {})[key] = {"versions": current, "html": rendered}
    for timeout, entries in stored.items():
        _quietly(caches["default"].set_many, entries, timeout=timeout)
    return {name: mark_safe(value) for name, value in html.items()}  # noqa: S308 (rendered HTML)


def _timeout(expires_at):
    timeout = settings.NEWSROOM_PAGE_CACHE_SECONDS
    if callable(expires_at):
        expires_at = expires_at()
    if expires_at is not None:
        timeout = min(timeout, expires_at.timestamp() - time.time())
    return int(timeout)


def _quietly(method, *args, **kwargs):
    try:
        method(*args, **kwargs)
    except CACHE_FAILURES:
        logger.warning("Fragment cache unreachable: not keeping fragments", exc_info=True)
