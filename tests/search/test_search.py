"""The search rules, on SQLite and on PostgreSQL (same tests, both engines)."""

from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles import search
from articles.models import Article
from articles.search import search_articles
from core.search import parse_query
from directives.models import Directive, Meeting
from directives.search import search_directives, search_meetings
from tests.factories import make_article, make_directive, make_meeting, make_section, make_unit

from .conftest import decomposed, found

pytestmark = pytest.mark.django_db


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


# --- The acceptance cases ----------------------------------------------------------------


def test_tuyen_giao_finds_tuyen_giao(seeds):
    titles = found("tuyen giao")
    assert len(titles) == 5  # every seed is about công tác Tuyên giáo
    assert "Hải Dương xác định 8 nhiệm vụ trọng tâm trong công tác Tuyên giáo năm 2022" in titles


def test_dang_finds_dang_with_its_accents():
    article = make_article(title="Đảng bộ tỉnh lãnh đạo phát triển kinh tế")
    make_article(title="Phát triển kinh tế biển")
    assert found("dang") == [article.title]
    assert found("ĐẢNG") == [article.title]
    assert found("đang") == [article.title]  # "đ" = "d" both ways: all fold to "dang"


def test_ha_anh_dung_finds_the_binh_phuoc_seed(seeds):
    titles = found("ha anh dung")
    binh_phuoc = Article.objects.get(unit__slug="binh-phuoc")
    assert titles[0] == binh_phuoc.title
    assert found('"ha anh dung"') == [binh_phuoc.title]


def test_a_decomposed_query_finds_precomposed_text(seeds):
    query = decomposed("Hà Anh Dũng")
    assert Article.objects.get(unit__slug="binh-phuoc").title in found(query)
    make_article(title="Tuyên dương đảng viên tiêu biểu")
    assert "Tuyên dương đảng viên tiêu biểu" in found(decomposed("đảng viên tiêu biểu"))


def test_text_typed_decomposed_is_stored_precomposed_and_found():
    article = make_article(title=decomposed("Hội nghị học tập Nghị quyết"))
    article.refresh_from_db()
    assert article.title == "Hội nghị học tập Nghị quyết"
    assert found("hoi nghi hoc tap") == [article.title]
    directive = make_directive(title=decomposed("Về công tác dân vận"), symbol="99-CT/TW")
    directive.refresh_from_db()
    assert directive.title == "Về công tác dân vận"
    meeting = make_meeting(title="Hội nghị", chair=decomposed("Đồng chí Trưởng ban"))
    meeting.refresh_from_db()
    assert meeting.chair == "Đồng chí Trưởng ban"


@pytest.mark.parametrize(
    "status", [Article.Status.DRAFT, Article.Status.PENDING, Article.Status.UNPUBLISHED]
)
def test_drafts_never_appear(status):
    make_article(title="Bí mật tuyên giáo nháp", status=status, published_at=ago(days=1))
    shown = make_article(title="Tuyên giáo công khai")
    query = parse_query("tuyen giao")
    results = search_articles(query)
    assert [hit.article for hit in results.hits] == [shown]
    assert results.count == 1


def test_scheduled_articles_appear_only_once_their_time_comes():
    make_article(title="Tuyên giáo hẹn giờ", published_at=timezone.now() + timedelta(hours=1))
    assert found("tuyen giao") == []


def test_a_title_match_ranks_above_a_summary_match_above_a_body_match():
    body = make_article(
        title="Tin hoạt động", body="<p>Bàn về công tác tuyên giáo.</p>", published_at=ago(hours=1)
    )
    summary = make_article(
        title="Tin trong tuần", summary="Công tác tuyên giáo quý I.", published_at=ago(days=30)
    )
    title = make_article(title="Công tác tuyên giáo năm 2021", published_at=ago(days=900))
    assert found("tuyen giao") == [title.title, summary.title, body.title]


