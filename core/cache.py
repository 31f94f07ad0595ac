"""Django's Redis cache, reusing its client objects.

Django's RedisCacheClient builds a new ``redis.Redis`` for every cache call; building one
copies redis-py's table of ~170 response callbacks, which costs more than the round trip
itself on a cached page (about 0.2 ms). A client is thread-safe over its connection pool,
so one per pool is enough.
"""

import logging
import os
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

log = logging.getLogger(__name__)


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient


def get_or_compute(key, compute, timeout, *, wait=20.0, poll=0.05, cache=None):
    """``cache.get(key)``, or ``compute()`` stored under ``key`` for ``timeout`` seconds,
    computed by one caller at a time: callers arriving while it is being computed (in
    any process sharing the cache) wait for that result instead of all running the same
    expensive queries at once (a cache stampede). A caller that has waited ``wait``
    seconds (less than gunicorn's 30-second worker timeout) computes it itself; if the
    cache is down, everyone computes uncached."""
    if cache is None:
        from django.core.cache import cache
    try:
        value = cache.get(key)
        if value is not None:
            return value
        lock = f"{key}:computing"
        deadline = time.monotonic() + wait
        while not cache.add(lock, os.getpid(), timeout=int(wait) + 30):
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
