"""How the API behaves over HTTP: validators and 304s, Cache-Control, gzip, CORS, HEAD,
rate limits with 429 + Retry-After, and problem details (never a 500) for anything a
stranger sends."""

import gzip
import json

import pytest
from django.test import Client

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db

LIST = "/api/v1/articles"


def test_an_unchanged_list_answers_304_to_its_etag_and_its_date():
    make_article(title="Một bài")
    client = Client()
    first = client.get(LIST)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=60"
    etag, modified = first["ETag"], first["Last-Modified"]
    again = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    assert client.get(LIST, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304


@pytest.mark.django_db(transaction=True)  # the withdrawal's content version starts on commit
def test_a_withdrawal_is_never_hidden_behind_a_304():
    article = make_article(title="Sẽ gỡ")
    client = Client()
    first = client.get(LIST)
    etag, modified = first["ETag"], first["Last-Modified"]
    article.status = Article.Status.UNPUBLISHED
    article.save()
    by_etag = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
    by_date = client.get(LIST, HTTP_IF_MODIFIED_SINCE=modified)
    assert by_etag.status_code == by_date.status_code == 200
    assert by_date.json()["items"] == []


def test_answers_are_gzipped_for_clients_that_accept_it():
    for i in range(10):
        make_article(title=f"Bài viết số {i}", summary="Tóm tắt khá dài " * 10)
    response = Client().get(LIST, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert len(json.loads(gzip.decompress(response.content))["items"]) == 10
    # The weakened ETag of the gzipped answer still validates.
    again = Client().get(LIST, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_any_origin_may_read_and_the_preflight_allows_get_only():
    response = Client().get(LIST, HTTP_ORIGIN="https://app.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = Client().options(
        LIST,
        HTTP_ORIGIN="https://app.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]


def test_head_answers_the_headers_of_get_without_a_body():
    make_article()
    client = Client()
    get = client.get(LIST)
    head = client.head(LIST)
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_refused_as_a_problem(method):
    response = getattr(Client(), method)(LIST)
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_past_the_rate_limit_an_address_waits(settings):
    settings.API_RATE_LIMIT, settings.API_RATE_WINDOW = 3, 60
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        response = client.get(LIST)
        assert response.status_code == 200
    assert response["RateLimit-Remaining"] == "0"
    limited = client.get(LIST)
    assert limited.status_code == 429
    assert limited["Content-Type"] == "application/problem+json"
    assert 1 <= int(limited["Retry-After"]) <= 60
    problem = limited.json()
    assert problem["status"] == 429 and "yêu cầu" in problem["detail"]
    assert problem["i18n"]["en"]["title"] == "Too many requests"
    # Another address is not held back.
    assert Client(REMOTE_ADDR="203.0.113.8").get(LIST).status_code == 200


def test_a_forged_forwarded_for_does_not_escape_the_limit(settings):
    settings.API_RATE_LIMIT = 2
    for i in range(2):
        Client(REMOTE_ADDR="198.51.100.9").get(LIST, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}")
    forged = Client(REMOTE_ADDR="198.51.100.9").get(LIST, HTTP_X_FORWARDED_FOR="10.0.0.99")
    assert forged.status_code == 429


HOSTILE = [
    {"limit": "0"},
    {"limit": "101"},
    {"limit": "abc"},
    {"limit": "99999999999999999999999"},
    {"cursor": "not-a-cursor"},
    {"cursor": "cC45OTk5OTk5OTk5OTk5OTk5OTk5OTkuMQ"},  # p.<huge>.1
    {"cursor": "x" * 500},
    {"date_from": "2024-13-45"},
    {"date_from": "0001-01-01"},
    {"date_to": "9999-12-31"},
    {"updated_since": "yesterday"},
    {"updated_since": "0001-01-01T00:00:00"},
    {"unit": "khong-co-tinh-nay"},
    {"unit": "<script>alert(1)</script>"},
    {"board": "khong-co-ban-nay"},
    {"section": "a/b"},
    {"section": "khong-co-chuyen-muc"},
    {"directive": "khong-co-van-ban"},
    {"continuations": "maybe"},
    {"q": "x" * 600},
]


@pytest.mark.parametrize("params", HOSTILE, ids=lambda p: next(iter(p)))
def test_hostile_parameters_answer_a_400_problem_never_a_500(params):
    response = Client().get(LIST, params)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400
    assert problem["title"] == "Yêu cầu không hợp lệ"
    assert problem["i18n"]["en"]["title"] == "Bad request"
    assert next(iter(params)) in problem["detail"]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/articles/abc", "/api/v1/articles/99999999999999999999999", "/api/v1/articles/0"],
)
def test_a_bad_article_id_is_a_400_problem(path):
    response = Client().get(path)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_unknown_addresses_and_items_are_404_problems_in_the_clients_language():
    client = Client()
    for path in ("/api/v1/khong-co", "/api/v1/articles/123456", "/api/v1/directives/khong-co"):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["title"] == "Không tìm thấy"
    english = client.get("/api/v1/khong-co", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert english.json()["title"] == "Not found"
    assert english["Content-Language"] == "en"


def test_the_openapi_document_is_3_1_and_validates():
    from openapi_spec_validator import validate

    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    validate(document)
    assert {"/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/units"} <= set(
        document["paths"]
    )


def test_the_docs_page_uses_our_own_static_files():
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()


BROKEN_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def every_address():
    """[(address, expected status)] of every API and JSON Feed pattern (seed data)."""
    from directives.models import Directive, Meeting

    article = Article.objects.published().order_by("pk").first()
    return [
        ("/api/v1/", 200),
        ("/api/v1/openapi.json", 200),
        ("/api/v1/docs", 200),
        ("/api/v1/articles", 200),
        ("/api/v1/articles?unit=can-tho&q=tuyen+giao", 200),
        (f"/api/v1/articles/{article.pk}", 200),
        ("/api/v1/articles/khong-co", 400),
        ("/api/v1/directives", 200),
        (f"/api/v1/directives/{Directive.objects.published().first().slug}", 200),
        ("/api/v1/meetings", 200),
        (f"/api/v1/meetings/{Meeting.objects.published().first().slug}", 200),
        ("/api/v1/units", 200),
        ("/api/v1/boards", 200),
        ("/api/v1/sections", 200),
        ("/api/v1/khong-co", 404),
        ("/rss/feed.json", 200),
        ("/rss/tinh/can-tho/feed.json", 200),
        ("/rss/chuyen-muc/tin-tuc-su-kien/feed.json", 200),
        ("/rss/tinh/khong-co/feed.json", 404),
    ]


def test_with_the_cache_down_the_api_still_answers_unlimited(seeds, settings):
    """Production's django-redis ignores a Redis outage: no rate limit, no Last-Modified,
    every answer still right (never a 500)."""
    from django.core.cache import cache

    from core import pagecache

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
    settings.API_RATE_LIMIT = 1
    pagecache.forget_memo()
    cache.set("probe", 1)
    assert cache.get("probe") is None
    client = Client(raise_request_exception=False)
    wrong = []
    for address, expected in every_address():
        response = client.get(address)
        if response.status_code != expected:
            wrong.append((address, response.status_code))
    assert not wrong
    assert "Last-Modified" not in client.get("/api/v1/articles")


def test_every_address_answers_with_the_cache_up(seeds):
    client = Client(raise_request_exception=False)
    wrong = [(a, s) for a, s in every_address() if client.get(a).status_code != s]
    assert not wrong
