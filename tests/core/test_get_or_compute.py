"""core.cache.get_or_compute: an expensive value computed once while many ask for it."""

import threading
import time

import pytest
from django.core.cache import cache, caches

from core.cache import get_or_compute


def test_callers_arriving_during_the_computation_wait_for_it_instead_of_repeating_it():
    runs = []

    def compute():
        runs.append(threading.get_ident())
        time.sleep(0.4)
        return {"articles": 1_000_000}

    results = []
    threads = [
        threading.Thread(target=lambda: results.append(get_or_compute("k:report", compute, 60)))
        for _ in range(5)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(runs) == 1
    assert results == [{"articles": 1_000_000}] * 5
    assert cache.get("k:report") == {"articles": 1_000_000}
    assert cache.get("k:report:computing") is None  # the lock is released


def test_a_stored_value_is_returned_without_computing():
    cache.set("k:stored", [1, 2, 3], 60)
    assert get_or_compute("k:stored", lambda: pytest.fail("computed again"), 60) == [1, 2, 3]


def test_a_caller_stops_waiting_for_a_lock_nobody_releases():
    """A process that died while computing leaves its lock until it expires; the others
    do not wait for ever."""
    cache.add("k:orphan:computing", 12345, 300)
    started = time.monotonic()
    assert get_or_compute("k:orphan", lambda: "computed here", 60, wait=0.3) == "computed here"
    assert time.monotonic() - started < 5


def test_a_failing_computation_releases_the_lock_and_the_error_reaches_the_caller():
    def broken():
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        get_or_compute("k:broken", broken, 60)
    assert cache.get("k:broken:computing") is None
    assert get_or_compute("k:broken", lambda: "fine now", 60, wait=0.2) == "fine now"


def test_with_the_cache_down_everyone_computes(settings):
    settings.CACHES = {
        **settings.CACHES,
        "down": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    down = caches["down"]
    assert get_or_compute("k:down", lambda: "uncached", 60, cache=down) == "uncached"