def test_within_a_tier_the_newest_comes_first():
    old = make_article(title="Tuyên giáo tháng 1", published_at=ago(days=60))
    new = make_article(title="Tuyên giáo tháng 2", published_at=ago(days=5))
    assert found("tuyen giao") == [new.title, old.title]


def test_every_word_is_required():
    both = make_article(title="Tuyên giáo Hậu Giang")
    make_article(title="Tuyên giáo Trà Vinh")
    make_article(title="Hậu Giang đón Tết")
    assert found("tuyen giao hau giang") == [both.title]


def test_words_match_whole_words_only():
    make_article(title="Đăng ký hội viên")
    assert found("dan") == []
    assert found("dang ky") == ["Đăng ký hội viên"]


def test_a_quoted_phrase_must_appear_as_written():
    together = make_article(title="Trao đổi", body="<p>Đồng chí Hà Anh Dũng phát biểu.</p>")
    make_article(title="Tin khác", body="<p>Hà Nội, ngày... Anh em... Dũng cảm.</p>")
    assert sorted(found("ha anh dung")) == sorted([together.title, "Tin khác"])
    assert found('"ha anh dung"') == [together.title]
    assert found("“Hà Anh Dũng”") == [together.title]


def test_a_phrase_does_not_run_from_the_title_into_the_body():
    make_article(title="Tin Hà", body="<p>Anh Dũng</p>")
    assert found('"ha anh dung"') == []


def test_html_tags_in_the_body_are_not_words():
    make_article(title="Tin ảnh", body='<p>Nội dung</p><figure data-image="1"></figure>')
    assert found("figure") == []
    assert found("image") == []
    assert found("noi dung") == ["Tin ảnh"]


def test_byline_and_source_are_searched_too():
    article = make_article(title="Tin địa phương", byline="Mai Chi", source="Theo Báo Bình Phước")
    assert found("mai chi") == [article.title]
    assert found("bao binh phuoc") == [article.title]


def test_symbols_and_numbers_match_as_typed_or_spaced():
    article = make_article(title="Quán triệt Chỉ thị 05-CT/TW", body="<p>Có 8.756.173 lượt.</p>")
    assert found("05-CT/TW") == [article.title]
    assert found("05 ct tw") == [article.title]
    assert found("8.756.173") == [article.title]
    assert found("CT/TW-05") == []  # a phrase keeps its order


def test_an_edited_article_is_found_by_its_new_words():
    article = make_article(title="Tin cũ")
    article.title = "Tin mới về chuyển đổi số"
    article.save()
    assert found("chuyen doi so") == [article.title]
    assert found("tin cu") == []


# --- Directives and meetings --------------------------------------------------------------


@pytest.mark.parametrize("q", ["35-NQ/TW", "nghị quyết 35", "nghi quyet 35", "NQ 35"])
def test_directive_35_is_found_first(seeds, q):
    directives = search_directives(parse_query(q))
    assert directives[0].symbol == "35-NQ/TW"


def test_directives_rank_by_name_before_subject_before_summary():
    by_summary = make_directive(symbol="1-CT/TW", title="Về một việc", summary="Chuyển đổi số")
    by_title = make_directive(symbol="2-CT/TW", title="Về chuyển đổi số")
    by_name = make_directive(symbol="3-CT/TW", short_title="Chuyển đổi số", title="Về việc khác")
    assert search_directives(parse_query("chuyen doi so")) == [by_name, by_title, by_summary]


def test_meetings_are_matched_and_unpublished_ones_hidden():
    shown = make_meeting(title="Hội nghị sơ kết Chỉ thị 05")
    make_meeting(title="Hội nghị sơ kết Chỉ thị 05 (nội bộ)", is_published=False)
    assert search_meetings(parse_query("so ket chi thi 05")) == [shown]


def test_fixture_loads_fill_the_documents_of_directives_and_meetings(seeds):
    assert not Directive.objects.filter(search_document="").exists()
    assert not Meeting.objects.filter(search_document="").exists()
    assert search_meetings(parse_query("ha anh dung"))  # chair of the Bình Phước meeting


