"""The reader site: every public page, the merged-unit behaviour, drafts kept out of
every list, feed, sitemap and related block, and bad query parameters."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Comment
from directives.models import Directive, Meeting
from provinces.models import Board, Unit
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def seed(unit_slug):
    """The seed article of a unit (loaded before anything a test adds)."""
    return Article.objects.filter(unit__slug=unit_slug).order_by("pk").first()


def block(text, heading):
    """The HTML of the section that starts at ``heading``."""
    start = text.index(heading)
    return text[start : text.index("</section>", start)]


@pytest.fixture
def hidden(seeds):
    """Unpublished articles that share a board, section and directive with the seeds:
    a draft, a pending one, a withdrawn one and one scheduled for tomorrow."""
    hg = seed("hau-giang")
    directive = Directive.objects.get(symbol="35-NQ/TW")
    articles = []
    for status, when, title in [
        (Article.Status.DRAFT, None, "BẢN NHÁP KHÔNG ĐƯỢC LỘ"),
        (Article.Status.PENDING, None, "BÀI CHỜ DUYỆT KHÔNG ĐƯỢC LỘ"),
        (Article.Status.UNPUBLISHED, timezone.now() - timedelta(days=1), "BÀI ĐÃ GỠ KHÔNG ĐƯỢC LỘ"),
        (Article.Status.PUBLISHED, timezone.now() + timedelta(days=1), "BÀI HẸN GIỜ KHÔNG ĐƯỢC LỘ"),
    ]:
        articles.append(
            make_article(
                unit=hg.unit,
                section=hg.section,
                status=status,
                published_at=when,
                title=title,
                directives=[directive],
                is_featured=True,
                views=10**6,
            )
        )
    for meeting in Meeting.objects.filter(directives=directive):
        meeting.articles.add(*articles)
    return articles


def cached_before_the_change(browser, *urls):
    """The pages as a crawler finds them before the test changes the data: cached, so
    that what the reader sees afterwards proves the change ended the cached copies
    (cold and warm alike; warm, the reader's own requests are then primed again)."""
    for url in urls:
        assert browser.prime(url).status_code == 200, url


def assert_hidden(text, hidden):
    for article in hidden:
        assert article.title not in text
        assert article.get_absolute_url() not in text


# --- Home ------------------------------------------------------------------------------


def test_home_shows_latest_featured_most_read_units_directives_and_stats(reader, seeds):
    browser = reader()
    text = html(browser.get("/"))
    assert text.count("<h1") == 1
    for article in Article.objects.all():
        assert article.get_absolute_url() in text
    assert "Đọc nhiều" in text
    assert "Văn bản tiêu điểm" in text
    assert Directive.objects.get(symbol="35-NQ/TW").get_absolute_url() in text
    assert "Thống kê truy cập" in text and "Đang online" in text and "Tất cả" in text
    # the boards grouped by the 34 current units, each with the units merged into it
    for unit in Unit.objects.current():
        assert f'href="{unit.get_absolute_url()}"' in text
    assert "gồm cả" in text and 'href="/tinh/hau-giang/"' in text
    assert "Cổng thông tin Tuyên giáo và Dân vận" in text  # central footer


def test_home_most_read_puts_the_902_view_seed_first(reader, seeds):
    browser = reader()
    text = html(browser.get("/"))
    most_read = block(text, "Đọc nhiều")
    assert most_read.index(seed("hau-giang").title) < most_read.index(seed("lang-son").title)
    assert "902 lượt xem" in most_read


# --- Units, merged units -----------------------------------------------------------------


def test_can_tho_lists_the_hau_giang_seed_labelled_with_its_province(reader, seeds):
    browser = reader()
    text = html(browser.get("/tinh/can-tho/"))
    article = seed("hau-giang")
    assert article.get_absolute_url() in text
    assert '<span class="label"' in text and ">Hậu Giang</span>" in text
    assert "gồm cả" in text and "/tinh/hau-giang/" in text


def test_hau_giang_page_still_works_and_links_to_can_tho(reader, seeds):
    browser = reader()
    text = html(browser.get("/tinh/hau-giang/"))
    assert seed("hau-giang").get_absolute_url() in text
    assert "sáp nhập vào" in text
    assert 'href="/tinh/can-tho/"' in text
    assert "01/7/2025" in text


@pytest.mark.parametrize(
    ("old", "new"),
    [("tra-vinh", "vinh-long"), ("binh-phuoc", "dong-nai"), ("hai-duong", "hai-phong")],
)
def test_each_current_unit_shows_its_merged_seed(reader, seeds, old, new):
    browser = reader()
    assert seed(old).get_absolute_url() in html(browser.get(f"/tinh/{new}/"))
    assert f'href="/tinh/{new}/"' in html(browser.get(f"/tinh/{old}/"))


def test_lang_son_unchanged_has_no_merger_notice(reader, seeds):
    browser = reader()
    text = html(browser.get("/tinh/lang-son/"))
    assert seed("lang-son").get_absolute_url() in text
    assert "sáp nhập" not in text


def test_tra_vinh_page_shows_its_board_footer_and_imported_visits(reader, seeds):
    browser = reader()
    text = html(browser.get("/tinh/tra-vinh/"))
    assert "Trưởng Ban biên tập: Trần Quốc Tuấn" in text
    assert "02943.853574" in text
    assert "btgtutravinh@travinh.gov.vn" in text
    assert "Trang tin điện tử Ban Tuyên giáo Tỉnh ủy Trà Vinh" in text
    assert "8.756.173" in text  # all-time visits include the old site's total


def test_vinh_long_all_time_visits_carry_tra_vinh_history(reader, seeds):
    browser = reader()
    assert "8.756.173" in html(browser.get("/tinh/vinh-long/"))


def test_a_renamed_unit_slug_redirects(reader, seeds):
    browser = reader()
    hue = Unit.objects.get(slug="hue")
    hue.legacy_slug = "thua-thien-hue"
    hue.save()
    response = browser.get("/tinh/thua-thien-hue/")
    assert response.status_code == 301
    assert response["Location"] == "/tinh/hue/"


def test_unknown_unit_is_a_vietnamese_404(reader, seeds):
    browser = reader()
    response = browser.get("/tinh/khong-co-tinh-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_unit_list_paginates_with_numbered_pages(reader, seeds):
    browser = reader()
    unit = Unit.objects.get(slug="lang-son")
    for i in range(45):
        make_article(unit=unit, title=f"Tin Lạng Sơn số {i}")
    first = html(browser.get("/tinh/lang-son/"))
    assert "Tin khác" in first
    assert 'href="?page=2"' in first and 'href="?page=3"' in first
    third = html(browser.get("/tinh/lang-son/?page=3"))
    assert third.count('class="item-title"') == 46 - 40
    assert 'aria-current="page">3<' in third


# --- Sections --------------------------------------------------------------------------


def test_section_page_lists_its_articles(reader, seeds):
    browser = reader()
    text = html(browser.get("/chuyen-muc/chinh-tri-kinh-te/"))
    assert seed("hai-duong").get_absolute_url() in text
    assert seed("hau-giang").get_absolute_url() not in text


# --- Article page ----------------------------------------------------------------------


def test_article_page_shows_everything_a_reader_expects(reader, seeds):
    browser = reader()
    article = seed("hau-giang")
    text = html(browser.get(article.get_absolute_url()))
    assert text.count("<h1") == 1
    assert "29/07/2021 12:00" in text
    assert "Số lần xem: 902" in text
    assert article.summary in text
    assert "Đồng chí Lê Công Lý báo cáo kết quả hoạt động Tuyên giáo 6 tháng đầu năm" in text
    assert "Đồng chí Bí thư Tỉnh ủy phát biểu tại buổi làm việc" in text
    assert text.index("Đồng chí Lê Công Lý báo cáo") < text.index(
        "Đồng chí Bí thư Tỉnh ủy phát biểu"
    )
    assert "Tấn Phong" in text
    assert 'href="/van-ban/nghi-quyet-35-nq-tw/"' in text
    assert 'media="print"' in text and "In bài" in text
    assert "facebook.com/sharer" in text
    assert 'property="og:title"' in text and 'property="og:image"' in text
    assert 'name="text"' in text and "csrfmiddlewaretoken" in text


def test_every_image_has_alt_text(reader, seeds):
    browser = reader()
    for article in Article.objects.all():
        text = html(browser.get(article.get_absolute_url()))
        assert 'alt=""' not in text
        assert text.count("<img ") == text.count(" alt=")


def test_views_are_shown_with_vietnamese_thousands_separator(reader, seeds):
    browser = reader()
    article = seed("hau-giang")
    Article.objects.filter(pk=article.pk).update(views=1234)
    assert "Số lần xem: 1.234" in html(browser.get(article.get_absolute_url()))


def test_source_and_byline(reader, seeds):
    browser = reader()
    assert "Theo Báo Bình Phước" in html(browser.get(seed("binh-phuoc").get_absolute_url()))
    assert "Trần Thị Thùy Trang, Phó phòng KG-TH" in html(
        browser.get(seed("tra-vinh").get_absolute_url())
    )


def test_related_articles_share_a_directive_or_the_board_and_never_itself(reader, seeds, hidden):
    browser = reader()
    hg = seed("hau-giang")
    text = html(browser.get(hg.get_absolute_url()))
    related = block(text, "Các tin liên quan")
    # Lạng Sơn's seed shares 01-KL/TW and 05-CT/TW with it.
    assert seed("lang-son").get_absolute_url() in related
    assert hg.get_absolute_url() not in related
    assert_hidden(text, hidden)


@pytest.mark.django_db(transaction=True)  # the new article's content version starts on commit
def test_more_from_the_board_lists_the_boards_other_articles(reader, seeds):
    browser = reader()
    hg = seed("hau-giang")
    cached_before_the_change(browser, seed("lang-son").get_absolute_url(), hg.get_absolute_url())
    other = make_article(unit=hg.unit, title="Tin khác của Hậu Giang")
    text = html(browser.get(seed("lang-son").get_absolute_url()))
    assert other.title not in text  # another board
    text = html(browser.get(hg.get_absolute_url()))
    assert other.title in text


@pytest.mark.django_db(transaction=True)  # the approval's content version starts on commit
def test_only_approved_comments_are_shown(reader, seeds):
    browser = reader()
    article = seed("lang-son")
    cached_before_the_change(browser, article.get_absolute_url())
    make_comment(
        article, name="Người đã duyệt", text="Ý kiến đã duyệt", status=Comment.Status.APPROVED
    )
    make_comment(article, name="Người chờ", text="Ý kiến chờ duyệt")
    make_comment(
        article, name="Người bị từ chối", text="Ý kiến bị từ chối", status=Comment.Status.REJECTED
    )
    text = html(browser.get(article.get_absolute_url()))
    assert "Ý kiến đã duyệt" in text
    assert "Ý kiến chờ duyệt" not in text
    assert "Ý kiến bị từ chối" not in text


def test_unknown_article_is_404(reader, seeds):
    browser = reader()
    assert browser.get("/bai-viet/khong-co-bai-nay/").status_code == 404


# --- Directives and meetings -------------------------------------------------------------


def test_directive_list_and_filter(reader, seeds):
    browser = reader()
    text = html(browser.get("/van-ban/"))
    assert "35-NQ/TW" in text and "06-CT/TU" in text
    text = html(browser.get("/van-ban/?loai=ke-hoach"))
    assert "30-KH/TU" in text and "35-NQ/TW" not in text
    assert browser.get("/van-ban/?loai=<script>&cap=x").status_code == 200


def test_directive_page_shows_relations_articles_meetings_and_boards(reader, seeds, hidden):
    browser = reader()
    ct05 = Directive.objects.get(symbol="05-CT/TW")
    text = html(browser.get(ct05.get_absolute_url()))
    assert "15/05/2016" in text and "Bộ Chính trị" in text
    assert Directive.objects.get(symbol="01-KL/TW").get_absolute_url() in text  # continued by
    assert seed("lang-son").get_absolute_url() in text
    assert "Các ban đã đưa tin" in text and "Trà Vinh" in text
    kl01 = Directive.objects.get(symbol="01-KL/TW")
    text = html(browser.get(kl01.get_absolute_url()))
    assert ct05.get_absolute_url() in text  # the document it continues
    assert Directive.objects.get(symbol="30-KH/TU").get_absolute_url() in text
    nq35 = html(browser.get(Directive.objects.get(symbol="35-NQ/TW").get_absolute_url()))
    assert_hidden(nq35, hidden)


def test_meetings_list_filters_by_kind_unit_and_year(reader, seeds):
    browser = reader()
    text = html(browser.get("/hoi-nghi/"))
    for meeting in Meeting.objects.all():
        assert meeting.get_absolute_url() in text
    text = html(browser.get("/hoi-nghi/?loai=giao-ban"))
    assert "giao ban công tác tuyên giáo quý I" in text
    assert "tổng kết công tác Tuyên giáo năm 2021" not in text
    text = html(browser.get("/hoi-nghi/?nam=2022"))
    assert "tổng kết công tác Tuyên giáo năm 2021" in text
    assert "giao ban công tác tuyên giáo quý I" not in text
    # a current unit includes the units merged into it
    text = html(browser.get("/hoi-nghi/?tinh=can-tho"))
    assert "Bí thư Tỉnh ủy làm việc với Ban Tuyên giáo Tỉnh ủy Hậu Giang" in text


def test_meeting_page_shows_connection_points_and_attendance(reader, seeds):
    browser = reader()
    study = Meeting.objects.get(unit__slug="binh-phuoc", kind=Meeting.Kind.QUAN_TRIET)
    text = html(browser.get(study.get_absolute_url()))
    assert "23.000" in text and "111" in text and "145" in text
    central = Meeting.objects.get(
        unit__slug="trung-uong", date__year=2021, kind=Meeting.Kind.SO_KET
    )
    text = html(browser.get(central.get_absolute_url()))
    assert "Điểm cầu tỉnh Lạng Sơn" in text and "Nguyễn Trọng Nghĩa" in text


def test_meeting_page_lists_published_articles_only(reader, seeds, hidden):
    browser = reader()
    for meeting in Meeting.objects.filter(directives__symbol="35-NQ/TW"):
        assert_hidden(html(browser.get(meeting.get_absolute_url())), hidden)


@pytest.mark.django_db(transaction=True)  # the change's content version starts on commit
def test_unpublished_meeting_is_404(reader, seeds):
    browser = reader()
    meeting = Meeting.objects.first()
    cached_before_the_change(browser, meeting.get_absolute_url(), "/hoi-nghi/")
    assert meeting.title in html(browser.get("/hoi-nghi/"))
    meeting.is_published = False
    meeting.save()
    assert browser.get(meeting.get_absolute_url()).status_code == 404
    assert meeting.title not in html(browser.get("/hoi-nghi/"))


# --- Drafts absent everywhere ------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/tinh/hau-giang/",
        "/tinh/can-tho/",
        "/chuyen-muc/tin-tuc-su-kien/",
        "/rss/",
        "/rss/tinh/can-tho/",
        "/rss/tinh/hau-giang/",
        "/rss/chuyen-muc/tin-tuc-su-kien/",
        "/sitemap-bai-viet.xml",
    ],
)
def test_unpublished_articles_are_absent(reader, seeds, hidden, url):
    browser = reader()
    assert_hidden(html(browser.get(url)), hidden)


