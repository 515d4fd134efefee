"""How WordPress's values map to ours: pure functions, no database, no request."""

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, unquote, urlsplit

from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article
from comments.models import Comment

ZERO_DATE = "0000-00-00 00:00:00"
# The front-page queries WordPress answers; anything else on "/" is not a legacy address.
LEGACY_QUERY_KEYS = ("p", "page_id", "attachment_id", "cat", "tag", "author")
SKIPPED_POST_STATUSES = {
    "trash": "in the trash",
    "auto-draft": "an automatic draft",
    "inherit": "a revision",
}
COMMENT_STATUSES = {
    "1": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.REJECTED,
    "post-trashed": Comment.Status.REJECTED,
}


class Skip(Exception):
    """The item is not imported, for the reason given."""


def article_status(wp_status, *, password=""):
    """(our status, whether the WordPress date is kept, a note or "") for a post's status.

    Raises Skip for trash, automatic drafts and revisions.
    """
    if wp_status in SKIPPED_POST_STATUSES:
        raise Skip(f"post {SKIPPED_POST_STATUSES[wp_status]}")
    if wp_status in ("publish", "future"):
        if password:
            # We have no password-protected articles: keep it away from readers.
            return Article.Status.DRAFT, True, "password-protected: imported as a draft"
        return Article.Status.PUBLISHED, True, ""
    if wp_status == "pending":
        return Article.Status.IN_REVIEW, False, ""
    if wp_status == "private":
        return Article.Status.DRAFT, True, "private: imported as a draft"
    if wp_status == "draft":
        return Article.Status.DRAFT, False, ""
    raise Skip(f"post status “{wp_status}” unknown")


def comment_status(approved):
    """Our status for wp:comment_approved; raises Skip for a value WordPress does not write."""
    try:
        return COMMENT_STATUSES[(approved or "0").strip()]
    except KeyError:
        raise Skip(f"comment status “{approved}” unknown") from None


def comment_kind(comment_type):
    """'comment', or raises Skip for pingbacks, trackbacks and other notes."""
    comment_type = (comment_type or "").strip() or "comment"
    if comment_type == "comment":
        return comment_type
    raise Skip(comment_type if comment_type in ("pingback", "trackback") else f"{comment_type}")


def wp_datetime(gmt, local="", pub_date=""):
    """An aware datetime from the GMT field, else the local one in our time zone, else pubDate."""
    gmt, local = (gmt or "").strip(), (local or "").strip()
    if gmt and gmt != ZERO_DATE:
        return datetime.strptime(gmt, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    if local and local != ZERO_DATE:
        return timezone.make_aware(datetime.strptime(local, "%Y-%m-%d %H:%M:%S"))
    if pub_date and pub_date.strip():
        try:
            parsed = parsedate_to_datetime(pub_date.strip())
        except (TypeError, ValueError):
            return None
        if parsed.year > 1970:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def make_slug(*candidates, fallback, max_length):
    """The first candidate that makes an ASCII slug (WordPress percent-encodes its slugs)."""
    for candidate in candidates:
        slug = slugify(unquote(candidate or ""))[:max_length].strip("-")
        if slug:
            return slug
    return fallback[:max_length]


def suffixed(slug, number, max_length):
    suffix = f"-{number}"
    return slug[: max_length - len(suffix)].rstrip("-") + suffix


def truncate(text, max_length):
    """(text cut at a word to fit max_length, whether it was cut)."""
    if len(text) <= max_length:
        return text, False
    cut = text[: max_length - 1].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return cut + "…", True


def split_categories(post_categories, terms):
    """(section key, tag keys) for a post's categories.

    terms: {nicename: (top-level nicename, is_top_level)}. The section is the post's first
    top-level category (or the top of its first nested one); the post's other categories become
    tags, so nothing is lost. Returns (None, …) when the post has no category.
    """
    section, tags = None, []
    for nicename in post_categories:
        top, is_top = terms.get(nicename, (nicename, True))
        if section is None:
            section = top
            if not is_top:
                tags.append(nicename)
        elif nicename != section:
            tags.append(nicename)
    return section, tags


def normalise_path(path):
    """The key of an old address: unquoted, lower case, single slashes, no final slash."""
    path = unquote(path or "")
    path = re.sub(r"/{2,}", "/", path).lower()
    return path.rstrip("/") if path != "/" else ""


def old_path(url, site=""):
    """The key for an old WordPress URL: its path, or its front-page query such as '?p=12'."""
    parts = urlsplit((url or "").strip())
    if parts.path in ("", "/", "/index.php") and parts.query:
        return legacy_query_key(dict(parse_qsl(parts.query)))
    path = parts.path
    site_path = urlsplit(site).path.rstrip("/")
    if site_path and path.startswith(site_path + "/"):
        path = path[len(site_path) :]
    return normalise_path(path) or None


def legacy_query_key(query):
    """'?p=12' for the first WordPress query key in a request's GET, or None."""
    for key in LEGACY_QUERY_KEYS:
        value = query.get(key)
        if value:
            value = value.strip().lower()
            if key != "tag" and not value.isdigit():
                return None
            return f"?{key}={value}"[:500]
    return None