# --- Filters --------------------------------------------------------------------------------


def test_a_current_unit_includes_the_units_merged_into_it():
    can_tho = make_unit(name="Cần Thơ thử")
    hau_giang = make_unit(name="Hậu Giang thử", merged_into=can_tho)
    elsewhere = make_unit(name="Trà Vinh thử")
    for unit in (can_tho, hau_giang, elsewhere):
        make_article(unit=unit, title=f"Tuyên giáo {unit.name}")
    assert sorted(found("tuyen giao", unit_ids=can_tho.history_unit_ids())) == sorted(
        ["Tuyên giáo Cần Thơ thử", "Tuyên giáo Hậu Giang thử"]
    )
    assert found("tuyen giao", unit_ids=hau_giang.history_unit_ids()) == [
        "Tuyên giáo Hậu Giang thử"
    ]


def test_section_and_date_filters():
    section = make_section(name="Bầu cử thử")
    when = timezone.make_aware(datetime(2021, 3, 30, 23, 30))  # late evening, local time
    inside = make_article(title="Tuyên giáo bầu cử", section=section, published_at=when)
    make_article(title="Tuyên giáo khác", published_at=when)
    make_article(
        title="Tuyên giáo bầu cử cũ", section=section, published_at=when - timedelta(days=2)
    )
    assert found("tuyen giao", section=section) == [inside.title, "Tuyên giáo bầu cử cũ"]
    assert found(
        "tuyen giao", section=section, date_from=date(2021, 3, 30), date_to=date(2021, 3, 30)
    ) == [inside.title]
    assert found("tuyen giao", date_from=date(2021, 3, 31)) == []


# --- Pages and counts -----------------------------------------------------------------------


def test_pages_and_clamping():
    for i in range(25):
        make_article(title=f"Tuyên giáo số {i}", published_at=ago(days=i + 1))
    query = parse_query("tuyen giao")
    first = search_articles(query, per_page=10)
    # No COUNT(*): "more than 10" until the last page, where the count is exact.
    assert (first.count, first.has_next, first.has_previous) == (None, True, False)
    assert [h.article.title for h in first.hits][:2] == ["Tuyên giáo số 0", "Tuyên giáo số 1"]
    third = search_articles(query, page=3, per_page=10)
    assert [h.article.title for h in third.hits] == [f"Tuyên giáo số {i}" for i in range(20, 25)]
    assert (third.count, third.has_next, third.has_previous) == (25, False, True)
    assert (third.first_number, third.last_number) == (21, 25)
    assert search_articles(query, page=99, per_page=10).page == 3  # past the end: last page
    seen = [
        h.article.pk for p in (1, 2, 3) for h in search_articles(query, page=p, per_page=10).hits
    ]
    assert len(seen) == len(set(seen)) == 25


def test_pages_stop_at_max_pages(monkeypatch):
    monkeypatch.setattr(search, "MAX_PAGES", 3)
    for i in range(15):
        make_article(title=f"Tuyên giáo {i}")
    results = search_articles(parse_query("tuyen giao"), page=50, per_page=4)
    assert results.page == 3
    assert not results.has_next and results.count is None  # more exist, not shown


def test_tiers_are_read_only_until_the_page_is_full(django_assert_max_num_queries):
    for i in range(5):
        make_article(title=f"Tuyên giáo {i}", body="<p>Không có gì.</p>")
    make_article(title="Tin khác", body="<p>Công tác tuyên giáo.</p>")
    with django_assert_max_num_queries(12) as captured:
        results = search_articles(parse_query("tuyen giao"), per_page=2)
    assert [h.tier for h in results.hits] == ["title", "title"]
    if connection.vendor == "postgresql":
        sql = " ".join(q["sql"] for q in captured.captured_queries)
        assert '"search_vector"' not in sql  # the body tier was never read


