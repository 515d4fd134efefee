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
    return keyed_hash("email", normalise_email(email))


def keyed_hash(purpose, value):
    """HMAC-SHA256 of value under a key derived from the secret key, one key per purpose."""
    key = hashlib.sha256(f"newsroom.comments.{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def reporter_key(*, ip_address, user_agent):
    """Identifies a reporting client (IP address and browser) without storing either."""
    return keyed_hash("reporter", f"{ip_address or ''}|{user_agent or ''}")


def mask_email(email):
    """j***@example.org: enough for a moderator to tell commenters apart, not to write to them."""
    local, _, domain = (email or "").partition("@")
    if not domain:
        return "***"
    return f"{local[:1]}***@{domain}"
