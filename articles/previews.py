"""Signed, expiring preview links: anyone holding one may read an unpublished article."""

from django.conf import settings
from django.core import signing

SALT = "articles.preview"
DEFAULT_MAX_AGE = 7 * 24 * 60 * 60  # a week, in seconds


class PreviewLinkExpired(Exception):
    """The link was genuine but is older than NEWSROOM_PREVIEW_MAX_AGE."""


class PreviewLinkInvalid(Exception):
    """The link was not made by this site (mistyped, truncated or tampered with)."""


def max_age():
    return getattr(settings, "NEWSROOM_PREVIEW_MAX_AGE", DEFAULT_MAX_AGE)


def preview_token(article):
    """A token naming the article, signed with the site's secret and the current time."""
    return signing.TimestampSigner(salt=SALT).sign_object({"article": article.pk})


def article_pk_from_token(token):
    """The article's primary key from a token, if the token is genuine and fresh."""
    try:
        payload = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=max_age())
    except signing.SignatureExpired as error:
        raise PreviewLinkExpired from error
    except signing.BadSignature as error:
        raise PreviewLinkInvalid from error
    if not isinstance(payload, dict) or not isinstance(payload.get("article"), int):
        raise PreviewLinkInvalid
    return payload["article"]
