"""Whole local days as aware datetimes, for filters that take dates ("từ ngày … đến
ngày …") and compare them with stored moments."""

import datetime

from django.utils import timezone


def day_bounds(date_from=None, date_to=None):
    """``(start, end)``: the first instant of ``date_from`` and the first instant of the
    day after ``date_to``, aware, in settings.TIME_ZONE; either is None when its date is.

    The range is half-open, so filter with ``__gte=start`` and ``__lt=end``: ``date_to``
    is then included whole, up to its last microsecond."""
    zone = timezone.get_default_timezone()
    start = end = None
    if date_from:
        start = datetime.datetime.combine(date_from, datetime.time.min, tzinfo=zone)
    if date_to:
        end = datetime.datetime.combine(
            date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
        )
    return start, end
