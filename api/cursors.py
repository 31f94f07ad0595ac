"""Cursor (keyset) pagination: a page is "the next ``limit`` rows after this one" in a
fixed order ending with the id, never an OFFSET. A cursor names the last row a client
has seen, so rows added before it (newer articles) never shift a page, and every page
costs one index range scan however deep it is (articles: ``article_pub_idx`` on
``(-published_at, -id)``, partial on published rows).

The condition is written ``field <= v AND (field < v OR id < pk)``: the first part
bounds the index scan on both databases, the second only sorts out rows sharing ``v``.
A cursor is opaque to clients: ``<order>.<value>.<id>`` in URL-safe base64."""

import base64
import binascii
import datetime
import re
from dataclasses import dataclass

from django.db.models import Q

from core.params import EARLIEST_YEAR, LATEST_YEAR, MAX_ID

from .problems import bad_parameter

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
_RAW = re.compile(r"([a-z])\.(-?[0-9]{1,20})\.([0-9]{1,19})")


def _micros(moment):
    return (moment - EPOCH) // datetime.timedelta(microseconds=1)


_MIN_MICROS = _micros(datetime.datetime(EARLIEST_YEAR, 1, 1, tzinfo=datetime.UTC))
_MAX_MICROS = _micros(datetime.datetime(LATEST_YEAR, 12, 31, tzinfo=datetime.UTC))


@dataclass(frozen=True)
class Keyset:
    """An order on (``field``, id): ``field`` a datetime column (or None: the id
    alone), ``descending`` or ascending. ``tag`` names the order inside cursors, so a
    cursor of one order is refused by another."""

    tag: str
    field: str | None = None
    descending: bool = True

    @property
    def ordering(self):
        sign = "-" if self.descending else ""
        fields = [self.field, "id"] if self.field else ["id"]
        return [f"{sign}{name}" for name in fields]

    def encode(self, row):
        value = _micros(getattr(row, self.field)) if self.field else 0
        raw = f"{self.tag}.{value}.{row.pk}"
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    def decode(self, cursor):
        """(value, id) from a cursor; a 400 problem for anything that is not one of
        ours, of this order."""
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        except (binascii.Error, ValueError, UnicodeError):
            raw = ""
        match = _RAW.fullmatch(raw)
        if (
            len(cursor) > 80
            or not match
            or match[1] != self.tag
            or not 0 < int(match[3]) <= MAX_ID
            or not _MIN_MICROS <= int(match[2]) <= _MAX_MICROS
        ):
            raise bad_parameter(
                "cursor",
                "con trỏ trang không đúng; hãy dùng nguyên giá trị “next_cursor” API trả về.",
                "not a cursor of this list; pass “next_cursor” exactly as the API gave it.",
            )
        value = EPOCH + datetime.timedelta(microseconds=int(match[2])) if self.field else None
        return value, int(match[3])

    def after(self, queryset, cursor):
        """``queryset`` narrowed to the rows after ``cursor`` in this order."""
        value, pk = self.decode(cursor)
        if self.field is None:
            return queryset.filter(**{f"pk__{'lt' if self.descending else 'gt'}": pk})
        op, strict = ("lte", "lt") if self.descending else ("gte", "gt")
        return queryset.filter(
            Q(**{f"{self.field}__{op}": value})
            & (Q(**{f"{self.field}__{strict}": value}) | Q(**{f"pk__{strict}": pk}))
        )

    def page(self, queryset, *, cursor=None, limit):
        """(rows, next cursor or None): one page of ``queryset`` in this order."""
        if cursor:
            queryset = self.after(queryset, cursor)
        rows = list(queryset.order_by(*self.ordering)[: limit + 1])
        more = len(rows) > limit
        rows = rows[:limit]
        return rows, (self.encode(rows[-1]) if more and rows else None)


NEWEST = Keyset("p", "published_at", descending=True)
UPDATED = Keyset("u", "updated_at", descending=False)
BY_ID = Keyset("i", None, descending=False)