def test_unpublished_articles_are_404_for_readers(reader, seeds, hidden):
    browser = reader()
    for article in hidden:
        assert browser.get(article.get_absolute_url()).status_code == 404


def test_related_blocks_of_every_seed_omit_unpublished_articles(reader, seeds, hidden):
    browser = reader()
    for article in Article.objects.published():
        assert_hidden(html(browser.get(article.get_absolute_url())), hidden)


# --- Feeds, sitemap, robots --------------------------------------------------------------


def test_feeds_list_published_articles(reader, seeds):
    browser = reader()
    text = html(browser.get("/rss/"))
    assert "<rss" in text
    for article in Article.objects.all():
        assert article.title in text
    unit_feed = html(browser.get("/rss/tinh/can-tho/"))
    assert seed("hau-giang").title in unit_feed and seed("lang-son").title not in unit_feed
    assert browser.get("/rss/tinh/khong-co/").status_code == 404


def test_sitemap_index_and_sections(reader, seeds):
    browser = reader()
    text = html(browser.get("/sitemap.xml"))
    assert "sitemap-bai-viet.xml" in text and "sitemap-tinh.xml" in text
    articles = html(browser.get("/sitemap-bai-viet.xml"))
    for article in Article.objects.all():
        assert article.get_absolute_url() in articles
    assert browser.get("/sitemap-khong-co.xml").status_code == 404


