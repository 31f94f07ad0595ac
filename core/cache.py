"""A stampede guard over Django's cache.

The cache itself is django-redis in production (failures read as misses there, see
config/settings.py) and the local-memory cache on a laptop. django-redis has a
``cache.lock()``, but the local-memory cache has none; the guard below needs only
``add()``, which both have and which is atomic in both.
"""

import logging
import os
import time

log = logging.getLogger(__name__)


def bump_version(key, *, cache=None):
    """Start a new version under ``key`` (a counter no process ever resets: it starts
    from the current time in milliseconds, so a flushed cache never repeats an old
    version). Returns False when the cache is down (logged)."""
    if cache is None:
        from django.core.cache import cache
    try:
        try:
            cache.incr(key)
        except ValueError:  # no version yet (a fresh cache): start one
            cache.add(key, int(time.time() * 1000))
            cache.incr(key)
    except Exception:
        log.warning("could not start a new version of %s", key, exc_info=True)
        return False
    return True


def count_in_window(key, window, *, cache=None):
    """Add one to the counter ``key``, which lives ``window`` seconds from its first
    count; returns the new count, or None when the cache is down (django-redis ignoring
    the outage, or any error). Atomic: add() then incr()."""
    if cache is None:
        from django.core.cache import cache
    try:
        cache.add(key, 0, window)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, window)
            return 1
    except Exception:
        log.warning("Cache unavailable for %s", key, exc_info=True)
        return None


def get_or_compute(key, compute, timeout, *, wait=20.0, poll=0.05, cache=None):
    """``cache.get(key)``, or ``compute()`` stored under ``key`` for ``timeout`` seconds,
    computed by one caller at a time: callers arriving while it is being computed (in
    any process sharing the cache) wait for that result instead of all running the same
    expensive queries at once (a cache stampede). A caller that has waited ``wait``
    seconds (less than gunicorn's 30-second worker timeout) computes it itself; if the
    cache is down, everyone computes uncached."""
    if cache is None:
        from django.core.cache import cache
    lock = f"{key}:computing"
    try:
        value = cache.get(key)
        if value is not None:
            return value
        deadline = time.monotonic() + wait
        while not (added := cache.add(lock, os.getpid(), timeout=int(wait) + 30)):
            if added is None:  # django-redis ignoring an outage: no lock to be had
                return compute()
            if time.monotonic() > deadline:
                log.warning("Gave up waiting for %s: computing it here", key)
                return compute()
            time.sleep(poll)
            value = cache.get(key)
            if value is not None:
                return value
    except Exception:  # a cache outage must not take the page down
        log.warning("Cache unavailable for %s", key, exc_info=True)
        return compute()
    try:
        value = compute()
        try:
            cache.set(key, value, timeout)
        except Exception:
            log.warning("Cache unavailable for %s", key, exc_info=True)
        return value
    finally:
        try:
            cache.delete(lock)
        except Exception:
            log.warning("Cache unavailable for %s", key, exc_info=True)
