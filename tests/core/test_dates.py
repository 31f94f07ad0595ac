"""core.dates.day_bounds: "from 05/03/2026 to 05/03/2026" is that whole day in Vietnam."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from core.dates import day_bounds

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_a_day_runs_from_local_midnight_to_the_next(settings):
    start, end = day_bounds(date(2026, 3, 5), date(2026, 3, 5))
    assert start == datetime(2026, 3, 5, tzinfo=VN)
    assert end == datetime(2026, 3, 6, tzinfo=VN)
    # 23:59 in Hà Nội is 16:59 UTC: inside; midnight is the next day: outside.
    assert start <= datetime(2026, 3, 5, 16, 59, tzinfo=ZoneInfo("UTC")) < end
    assert not datetime(2026, 3, 5, 17, 0, tzinfo=ZoneInfo("UTC")) < end
    assert end - start == timedelta(days=1)


def test_a_missing_date_leaves_that_side_open():
    assert day_bounds(None, None) == (None, None)
    start, end = day_bounds(date(2021, 7, 1))
    assert start == datetime(2021, 7, 1, tzinfo=VN) and end is None
