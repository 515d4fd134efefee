"""Old WordPress addresses answer 301 to where their content lives now.

Cost: nothing for ordinary requests. The front page's WordPress queries (/?p=123, /?cat=4, …)
are looked up before the view runs; any other address only when our own URLs answered 404.
Either way it is one indexed query (the redirect with its target joined in).
"""

from django.http import HttpResponsePermanentRedirect

from .models import LegacyRedirect
from .rules import LEGACY_QUERY_KEYS, legacy_query_key, normalise_path

FEED_SUFFIXES = ("/feed/atom", "/feed/rss2", "/feed/rss", "/feed")


def lookup(keys):
    """The target URL for the first key that has a redirect, or None (one query)."""
    # A NUL cannot be stored (PostgreSQL refuses it in text), so such a key matches nothing;
    # sent to the database it would be an error, a 500 for any address holding %00.
    keys = [key for key in keys if key and "\x00" not in key]
    if not keys:
        return None
    found = {r.old_path: r for r in LegacyRedirect.objects.with_targets().filter(old_path__in=keys)}
    for key in keys:
        if key in found:
            return found[key].target_url(feed=key != keys[0])
    return None


def path_keys(path):
    """The redirect keys for a path: itself, and for a WordPress feed address the page it is of."""
    key = normalise_path(path)
    keys = [key]
    for suffix in FEED_SUFFIXES:
        if key.endswith(suffix):
            keys.append(key[: -len(suffix)])
            break
    return keys


class LegacyRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and request.path_info in ("/", "/index.php")
            and any(key in request.GET for key in LEGACY_QUERY_KEYS)
        ):
            target = lookup([legacy_query_key(request.GET)])
            if target:
                return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            target = lookup(path_keys(request.path_info))
            if target and normalise_path(target) != normalise_path(request.path_info):
                return HttpResponsePermanentRedirect(target)
        return response
