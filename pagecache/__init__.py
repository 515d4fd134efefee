"""Whole pages for readers, kept in the cache and dropped the moment what they show changes.

A view that may be shared between readers says so while it runs:

    pagecache.cache_for_readers(request, "site", "listings", params=("page",), expires_at=...)

Tags name what the page shows: `site` (sections, authors, photos, pages, discussion settings:
everything), `listings` (which stories are out and what their cards say, comment counts
included), `article-set` (which stories are out, for "Related stories"), `article:<id>` (one
story with its comments and corrections). Each tag has a version in the cache, a random token
changed by `changed()` once the change is committed. An entry keeps the versions its tags had
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

from .readers import cache_for_readers, depends_on, per_reader, reader_value
from .tags import article_tags, changed
from .watch import watch

__all__ = [
    "article_tags",
    "cache_for_readers",
    "changed",
    "depends_on",
    "per_reader",
    "reader_value",
    "watch",
]
