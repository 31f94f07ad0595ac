"""/tim-kiem/: what a reader (or a stranger) sees."""

import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from tests.factories import make_article, make_directive, make_meeting, make_section, make_unit

pytestmark = pytest.mark.django_db

URL = "/tim-kiem/"


def get(client, **params):
    return client.get(URL, params)


def hit_titles(response):
    html = response.content.decode()
    return [
        re.sub(r"<[^>]+>", "", t)
        for t in re.findall(r'<h3 class="item-title"><a [^>]*>(.*?)</a>', html)
    ]


def test_the_url_is_named_search():
    assert reverse("articles:search") == URL


def test_results_show_title_unit_date_and_a_highlighted_snippet(client):
    unit = make_unit(name="Trà Vinh thử")
    article = make_article(
        unit=unit,
        title="Công tác tuyên giáo 6 tháng đầu năm",
        summary="Sơ kết công tác.",
        body="<p>Ban Tuyên giáo Tỉnh ủy đã tham mưu <strong>Ban Thường vụ</strong>.</p>",
        published_at=timezone.make_aware(datetime(2021, 7, 1, 12, 0)),
    )
    response = get(client, q="tuyen giao")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{article.get_absolute_url()}"' in html
    assert "Công tác <mark>tuyên</mark> <mark>giáo</mark> 6 tháng đầu năm" in html
    assert "Trà Vinh thử" in html
    assert "01/07/2021" in html
    assert "Ban <mark>Tuyên</mark> <mark>giáo</mark> Tỉnh ủy đã tham mưu Ban Thường vụ." in html
    assert "Tìm thấy 1 bài viết" in html
    assert '<meta name="robots" content="noindex' in html


def test_an_article_of_a_merged_unit_says_where_it_belongs_now(client):
    can_tho = make_unit(name="Cần Thơ thử")
    make_article(unit=make_unit(name="Hậu Giang thử", merged_into=can_tho), title="Tuyên giáo")
    assert "(nay thuộc Cần Thơ thử)" in get(client, q="tuyen giao").content.decode()


def test_text_from_the_database_is_escaped_not_rendered(client):
    make_article(
        title="Cảnh giác <script>alert(1)</script> trên mạng",
        body="<p>Thủ đoạn &lt;img src=x onerror=alert(1)&gt; trên mạng xã hội.</p>",
    )
    html = get(client, q="tren mang").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_the_directive_comes_first(client, seeds):
    for q in ("35-NQ/TW", "nghị quyết 35", "nghi quyet 35"):
        html = get(client, q=q).content.decode()
        directive = html.find('href="/van-ban/nghi-quyet-35-nq-tw/"')
        assert directive != -1, q
        first_article = html.find('class="search-hit"')
        assert first_article == -1 or directive < first_article, q


def test_the_seed_articles_are_found(client, seeds):
    response = get(client, q="ha anh dung")
    assert hit_titles(response)[0] == Article.objects.get(unit__slug="binh-phuoc").title
    assert len(hit_titles(get(client, q="tuyen giao"))) == 5


def test_drafts_never_appear_on_the_page(client):
    make_article(title="Tuyên giáo bản nháp", status=Article.Status.DRAFT)
    make_article(title="Tuyên giáo chờ duyệt", status=Article.Status.PENDING)
    html = get(client, q="tuyen giao").content.decode()
    assert "bản nháp" not in html and "chờ duyệt" not in html
    assert "Không tìm thấy bài viết nào" in html


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        "tuyên giáo " * 200,  # 2,200 characters
        "x" * 2000,
        "!!!",
        "...???",
        "“”",
        "'; DROP TABLE articles_article; --",
        "1' OR '1'='1",
        "%",
        "_",
        "\\",
        "<script>alert(1)</script>",
        "dang & | ! <-> :* ()",
        "'dang':A",
        "☭ 🇻🇳",
    ],
)
def test_odd_queries_get_a_normal_page(client, q):
    make_article(title="Tuyên giáo đảng viên")
    response = get(client, q=q)
    assert response.status_code == 200
    assert "<h1" in response.content.decode()


def test_an_overlong_query_is_searched_by_its_beginning_and_says_so(client):
    make_article(title="Tuyên giáo cơ sở")
    response = get(client, q="tuyên giáo " * 200)
    html = response.content.decode()
    assert "Từ khóa quá dài" in html
    assert hit_titles(response) == [
        "<mark>Tuyên</mark> <mark>giáo</mark> cơ sở".replace("<mark>", "").replace("</mark>", "")
    ]


