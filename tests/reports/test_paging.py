"""Pages of the report's result table: on PostgreSQL each page is cut from each kind
first (ORDER BY ... LIMIT inside the UNION); pages put together must be exactly the whole
ordered table, for every sort, with ties, on either database."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from directives.models import Meeting
from directives.reports.filters import ARTICLE, MEETING
from directives.reports.rows import SORT_COLUMNS, PagedRows, result_rows
from tests.factories import make_article, make_meeting, make_unit

pytestmark = pytest.mark.django_db

SORTS = [s for key in SORT_COLUMNS for s in (key, f"-{key}")]


@pytest.fixture
def table():
    units = [make_unit(name=name) for name in ("Đắk Lắk", "An Giang", "Bắc Ninh")]
    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    today = timezone.localdate()
    for i in range(14):
        make_article(
            unit=units[i % 3],
            title=["Ánh sáng", "Bình minh", "Ánh sáng"][i % 3],  # repeated titles: ties
            published_at=noon - timedelta(days=i // 3),  # three a day: ties
            views=(i * 7) % 4,
        )
    make_article(unit=units[0], status=Article.Status.DRAFT, published_at=None)
    for i in range(9):
        make_meeting(
            unit=units[i % 3],
            title=["Hội nghị", "Ánh sáng"][i % 2],
            date=today - timedelta(days=i // 2) if i != 4 else None,
            period_end=today - timedelta(days=30),
        )
    return Article.objects.all(), Meeting.objects.all()


def pages(rows, size):
    out, start = [], 0
    while chunk := rows[start : start + size]:
        out += chunk
        start += size
    return out


def key(row):
    return (row["row_kind"], row["row_id"])


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("size", [1, 4, 50])
def test_pages_put_together_are_the_whole_ordered_table(table, sort, size):
    articles, meetings = table
    whole = list(result_rows(articles=articles, meetings=meetings, sort=sort))
    assert len(whole) == 15 + 9
    paged = pages(PagedRows(articles=articles, meetings=meetings, sort=sort), size)
    assert [key(r) for r in paged] == [key(r) for r in whole]


@pytest.mark.parametrize("sort", ["-ngay", "tieu-de", "-luot-xem"])
def test_one_kind_alone_and_nothing_at_all(table, sort):
    articles, meetings = table
    only_meetings = pages(PagedRows(articles=articles.none(), meetings=meetings, sort=sort), 4)
    assert [key(r) for r in only_meetings] == [
        key(r) for r in result_rows(articles=articles.none(), meetings=meetings, sort=sort)
    ]
    assert len(only_meetings) == 9
    nothing = PagedRows(articles=articles.none(), meetings=meetings.none(), sort=sort)
    assert nothing[0:50] == [] and nothing[0:0] == []


def test_newest_first_puts_a_meeting_of_today_among_todays_articles(table):
    articles, meetings = table
    rows = PagedRows(articles=articles, meetings=meetings, sort="-ngay")[0:5]
    assert {r["row_kind"] for r in rows} == {ARTICLE, MEETING}
    assert all(r["day"] == timezone.localdate() for r in rows)
