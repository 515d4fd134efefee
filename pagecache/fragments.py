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

A fragment with raw=True keeps a value rather than HTML (the plan of a page: which stories go
where), returned as it is. A render function may return Rendered(html, depends_on=tags): the
tags of what the fragment turned out to show, kept with it and gathered in the answer's
depends_on, for the page cache (pagecache.depends_on) whether the fragment was rendered or not.

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
# v2: {"versions": [...], "html": str or a value, "depends_on": (tag, ...)}.
ENTRY_PREFIX = "fragment:v2:"


@dataclass(frozen=True)
class Fragment:
    name: str
    key: str  # What tells this fragment from others of its name (a story's id and page, ...).
    tags: tuple
    render: Callable[[], str]
    # When it changes by itself (a datetime, or a function giving one), like the page cache's.
    expires_at: object = None
    # A value (any picklable object), not HTML.
    raw: bool = False


@dataclass(frozen=True)
class Rendered:
    """What a render function may return: the HTML, and the tags of what it turned out to show."""

    html: str
    depends_on: tuple = ()


class Fragments(dict):
    """The fragments by name, and the tags gathered from their depends_on."""

    depends_on = ()


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
        return _answer(fragments, {f.name: _rendered(f) for f in fragments})
    # A tag nobody has versioned yet (or evicted) gets a version, as the page cache does. It is
    # written after the renders, with the entries, and only where none has appeared meanwhile:
    # a change made during the renders keeps its version, and what was rendered is stale.
    missing = {key: new_version() for key in version_keys if versions.get(key) is None}
    versions.update(missing)
    answers, stored = {}, {}
    for fragment, key in zip(fragments, entry_keys, strict=True):
        current = [versions[VERSION_PREFIX + tag] for tag in fragment.tags]
        entry = found.get(key)
        if entry is not None and entry["versions"] == current:
            answers[fragment.name] = (entry["html"], entry["depends_on"])
            continue
        # Stored under the versions read before the render: a change racing it leaves it stale.
        answers[fragment.name] = value, depends = _rendered(fragment)
        timeout = _timeout(fragment.expires_at)
        if timeout >= 1:
            entry = {"versions": current, "html": value, "depends_on": depends}
            stored.setdefault(timeout, {})[key] = entry
    writes = {}
    if missing:
        writes.setdefault(page_tags.cache(), []).append((missing, None, True))
    for timeout, entries in stored.items():
        writes.setdefault(default_cache, []).append((entries, timeout, False))
    for cache, cache_writes in writes.items():
        _write(cache, cache_writes)
    return _answer(fragments, answers)


def _rendered(fragment):
    """(value, depends_on) from the fragment's render function."""
    value = fragment.render()
    if isinstance(value, Rendered):
        return value.html if fragment.raw else str(value.html), tuple(value.depends_on)
    return value if fragment.raw else str(value), ()


def _answer(fragments, answers):
    result = Fragments()
    depends_on = []
    for fragment in fragments:
        value, depends = answers[fragment.name]
        # Rendered HTML (each render function escapes what it puts in).
        result[fragment.name] = value if fragment.raw else mark_safe(value)  # noqa: S308
        depends_on.extend(depends)
    result.depends_on = tuple(dict.fromkeys(depends_on))
    return result


def _timeout(expires_at):
    timeout = settings.NEWSROOM_PAGE_CACHE_SECONDS
    if callable(expires_at):
        expires_at = expires_at()
    if expires_at is not None:
        timeout = min(timeout, expires_at.timestamp() - time.time())
    return int(timeout)


def _write(cache, writes):
    """The writes ((data, timeout, only_new) each) in one round trip where the cache can."""
    try:
        if hasattr(cache, "write_many"):
            cache.write_many(writes)
            return
        for data, timeout, only_new in writes:
            if only_new:
                for key, value in data.items():
                    cache.add(key, value, timeout=timeout)
            else:
                cache.set_many(data, timeout=timeout)
    except CACHE_FAILURES:
        logger.warning("Fragment cache unreachable: not keeping fragments", exc_info=True)
