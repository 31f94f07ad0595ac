"""Cache calls that never fail a page: when the cache (Redis) is down they log and act
as a miss, and the page is built from the database instead."""

import logging

from django.core.cache import cache

log = logging.getLogger(__name__)


def get(key, default=None):
    try:
        return cache.get(key, default)
    except Exception:
        log.warning("cache unavailable (get %s)", key, exc_info=True)
        return default


def set(key, value, timeout=None):
    try:
        cache.set(key, value, timeout)
    except Exception:
        log.warning("cache unavailable (set %s)", key, exc_info=True)
