import contextlib

import pytest
from django.core.management import call_command

from demo.seed import FIXTURES


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
SEED_APPS = {"provinces", "articles", "directives", "media", "core"}  # where load_demo writes


def _load_seeds():
    from django.apps import apps
    from django.core import serializers
    from django.core.management.color import no_style
    from django.db import connection, transaction

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
    # One transaction: PostgreSQL checks foreign keys at commit (they are deferrable),
    # so rows may come in any order; outside a transaction (tests that commit for real)
    # each row would be checked at once.
    with transaction.atomic(), connection.constraint_checks_disabled():
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

    from articles import counters, pages
    from core import pagecache
    from provinces import sites

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
        pages.forget_states()
        sites.forget()

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


# --- Reader pages cold and warm --------------------------------------------------------

BROWSER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130 Safari/537.36"
)
#: A known crawler: its requests fill the page cache and are never counted.
PRIMER_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


class ReaderClient:
    """A reader's browser (Django's test client with a cookie jar and a browser's
    User-Agent). Warm: before each GET, a crawler requests the same address first, so
    the reader's request is answered from the page cache whenever the page is cached at
    all (anonymous GET of a reader page answering 200); that it was is asserted."""

    def __init__(self, warm, **defaults):
        from django.test import Client

        defaults.setdefault("HTTP_USER_AGENT", BROWSER_UA)
        self.client = Client(**defaults)
        self.warm = warm
        self._defaults = defaults

    def __getattr__(self, name):
        return getattr(self.client, name)

    def prime(self, path, data=None, **extra):
        from django.test import Client

        primer = {k: v for k, v in {**self._defaults, **extra}.items() if k != "HTTP_USER_AGENT"}
        return Client(HTTP_USER_AGENT=PRIMER_UA).get(path, data, **primer)

    def get(self, path, data=None, **extra):
        from django.conf import settings

        if self.warm:
            self.prime(path, data, **extra)
        response = self.client.get(path, data, **extra)
        # Signed in, or carrying messages: never served from the cache (core.pagecache).
        bypass = {settings.SESSION_COOKIE_NAME, "messages"} & set(self.client.cookies)
        if self.warm and response.status_code == 200 and not bypass:
            cached = response.get("X-Page-Cache") == "hit"
            assert cached or not _is_reader_page(response), f"{path} was not served warm"
        return response


def _is_reader_page(response):
    return getattr(response, "reader_page", None) is not None


@pytest.fixture(params=["cold", "warm"])
def cache_state(request, settings):
    """Every test using it runs twice: pages rendered afresh, and pages served from the
    page cache (primed just before each request)."""
    settings.PAGE_CACHE_ENABLED = True
    return request.param


@pytest.fixture
def reader(cache_state):
    """``reader(**client_defaults)``: a new reader's browser, cold or warm (see
    ReaderClient)."""

    def make(**defaults):
        return ReaderClient(cache_state == "warm", **defaults)

    return make
