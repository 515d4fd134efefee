"""The login audit (django-axes' records) for superusers; the editor under the admin's CSP."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from js_asset.media import Media


class SuperuserOnly:
    """Who tried to log in, from where, and when: no role needs it, whatever its permissions.

    Read-only, except that a superuser unlocks a locked-out login by deleting its row under
    Access attempts; the logs stay as they were written.
    """

    deletable = False

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.deletable and self.has_module_permission(request)


for model, model_admin, deletable in [
    (AccessAttempt, AccessAttemptAdmin, True),
    (AccessLog, AccessLogAdmin, False),
    (AccessFailureLog, AccessFailureLogAdmin, False),
]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    bases = (SuperuserOnly, model_admin)
    admin.site.register(model, type(model_admin.__name__, bases, {"deletable": deletable}))


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
