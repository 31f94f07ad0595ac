"""Where view counts, visits, "online now" and readers' cached pages are kept.

Two stores with one interface (``track``, ``hit``, ``save_page``, fragments, flush):

- ``DatabaseStore`` (no REDIS_URL): every counted view or visit is an atomic UPDATE
  (``F("views") + 1``); the 30-minute "seen" marks live in Django's cache, flood windows
  and online-now in this process, which is exact for one server process. Cached pages
  live in Django's cache.
- ``RedisStore`` (REDIS_URL set): one Lua script per request checks the flood windows
  and "seen" marks, adds to a pending hash and refreshes the online-now sets; on a
  cached page the same call also returns the page (``hit``), so a hit costs one round
  trip. ``flush()`` moves the pending counts to the database exactly once (see
  ``CounterFlush``); a background thread in each process flushes every few seconds and
  again at exit. Displayed figures are stored + pending.

A request over a flood limit (per address, per reader: sliding windows) is served and
not counted at all: no view, no visit, not online. Counting never makes a page fail: a
store error is logged and the request goes on. Where a page opts in and where this is
called from: articles.pages.
"""

import atexit
import logging
import threading

from django.conf import settings

from .common import (
    NOT_COUNTED,
    SITE,
    Reader,
    TrackResult,
    _unit_of_scope,
    scope_for_unit,
    scopes_of,
)
from .database import DatabaseStore
from .redis_store import RedisStore

log = logging.getLogger(__name__)

__all__ = [
    "NOT_COUNTED",
    "SITE",
    "DatabaseStore",
    "Reader",
    "RedisStore",
    "TrackResult",
    "_unit_of_scope",
    "flush_before_backup",
    "get_store",
    "probe_counter_store",
    "reset_store",
    "scope_for_unit",
    "scopes_of",
]


_store = None
_store_lock = threading.Lock()
_exit_hook = False


def get_store():
    """The process's counter store, chosen by settings.COUNTER_STORE ("redis"/"database")."""
    global _store, _exit_hook
    if _store is None:
        with _store_lock:
            if _store is None:
                if settings.COUNTER_STORE == "redis" and settings.REDIS_URL:
                    _store = RedisStore(settings.REDIS_URL, settings.COUNTER_KEY_PREFIX)
                    if not _exit_hook:
                        # A clean shutdown (gunicorn's graceful stop, Ctrl+C) writes
                        # what is still pending.
                        atexit.register(_flush_at_exit)
                        _exit_hook = True
                else:
                    _store = DatabaseStore()
    return _store


def probe_counter_store():
    """/healthz: raises when the counter store (Redis) does not answer."""
    store = get_store()
    if isinstance(store, RedisStore):
        store.client.ping()


def flush_before_backup():
    """Write the buffered counts before a backup; returns the views written."""
    return get_store().flush()[0]


def reset_store():
    """Forget the process's store (tests switch settings)."""
    global _store
    _store = None


def flush_on_exit():
    """Write what this process still buffers (gunicorn's worker_exit hook and atexit)."""
    if _store is not None and _store.buffered:
        try:
            _store.flush()
        except Exception:
            log.exception("counter flush at exit failed")


_flush_at_exit = flush_on_exit
