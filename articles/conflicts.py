"""Edit conflicts: did someone save the article after this editor opened it? Pure rules.

The change form carries the article's `updated_at` as it was when the form was opened (the
token). A save whose token no longer matches the stored row would overwrite someone else's work.
"""

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext

from .times import admin_datetime, admin_time


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


def conflict_message(saved_at, saved_by=None, now=None):
    """What the editor whose save was stopped is told."""
    local = timezone.localtime(saved_at)
    today = timezone.localdate(now) if now else timezone.localdate()
    when = admin_time(saved_at) if local.date() == today else admin_datetime(saved_at)
    if saved_by:
        said = gettext(
            "Someone else saved this article at %(when)s (by %(who)s) after you opened it."
        )
    else:
        said = gettext("Someone else saved this article at %(when)s after you opened it.")
    return " ".join(
        [
            said % {"when": when, "who": saved_by},
            gettext(
                "Your changes are not saved yet; they are kept in the form below. Compare with "
                "the saved version in History; saving again will replace it."
            ),
        ]
    )
