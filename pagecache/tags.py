"""Tag versions: what a cached page shows, and changed(), which drops the pages showing it."""

import logging
import secrets
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

from . import purge

logger = logging.getLogger(__name__)
# What a cache that is away raises (redis-py's errors derive from these, or from RedisError).
CACHE_FAILURES = (ConnectionError, TimeoutError, OSError)
try:
    from redis.exceptions import RedisError

    CACHE_FAILURES += (RedisError,)
except ImportError:  # pragma: no cover (redis is a dependency)
    pass

VERSION_PREFIX = "pagetag:"


def cache():
    return caches[settings.NEWSROOM_PAGE_CACHE_ALIAS]


def changed(*tags):
    """Drop every page showing any of these tags: now, and again when the transaction commits.

    Now, so that the writer's own next read (in the same transaction) is fresh; at the commit,
    because a reader's render between the two saw the data from before the change.

    Once committed, the caches in front are told too (pagecache/purge.py); a change rolled back
    tells them nothing.
    """
    tags = tuple(dict.fromkeys(tags))
    if not tags:
        return
    _new_versions(tags)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _committed(tags), robust=True)
    else:
        purge.purge(tags)


def _committed(tags):
    _new_versions(tags)
    purge.purge(tags)


def article_tags(article_ids):
    """The tags of a change to these stories (text, bylines, comments): theirs and the lists'."""
    tags = tuple(f"article:{pk}" for pk in article_ids)
    return (*tags, "listings") if tags else ()


def new_version():
    """A version never given before, which says when it was made (see changed_at())."""
    return f"{time.time():.3f}-{secrets.token_hex(6)}"


def changed_at(version):
    """When this version was made (a Unix time), or None when that cannot be told."""
    try:
        return float(version.partition("-")[0])
    except (AttributeError, ValueError):
        return None


def _new_versions(tags):
    try:
        cache().set_many({VERSION_PREFIX + tag: new_version() for tag in tags}, timeout=None)
    except Exception:
        # The cache is away: the editor's change is saved all the same. Pages kept from before
        # live at most NEWSROOM_PAGE_CACHE_SECONDS (and nothing survives a restarted Redis).
        logger.exception("Page cache unreachable: could not drop pages for %s", ", ".join(tags))


def current_versions(tags, *, create=False):
    """The versions of these tags; with create, missing ones are made (for a new entry)."""
    keys = [VERSION_PREFIX + tag for tag in tags]
    found = cache().get_many(keys)
    if create:
        missing = {key: new_version() for key in keys if key not in found}
        if missing:
            cache().set_many(missing, timeout=None)
            found.update(missing)
    return [found.get(key) for key in keys]
