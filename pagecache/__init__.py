"""Whole pages for readers, kept in the cache and dropped the moment what they show changes.

A view that may be shared between readers says so while it runs:

    pagecache.cache_for_readers(request, "site", "listings", params=("page",), expires_at=...)

Tags name what the page shows: `site` (sections, authors, photos, pages, discussion settings:
everything), `listings` (which stories are out and what their cards say, comment counts
included), `article-set` (which stories are out, for "Related stories"), `article:<id>` (one
story with its comments and corrections), `story:<id>` (the story without its comments: its
text, bylines, tags and corrections). Each tag has a version in the cache, a random token
with the time it was made, changed by `changed()` once the change is committed. An entry keeps
the versions its tags had when its render began; on a hit the current versions are read (one
round trip) and any difference is a miss. A change therefore drops exactly the pages that show
it, on every app server sharing the cache, and a render racing a change is stored already stale.
A lost version (evicted) never matches, so eviction can only cost a render, never serve a stale
page.

Time changes pages too: a scheduled story goes out, comments close after so many days. Views
pass `expires_at`, the next such moment, and the entry lives no longer than that.

Nothing in a cached page is about one reader (article pages too: the comment form carries no
CSRF token, security/origins.py guards its posts), so every page is `public` for a proxy or
CDN in front, for NEWSROOM_PAGE_SHARED_MAX_AGE seconds plus NEWSROOM_PAGE_STALE_WHILE_REVALIDATE,
and names its tags in `Surrogate-Key` and `Cache-Tag` headers. Once a change commits, changed()
has the caches in front drop the pages by those tags (pagecache/purge.py, when configured).

A page that changed or expired is rendered again by one worker at a time (a short lock in the
cache); the others meanwhile serve the copy they have, marked `X-Page-Cache: stale` and
`no-cache`, if it stopped being current no more than NEWSROOM_PAGE_STALE_SECONDS ago. So a
comment approved under a story every reader has open costs one render, not one per worker.

Never served from nor stored in the cache: anything but GET and HEAD; a request carrying a
session cookie (staff: they always get a fresh page, and tell their browser not to keep it) or
the messages cookie (a reader who has just posted sees "awaiting moderation"); a query
parameter the view did not declare (beyond tracking ones like utm_*, which are ignored).

Parts of pages are kept the same way, by the versions of their tags, in pagecache.fragments:
an article page is its row (found by its address), the story and its sharing <head> tags
(story:<id>), which stories are related (article-set) and their cards, the comment thread
(article:<id>), the comment form as first served (its signed time filled in per request), the
masthead, the footer and the discussion settings (site); the front page is its stories
(listings) with the masthead and footer. A page rendered anyway (not kept, or changed) renders
again only the parts whose tags changed: approving a comment re-renders one thread.
"""

from . import fragments
from .readers import cache_for_readers, depends_on
from .tags import article_tags, changed
from .watch import watch

__all__ = [
    "article_tags",
    "cache_for_readers",
    "changed",
    "depends_on",
    "fragments",
    "watch",
]
