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
    _load_seeds()
    return FIXTURES


# The rows `load_demo` wrote the first time, per database vendor. Resolving the fixtures'
# natural keys costs ~1,000 lookups (2 s); later tests put the same rows back by primary
# key in a fraction of that.
_seed_rows = {}
SEED_APPS = {"provinces", "articles", "directives", "core"}  # where load_demo writes


def _load_seeds():
    from django.apps import apps
    from django.core import serializers
    from django.core.management.color import no_style
    from django.db import connection

    rows = _seed_rows.get(connection.vendor)
    if rows is None:
        models = [m for m in apps.get_models() if m._meta.app_label in SEED_APPS]
        before = {m: set(m._base_manager.values_list("pk", flat=True)) for m in models}
        call_command("load_demo", verbosity=0)
        rows = []
        for model in models:
            new = model._base_manager.exclude(pk__in=before[model]).order_by("pk")
            rows += serializers.serialize("python", new)
        _seed_rows[connection.vendor] = rows
        return
    loaded = set()
    with connection.constraint_checks_disabled():
        for obj in serializers.deserialize("python", rows):
            obj.save()
            loaded.add(type(obj.object))
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(loaded)):
            cursor.execute(sql)
    call_command("load_demo", verbosity=0, media_only=True)


@pytest.fixture(autouse=True)
def _isolated_cache_and_counters(settings):
    """Each test starts with an empty cache and a fresh counter store: cached fragments,
    "seen" marks, pending counts, online-now and stored counts kept per flush generation
    never leak between tests."""
    from django.core.cache import cache

    from articles import counters
    from articles import views as article_views
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
        article_views._stored.clear()

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
