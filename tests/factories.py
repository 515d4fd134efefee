"""Test data in one place: small functions that make valid objects, overridable by keyword."""

import itertools
from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.utils import timezone

from articles.models import Article, Byline, Correction, Section
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
    parent = fields.get("parent")
    if parent is not None:
        # A reply: under its parent's article, one level deeper.
        article = article or parent.article
        fields.setdefault("depth", parent.depth + 1)
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


def make_correction(*, article=None, **fields):
    fields.setdefault("text", "An earlier version of this article misspelled a name.")
    return Correction.objects.create(article=article or make_article(), **fields)


def article_admin_data(*, article=None, authors=None, corrections=(), **fields):
    """The POST body of the article admin's add or change form, byline inline included.

    With article=, start from that article's current values and its bylines (as the change form
    would send them, with the corrections inline and its existing rows); authors= replaces the
    byline; corrections= is a list of texts added as new corrections. Any form field can be
    overridden by keyword, e.g. status="published" or published_at=<datetime> (split into the
    admin's date and time).
    """
    if article is not None:
        data = {
            "headline": article.headline,
            "slug": article.slug,
            "dek": article.dek,
            "dateline": article.dateline,
            "body": article.body,
            "section": article.section_id,
            "tags": ", ".join(tag.name for tag in article.tags.all()),
            "status": article.status,
            # The edit-conflict token, as the change form sends it (articles/conflicts.py).
            "loaded_updated_at": article.updated_at.isoformat(),
        }
        published_at = article.published_at
        comment_policy = article.comment_policy
        close_after_hours = article.comments_close_after_hours
        existing = list(article.bylines.all())
    else:
        headline = unique("Admin headline")
        data = {
            "headline": headline,
            "slug": headline.lower().replace(" ", "-"),
            "dek": "",
            "dateline": "",
            "body": "<p>Filed from the newsroom.</p>",
            "section": make_section().pk,
            "tags": "",
            "status": Article.Status.DRAFT,
        }
        published_at, existing = None, []
        comment_policy, close_after_hours = Article.CommentPolicy.OPEN, None
    published_at = fields.pop("published_at", published_at)
    comment_policy = fields.pop("comment_policy", comment_policy)
    close_after_hours = fields.pop("comments_close_after_hours", close_after_hours)
    section = fields.pop("section", None)
    if section is not None:
        data["section"] = section.pk
    data.update(fields)
    if published_at is not None:
        local = timezone.localtime(published_at)
        data["published_at_0"] = local.strftime("%Y-%m-%d")
        data["published_at_1"] = local.strftime("%H:%M:%S")
    else:
        data["published_at_0"] = data["published_at_1"] = ""
    data["comment_policy"] = comment_policy
    data["comments_close_after_hours"] = "" if close_after_hours is None else close_after_hours

    # The inline's prefix is the reverse accessor, "bylines". Replaced rows are sent marked
    # DELETE, as the browser would.
    rows = [(b.pk, b.author_id, b.position, authors is not None) for b in existing]
    if authors is not None:
        rows += [(None, author.pk, position, False) for position, author in enumerate(authors)]
    data.update(
        {
            "bylines-TOTAL_FORMS": str(len(rows)),
            "bylines-INITIAL_FORMS": str(len(existing)),
            "bylines-MIN_NUM_FORMS": "0",
            "bylines-MAX_NUM_FORMS": "1000",
        }
    )
    for index, (pk, author_id, position, delete) in enumerate(rows):
        prefix = f"bylines-{index}-"
        data[prefix + "id"] = pk or ""
        data[prefix + "article"] = article.pk if article is not None else ""
        data[prefix + "author"] = author_id
        data[prefix + "position"] = position
        if delete:
            data[prefix + "DELETE"] = "on"
    if article is not None:
        data.update(_corrections_inline_data(article, corrections))
    return data


def _corrections_inline_data(article, new_texts):
    """The corrections inline of the change form: existing rows as sent, then new ones."""
    existing = list(article.corrections.all())
    rows = [(c.pk, c.text, c.published_at) for c in existing]
    rows += [(None, text, timezone.now()) for text in new_texts]
    data = {
        "corrections-TOTAL_FORMS": str(len(rows)),
        "corrections-INITIAL_FORMS": str(len(existing)),
        "corrections-MIN_NUM_FORMS": "0",
        "corrections-MAX_NUM_FORMS": "1000",
    }
    for index, (pk, text, published_at) in enumerate(rows):
        prefix = f"corrections-{index}-"
        local = timezone.localtime(published_at)
        data[prefix + "id"] = pk or ""
        data[prefix + "article"] = article.pk
        data[prefix + "text"] = text
        data[prefix + "published_at_0"] = local.strftime("%Y-%m-%d")
        data[prefix + "published_at_1"] = local.strftime("%H:%M:%S")
    return data


def make_photo(*, size=(640, 480), alt_text=None, **fields):
    """A library photo with its renditions, from a generated PNG (MEDIA_ROOT: use a tmp dir)."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from photos.services import photo_create

    buffer = BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, "PNG")
    upload = SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")
    return photo_create(image_file=upload, alt_text=alt_text or unique("A photo of"), **fields)
