"""Saved versions of articles (django-reversion), and the readable diff between two of them.

A version of an article is one reversion revision: the article row with its bylines,
corrections and tag links, saved and restored together. The diff is built from escaped text
only: a body's HTML is reduced to paragraphs of plain text before it is compared, so nothing an
editor typed is ever rendered as markup here.
"""

import html
import re
from difflib import SequenceMatcher

import reversion
from django.contrib.contenttypes.models import ContentType
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from authors.models import Author

from .models import Article, Byline, Section
from .times import admin_datetime

# Tag links are followed but not their Tag: restoring deletes whatever the old version did not
# follow, and a Tag is shared with other articles.
# Corrections are not followed: they are a public record, and restoring an old version of the
# text must not delete corrections published since.
reversion.register(Byline)
reversion.register(TaggedItem)
# The search vector is the database's own copy of the text (its trigger remakes it on restore);
# body_html is made from the body by whatever saves the restored version (the admin's form).
reversion.register(
    Article, follow=["bylines", "tagged_items"], exclude=["search_vector", "body_html"]
)


def latest_version(article):
    """The article's most recent saved version, with who saved it, or None."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision__user")
        .order_by("-pk")
        .first()
    )


# Reading a version


def snapshot(version):
    """What an article looked like in a version, as plain values editors recognise."""
    fields = version.field_dict
    related = _related_fields(version)
    bylines = sorted(related.get(Byline, []), key=lambda row: (row["position"], row["id"]))
    authors = _names(Author, [row["author"] for row in bylines])
    tags = sorted(_names(Tag, [row["tag"] for row in related.get(TaggedItem, [])]), key=str.lower)
    section = _names(Section, [fields.get("section_id") or fields.get("section")])
    published_at = fields.get("published_at")
    status = fields.get("status")
    return {
        "headline": fields.get("headline", ""),
        "dek": fields.get("dek", ""),
        "dateline": fields.get("dateline", ""),
        "body": body_paragraphs(fields.get("body", "")),
        "section": section[0] if section else "",
        "status": Article.Status(status).label if status in Article.Status.values else status,
        "published_at": (admin_datetime(published_at) if published_at else ""),
        "bylines": authors,
        "tags": tags,
    }


def _related_fields(version):
    """The field values of the other objects saved in the same revision, by model."""
    models = {Byline: [], TaggedItem: []}
    content_types = ContentType.objects.get_for_models(*models)
    by_type = {content_types[model].pk: model for model in models}
    article_id = int(version.object_id)
    for other in version.revision.version_set.filter(content_type__in=by_type):
        model = by_type[other.content_type_id]
        fields = other.field_dict
        if model is TaggedItem and fields.get("object_id") != article_id:
            continue  # another article's tag saved in the same revision (a bulk action)
        if model is Byline and fields.get("article_id") != article_id:
            continue
        models[model].append({"id": other.object_id, **_plain_ids(fields)})
    return models


def _plain_ids(fields):
    """field_dict gives foreign keys by attname (author_id); name them by field (author)."""
    return {name.removesuffix("_id"): value for name, value in fields.items()}


def _names(model, pks):
    """Names of objects by primary key, in the given order; ones deleted since are marked."""
    found = {obj.pk: str(obj) for obj in model.objects.filter(pk__in=[pk for pk in pks if pk])}
    return [found.get(pk, f"(deleted {model._meta.verbose_name})") for pk in pks if pk]


BLOCK_END = re.compile(r"<\s*(?:br|/p|/h[1-6]|/li|/blockquote|/div|/figcaption)\b[^>]*>", re.I)


def body_paragraphs(body):
    """The body's text, one string per paragraph, without any markup."""
    text = html.unescape(strip_tags(BLOCK_END.sub("\n", body or "")))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


# Comparing two versions

ROWS = [
    ("headline", "Headline"),
    ("dek", "Standfirst"),
    ("dateline", "Dateline"),
    ("body", "Body"),
    ("section", "Section"),
    ("status", "Status"),
    ("published_at", "Publication time"),
    ("bylines", "Byline"),
    ("tags", "Tags"),
]


def compare(old_version, new_version):
    """One row per field: label, both sides marked with <del>/<ins>, and whether it changed."""
    old, new = snapshot(old_version), snapshot(new_version)
    rows = []
    for name, label in ROWS:
        if name == "body":
            left, right = diff_paragraphs(old[name], new[name])
        elif name in ("bylines", "tags"):
            left, right = diff_items(old[name], new[name])
        else:
            left, right = diff_words(old[name], new[name])
        rows.append(
            {
                "name": name,
                "label": label,
                "old": left,
                "new": right,
                "changed": old[name] != new[name],
            }
        )
    return rows


def _marked(old, new, separator):
    """Both sides of a token diff, escaped, with removed and added runs wrapped."""
    left, right = [], []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = separator.join(old[i1:i2]), separator.join(new[j1:j2])
        if tag == "equal":
            left.append(escape(removed))
            right.append(escape(added))
            continue
        if removed:
            left.append(format_html("<del>{}</del>", removed))
        if added:
            right.append(format_html("<ins>{}</ins>", added))
    return mark_safe(separator.join(left)), mark_safe(separator.join(right))  # noqa: S308


def diff_words(old, new):
    return _marked((old or "").split(), (new or "").split(), " ")


def diff_items(old, new):
    return _marked(list(old), list(new), ", ")


def diff_paragraphs(old, new):
    """Paragraphs of both sides; changed paragraphs are compared word by word."""
    left, right = [], []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            left += [escape(paragraph) for paragraph in old[i1:i2]]
            right += [escape(paragraph) for paragraph in new[j1:j2]]
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for before, after in zip(old[i1:i2], new[j1:j2], strict=True):
                marked_before, marked_after = diff_words(before, after)
                left.append(marked_before)
                right.append(marked_after)
        else:
            left += [format_html("<del>{}</del>", paragraph) for paragraph in old[i1:i2]]
            right += [format_html("<ins>{}</ins>", paragraph) for paragraph in new[j1:j2]]
    return left, right