def test_an_empty_query_shows_how_to_search(client):
    html = get(client).content.decode()
    assert "Cách tìm" in html
    assert 'name="q"' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"tinh": "khong-co-tinh-nay"}, "Không có tỉnh, thành phố"),
        ({"chuyen_muc": "'; DROP TABLE x; --"}, "Không có chuyên mục"),
        ({"tu_ngay": "32/13/2021"}, "Ngày không hợp lệ"),
        ({"tu_ngay": "hôm qua"}, "Ngày không hợp lệ"),
        ({"den_ngay": "01/01/0001"}, "Ngày phải trong khoảng"),
        ({"tu_ngay": "31/12/9999"}, "Ngày phải trong khoảng"),
        ({"tu_ngay": "05/03/2021", "den_ngay": "04/03/2021"}, "phải cùng ngày hoặc sau"),
    ],
)
def test_bad_filters_get_a_message_and_400_never_a_500(client, params, message):
    response = get(client, q="tuyen giao", **params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Bộ lọc chưa hợp lệ" in html


@pytest.mark.parametrize("page", ["abc", "-5", "0", "99999999999999999999", "1.5", ""])
def test_odd_page_numbers_are_clamped(client, page):
    make_article(title="Tuyên giáo")
    response = get(client, q="tuyen giao", page=page)
    assert response.status_code == 200
    assert len(hit_titles(response)) == 1


def test_filters_by_unit_with_its_merged_units_section_and_dates(client):
    can_tho = make_unit(name="Cần Thơ thử", slug="can-tho-thu")
    hau_giang = make_unit(name="Hậu Giang thử", slug="hau-giang-thu", merged_into=can_tho)
    section = make_section(name="Tuyên truyền thử", slug="tuyen-truyen-thu")
    when = timezone.make_aware(datetime(2021, 3, 30, 9, 0))
    make_article(unit=can_tho, title="Tuyên giáo Cần Thơ", published_at=when)
    make_article(unit=hau_giang, title="Tuyên giáo Hậu Giang", section=section, published_at=when)
    make_article(title="Tuyên giáo nơi khác", section=section)
    assert sorted(hit_titles(get(client, q="tuyen giao", tinh="can-tho-thu"))) == [
        "Tuyên giáo Cần Thơ",
        "Tuyên giáo Hậu Giang",
    ]
    assert hit_titles(
        get(client, q="tuyen giao", tinh="can-tho-thu", chuyen_muc="tuyen-truyen-thu")
    ) == ["Tuyên giáo Hậu Giang"]
    dated = get(client, q="tuyen giao", tu_ngay="30/03/2021", den_ngay="30/03/2021")
    assert sorted(hit_titles(dated)) == ["Tuyên giáo Cần Thơ", "Tuyên giáo Hậu Giang"]
    # The form shows the filters back as typed.
    assert 'value="30/03/2021"' in dated.content.decode()


def test_pagination_links_keep_the_query_and_filters(client):
    unit = make_unit(slug="vinh-long-thu")
    for i in range(23):
        make_article(
            unit=unit,
            title=f"Tuyên giáo số {i}",
            published_at=timezone.now() - timedelta(days=i + 1),
        )
    first = get(client, q="tuyên giáo", tinh="vinh-long-thu")
    html = first.content.decode()
    assert len(hit_titles(first)) == 20
    assert "Có hơn 20 bài viết" in html
    link = re.search(r'href="\?([^"]*page=2)" rel="next"', html).group(1).replace("&amp;", "&")
    assert "tinh=vinh-long-thu" in link and "q=tuy%C3%AAn+gi%C3%A1o" in link
    second = client.get(f"{URL}?{link}")
    assert hit_titles(second) == [f"Tuyên giáo số {i}" for i in range(20, 23)]
    assert 'start="21"' in second.content.decode()
    assert "Tìm thấy 23 bài viết" in second.content.decode()
    assert 'rel="prev"' in second.content.decode()


def test_the_number_of_queries_does_not_grow_with_the_results(
    client, django_assert_max_num_queries
):
    unit = make_unit()
    directive = make_directive(symbol="77-NQ/TW", title="Về tuyên giáo")
    make_meeting(unit=unit, title="Hội nghị tuyên giáo", directives=[directive])

    def page_queries(n):
        for i in range(n):
            make_article(unit=unit, title=f"Tuyên giáo {i}", directives=[directive])
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            response = get(client, q="tuyen giao")
        assert response.status_code == 200
        return len(ctx.captured_queries), len(hit_titles(response))

    few, shown_few = page_queries(2)
    many, shown_many = page_queries(40)
    assert (shown_few, shown_many) == (2, 20)
    # More matches mean fewer queries if anything: the titles fill the page.
    assert many <= few
    with django_assert_max_num_queries(30):
        get(client, q="tuyen giao", page=2)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    q=st.text(st.characters(exclude_categories=["Cs"]), max_size=300),
    page=st.one_of(st.none(), st.text(max_size=5)),
)
def test_any_text_gets_a_normal_page(client, q, page):
    params = {"q": q}
    if page is not None:
        params["page"] = page.replace("\x00", "")
    # A NUL character is refused site-wide (400) before any view runs.
    expected = 400 if "\x00" in q else 200
    assert client.get(URL, params).status_code == expected


def test_a_nul_character_is_refused_before_the_search_runs(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        assert get(client, q="a\x00b").status_code == 400
