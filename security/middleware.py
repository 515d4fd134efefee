"""Site-wide security middleware: the client address behind a proxy, CSP and other headers."""

import ipaddress
from urllib.parse import urlsplit

import csp.middleware
from django.conf import settings


class TrustedProxyMiddleware:
    """Take the client's address from X-Forwarded-For, but only as far as our own proxies wrote it.

    With NEWSROOM_PROXY_COUNT = 0 (the default) the header is ignored: anyone can send it. With N
    proxies in front, each appends the address it saw, so the N-th entry from the right is the
    one our outermost proxy saw; whatever a client put further left is its own invention.
    Everything that reads REMOTE_ADDR (the login lockout, comment rate limits and bans) then
    sees the reader's address instead of the proxy's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = settings.NEWSROOM_PROXY_COUNT
        if count > 0:
            forwarded = [
                part.strip()
                for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                if part.strip()
            ]
            if len(forwarded) >= count:
                candidate = forwarded[-count]
                try:
                    ipaddress.ip_address(candidate)
                except ValueError:
                    pass
                else:
                    request.META["REMOTE_ADDR"] = candidate
        return self.get_response(request)


def _origin(url):
    parts = urlsplit(str(url))
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's middleware, plus the origins of media and static files when they live elsewhere.

    Read per request from MEDIA_URL and STATIC_URL, so an S3 bucket or a CDN configured by the
    environment is allowed without repeating its address in the policy.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        update = dict(parts.update or {})
        media, static = _origin(settings.MEDIA_URL), _origin(settings.STATIC_URL)
        if media:
            update["img-src"] = [*update.get("img-src", []), media]
        if static:
            for directive in ("img-src", "script-src", "style-src", "font-src"):
                update[directive] = [*update.get(directive, []), static]
        if update:
            parts.update = update
        return parts


class PermissionsPolicyMiddleware:
    """Tell browsers the site uses no camera, microphone, location, payment or motion sensors."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.NEWSROOM_PERMISSIONS_POLICY:
            response.setdefault("Permissions-Policy", settings.NEWSROOM_PERMISSIONS_POLICY)
        return response


class AdminNoIndexMiddleware:
    """Ask search engines not to index or follow anything under the admin's address.

    robots.txt keeps crawlers out of the default /admin/ only (a custom DJANGO_ADMIN_URL stays
    unpublished); a login page found through a link elsewhere is still not to be listed.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/" + settings.NEWSROOM_ADMIN_URL

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(self.prefix) or request.path_info == self.prefix[:-1]:
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response
