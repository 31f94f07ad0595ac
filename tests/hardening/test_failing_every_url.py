"""Every public address answers as it should while Redis fails: the cache and the
counter store both down (production settings: django-redis ignoring its errors), or the
counter store alone. Never a 500.

The patterns come from the URL resolver itself; each is requested with real values from
the seed data and, where it takes a slug, with one that does not exist. A pattern added
later fails ``test_every_public_pattern_is_requested`` until it is given addresses here
(or listed as staff-only).
"""

import traceback

import pytest
from django.core.cache import cache
from django.core.signals import got_request_exception
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from articles import counters
from articles.models import Article, Section
from config.sitemaps import SITEMAPS
from core import pagecache
from directives.models import Directive, Meeting
from media.models import Album, Document, Video
from provinces.models import Unit

pytestmark = pytest.mark.django_db

BROKEN_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130 Safari/537.36"
MISSING = "khong-co-trang-nay"

#: Patterns not requested here, and why (admin is left out whole).
STAFF_ONLY = {
    "logout": "signs a member out (POST)",
    "directives:reports": "staff reports: sign-in required",
    "directives:reports_csv": "staff reports: sign-in required",
    "directives:reports_xlsx": "staff reports: sign-in required",
}


def walk(resolver=None, prefix="", namespace=""):
    """(name, route) of every pattern the project serves, admin excepted."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if inner == "admin":
                continue
            yield from walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield name or route, route


PUBLIC = sorted(name for name, _ in walk() if name not in STAFF_ONLY)


def addresses(name):
    """[(address, expected status)] for the pattern ``name``, from the seed data."""
    published = Article.objects.published().order_by("pk")
    section = Section.objects.filter(articles__in=published).order_by("pk").first()
    meeting = Meeting.objects.published().order_by("pk").first()
    if name.lstrip("^").startswith("media/"):  # DJANGO_SERVE_MEDIA on
        image = published.filter(images__isnull=False).first().images.first()
        return [(image.image.url, 200), (f"/media/{MISSING}.jpg", 404)]
    return {
        "articles:home": [("/", 200), ("/?page=2", 200)],
        "articles:detail": [(a.get_absolute_url(), 200) for a in published]
        + [(f"/bai-viet/{MISSING}/", 404)],
        "articles:unit": [
            ("/tinh/can-tho/", 200),  # a current unit with the units merged into it
            ("/tinh/hau-giang/", 200),  # a unit merged away on 1/7/2025
            ("/tinh/lang-son/", 200),  # unchanged
            ("/tinh/trung-uong/", 200),  # the central level
            ("/tinh/thua-thien-hue/", 301),  # a renamed unit (set up by the test)
            ("/tinh/can-tho/?page=999", 404),
            (f"/tinh/{MISSING}/", 404),
        ],
        "articles:section": [(section.get_absolute_url(), 200), (f"/chuyen-muc/{MISSING}/", 404)],
        "articles:search": [("/tim-kiem/?q=tuyen+giao", 200), ("/tim-kiem/", 200)],
        "directives:list": [("/van-ban/", 200), ("/van-ban/?loai=ke-hoach", 200)],
        "directives:detail": [
            (Directive.objects.get(symbol="35-NQ/TW").get_absolute_url(), 200),
            (f"/van-ban/{MISSING}/", 404),
        ],
        "directives:download": [  # the seed documents have no file
            (Directive.objects.get(symbol="35-NQ/TW").get_absolute_url() + "tai-ve/", 404),
            (f"/van-ban/{MISSING}/tai-ve/", 404),
        ],
        "directives:meetings": [("/hoi-nghi/", 200), ("/hoi-nghi/?tinh=can-tho&nam=2022", 200)],
        "directives:meeting": [(meeting.get_absolute_url(), 200), (f"/hoi-nghi/{MISSING}/", 404)],
        "feeds:latest": [("/rss/", 200)],
        "feeds:unit": [("/rss/tinh/can-tho/", 200), (f"/rss/tinh/{MISSING}/", 404)],
        "feeds:section": [
            (f"/rss/chuyen-muc/{section.slug}/", 200),
            (f"/rss/chuyen-muc/{MISSING}/", 404),
        ],
        "sitemap-index": [("/sitemap.xml", 200)],
        "sitemap-section": [(f"/sitemap-{key}.xml", 200) for key in SITEMAPS]
        + [(f"/sitemap-{MISSING}.xml", 404)],
        "robots": [("/robots.txt", 200)],
        "healthz": [("/healthz", 200)],  # "degraded", not down: pages are served
        "login": [("/dang-nhap/", 200)],
        "articles:accessibility": [("/kha-nang-tiep-can/", 200)],
        "media:albums": [("/anh/", 200), ("/anh/?page=99", 404)],
        "media:album": [
            (Album.objects.published().first().get_absolute_url(), 200),
            (f"/anh/{MISSING}/", 404),
        ],
        "media:videos": [("/video/", 200)],
        "media:video": [
            (Video.objects.published().first().get_absolute_url(), 200),
            (f"/video/{MISSING}/", 404),
        ],
        "media:documents": [
            ("/tai-lieu/", 200),
            ("/tai-lieu/?q=tai+lieu&ky_hieu=TLM&tu_ngay=01/01/2020", 200),
            ("/tai-lieu/?tu_ngay=32/13/2020", 400),
        ],
        "media:document": [
            (Document.objects.published().first().get_absolute_url(), 200),
            (f"/tai-lieu/{MISSING}/", 404),
        ],
        "media:document_download": [
            (Document.objects.published().first().get_download_url(), 200),
            (f"/tai-lieu/{MISSING}/tai-ve/", 404),
        ],
        "api:index": [("/api/v1/", 200)],
        "api:api-root": [("/api/v1/", 200)],  # django-ninja's own, behind api:index
        "api:openapi-json": [("/api/v1/openapi.json", 200)],
        "api:openapi-view": [("/api/v1/docs", 200)],
        "api:articles": [
            ("/api/v1/articles", 200),
            ("/api/v1/articles?unit=can-tho&q=tuyen+giao", 200),
            (f"/api/v1/articles?unit={MISSING}", 400),
        ],
        "api:articles_withdrawn": [
            ("/api/v1/articles/withdrawn?since=2025-07-01T00:00:00", 200),
            ("/api/v1/articles/withdrawn", 400),
        ],
        "api:article": [
            (f"/api/v1/articles/{published.first().pk}", 200),
            ("/api/v1/articles/999999999", 404),
            (f"/api/v1/articles/{MISSING}", 400),
        ],
        "api:directives": [("/api/v1/directives", 200)],
        "api:directive": [
            (f"/api/v1/directives/{Directive.objects.get(symbol='35-NQ/TW').slug}", 200),
            (f"/api/v1/directives/{MISSING}", 404),
        ],
        "api:meetings": [("/api/v1/meetings?unit=can-tho", 200)],
        "api:meeting": [
            (f"/api/v1/meetings/{meeting.slug}", 200),
            (f"/api/v1/meetings/{MISSING}", 404),
        ],
        "api:units": [("/api/v1/units", 200)],
        "api:boards": [("/api/v1/boards", 200)],
        "api:sections": [("/api/v1/sections", 200)],
        "api:unknown": [(f"/api/v1/{MISSING}", 404)],
        "jsonfeeds:latest": [("/rss/feed.json", 200)],
        "jsonfeeds:unit": [
            ("/rss/tinh/can-tho/feed.json", 200),
            (f"/rss/tinh/{MISSING}/feed.json", 404),
        ],
        "jsonfeeds:section": [
            (f"/rss/chuyen-muc/{section.slug}/feed.json", 200),
            (f"/rss/chuyen-muc/{MISSING}/feed.json", 404),
        ],
    }[name]


def test_every_public_pattern_is_requested(seeds):
    """The walk finds the site (and nothing it does not know how to request)."""
    assert {"articles:home", "articles:detail", "articles:search", "healthz"} <= set(PUBLIC)
    for name in PUBLIC:
        assert addresses(name), name


def status_of(response):
    """The status, after reading a streamed body to its end as a server would."""
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code


@pytest.fixture
def errors():
    """The tracebacks of the requests that raised (the test client answers them 500)."""
    seen = []

    def record(sender, request=None, **kwargs):
        seen.append(f"{request and request.path}: {traceback.format_exc(limit=-6)}")

    got_request_exception.connect(record, weak=False)
    yield seen
    got_request_exception.disconnect(record)


@pytest.fixture
def counters_down(settings):
    """The counter store on a Redis that is not there (the cache left as it is)."""
    settings.COUNTER_STORE, settings.REDIS_URL = "redis", BROKEN_REDIS
    counters.reset_store()
    store = counters.get_store()
    assert isinstance(store, counters.RedisStore)
    with pytest.raises(store.redis_errors):
        store.client.ping()


@pytest.fixture
def cache_down(settings):
    """The cache on a Redis that is not there, as production configures it."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": BROKEN_REDIS,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.2,
                "SOCKET_TIMEOUT": 0.2,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    pagecache.forget_memo()  # read the content version from the broken cache
    cache.set("probe", 1)
    assert cache.get("probe") is None  # its errors are ignored: every read misses


def assert_all_answer(name, errors):
    """Each address of ``name`` twice by an anonymous reader's browser (counted: not a
    crawler), new and then coming back with its cookie; each answer as expected."""
    hue = Unit.objects.get(slug="hue")
    hue.legacy_slug = "thua-thien-hue"
    hue.save()
    wrong = []
    for address, expected in addresses(name):
        browser = Client(HTTP_USER_AGENT=BROWSER_UA, raise_request_exception=False)
        for visit in ("new", "back"):
            got = status_of(browser.get(address))
            if got != expected:
                wrong.append((address, visit, f"expected {expected}, got {got}"))
    assert not wrong and not errors, f"{wrong}\n" + "\n".join(errors[:3])


@pytest.mark.parametrize("name", PUBLIC)
def test_with_the_cache_and_the_counter_store_down(seeds, cache_down, counters_down, errors, name):
    assert_all_answer(name, errors)


@pytest.mark.parametrize("name", PUBLIC)
def test_with_the_counter_store_down(seeds, counters_down, errors, name):
    assert_all_answer(name, errors)
