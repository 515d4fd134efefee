"""Edit conflicts: did someone save the article after this editor opened it? Pure rules.

The change form carries the article's `updated_at` as it was when the form was opened (the
token). A save whose token no longer matches the stored row would overwrite someone else's work.
"""

import hashlib
import json

from django.core import signing
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext, ngettext

from .times import admin_datetime, admin_time

SALT = "articles.conflicts.fingerprints"


def token(updated_at):
    """The value the change form carries: the stored time, to the microsecond."""
    return updated_at.isoformat() if updated_at else ""


def is_conflict(loaded, current_updated_at):
    """Whether the row changed since the form was opened; a missing or garbled token counts."""
    try:
        opened = parse_datetime(loaded or "")
    except ValueError:
        return True
    return opened is None or opened != current_updated_at


def _saved_after(saved_at, saved_by, now):
    local = timezone.localtime(saved_at)
    today = timezone.localdate(now) if now else timezone.localdate()
    when = admin_time(saved_at) if local.date() == today else admin_datetime(saved_at)
    if saved_by:
        said = gettext(
            "Someone else saved this article at %(when)s (by %(who)s) after you opened it."
        )
    else:
        said = gettext("Someone else saved this article at %(when)s after you opened it.")
    return said % {"when": when, "who": saved_by}


def conflict_message(saved_at, saved_by=None, now=None):
    """What the editor whose save was stopped is told."""
    return " ".join(
        [
            _saved_after(saved_at, saved_by, now),
            gettext(
                "Your changes are not saved yet; they are kept in the form below. Compare with "
                "the saved version in History; saving again will replace it."
            ),
        ]
    )


# Merging: the form also carries a fingerprint of each field as it was when opened, so a save
# that meets someone else's newer one can tell, field by field, who changed what.


def fingerprint(value):
    """A short digest of a field's plain value (str, int, None, or a list of them)."""
    text = json.dumps(value, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def sign_fingerprints(values):
    """The hidden value for the form: {field: digest}, signed so it comes back unaltered."""
    return signing.dumps({name: fingerprint(value) for name, value in values.items()}, salt=SALT)


def read_fingerprints(signed):
    """The digests the form was opened with, or None when missing or tampered with."""
    try:
        loaded = signing.loads(signed or "", salt=SALT)
    except signing.BadSignature:
        return None
    return loaded if isinstance(loaded, dict) else None


def three_way(opened, theirs, mine, choices):
    """Merge field by field: `opened` holds digests, `theirs` and `mine` plain values.

    Returns (take_theirs, conflicts): the fields whose saved value wins (only the other person
    changed them, or this editor chose theirs), and the fields both changed differently with
    no choice made. A field only this editor changed keeps this editor's value.
    """
    take_theirs, conflicts = [], []
    for name, mine_value in mine.items():
        base = opened.get(name)
        their_value = theirs[name]
        they_changed = fingerprint(their_value) != base
        i_changed = fingerprint(mine_value) != base
        if not they_changed or fingerprint(their_value) == fingerprint(mine_value):
            continue
        if not i_changed or choices.get(name) == "theirs":
            take_theirs.append(name)
        elif choices.get(name) != "mine":
            conflicts.append(name)
    return take_theirs, conflicts


def merge_conflict_message(saved_at, saved_by, labels, now=None):
    """What the editor is told when both changed the same fields: choose, then save again."""
    return " ".join(
        [
            _saved_after(saved_at, saved_by, now),
            gettext("Your changes are not saved yet; they are kept in the form below."),
            ngettext(
                "You both changed %(fields)s: choose which version to keep below, then save.",
                "You both changed these fields: %(fields)s. Choose which version to keep for "
                "each below, then save.",
                len(labels),
            )
            % {"fields": ", ".join(str(label) for label in labels)},
        ]
    )
