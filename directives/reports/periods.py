"""Read the period a report covers from the words boards use for it.

"6 tháng đầu năm 2021" → 1/1/2021–30/6/2021, "quý I/2021" → 1/1/2021–31/3/2021,
"năm 2021" → the year, "tháng 3/2021" → March. Staff filter meetings by these dates.
"""

import calendar
import datetime
import re

from core.text import fold

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _month_range(year, first, last):
    return (
        datetime.date(year, first, 1),
        datetime.date(year, last, calendar.monthrange(year, last)[1]),
    )


def parse_period(label):
    """Return (start, end) dates for a period label, or None when it cannot be read."""
    if not label:
        return None
    text = fold(label)
    text = re.sub(r"\s*/\s*", "/", text)

    # A label that names months or a quarter but names them wrongly is unreadable; it
    # must not fall through to the whole year.
    m = re.search(r"(\d{1,2}) thang (dau|cuoi) nam (\d{4})", text)
    if m:
        months, part, year = int(m[1]), m[2], int(m[3])
        if not 1 <= months <= 12:
            return None
        if part == "dau":
            return _month_range(year, 1, months)
        return _month_range(year, 13 - months, 12)
    m = re.search(r"quy (\w+)(?:/| nam )(\d{4})", text)
    if m:
        if m[1] not in _ROMAN:
            return None
        quarter, year = _ROMAN[m[1]], int(m[2])
        return _month_range(year, 3 * quarter - 2, 3 * quarter)
    m = re.search(r"thang (\d{1,2})(?:/| nam )(\d{4})", text)
    if m:
        if not 1 <= int(m[1]) <= 12:
            return None
        return _month_range(int(m[2]), int(m[1]), int(m[1]))
    m = re.search(r"nam (\d{4})", text) or re.fullmatch(r"(\d{4})", text.strip())
    if m:
        return _month_range(int(m[1]), 1, 12)
    return None