def test_an_empty_query_finds_nothing_without_touching_the_database(django_assert_num_queries):
    make_article(title="Tuyên giáo")
    with django_assert_num_queries(0):
        results = search_articles(parse_query("!!!"))
    assert results.hits == [] and results.count == 0


# --- Keeping the index current --------------------------------------------------------------


def test_rebuild_search_index_repairs_rows_changed_with_update():
    article = make_article(title="Tin cũ")
    Article.objects.filter(pk=article.pk).update(title="Tin về Hội Nông dân")
    call_command("rebuild_search_index", verbosity=0)
    assert found("hoi nong dan") == ["Tin về Hội Nông dân"]


def test_the_folded_column_is_left_empty_on_postgresql(pg_only):
    article = make_article(title="Tuyên giáo")
    article.refresh_from_db()
    assert article.search_document == ""
    # The generated vector follows even update(), which bypasses save().
    Article.objects.filter(pk=article.pk).update(title="Dân vận khéo")
    assert found("dan van kheo") == ["Dân vận khéo"]


# --- PostgreSQL's strategy ----------------------------------------------------------------


def test_an_index_lookup_that_takes_too_long_stops_and_keeps_what_was_found(pg_only, monkeypatch):
    from core.search import SearchTooBroad, VectorEngine

    for i in range(3):
        make_article(title=f"Tuyên giáo {i}")
    monkeypatch.setattr(VectorEngine, "INDEX_TIMEOUT_MS", 1)
    monkeypatch.setattr(VectorEngine, "most_rows", lambda *args: None)  # walk first
    # Every row costs 10 ms: the walk (no time limit) finds the three, then the index
    # lookup (for the rest) is cancelled after 1 ms.
    slow = Article.objects.published().extra(where=["pg_sleep(0.01) IS NOT NULL"])
    with pytest.raises(SearchTooBroad) as stop:
        VectorEngine().tier_rows(slow, parse_query("tuyen giao"), "a", False, 10)
    assert len(stop.value.rows) == 3
    with connection.cursor() as cursor:  # the connection is fine, the settings restored
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"
        cursor.execute("SHOW enable_indexscan")
        assert cursor.fetchone()[0] == "on"
    assert Article.objects.count() == 3


def test_planner_settings_do_not_leak_after_a_normal_lookup(pg_only):
    make_article(title="Tuyên giáo")
    assert found("tuyen giao")
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


def test_statistics_send_rare_words_straight_to_the_index(pg_only):
    from core.search import VectorEngine

    for i in range(30):
        make_article(title=f"Tuyên giáo {i}", body="<p>Đảng viên.</p>")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    engine = VectorEngine()
    common = engine.most_rows(Article.objects.all(), parse_query("tuyen giao"), "a")
    rare = engine.most_rows(Article.objects.all(), parse_query("tuyen qwzx"), "a")
    assert common >= 30 * 0.9
    assert rare < common
    assert found("tuyen qwzx") == []


def test_a_search_stopped_early_says_so(client, monkeypatch):
    from core.search import documents as search_module

    make_article(title="Tuyên giáo 1")
    make_article(title="Tin khác", body="<p>tuyên giáo</p>")
    real = search_module.engine_for

    class Stopping:
        def __init__(self, engine):
            self.engine = engine

        def __getattr__(self, name):
            return getattr(self.engine, name)

        def tier_rows(self, queryset, query, part, higher, limit):
            rows = self.engine.tier_rows(queryset, query, part, higher, limit)
            if part is None:
                raise search_module.SearchTooBroad(rows[:0])
            return rows

    monkeypatch.setattr(
        search_module, "engine_for", lambda model, using="default": Stopping(real(model, using))
    )
    results = search_articles(parse_query("tuyen giao"))
    assert results.incomplete and results.count is None
    assert [h.article.title for h in results.hits] == ["Tuyên giáo 1"]
    html = client.get("/tim-kiem/", {"q": "tuyen giao"}).content.decode()
    assert "việc tìm đã dừng sớm" in html
