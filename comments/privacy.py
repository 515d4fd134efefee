"""Commenter privacy: keyed hashes instead of public ones, masking for moderators' lists."""

import hashlib
import hmac

from django.conf import settings


def normalise_email(email):
    return (email or "").strip().lower()


def email_key(email):
    """A keyed hash (HMAC-SHA256) of the email: recognises a returning commenter.

    Unlike Gravatar's MD5/SHA-256, it cannot be matched against a list of known addresses
    without the site's secret key.
    """
    key = hashlib.sha256(f"newsroom.comments.email:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, normalise_email(email).encode(), hashlib.sha256).hexdigest()


def mask_email(email):
    """j***@example.org: enough for a moderator to tell commenters apart, not to write to them."""
    local, _, domain = (email or "").partition("@")
    if not domain:
        return "***"
    return f"{local[:1]}***@{domain}"
