"""core.pagination.CachedCountPaginator: deep pages read in two steps, and the count
cached per content version, without changing what any page shows."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from core import pagecache, pagination
from core.pagination import CachedCountPaginator
from tests.factories import make_article, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit_with_articles():
    unit = make_unit(name="Phú Thọ")
    now = timezone.now()
    for n in range(47):
        # Pairs share a publish time: the id breaks the tie, as in the list's index.
        make_article(
            unit=unit, title=f"Bài số {n:02d}", published_at=now - timedelta(hours=n // 2 + 1)
        )
    make_article(unit=unit, title="Bản nháp", status=Article.Status.DRAFT)
    return unit


def ordered(unit):
    return Article.objects.published().of_unit(unit).order_by("-published_at", "-id")


@pytest.mark.parametrize("orphans", [0, 7])
def test_deep_pages_put_together_are_the_whole_list_in_order(
    unit_with_articles, monkeypatch, orphans
):
    monkeypatch.setattr(pagination, "LATE_LOOKUP_FROM", 10)
    everything = list(ordered(unit_with_articles).values_list("pk", flat=True))
    assert len(everything) == 47
    paginator = CachedCountPaginator(ordered(unit_with_articles), 10, orphans=orphans)
    pages = [paginator.page(n) for n in paginator.page_range]
    assert [row.pk for page in pages for row in page] == everything
    assert [len(page) for page in pages] == (
        [10, 10, 10, 10, 7] if orphans == 0 else [10, 10, 10, 17]
    )
    last = pages[-1]
    assert (last.start_index(), last.end_index()) == (31 if orphans else 41, 47)
    assert not last.has_next() and last.has_previous()


def test_the_unit_page_shows_the_same_articles_either_way(
    client, unit_with_articles, monkeypatch, django_capture_on_commit_callbacks
):
    url = unit_with_articles.get_absolute_url()

    def titles(page):
        with django_capture_on_commit_callbacks(execute=True):
            pagecache.content_changed()  # a fresh rendering each time
        text = client.get(url, {"page": page}).content.decode()
        return re.findall(r"Bài số \d\d", text)

    direct = [titles(page) for page in (1, 2, 3)]
    monkeypatch.setattr(pagination, "LATE_LOOKUP_FROM", 1)
    assert [titles(page) for page in (1, 2, 3)] == direct
    assert sorted(t for page in direct for t in page) == [f"Bài số {n:02d}" for n in range(47)]


def test_the_count_is_computed_once_per_content_version(
    unit_with_articles, django_capture_on_commit_callbacks
):
    """Every request's query carries its own "published by now" time; the count of
    the list is shared all the same, until an edit starts a new content version."""

    def count(expected):
        with CaptureQueriesContext(connection) as queries:
            paginator = CachedCountPaginator(ordered(unit_with_articles), 10, count_key="phu-tho")
            assert paginator.count == expected
        return sum("COUNT(*)" in q["sql"] for q in queries.captured_queries)

    assert count(47) == 1
    assert count(47) == 0
    with django_capture_on_commit_callbacks(execute=True):  # the save's commit
        make_article(unit=unit_with_articles, title="Bài mới")  # starts a new version
    assert count(48) == 1
    assert count(48) == 0


def test_the_pages_of_a_unit_share_one_count(client, unit_with_articles):
    url = unit_with_articles.get_absolute_url()

    def counts(page):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"page": page})
        assert response.status_code == 200
        return sum("COUNT(*)" in q["sql"] for q in queries.captured_queries)

    assert counts(1) == 1
    assert counts(2) == 0  # another page, another cached copy: the same count
    assert counts(3) == 0


def test_a_deep_page_costs_the_same_queries_however_long_the_list(
    client, unit_with_articles, monkeypatch, django_assert_max_num_queries
):
    """Measured on fresh renders (page cache off, cache emptied): page 3 read in two
    steps with 47 articles, then with 94."""
    from django.conf import settings
    from django.core.cache import cache

    monkeypatch.setattr(settings, "PAGE_CACHE_ENABLED", False)
    monkeypatch.setattr(pagination, "LATE_LOOKUP_FROM", 1)
    url = unit_with_articles.get_absolute_url()
    cache.clear()
    with CaptureQueriesContext(connection) as small:
        assert client.get(url, {"page": 3}).status_code == 200
    assert any("OFFSET 40" in q["sql"] for q in small.captured_queries)
    for n in range(47):
        make_article(unit=unit_with_articles, title=f"Bài thêm {n}")
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url, {"page": 3})
    assert response.status_code == 200
    assert len(re.findall(r"Bài (?:số \d\d|thêm \d+)<", response.content.decode())) == 20


def test_page_links_elide_far_pages_and_keep_the_filters():
    from django.http import QueryDict

    from core.pagination import Pager, page_numbers

    assert page_numbers(6, 50) == [1, None, 4, 5, 6, 7, 8, None, 50]
    assert page_numbers(1, 3) == [1, 2, 3]
    pager = Pager.of(number=2, last=9, params=QueryDict("loai=chi-thi&page=2&trang=5"))
    assert pager.prefix == "?loai=chi-thi&page="
    assert (pager.previous, pager.next) == (1, 3)
    assert not Pager.of(number=1, last=1).is_needed


def test_every_list_draws_the_same_page_links(client):
    """Unit pages, search results and the directive register share one include."""
    from tests.factories import make_article, make_unit

    unit = make_unit(name="Lạng Sơn", slug="lang-son")
    for n in range(45):
        make_article(unit=unit, title=f"Tuyên giáo bài {n}")
    for url in ("/tinh/lang-son/?page=2", "/tim-kiem/?q=tuyen+giao&page=2"):
        html = client.get(url).content.decode()
        nav = html[html.index('<nav class="pagination"') :]
        nav = nav[: nav.index("</nav>")]
        assert '<span aria-current="page">2</span>' in nav, url
        assert 'rel="prev"' in nav and 'rel="next"' in nav, url
        assert "page=3" in nav and "trang=" not in nav, url
