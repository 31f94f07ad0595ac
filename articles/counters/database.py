"""The counter store without Redis: atomic UPDATEs, marks in Django's cache."""

import logging
import threading
import time
from collections import defaultdict

from django.conf import settings
from django.core.cache import cache

from .common import (
    NOT_COUNTED,
    LocalMarks,
    SlidingWindows,
    TrackResult,
    _today,
    apply_views,
    apply_visits,
    flood_gates,
    scopes_of,
)

log = logging.getLogger(__name__)


class DatabaseStore:
    """Counts straight into the database; "seen" marks in the cache (in this process's
    memory while the cache is down); flood windows and online-now in this process
    (exact for one server process: with several, run Redis). Cached pages live in
    Django's cache."""

    buffered = False

    def __init__(self):
        self._online = defaultdict(dict)  # scope -> {(kind, visitor): last seen}
        self._lock = threading.Lock()
        self._local_marks = LocalMarks()
        self._windows = SlidingWindows()

    def _first_in_window(self, key, seconds):
        try:
            added = cache.add(key, 1, seconds)
        except Exception:
            added = None
        if added is None:  # the cache is down (or ignores its outage): this process
            return self._local_marks.add(key, seconds)
        return added

    def track(self, reader, *, scopes, article_id=None, now=None, day=None):
        """Count one request. See TrackResult."""
        if not reader.counts:
            return NOT_COUNTED
        now = now or time.time()
        day = day or _today()
        if not self._windows.admit(flood_gates(reader), now, settings.COUNTER_FLOOD_WINDOW):
            return TrackResult(flooded=True)  # an obvious flood: served, not counted
        window = settings.COUNTER_VISIT_WINDOW
        counted = article_id is not None and self._first_in_window(
            f"seen:a:{article_id}:{reader.visitor}", window
        )
        if counted:
            apply_views({article_id: 1})
        new_visits = tuple(
            s for s in scopes if self._first_in_window(f"seen:v:{s}:{reader.visitor}", window)
        )
        if new_visits:
            apply_visits({(s, day): 1 for s in new_visits})
        kind = "m" if reader.member else "g"
        with self._lock:
            for scope in scopes:
                self._online[scope][(kind, reader.visitor)] = now
        return TrackResult(counted_view=counted, new_visits=new_visits)

    def online(self, scope, now=None):
        """(guests, members) seen in the last COUNTER_ONLINE_WINDOW seconds."""
        cutoff = (now or time.time()) - settings.COUNTER_ONLINE_WINDOW
        with self._lock:
            seen = self._online.get(scope, {})
            for key in [k for k, t in seen.items() if t < cutoff]:
                del seen[key]
            guests = sum(1 for kind, _ in seen if kind == "g")
            return guests, len(seen) - guests

    def pending_views(self, article_ids):
        return {}

    def pending_visits(self, scope, day):
        return 0

    def flush(self):
        return 0, 0

    # Cached pages and fragments (articles.pages): Django's cache.

    def hit(self, key, reader):
        """(the cached entry or None, what counting did or None on a miss)."""
        try:
            entry = cache.get(key)
        except Exception:
            log.warning("page cache unavailable", exc_info=True)
            return None, None
        if entry is None:
            return None, None
        entry = {**entry, "fragment_html": entry["fragment"] and self.fragment(entry["fragment"])}
        return entry, self.track(
            reader, scopes=scopes_of(entry["unit"]), article_id=entry["article"]
        )

    def save_page(self, key, entry, seconds):
        try:
            cache.set(key, entry, seconds)
        except Exception:
            log.warning("page cache unavailable", exc_info=True)

    def fragment(self, name):
        try:
            return cache.get(f"frag:{name}")
        except Exception:
            return None

    def save_fragment(self, name, html, seconds):
        try:
            cache.set(f"frag:{name}", html, seconds)
        except Exception:
            log.warning("page cache unavailable", exc_info=True)


# The counting step, shared by the two scripts below. Keys are built here from the
# prefix (one Redis, no cluster). Returns {view counted (1) / not (0) / flood (-1), the
# article's pending views, the flush generation, the scopes with a new visit...}.
