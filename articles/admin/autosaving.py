"""The article form's autosave: its endpoints, its script, and the spelling check (issue 15)."""

import json

from django import forms
from django.db import models
from django.forms.widgets import Script
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from js_asset.media import Media

from .. import autosave


class AutosaveAdminMixin:
    """For ArticleAdmin: the autosave endpoints, its script on the change form, spell-check on."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # Chromium checks no <input> unless asked; slugs are not prose.
        prose = isinstance(db_field, (models.CharField, models.TextField))
        typed = field is not None and isinstance(field.widget, (forms.TextInput, forms.Textarea))
        if typed and prose and not isinstance(db_field, models.SlugField):
            field.widget.attrs["spellcheck"] = "true"
        return field

    def autosave_urls(self):
        # Not admin_view(): a lost session must get a 401 the script can read, not the login
        # page. The views check the login, the CSRF token and the permissions themselves.
        def view(discard):
            return never_cache(
                csrf_exempt(lambda request: autosave.handle(self, request, discard=discard))
            )

        return [
            path("autosave/", view(False), name="articles_article_autosave"),
            path("autosave/discard/", view(True), name="articles_article_autosave_discard"),
        ]

    def _add_autosave(self, request, context, obj):
        """The autosave script, on a form this user may save (render_change_form)."""
        if self.has_change_permission(request, obj) if obj else self.has_add_permission(request):
            context["media"] = context["media"] + Media(js=[self.autosave_script(request, obj)])

    def autosave_script(self, request, article):
        """The script, with what it needs to know as data attributes (there is no JS catalog)."""
        found = autosave.newer_autosave(request.user, article) if request.method == "GET" else None
        attrs = {
            "defer": True,
            "data-url": reverse("admin:articles_article_autosave"),
            "data-discard-url": reverse("admin:articles_article_autosave_discard"),
            "data-article": article.pk if article is not None else "",
            # A form sent back with errors holds changes that are not saved.
            "data-unsaved": "1" if request.method == "POST" else "",
            "data-autosave": json.dumps(found.fields) if found else "",
            "data-autosave-time": found.saved_at.isoformat() if found else "",
            # The names the byline's autocomplete boxes show for the autosave's authors.
            "data-autosave-authors": json.dumps(autosave.byline_labels(found.fields))
            if found
            else "",
            "data-text-banner": _(
                "There is an autosave of this article newer than the version below."
            ),
            "data-text-local": _(
                "This browser kept a copy of this article that could not be saved when your "
                "session expired."
            ),
            "data-text-restore": _("Restore it"),
            "data-text-discard": _("Discard it"),
            "data-text-restored": _("Restored. Check the form, then save it."),
            "data-text-expired": _(
                "Your session has expired. Log in again in another tab; nothing you typed is lost."
            ),
            "data-text-saved": _("Autosaved at {time}."),
            "data-text-word": _("{n} word"),
            "data-text-words": _("{n} words"),
            "data-text-minutes": _("{n} min read"),
        }
        return Script("js/autosave.js", **attrs)
