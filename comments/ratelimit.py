"""Rate limits on comment posts, counted in the cache (shared by app servers through Redis).

Fixed windows: a counter per key and window, created with add() and raised with incr(), both
atomic in Redis and in the local-memory cache, so concurrent posts are all counted.
"""

import time

from django.conf import settings
from django.core.cache import cache


def limits():
    """(scope, limit) pairs, checked in this order; the window is shared."""
    return [
        ("ip", settings.NEWSROOM_COMMENT_RATE_PER_IP),
        ("email", settings.NEWSROOM_COMMENT_RATE_PER_EMAIL),
        ("article", settings.NEWSROOM_COMMENT_RATE_PER_ARTICLE),
    ]


def hit(key, window, now):
    """Count one post against `key` in the current window; return the count so far."""
    slot = f"comments:rate:{key}:{int(now // window)}"
    # Timeout a little past the window's end, so the counter outlives clock skew between servers.
    cache.add(slot, 0, timeout=window + 60)
    try:
        return cache.incr(slot)
    except ValueError:
        # Evicted between add() and incr(): start again from this post.
        cache.set(slot, 1, timeout=window + 60)
        return 1


def over_limit(*, ip_address, email_key, article_id, now=None):
    """Count a post; return the scope whose limit it exceeds ("ip", "email", "article") or None.

    Scopes are checked in turn and a refused post is not counted further, so one noisy address
    cannot use up the allowance of the whole article. The email is counted by its keyed hash:
    the address itself never goes into a cache key.
    """
    now = time.time() if now is None else now
    window = settings.NEWSROOM_COMMENT_RATE_WINDOW
    keys = {"ip": ip_address, "email": email_key, "article": article_id}
    for scope, limit in limits():
        if keys[scope] is None or keys[scope] == "":
            continue
        if hit(f"{scope}:{keys[scope]}", window, now) > limit:
            return scope
    return None


def retry_after(now=None):
    """Seconds until the current window ends."""
    now = time.time() if now is None else now
    window = settings.NEWSROOM_COMMENT_RATE_WINDOW
    return int(window - now % window) + 1
