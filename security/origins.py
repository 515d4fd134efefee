"""Cross-site request forgery stopped without a token: Fetch Metadata and the Origin header.

For forms served on pages a shared cache keeps (the comment form under an article), where a
per-reader token cannot be. The rule is that of Go 1.25's http.CrossOriginProtection and of
OWASP's Fetch Metadata guidance:

- GET, HEAD and OPTIONS pass: they change nothing.
- A browser says where a request comes from in Sec-Fetch-Site (every current browser sends it):
  "same-origin" and "none" (typed or bookmarked) pass; "cross-site" and "same-site" (another host
  of the same registrable domain) are refused unless their Origin is trusted.
- Without Sec-Fetch-Site, the Origin header decides: this site's host, or one of
  CSRF_TRUSTED_ORIGINS, passes; anything else ("null" included) is refused.
- With neither header the request is not from a browser that could carry a reader's standing
  (an old browser, curl, a feed reader): it passes. A forgery needs the victim's browser; a
  script posting by itself gains nothing it could not get by posting from its own machine, and
  the comment guards (signed time, honeypot, duplicates, rate limits) judge it like any other.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
REFUSED_MESSAGE = _(
    "This form was sent from another site, so it was not accepted. If you wrote it here, "
    "go back to the article and send it again."
)


def cross_origin_refusal(*, method, headers, host, trusted_origins=()):
    """Why this request must be refused as cross-origin, or None when it may go on."""
    if method in SAFE_METHODS:
        return None
    origin = headers.get("Origin")
    trusted = origin is not None and origin in trusted_origins
    fetch_site = headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        if fetch_site in ("same-origin", "none") or trusted:
            return None
        return f"Sec-Fetch-Site: {fetch_site}"
    if origin is None:
        return None
    if trusted or (origin != "null" and urlsplit(origin).netloc.lower() == host.lower()):
        return None
    return f"Origin: {origin}"


def request_refusal(request):
    """cross_origin_refusal() for a Django request (the host as the browser addressed it)."""
    return cross_origin_refusal(
        method=request.method,
        headers=request.headers,
        host=request.get_host(),
        trusted_origins=settings.CSRF_TRUSTED_ORIGINS,
    )
