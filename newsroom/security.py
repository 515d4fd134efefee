"""Site-wide security: the client address behind a proxy, headers, the login lockout page."""

import ipaddress
from datetime import timedelta
from urllib.parse import urlsplit

import csp.middleware
from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from js_asset.media import Media


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


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out login gets (django-axes): 429, what happened and how long to wait."""
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = None
    if isinstance(cool_off, timedelta):
        minutes = max(1, round(cool_off.total_seconds() / 60))
    context = {
        **admin.site.each_context(request),
        "title": "Too many failed logins",
        "minutes": minutes,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    # Rendered now: axes returns it from a middleware, after views' responses are rendered.
    response = TemplateResponse(request, "admin/lockout.html", context, status=429).render()
    if minutes:
        response["Retry-After"] = str(minutes * 60)
    return response


# The base CSS that Tiptap (inside django-prose-editor) adds to the page as a <style> element
# (white-space: pre-wrap and the like; the editor misbehaves without it). Allowed by its hash,
# exactly that text and nothing else; tests/security/test_headers.py recomputes it from the
# bundled editor.js, so an upgrade that changes it fails there first.
TIPTAP_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"


class NonceMediaAdminMixin:
    """Let the rich-text editor run under the Content-Security-Policy, on this admin's forms only.

    django-prose-editor loads its modules through an import map, an inline <script
    type="importmap"> that a policy without 'unsafe-inline' runs only with this request's nonce;
    and Tiptap injects its base <style>, allowed by hash. Public pages never need either.
    """

    def render_change_form(self, request, context, *args, **kwargs):
        media = context.get("media")
        if media is not None and hasattr(request, "csp_nonce"):
            context["media"] = Media.from_media(media, nonce=request.csp_nonce)
        response = super().render_change_form(request, context, *args, **kwargs)
        response._csp_update = {"style-src": [TIPTAP_STYLE_HASH]}
        return response
