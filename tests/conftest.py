import contextlib

import pytest
from django.core.management import call_command

from core.management.commands.load_demo import FIXTURES


@pytest.fixture
def seeds(db, settings, tmp_path):
    """The demo data (units, boards, sections, directives, the five seed articles and
    their meetings), loaded from fixtures/ as `manage.py load_demo` loads it; media goes
    to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", verbosity=0)
    return FIXTURES


@pytest.fixture(autouse=True)
def _isolated_cache_and_counters(settings):
    """Each test starts with an empty cache and a fresh counter store: cached fragments,
    "seen" marks, pending counts and online-now never leak between tests."""
    from django.core.cache import cache

    from articles import counters
    from core import pagecache

    def reset():
        # A test may have pointed the cache at a server that is not there.
        with contextlib.suppress(Exception):
            cache.clear()
        store = counters._store
        if isinstance(store, counters.RedisStore):
            try:
                keys = list(store.client.scan_iter(f"{store.prefix}*"))
                if keys:
                    store.client.delete(*keys)
            except store.redis_errors:
                pass  # a test pointed the store at a Redis that is not there
        counters.reset_store()
        pagecache.forget_memo()

    reset()
    yield
    reset()


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Static files collected (hashed, compressed) as a deploy collects them, for tests
    that start the site with debug off."""
    from tests.servers import collect_static

    root = tmp_path_factory.mktemp("staticfiles")
    collect_static(root)
    return root
