"""The article change form: its buttons, and a save that meets another editor's, merged."""

from datetime import UTC

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from .. import conflicts, revisions
from ..html import sanitize_html
from ..models import Article, Author
from ..permissions import may_publish
from ..services import (
    PUBLISH_REFUSED,
)
from ..times import admin_datetime

# What the body editor offers. The stored HTML is sanitised by sanitize_html() whatever is posted.
BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    # The image button opens the photo library; a placed photo is <img src="/photos/<id>/">,
    # which article pages replace with the photo's responsive markup.
    "Figure": {"pickerUrl": reverse_lazy("photos:picker")},
    "Caption": True,
    "Image": True,
    "History": True,
    # On by default in the package; reporters want the browser's spelling check (issue 15).
    "NoSpellCheck": False,
}


# The buttons of the article form (templates/admin/articles/article/submit_line.html). Each sets
# the status the article is saved with; which ones a user sees is form_actions(), and the form
# refuses a posted action that is not among them.
ACTION_FIELD = "_article_action"
ACTION_LABELS = {
    "draft": gettext_lazy("Save draft"),
    "review": gettext_lazy("Submit for review"),
    "publish": gettext_lazy("Publish now"),
    "update": gettext_lazy("Save, stays published"),
    "schedule": gettext_lazy("Schedule…"),
    "unpublish": gettext_lazy("Unpublish"),
}
ACTION_REFUSED = gettext_lazy("You may not do that to this article: “%(action)s”.")
SCHEDULE_NEEDS_FUTURE = gettext_lazy(
    "To schedule the article, set a publication time in the future."
)


def form_actions(user, article=None):
    """The actions (keys of ACTION_LABELS) this user may take on the form of this article.

    Follows the workflow rules (articles/permissions.py): reporters save drafts and submit
    them; editors also publish, schedule and unpublish. A published article is changed only
    by those who may publish, so its draft/review buttons give way to Unpublish.
    """
    status = article.status if article is not None and article.pk else None
    publisher = user is not None and may_publish(user)
    actions = []
    if status != Article.Status.PUBLISHED:
        actions += ["draft", "review"]
    if publisher:
        live = status == Article.Status.PUBLISHED and not article.is_scheduled
        actions += ["update" if live else "publish", "schedule"]
        if status == Article.Status.PUBLISHED:
            actions.append("unpublish")
    return actions


# The fields an edit conflict is merged on, field by field (ArticleAdminForm._merge()).
MERGE_FIELDS = [
    "headline", "slug", "dek", "dateline", "body", "lead_photo", "section", "tags", "status",
    "published_at", "comment_policy", "comments_close_after_hours",
]  # fmt: skip


# The byline inline is merged as one more field, "bylines": its authors in order (positions say
# only the order). Read from the inline's rows as posted; the inline itself is saved or kept by
# BylineFormSet, which reads the form's decision (ArticleAdminForm.bylines_merge).
BYLINES = "bylines"


def stored_bylines(article):
    """The article's byline as plain data: its author ids, in order."""
    if not article.pk:
        return []
    return [
        str(pk)
        for pk in article.bylines.order_by("position", "id").values_list("author", flat=True)
    ]


def posted_bylines(data, prefix=BYLINES):
    """The byline as the form's inline rows post it: author ids in order, deleted rows left out."""
    try:
        total = min(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), 1000)
    except (TypeError, ValueError):
        total = 0
    rows = []
    for index in range(total):
        author = (data.get(f"{prefix}-{index}-author") or "").strip()
        if not author or data.get(f"{prefix}-{index}-DELETE"):
            continue
        position = data.get(f"{prefix}-{index}-position") or ""
        rows.append((int(position) if position.isdigit() else index, index, author))
    return [author for _position, _index, author in sorted(rows)]


def byline_names(author_ids):
    """Author ids as the names an editor reads, in the same order, in one query."""
    names = Author.objects.in_bulk([pk for pk in author_ids if str(pk).isdigit()])
    return ", ".join(str(names.get(int(pk), pk)) if str(pk).isdigit() else pk for pk in author_ids)


def _plain(name, value):
    """A field's value as plain data, the same whether it comes from the form or the row."""
    if name == "tags":
        return sorted({str(tag) for tag in value or []})
    if hasattr(value, "pk"):
        return value.pk
    if hasattr(value, "astimezone"):  # the form keeps seconds, the row microseconds
        return value.astimezone(UTC).replace(microsecond=0).isoformat()
    return value


