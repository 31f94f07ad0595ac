"""Each board its own site (provinces.sites): the request's Host header picks the board,
cold and warm; old domains of merged boards redirect; unknown hosts are refused."""

import pytest
from django.core.exceptions import ValidationError

from articles.models import Article
from core.hosts import normalise_host
from provinces.models import Board, BoardDomain
from tests.factories import make_article, make_unit

pytestmark = pytest.mark.django_db

HOST = "tuyengiaolangson.vn"


@pytest.fixture
def board_site(db):
    unit = make_unit(name="Lạng Sơn", slug="lang-son-thu")
    board = unit.board  # the factory gives every unit its board
    BoardDomain.objects.create(board=board, host="TuyenGiaoLangSon.vn", kind="primary")
    own = make_article(unit=unit, title="Lạng Sơn học tập Nghị quyết")
    other = make_article(title="Tin của tỉnh khác")
    return board, own, other


def test_a_board_host_shows_its_board_name_and_only_its_articles(reader, board_site):
    board, own, other = board_site
    html = reader().get("/", HTTP_HOST=HOST).content.decode()
    assert board.name in html
    assert own.title in html
    assert other.title not in html


def test_a_page_cached_for_a_board_host_is_never_served_on_the_portal(reader, board_site):
    _board, own, other = board_site
    browser = reader()
    assert other.title not in browser.get("/", HTTP_HOST=HOST).content.decode()
    portal = browser.get("/", HTTP_HOST="localhost").content.decode()
    assert other.title in portal and own.title in portal
    assert "Cổng thông tin" in portal


def test_the_host_is_matched_without_port_or_case(client, board_site):
    board, _own, _other = board_site
    response = client.get("/", HTTP_HOST="TUYENGIAOLANGSON.VN:443")
    assert response.status_code == 200
    assert board.name in response.content.decode()


def test_an_unknown_host_is_refused(client, board_site):
    assert client.get("/", HTTP_HOST="tuyengiao.example.org").status_code == 400


def test_the_old_domain_of_a_merged_board_redirects_to_its_archive(
    client, seeds, settings, django_capture_on_commit_callbacks
):
    """The seeds record Trà Vinh's old site, tuyengiao.travinh.gov.vn: Trà Vinh is part
    of Vĩnh Long since 1/7/2025."""
    settings.PORTAL_HOST = "tuyengiao.example.vn"
    response = client.get("/tin-tuc/chi-tiet/123", HTTP_HOST="tuyengiao.travinh.gov.vn")
    assert response.status_code == 301
    assert response["Location"] == "http://tuyengiao.example.vn/tinh/tra-vinh/"
    # Once Vĩnh Long's board has its own domain, the archive is on its site.
    with django_capture_on_commit_callbacks(execute=True):  # a new content version
        BoardDomain.objects.create(
            board=Board.objects.get(unit__slug="vinh-long"), host="tuyengiao.vinhlong.gov.vn"
        )
    response = client.get("/", HTTP_HOST="tuyengiao.travinh.gov.vn", secure=True)
    assert response["Location"] == "https://tuyengiao.vinhlong.gov.vn/tinh/tra-vinh/"
    archive = client.get(
        response["Location"].removeprefix("https://tuyengiao.vinhlong.gov.vn"),
        HTTP_HOST="tuyengiao.vinhlong.gov.vn",
    )
    assert archive.status_code == 200
    assert "Trà Vinh" in archive.content.decode()


def test_in_development_unit_localhost_is_that_board_site(client, seeds, settings):
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["localhost", ".localhost"]  # what DEBUG=1 configures
    vinh_long = Board.objects.get(unit__slug="vinh-long")
    html = client.get("/", HTTP_HOST="vinh-long.localhost:8000").content.decode()
    assert vinh_long.name in html
    # Trà Vinh's 2021 article is part of Vĩnh Long's site.
    archived = Article.objects.published().filter(unit__slug="tra-vinh").first()
    assert archived.title in html


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("TuyenGiao.TraVinh.gov.vn.", "tuyengiao.travinh.gov.vn"),
        ("  btg.dongthap.gov.vn ", "btg.dongthap.gov.vn"),
        ("tuyêngiáo.vn", "xn--tuyngio-mwa1f.vn"),
    ],
)
def test_host_names_are_stored_one_way(typed, stored):
    assert normalise_host(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "https://tuyengiao.vn",
        "tuyengiao.vn/trang",
        "tuyengiao.vn:8080",
        "*.tuyengiao.vn",
        "localhost",
        "10.0.0.1",
        "tuyen giao.vn",
        "-bad-.vn",
    ],
)
def test_anything_but_a_host_name_is_refused_in_vietnamese(typed):
    with pytest.raises(ValidationError) as error:
        normalise_host(typed)
    assert "tên miền" in " ".join(error.value.messages).lower()


