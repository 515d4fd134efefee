"""Date archives: the span of time a year or month page covers, in the site's time zone."""

from datetime import datetime

from django.utils import timezone


class NoSuchPeriod(ValueError):
    """The year or month does not exist (month 13, year 0) or has not begun yet."""


def period(year, month=None):
    """The (start, end) of a year, or of a month of it, as aware datetimes; end excluded."""
    zone = timezone.get_current_timezone()
    try:
        if month is None:
            start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
        else:
            start = datetime(year, month, 1)
            end = datetime(year + month // 12, month % 12 + 1, 1)
    except (ValueError, OverflowError):
        raise NoSuchPeriod(f"No such period: {year}-{month}") from None
    start, end = timezone.make_aware(start, zone), timezone.make_aware(end, zone)
    if start > timezone.now():
        raise NoSuchPeriod(f"{start:%Y-%m} has not begun")
    return start, end


def month_start(moment):
    """The first day of moment's month in the site's time zone, as a date (None for None)."""
    if moment is None:
        return None
    return timezone.localtime(moment).date().replace(day=1)