def test_robots_txt(reader, seeds):
    browser = reader()
    response = browser.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text and "Sitemap: http://testserver/sitemap.xml" in text


# --- Bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/?page=abc",
        "/tinh/can-tho/?page=abc",
        "/tinh/can-tho/?page=999999",
        "/tinh/can-tho/?page=-1",
        "/tinh/can-tho/?page=1e9",
        "/chuyen-muc/tin-tuc-su-kien/?page=abc",
        "/chuyen-muc/tin-tuc-su-kien/?page=999999",
        "/van-ban/?page=abc",
        "/van-ban/?page=999999",
        "/hoi-nghi/?year=x",
        "/hoi-nghi/?nam=x",
        "/hoi-nghi/?nam=99999999999999999999",
        "/hoi-nghi/?nam=-5&loai=%00&tinh=%27%3B--",
        "/hoi-nghi/?page=abc",
        "/rss/tinh/%E2%80%8B/",
        "/bai-viet/%F0%9F%98%80/",
    ],
)
def test_bad_parameters_answer_200_or_404(reader, seeds, url):
    """Never a 5xx; a NUL character is refused outright (400)."""
    browser = reader()
    expected = {400} if "%00" in url else {200, 404}
    assert browser.get(url).status_code in expected


def test_invalid_meeting_filters_are_explained(reader, seeds):
    browser = reader()
    text = html(browser.get("/hoi-nghi/?nam=x&tinh=khong-co"))
    assert "Năm phải là một số" in text
    assert "Không có đơn vị này." in text


