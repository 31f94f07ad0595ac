"""A client generated from the OpenAPI document (openapi-python-client) lists articles
from a running server; JSON Feed 1.1 beside each RSS feed, with the RSS feed's items."""

import importlib
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from articles.models import Article
from tests.factories import make_article, make_section, make_unit

BIN = Path(sys.executable).parent


@pytest.mark.django_db(transaction=True)
def test_a_client_generated_from_the_openapi_document_lists_articles(live_server, tmp_path):
    make_article(title="Bài thứ nhất")
    make_article(title="Bài thứ hai", status=Article.Status.DRAFT)
    document = tmp_path / "openapi.json"
    document.write_bytes(Client().get("/api/v1/openapi.json").content)
    package = tmp_path / "tg_api_client"
    subprocess.run(
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(document),
            "--meta",
            "none",
            "--output-path",
            str(package),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    sys.path.insert(0, str(tmp_path))
    try:
        client_module = importlib.import_module("tg_api_client.client")
        list_articles = importlib.import_module("tg_api_client.api.articles.list_articles")
        client = client_module.Client(base_url=live_server.url)
        page = list_articles.sync(client=client, limit=10)
        assert [item.title for item in page.items] == ["Bài thứ nhất"]
        assert page.next_cursor is None
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m.startswith("tg_api_client")]:
            del sys.modules[name]


@pytest.mark.django_db
def test_json_feeds_carry_the_rss_feeds_items():
    unit = make_unit(name="Trà Vinh thử")
    section = make_section(name="Chính trị thử")
    make_article(unit=unit, section=section, title="Tin của Trà Vinh", byline="Tác giả A")
    make_article(title="Tin nơi khác")
    make_article(unit=unit, title="Bản nháp", status=Article.Status.DRAFT)
    client = Client()
    feed = client.get("/rss/feed.json")
    assert feed.status_code == 200
    assert feed["Content-Type"] == "application/feed+json; charset=utf-8"
    document = feed.json()
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"] == "http://testserver/rss/feed.json"
    assert {i["title"] for i in document["items"]} == {"Tin của Trà Vinh", "Tin nơi khác"}
    item = next(i for i in document["items"] if i["title"] == "Tin của Trà Vinh")
    assert item["authors"] == [{"name": "Tác giả A"}] and item["tags"] == ["Chính trị thử"]
    assert item["url"].startswith("http://testserver/bai-viet/")
    by_unit = client.get(f"/rss/tinh/{unit.slug}/feed.json").json()
    assert [i["title"] for i in by_unit["items"]] == ["Tin của Trà Vinh"]
    assert by_unit["title"] == f"Tin mới — {unit.full_name}"
    by_section = client.get(f"/rss/chuyen-muc/{section.slug}/feed.json").json()
    assert [i["title"] for i in by_section["items"]] == ["Tin của Trà Vinh"]
    missing = client.get("/rss/tinh/khong-co/feed.json")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"
    # Same items as the RSS feed beside it.
    rss = client.get(f"/rss/tinh/{unit.slug}/").content.decode()
    assert "Tin của Trà Vinh" in rss and "Tin nơi khác" not in rss


@pytest.mark.django_db
def test_pages_name_their_json_feed_beside_the_rss_feed(reader):
    import re

    unit = make_unit(name="Bạc Liêu thử")
    section = make_section(name="Xây dựng Đảng thử")
    make_article(unit=unit, section=section, title="Tin của Bạc Liêu")
    browser = reader()
    for page, expected in [
        ("/", "/rss/feed.json"),
        (unit.get_absolute_url(), f"/rss/tinh/{unit.slug}/feed.json"),
        (section.get_absolute_url(), f"/rss/chuyen-muc/{section.slug}/feed.json"),
    ]:
        html = browser.get(page).content.decode()
        named = re.findall(r'type="application/feed\+json"[^>]*href="([^"]+)"', html)
        assert expected in named, page
        feed = Client().get(expected).json()
        assert "Tin của Bạc Liêu" in [item["title"] for item in feed["items"]]
