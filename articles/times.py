"""The one way the article admin writes a time: in the site's time zone, in Django's format.

The list's date columns are formatted by Django as DATETIME_FORMAT in the current time zone
("Dec. 8, 2026, 4 a.m."); every time the article admin writes itself (status, conflict
messages, history comments, version comparisons) goes through here so it reads the same.
"""

from django.utils import timezone
from django.utils.formats import date_format


def admin_datetime(value, short=False):
    """`value` (an aware datetime) in the site's time zone, e.g. "Dec. 8, 2026, 4 a.m."."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return date_format(local, "SHORT_DATETIME_FORMAT" if short else "DATETIME_FORMAT")


def admin_time(value):
    """Just the time of day, e.g. "4:05 p.m.", for a time known to be today."""
    return date_format(timezone.localtime(value), "TIME_FORMAT")
