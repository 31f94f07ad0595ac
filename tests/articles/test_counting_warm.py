"""Counting on the path production takes: every reader page counted the same way on a
cache hit as on a fresh render, once per reader, with the visitor cookie on every
counted answer, and floods held to the configured limits (views, visits and online
alike). Runs cold and warm (the ``reader`` fixture), with Redis in the PostgreSQL run
and the database store in the SQLite run."""

import time

import pytest
from django.urls import reverse

from articles import services
from articles.models import Article
from tests.factories import make_article, make_directive, make_meeting, make_unit

pytestmark = pytest.mark.django_db


def views_of(article):
    article = Article.objects.get(pk=article.pk)
    return services.displayed_views([article])[article.pk]


@pytest.fixture
def pages(db):
    unit = make_unit(name="Vĩnh Long")
    article = make_article(unit=unit, title="Bài đọc nhiều lần")
    directive = make_directive(symbol="35-NQ/TW")
    article.directives.add(directive)
    meeting = make_meeting(unit=unit)
    urls = {
        "home": "/",
        "unit": unit.get_absolute_url(),
        "article": article.get_absolute_url(),
        "directives": reverse("directives:list"),
        "directive": directive.get_absolute_url(),
        "meetings": reverse("directives:meetings"),
    }
    if article.section_id:
        urls["section"] = article.section.get_absolute_url()
    urls["meeting"] = meeting.get_absolute_url()
    return {"unit": unit, "article": article, "urls": urls}


def test_a_reader_with_a_cookie_is_counted_once_however_often_they_read(reader, pages):
    browser = reader()
    for _ in range(5):
        for name in ("article", "unit", "home"):
            assert browser.get(pages["urls"][name]).status_code == 200
    assert views_of(pages["article"]) == 1
    assert services.visit_stats(unit=pages["unit"]).today == 1
    assert services.visit_stats().today == 1
    assert services.visit_stats().online == 1


@pytest.mark.parametrize(
    "name", ["home", "unit", "article", "directives", "directive", "meetings", "meeting"]
)
def test_every_counted_answer_gives_a_first_time_reader_the_visitor_cookie(reader, pages, name):
    if name not in pages["urls"]:
        pytest.skip(f"no {name} page in this data")
    browser = reader()
    response = browser.get(pages["urls"][name])
    assert response.status_code == 200
    assert len(response.cookies["tgv"].value) == 32
    # ... and the next request is the same reader: not a second visit.
    browser.get(pages["urls"][name])
    assert services.visit_stats().today == 1


def test_cookie_less_requests_from_one_address_never_add_more_than_the_limit(
    reader, pages, settings
):
    settings.COUNTER_FLOOD_PER_ADDRESS, settings.COUNTER_FLOOD_PER_READER = 25, 0
    address = {"REMOTE_ADDR": "203.0.113.9"}
    for i in range(600):
        url = pages["urls"]["article" if i % 2 else "unit"]
        assert reader(**address).get(url).status_code == 200
    assert views_of(pages["article"]) <= 25
    stats = services.visit_stats(unit=pages["unit"])
    assert 0 < stats.today <= 25
    assert services.visit_stats().today <= 25
    assert stats.online <= 25
    # a reader elsewhere still counts
    reader(REMOTE_ADDR="198.51.100.7").get(pages["urls"]["article"])
    assert services.visit_stats().today == stats.today + 1


def test_the_flood_window_slides_no_doubling_at_a_boundary(reader, pages, settings):
    settings.COUNTER_FLOOD_PER_ADDRESS, settings.COUNTER_FLOOD_PER_READER = 5, 0
    settings.COUNTER_FLOOD_WINDOW = 2
    address = {"REMOTE_ADDR": "203.0.113.10"}

    def burst(n):
        for _ in range(n):
            reader(**address).get(pages["urls"]["unit"])

    burst(10)
    assert services.visit_stats().today == 5
    time.sleep(1.2)  # a fixed two-second bucket might have turned over here
    burst(10)
    assert services.visit_stats().today == 5
    time.sleep(1.0)  # now the first burst has left the window
    burst(10)
    assert services.visit_stats().today == 10


def test_a_crawler_and_head_requests_are_served_from_the_cache_and_never_counted(reader, pages):
    url = pages["urls"]["article"]
    reader().prime(url)
    reader().prime(url)
    assert reader().head(url).status_code == 200
    assert views_of(pages["article"]) == 0
    assert services.visit_stats().today == 0


def test_the_article_page_shows_its_boards_visit_statistics(reader, pages):
    url = pages["urls"]["article"]
    for _ in range(3):
        reader().get(url)
    text = reader().get(url).text
    assert "Thống kê truy cập" in text
    for label in ("Đang online", "Hôm nay", "Trong tuần", "Tất cả"):
        assert label in text


def test_the_statistics_on_a_cached_article_page_stay_live(reader, pages, settings):
    """The article page lives an hour in the cache; its visit statistics are refilled
    on every hit from figures at most PAGE_CACHE_LIST_SECONDS old."""
    import re

    settings.PAGE_CACHE_LIST_SECONDS = 1
    url = pages["urls"]["article"]

    def today(text):
        return int(re.search(r"<dt>Hôm nay</dt><dd>([\d.]+)</dd>", text)[1].replace(".", ""))

    first = reader().get(url).text
    for _ in range(3):
        reader().get(pages["urls"]["unit"])
    time.sleep(1.1)
    response = reader().get(url)
    assert response["X-Page-Cache"] == "hit"
    assert today(response.text) >= today(first) + 3
