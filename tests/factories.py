"""Test data in one place: small functions that make valid objects, overridable by keyword."""

import itertools
from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.utils import timezone

from articles.models import Article, Byline, Section
from authors.models import Author
from comments.models import Comment

_counter = itertools.count(1)


def unique(prefix):
    return f"{prefix}-{next(_counter)}"


def make_section(**fields):
    name = fields.pop("name", None) or unique("Section")
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    return Section.objects.create(name=name, **fields)


def make_author(**fields):
    name = fields.pop("name", None) or unique("Author")
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    return Author.objects.create(name=name, **fields)


def make_article(*, authors=None, tags=(), **fields):
    """A published article from an hour ago unless told otherwise."""
    headline = fields.pop("headline", None) or unique("Headline")
    fields.setdefault("slug", headline.lower().replace(" ", "-"))
    if fields.get("section") is None:
        fields["section"] = make_section()
    fields.setdefault("status", Article.Status.PUBLISHED)
    if fields["status"] == Article.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
    fields.setdefault("body", "<p>First paragraph.</p><p>Second paragraph.</p>")
    article = Article.objects.create(headline=headline, **fields)
    for position, author in enumerate(authors if authors is not None else [make_author()]):
        Byline.objects.create(article=article, author=author, position=position)
    if tags:
        article.tags.add(*tags)
    return article


def make_comment(*, article=None, **fields):
    fields.setdefault("name", "Reader")
    fields.setdefault("email", f"{unique('reader')}@example.org")
    fields.setdefault("body", "A thoughtful comment.")
    fields.setdefault("status", Comment.Status.APPROVED)
    return Comment.objects.create(article=article or make_article(), **fields)


def make_user(username=None, *, role=None, **fields):
    """A staff user in one of the newsroom's groups (Reporter, Editor, Moderator)."""
    fields.setdefault("is_staff", True)
    user = User.objects.create_user(
        username=username or unique("user"), password="test-password-123", **fields
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user