def article_values(article, names):
    """The article's stored values of these fields, as plain data."""
    values = {}
    for name in names:
        if name == BYLINES:
            values[name] = stored_bylines(article)
        elif name == "tags":
            values[name] = _plain(name, article.tags.names() if article.pk else [])
        elif name in ("section", "lead_photo"):
            values[name] = getattr(article, f"{name}_id")
        else:
            values[name] = _plain(name, getattr(article, name))
    return values


def _shown(article, name):
    """A stored value as an editor reads it, in plain text (escaped by the template)."""
    if name == BYLINES:
        return byline_names(stored_bylines(article))
    if name == "tags":
        return ", ".join(sorted(article.tags.names(), key=str.lower))
    if name == "body":
        return "\n".join(revisions.body_paragraphs(article.body))
    value = getattr(article, name)
    if hasattr(value, "astimezone"):
        return admin_datetime(value)
    choices = dict(Article._meta.get_field(name).flatchoices)
    if choices:
        return str(choices.get(value, value))
    return "" if value is None else str(value)


class ArticleAdminForm(forms.ModelForm):
    user = None  # set by ArticleAdmin.get_form(); without a user nothing may be published

    body = ProseEditorFormField(
        config={"extensions": BODY_EDITOR_EXTENSIONS},
        widget=AdminProseEditorWidget,
        required=False,
        label=capfirst(Article._meta.get_field("body").verbose_name),
        help_text=Article._meta.get_field("body").help_text,
    )
    # The article's updated_at when the form was opened; see _check_edit_conflict().
    loaded_updated_at = forms.CharField(widget=forms.HiddenInput, required=False)
    # A signed digest of each field as it was then, to merge a conflict; see _merge().
    loaded_fields = forms.CharField(widget=forms.HiddenInput, required=False)
    merge_conflicts = ()  # fields both editors changed, shown with both values to choose
    merged_fields = ()  # labels of fields taken from someone else's save in a merge
    # How the byline inline is saved after a merge: None as posted, "theirs" left as stored,
    # "mine" replaced by the rows posted (BylineFormSet and ArticleAdmin.save_formset).
    bylines_merge = None

    class Meta:
        model = Article
        fields = [
            "headline", "slug", "dek", "dateline", "body", "lead_photo", "section", "tags",
            "status", "published_at", "comment_policy", "comments_close_after_hours",
        ]  # fmt: skip
        # A box that wraps, so a long headline is seen whole, on a phone too; one line stored.
        widgets = {"headline": forms.Textarea(attrs={"rows": 2, "class": "article-headline"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial["loaded_updated_at"] = conflicts.token(self.instance.updated_at)
            if not self.is_bound:
                values = article_values(self.instance, self._merge_fields())
                self.initial["loaded_fields"] = conflicts.sign_fingerprints(values)
        status = self.fields.get("status")
        if status is not None:
            # The buttons set the status (ACTION_LABELS); "Save and continue" keeps it as is.
            status.widget = forms.HiddenInput()
        if status is not None and not self.may_publish():
            # A hand-made POST with status=published gets this message, not "Select a valid choice".
            status.choices = [
                (value, label)
                for value, label in status.choices
                if value != Article.Status.PUBLISHED
            ]
            status.error_messages["invalid_choice"] = PUBLISH_REFUSED

    def _merge_fields(self):
        names = [name for name in MERGE_FIELDS if name in self.fields]
        return [*names, BYLINES] if self.instance.pk is not None else names

    def _label(self, name):
        if name == BYLINES:
            return capfirst(gettext_lazy("byline"))
        return capfirst(self.fields[name].label or name)

    def _set_bylines_merge(self, value):
        self.bylines_merge = value
        self.instance.bylines_merge = value  # the inline's formset holds the same instance

    def _merge(self, current, opened, saved_by):
        """Keep both saves: take the other's fields this editor left alone; stop on overlap.

        Returns False when it cannot merge (the form was opened without fingerprints).
        """
        names = [name for name in self._merge_fields() if name in opened]
        if not names:
            return False
        cleaned = self.cleaned_data
        mine = {
            name: posted_bylines(self.data) if name == BYLINES else _plain(name, cleaned.get(name))
            for name in names
        }
        theirs = article_values(current, names)
        choices = {name: self.data.get(f"_merge_{name}") for name in names}
        take, both = conflicts.three_way(opened, theirs, mine, choices)
        if both:
            self.merge_conflicts = [
                {
                    "name": name,
                    "label": self._label(name),
                    "theirs": _shown(current, name),
                    "mine": self._shown_mine(name),
                }
                for name in both
            ]
            # The token stays as it was: the next save merges against the same starting point.
            message = conflicts.merge_conflict_message(
                current.updated_at, saved_by, [item["label"] for item in self.merge_conflicts]
            )
            self.add_error(None, ValidationError(message, code="edit_conflict"))
            return True
        if choices.get(BYLINES) == "mine" and BYLINES not in take:
            self._set_bylines_merge("mine")
        for name in take:
            if name == BYLINES:
                self._set_bylines_merge("theirs")
            elif name == "tags":
                cleaned[name] = list(current.tags.names())
            else:
                cleaned[name] = getattr(current, name)
        self.merged_fields = [self._label(name) for name in take]
        return True

    def _shown_mine(self, name):
        if name == BYLINES:
            return byline_names(posted_bylines(self.data))
        if name == "body":
            return "\n".join(revisions.body_paragraphs(self.cleaned_data.get("body", "")))
        return self[name].value()

    def may_publish(self):
        return self.user is not None and may_publish(self.user)

    def clean_headline(self):
        # The box wraps, but a headline is one line: a typed or pasted line break is a space.
        return " ".join(self.cleaned_data["headline"].split())

    def clean_body(self):
        return sanitize_html(self.cleaned_data["body"])

    def actions(self):
        return form_actions(self.user, self.instance)

    def _apply_action(self, cleaned):
        """Set the status (and time) from the button pressed; none pressed keeps the field's."""
        action = self.data.get(ACTION_FIELD)
        if not action:
            return
        if action not in self.actions():
            label = ACTION_LABELS.get(action, action)
            raise ValidationError(ACTION_REFUSED, code="action_refused", params={"action": label})
        Status = Article.Status
        now = timezone.now()
        when = cleaned.get("published_at")
        if action in ("draft", "unpublish"):
            cleaned["status"] = Status.DRAFT
        elif action == "review":
            cleaned["status"] = Status.IN_REVIEW
        elif action == "schedule":
            if when is None or when <= now:
                self.add_error("published_at", ValidationError(SCHEDULE_NEEDS_FUTURE, "past"))
            cleaned["status"] = Status.PUBLISHED
        else:  # publish, update: published from now, or from the time it was first published
            if when is None or when > now:
                cleaned["published_at"] = now
            cleaned["status"] = Status.PUBLISHED

    def clean(self):
        cleaned = super().clean()
        self._apply_action(cleaned)
        self._check_edit_conflict(cleaned.get("loaded_updated_at"))
        status = cleaned.get("status")
        was_published = self.instance.pk and self.instance.status == Article.Status.PUBLISHED
        if (status == Article.Status.PUBLISHED or was_published) and not self.may_publish():
            raise ValidationError(PUBLISH_REFUSED, code="publish_permission")
        if status == Article.Status.PUBLISHED and not cleaned.get("published_at"):
            cleaned["published_at"] = timezone.now()
            self.instance.published_at = cleaned["published_at"]
        if (
            cleaned.get("comment_policy") == Article.CommentPolicy.CLOSE_AFTER
            and cleaned.get("comments_close_after_hours") is None
            and "comments_close_after_hours" in self.fields
        ):
            self.add_error(
                "comments_close_after_hours",
                gettext_lazy(
                    "Say after how many hours comments close, or choose another comment setting."
                ),
            )
        return cleaned

    def _check_edit_conflict(self, loaded):
        """Refuse to save over a version someone else saved after this form was opened."""
        if self.instance.pk is None or "loaded_updated_at" not in self.fields:
            return
        rows = Article.objects.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
            # Locked until the admin's transaction commits: of two saves at the same moment,
            # the second waits here, then sees the first one's time.
            rows = rows.select_for_update()
        current_article = rows.first()
        current = current_article and current_article.updated_at
        if current is None or not conflicts.is_conflict(loaded, current):
            return
        version = revisions.latest_version(self.instance)
        saved_by = None
        # The stored row is this version's (versions keep times to the millisecond).
        if version is not None and version.field_dict.get("updated_at") == current.replace(
            microsecond=current.microsecond // 1000 * 1000
        ):
            saved_by = version.revision.user
        opened = conflicts.read_fingerprints(self.cleaned_data.get("loaded_fields"))
        name = saved_by and saved_by.get_username()
        if opened is not None and self._merge(current_article, opened, name):
            return
        # Without fingerprints there is nothing to merge on. The form comes back with the
        # stored time, so saving it again is a deliberate overwrite.
        self.data = self.data.copy()
        self.data[self.add_prefix("loaded_updated_at")] = conflicts.token(current)
        message = conflicts.conflict_message(current, saved_by and saved_by.get_username())
        self.add_error(None, ValidationError(message, code="edit_conflict"))