def test_a_board_has_one_primary_domain(board_site):
    from django.db import IntegrityError, transaction

    board, _own, _other = board_site
    with pytest.raises(IntegrityError), transaction.atomic():
        BoardDomain.objects.create(board=board, host="langson.example.vn", kind="primary")
    BoardDomain.objects.create(board=board, host="www.tuyengiaolangson.vn", kind="alias")


def test_a_superuser_adds_a_domain_and_the_site_answers_on_it(
    client, django_user_model, django_capture_on_commit_callbacks
):
    """Through the board's admin page; a chief sees the domains but cannot change them."""
    from django.urls import reverse

    from tests.admin.conftest import board_form_data

    unit = make_unit(name="Đồng Tháp", slug="dong-thap-thu")
    make_article(unit=unit, title="Đồng Tháp sơ kết công tác tuyên giáo")
    board = unit.board
    admin = django_user_model.objects.create_superuser("quantri", "qt@example.vn", "x-Secret-1")
    client.force_login(admin)
    data = board_form_data(board)
    data.update(
        {
            "domains-TOTAL_FORMS": "1",
            "domains-0-host": "BTG.DongThap.gov.vn",
            "domains-0-kind": "primary",
            "domains-0-note": "",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:provinces_board_change", args=[board.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert BoardDomain.objects.get(board=board).host == "btg.dongthap.gov.vn"
    client.logout()
    html = client.get("/", HTTP_HOST="btg.dongthap.gov.vn").content.decode()
    assert board.name in html and "Đồng Tháp sơ kết công tác tuyên giáo" in html


def test_another_boards_article_on_a_board_host_goes_where_it_lives(reader, board_site):
    _board, own, other = board_site
    client = reader()
    response = client.get(other.get_absolute_url(), HTTP_HOST=HOST)
    assert response.status_code == 301
    assert response["Location"] == f"http://localhost{other.get_absolute_url()}"
    assert client.get(own.get_absolute_url(), HTTP_HOST=HOST).status_code == 200


def test_the_portal_names_the_board_site_as_an_articles_canonical_address(reader, board_site):
    _board, own, _other = board_site
    html = reader().get(own.get_absolute_url(), HTTP_HOST="localhost").content.decode()
    assert f'<link rel="canonical" href="http://{HOST}{own.get_absolute_url()}">' in html


@pytest.mark.parametrize("path", ["/admin/", "/dang-nhap/?next=/admin/", "/bao-cao/"])
def test_staff_pages_stay_on_the_portal(client, board_site, path):
    response = client.get(path, HTTP_HOST=HOST)
    assert response.status_code == 301
    assert response["Location"] == f"http://localhost{path}"


def test_a_board_sites_feed_and_sitemap_hold_its_articles_on_its_host(client, board_site):
    _board, own, other = board_site
    feed = client.get("/rss/", HTTP_HOST=HOST).content.decode()
    assert f"http://{HOST}{own.get_absolute_url()}" in feed
    assert other.title not in feed
    index = client.get("/sitemap.xml", HTTP_HOST=HOST).content.decode()
    assert f"http://{HOST}/sitemap-bai-viet.xml" in index
    articles = client.get("/sitemap-bai-viet.xml", HTTP_HOST=HOST).content.decode()
    assert f"http://{HOST}{own.get_absolute_url()}" in articles
    assert other.get_absolute_url() not in articles
    robots = client.get("/robots.txt", HTTP_HOST=HOST).content.decode()
    assert f"Sitemap: http://{HOST}/sitemap.xml" in robots
    portal = client.get("/rss/", HTTP_HOST="localhost").content.decode()
    assert own.title in portal and other.title in portal


def test_search_on_a_board_site_stays_within_the_board_unless_asked(reader, board_site):
    board, own, _other = board_site
    elsewhere = make_article(title="Lạng Sơn trong tin của tỉnh khác")
    client = reader()
    html = client.get("/tim-kiem/", {"q": "lang son"}, HTTP_HOST=HOST).content.decode()
    assert own.get_absolute_url() in html
    assert elsewhere.get_absolute_url() not in html
    assert f"Đang tìm trong trang của {board.name}" in html
    everywhere = client.get(
        "/tim-kiem/", {"q": "lang son", "tat_ca": "on"}, HTTP_HOST=HOST
    ).content.decode()
    assert own.get_absolute_url() in everywhere
    assert elsewhere.get_absolute_url() in everywhere
    portal = client.get("/tim-kiem/", {"q": "lang son"}, HTTP_HOST="localhost").content.decode()
    assert elsewhere.get_absolute_url() in portal and "tat_ca" not in portal


def test_a_board_site_lists_its_own_and_the_central_directives_and_its_meetings(reader, board_site):
    from tests.factories import make_directive, make_meeting

    board, _own, _other = board_site
    client = reader()
    central = make_directive(symbol="35-NQ/TW")  # the central level's
    own_plan = make_directive(symbol="12-KH/TU", unit=board.unit)
    foreign = make_directive(symbol="99-KH/TU", unit=make_unit())
    html = client.get("/van-ban/", HTTP_HOST=HOST).content.decode()
    assert central.symbol in html and own_plan.symbol in html and foreign.symbol not in html
    mine = make_meeting(unit=board.unit, title="Hội nghị của Lạng Sơn")
    theirs = make_meeting(title="Hội nghị của tỉnh khác")
    html = client.get("/hoi-nghi/", HTTP_HOST=HOST).content.decode()
    assert mine.title in html and theirs.title not in html


def test_an_archive_article_names_its_publisher_of_the_time(reader, seeds, settings):
    """Trà Vinh's 2021 article on Vĩnh Long's site: published by "Ban Tuyên giáo Tỉnh ủy
    Trà Vinh", not by today's "Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Long"."""
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["localhost", ".localhost"]
    archived = Article.objects.published().get(unit__slug="tra-vinh")
    assert archived.published_at.year == 2021
    html = reader().get(archived.get_absolute_url(), HTTP_HOST="vinh-long.localhost").content
    html = html.decode()
    assert (
        '<p class="article-unit"><a href="/tinh/tra-vinh/">Ban Tuyên giáo Tỉnh ủy Trà Vinh</a>'
        in html
    )
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Long" in html  # the site's own name


def test_a_boards_name_follows_the_dates_it_was_used(seeds):
    from datetime import date

    board = Board.objects.get(unit__slug="vinh-long")
    assert board.name_on(date(2021, 7, 29)) == "Ban Tuyên giáo Tỉnh ủy Vĩnh Long"
    assert board.name_on(date(2026, 3, 5)) == "Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Long"
    central = Board.objects.get(unit__slug="trung-uong")
    assert central.name_on(date(2025, 2, 2)) == "Ban Tuyên giáo Trung ương"
    assert central.name_on(date(2025, 2, 3)) == "Ban Tuyên giáo và Dân vận Trung ương"


def test_a_reader_comments_on_a_board_sites_cached_article_over_https(board_site, settings):
    """CSRF on a board's host: the cookie is the host's own, the Origin is checked against
    it (no trusted-origins list to keep), and the token comes from the cached page."""
    import re

    from django.test import Client

    from articles.models import Comment

    settings.PAGE_CACHE_ENABLED = True
    _board, own, _other = board_site
    Client(HTTP_USER_AGENT="Googlebot").get(own.get_absolute_url(), HTTP_HOST=HOST, secure=True)
    browser = Client(enforce_csrf_checks=True, HTTP_USER_AGENT="Mozilla/5.0 Chrome/130")
    page = browser.get(own.get_absolute_url(), HTTP_HOST=HOST, secure=True)
    assert page["X-Page-Cache"] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    data = {"name": "Bạn đọc Lạng Sơn", "text": "Cảm ơn ban.", "csrfmiddlewaretoken": token}
    posted = browser.post(
        own.get_absolute_url(), data, HTTP_HOST=HOST, HTTP_ORIGIN=f"https://{HOST}", secure=True
    )
    assert posted.status_code == 302
    assert Comment.objects.filter(article=own, name="Bạn đọc Lạng Sơn").exists()
    # The same form posted from another board's site is refused.
    forged = browser.post(
        own.get_absolute_url(),
        data,
        HTTP_HOST=HOST,
        HTTP_ORIGIN="https://tuyengiao.example.org",
        secure=True,
    )
    assert forged.status_code == 403


def test_another_boards_directive_meeting_and_section_redirect_from_a_board_site(
    reader, board_site
):
    from tests.factories import make_directive, make_meeting, make_section

    board, _own, _other = board_site
    client = reader()
    elsewhere = make_unit()
    central = make_directive(symbol="05-CT/TW")
    foreign = make_directive(symbol="77-KH/TU", unit=elsewhere)
    meeting = make_meeting(unit=elsewhere)
    section = make_section(name="Tin của tỉnh khác", unit=elsewhere)
    own_section = make_section(name="Tin Lạng Sơn", unit=board.unit)
    assert client.get(central.get_absolute_url(), HTTP_HOST=HOST).status_code == 200
    for page in (foreign, meeting, section):
        response = client.get(page.get_absolute_url(), HTTP_HOST=HOST)
        assert response.status_code == 301, page
        assert response["Location"] == f"http://localhost{page.get_absolute_url()}"
    menu = client.get("/", HTTP_HOST=HOST).content.decode()
    assert own_section.name in menu and section.name not in menu
    assert section.name in client.get("/", HTTP_HOST="localhost").content.decode()


def test_in_development_an_old_domain_leads_to_the_successors_localhost_site(
    client, seeds, settings
):
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["localhost", ".localhost"]
    response = client.get("/abc", HTTP_HOST="tuyengiao.travinh.gov.vn:8000")
    assert response["Location"] == "http://vinh-long.localhost:8000/tinh/tra-vinh/"
