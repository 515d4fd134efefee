"""Autosaves of the article form: what a user had typed, kept apart from the article itself.

The admin's JavaScript (static/js/autosave.js) posts the form's values here every half minute
and when a field loses focus. Nothing here writes to an article or its revisions: a restored
autosave only fills the form again, and saving that form is the one way to change the article.
"""

import json

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone
from django.utils.translation import gettext as _

from authors.models import Author

from .models import Article, ArticleAutosave

# A long feature with a few figures is well under 200 kB of HTML; a megabyte leaves room.
MAX_BYTES = 1_000_000
# Names the form's fields render under: a split date and time is published_at_0, _1.
SUBWIDGET_SUFFIXES = ("", "_0", "_1")


class AutosaveError(Exception):
    """A refusal; code tells the script a lost login or token from a refused permission."""

    def __init__(self, message, status, code="invalid"):
        super().__init__(message)
        self.status = status
        self.code = code

    def response(self):
        return JsonResponse({"error": str(self), "code": self.code}, status=self.status)


def check_request(request):
    """Refuse, as JSON the script can read, a post from a lost session or another site."""
    if request.method != "POST":
        raise AutosaveError(_("Send the form's values with POST."), 405)
    user = request.user
    if not (user.is_active and user.is_staff):
        # A 401, not the admin's redirect to its login page: the script keeps the text and says so.
        raise AutosaveError(_("Your session has expired. Log in again."), 401, "login")
    refused = CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})
    if refused is not None:
        raise AutosaveError(_("This page is out of date. Reload it, or log in again."), 403, "csrf")
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_BYTES:
        raise AutosaveError(_("This article is too long to autosave."), 413)


def read_payload(request):
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        raise AutosaveError(_("The autosave was not valid JSON."), 400) from None
    if not isinstance(payload, dict):
        raise AutosaveError(_("The autosave was not valid JSON."), 400)
    return payload


def target_article(model_admin, request, payload):
    """The article the autosave is for, None for a new one; refused unless the user may edit it."""
    article_id = payload.get("article")
    if article_id in (None, ""):
        if not model_admin.has_add_permission(request):
            raise AutosaveError(_("You may not add articles."), 403, "permission")
        return None
    if not isinstance(article_id, (int, str)) or not str(article_id).isdigit():
        raise AutosaveError(_("No such article."), 400)
    article = Article.objects.filter(pk=int(article_id)).first()
    if article is None:
        raise AutosaveError(_("No such article."), 404)
    if not model_admin.has_change_permission(request, article):
        raise AutosaveError(_("You may not change this article."), 403, "permission")
    return article


# The byline inline's rows, as the script sends them under "bylines": each row's values.
BYLINE_KEYS = ("id", "author", "position", "delete")
MAX_BYLINE_ROWS = 100


def clean_bylines(rows):
    """The byline rows kept: lists of strings under BYLINE_KEYS, nothing else."""
    if not isinstance(rows, list) or len(rows) > MAX_BYLINE_ROWS:
        raise AutosaveError(_("The byline in the autosave is not a list of rows."), 400)
    cleaned = []
    for row in rows:
        if not isinstance(row, dict) or not all(isinstance(v, str) for v in row.values()):
            raise AutosaveError(_("The byline in the autosave is not a list of rows."), 400)
        cleaned.append({key: row.get(key, "") for key in BYLINE_KEYS})
    return cleaned


def byline_labels(fields):
    """{author id: name} for the authors of an autosave's byline rows, in one query."""
    ids = {row["author"] for row in fields.get("bylines") or [] if row.get("author", "").isdigit()}
    return {str(pk): str(author) for pk, author in Author.objects.in_bulk(ids).items()}


def clean_fields(form_class, fields):
    """Keep the values of the form's own fields, as strings (lists for multiple choices)."""
    if not isinstance(fields, dict):
        raise AutosaveError(_("The autosave has no form values."), 400)
    names = {
        name + suffix
        for name in form_class.base_fields
        if name != "loaded_updated_at"
        for suffix in SUBWIDGET_SUFFIXES
    }
    cleaned = {}
    for name, value in fields.items():
        if name == "bylines":
            cleaned[name] = clean_bylines(value)
            continue
        if name not in names:
            continue
        is_list = isinstance(value, list) and all(isinstance(item, str) for item in value)
        if not (is_list or isinstance(value, str)):
            raise AutosaveError(_("A form value in the autosave is not text."), 400)
        cleaned[name] = value
    return cleaned


def autosave_store(*, user, article, fields):
    autosave, _created = ArticleAutosave.objects.update_or_create(
        user=user, article=article, defaults={"fields": fields, "saved_at": timezone.now()}
    )
    return autosave


def autosave_discard(*, user, article):
    ArticleAutosave.objects.filter(user=user, article=article).delete()


def newer_autosave(user, article):
    """The user's autosave of this article (None: a new one) if it is newer than the article."""
    autosave = ArticleAutosave.objects.filter(user=user, article=article).first()
    if autosave is None or (article is not None and autosave.saved_at <= article.updated_at):
        return None
    return autosave


def handle(model_admin, request, *, discard=False):
    """Store (or with discard, delete) the user's autosave; always answer in JSON."""
    try:
        check_request(request)
        payload = read_payload(request)
        article = target_article(model_admin, request, payload)
        if discard:
            autosave_discard(user=request.user, article=article)
            return JsonResponse({"discarded": True})
        fields = clean_fields(model_admin.form, payload.get("fields"))
    except AutosaveError as error:
        return error.response()
    except PermissionDenied:
        return AutosaveError(_("You may not change this article."), 403, "permission").response()
    autosave = autosave_store(user=request.user, article=article, fields=fields)
    return JsonResponse({"saved_at": autosave.saved_at.isoformat()})