def test_error_pages_speak_vietnamese(reader, seeds):
    browser = reader()
    response = browser.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    from django.template.loader import render_to_string

    assert "hệ thống đang gặp sự cố" in render_to_string("500.html")


# --- Query counts do not grow with the data ----------------------------------------------


def _grow(seeds_unit, n):
    """n more articles on a board, each with images, comments and shared directives."""
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    from articles.models import ArticleImage

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    png = buffer.getvalue()
    directives = list(Directive.objects.all()[:3])
    for i in range(n):
        article = make_article(unit=seeds_unit, title=f"Bài thêm {i}", directives=directives)
        for position in (1, 2, 3):
            ArticleImage.objects.create(
                article=article,
                image=ContentFile(png, name=f"x{i}-{position}.png"),
                caption=f"Ảnh {position}",
                position=position,
                width=10,
                height=10,
            )
        for _ in range(3):
            make_comment(article, status=Comment.Status.APPROVED)


@pytest.mark.parametrize(
    "url_of",
    [
        lambda: "/",
        lambda: "/tinh/can-tho/",
        lambda: "/tinh/hau-giang/",
        lambda: "/chuyen-muc/tin-tuc-su-kien/",
        lambda: (
            Article.objects.filter(unit__slug="hau-giang").order_by("pk").first().get_absolute_url()
        ),
        lambda: Directive.objects.get(symbol="35-NQ/TW").get_absolute_url(),
        lambda: "/van-ban/",
        lambda: "/hoi-nghi/",
        lambda: Meeting.objects.order_by("pk").first().get_absolute_url(),
        lambda: "/rss/tinh/can-tho/",
    ],
    ids=[
        "home",
        "unit",
        "merged-unit",
        "section",
        "article",
        "directive",
        "directives",
        "meetings",
        "meeting",
        "feed",
    ],
)
def test_query_count_does_not_grow_with_data(
    client, seeds, settings, django_assert_max_num_queries, url_of
):
    """Measured on a fresh render (the page cache off): the cost of a cache miss."""
    from django.db import connection

    settings.PAGE_CACHE_ENABLED = False
    from django.core.cache import cache
    from django.test.utils import CaptureQueriesContext

    hg = Unit.objects.get(slug="hau-giang")
    cache.clear()  # every measurement starts cold: menus, counts and maps uncached
    with CaptureQueriesContext(connection) as small:
        assert client.get(url_of()).status_code == 200
    _grow(hg, 25)
    for meeting in Meeting.objects.all():
        meeting.articles.add(*Article.objects.filter(title__startswith="Bài thêm"))
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url_of()).status_code == 200
    # The article page: 18 + its visit statistics + the host map (once per content version)
    # + the board's name of the time + its videos, albums and their covers (media_tags)
    assert len(small.captured_queries) <= 27


def test_board_footer_on_articles_of_its_board(reader, seeds):
    browser = reader()
    board = Board.objects.get(unit__slug="tra-vinh")
    text = html(browser.get(seed("tra-vinh").get_absolute_url()))
    assert board.reprint_notice in text.replace("&quot;", '"').replace("&#x27;", "'")
    assert "Vĩnh Long" in text  # the footer says where Trà Vinh went
