"""Query parameters that name a number or an id: anything a stranger sends is read
here, and what is not one answers 400 with a Vietnamese message (never a 500)."""

import re

from django.core.exceptions import BadRequest

#: The years a date anyone types may fall in: from the Party's founding (nothing older
#: is published) to 2100. Outside, a date is a typing mistake, and year 1 or 9999 would
#: overflow when a local midnight is converted to UTC.
EARLIEST_YEAR, LATEST_YEAR = 1930, 2100

#: The largest id a BigAutoField holds (PostgreSQL's bigint, SQLite's integer).
MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")  # ASCII only: "²".isdigit() is True


def id_param(value, name):
    """``value`` as an id (1 … MAX_ID); BadRequest otherwise."""
    if value is None or not _DIGITS.fullmatch(value) or not 0 < int(value) <= MAX_ID:
        raise BadRequest(f"Tham số “{name}” không hợp lệ: cần một mã số.")
    return int(value)
