"""What every counter store shares: scopes, what a request asks and gets, applying
counts to the database, and the in-process marks, page copies and flood windows."""

import logging
import threading
import time
from collections import OrderedDict, defaultdict, deque
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

log = logging.getLogger(__name__)

SITE = "site"


def scope_for_unit(unit_id):
    return f"u{unit_id}"


def _unit_of_scope(scope):
    return None if scope == SITE else int(scope[1:])


# --- Applying counts to the database ---------------------------------------------------


def apply_views(counts):
    """counts: {article_id: n}. One UPDATE per distinct n (usually 1 or 2 statements)."""
    from ..models import Article

    by_n = defaultdict(list)
    for article_id, n in counts.items():
        if n > 0:
            by_n[n].append(article_id)
    for n, ids in by_n.items():
        Article.objects.filter(pk__in=ids).update(views=F("views") + n)


def apply_visits(counts):
    """counts: {(scope, date): n}: add n to that day's row, creating it if needed."""
    from ..models import DailyVisits

    for (scope, day), n in counts.items():
        if n <= 0:
            continue
        unit_id = _unit_of_scope(scope)
        rows = DailyVisits.objects.filter(date=day)
        rows = rows.filter(unit__isnull=True) if unit_id is None else rows.filter(unit_id=unit_id)
        if rows.update(visits=F("visits") + n):
            continue
        try:
            with transaction.atomic():
                DailyVisits.objects.create(unit_id=unit_id, date=day, visits=n)
        except IntegrityError:  # another process created the row first
            rows.update(visits=F("visits") + n)


# --- What a request asks and what it gets -----------------------------------------------


@dataclass(frozen=True)
class Reader:
    """Who is asking: the visitor cookie's id, signed in or not, the address (None when
    unknown), and whether this request counts at all (a GET by a browser: not HEAD, not
    a known crawler)."""

    visitor: str
    member: bool = False
    ip: str | None = None
    counts: bool = True


@dataclass(frozen=True)
class TrackResult:
    """What counting one request did: the article's view counted or not, over a flood
    limit or not, the scopes that got a new visit, the article's pending views after
    this request (this view included) and the store's flush generation (None where
    stored counts change with every view)."""

    counted_view: bool = False
    flooded: bool = False
    new_visits: tuple = ()
    pending_views: int = 0
    generation: int | None = None


NOT_COUNTED = TrackResult()


def scopes_of(unit_id):
    """The scopes a page's visit counts for: the site, and the board of ``unit_id``."""
    return [SITE] if unit_id is None else [SITE, scope_for_unit(unit_id)]


# --- The stores -----------------------------------------------------------------------


class LocalMarks:
    """ "Seen" marks in this process's memory, for when the shared cache is down. Bounded:
    the oldest marks go first when it is full."""

    def __init__(self, limit=200_000):
        self._marks = {}
        self._lock = threading.Lock()
        self._limit = limit

    def add(self, key, seconds):
        now = time.time()
        with self._lock:
            expires = self._marks.get(key)
            if expires is not None and expires > now:
                return False
            if len(self._marks) >= self._limit:
                for old in sorted(self._marks, key=self._marks.get)[: self._limit // 10]:
                    del self._marks[old]
            self._marks[key] = now + seconds
            return True


class LocalCopies:
    """A small least-recently-used map of page copies, bounded in bytes."""

    def __init__(self, max_bytes=32 * 1024 * 1024):
        self._items = OrderedDict()
        self._bytes = 0
        self._max = max_bytes
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key, item):
        size = len(item[1])
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old[1])
            self._items[key] = item
            self._bytes += size
            while self._bytes > self._max and self._items:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped[1])


class SlidingWindows:
    """Requests per key in the last ``seconds``, exact (a log of times, not fixed
    minutes: no doubling across a minute's boundary), in this process's memory. Only
    admitted requests are logged, so a key holds at most its limit."""

    def __init__(self, max_keys=100_000):
        self._log = {}
        self._lock = threading.Lock()
        self._max_keys = max_keys

    def admit(self, limits, now, seconds):
        """limits: [(key, limit)]. True, and logged under every key, when each key has
        had fewer than its limit in the window; False (nothing logged) otherwise."""
        with self._lock:
            logs = []
            for key, limit in limits:
                times = self._log.get(key)
                if times is None:
                    if len(self._log) >= self._max_keys:
                        self._log = {
                            k: t for k, t in self._log.items() if t and t[-1] > now - seconds
                        }
                    times = self._log[key] = deque()
                while times and times[0] <= now - seconds:
                    times.popleft()
                if len(times) >= limit:
                    return False
                logs.append(times)
            for times in logs:
                times.append(now)
            return True


def flood_gates(reader):
    """[(name, limit)]: the sliding-window limits this reader's requests pass through."""
    gates = []
    if reader.ip and settings.COUNTER_FLOOD_PER_ADDRESS > 0:
        gates.append((f"ip:{reader.ip}", settings.COUNTER_FLOOD_PER_ADDRESS))
    if settings.COUNTER_FLOOD_PER_READER > 0:
        gates.append((f"v:{reader.visitor}", settings.COUNTER_FLOOD_PER_READER))
    return gates


_day = {"date": None, "until": 0.0}


def _today():
    """Today in Vietnam's time zone, computed once a day (it is asked on every counted
    request)."""
    now = time.time()
    if now >= _day["until"]:
        from datetime import datetime, timedelta

        from django.utils import timezone

        local = timezone.localtime()
        midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time())
        _day.update(
            date=local.date(), until=timezone.make_aware(midnight, local.tzinfo).timestamp()
        )
    return _day["date"]
