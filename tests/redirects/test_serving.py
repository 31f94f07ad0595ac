"""Old links keep working: an address of a board's old site that the redirect table
knows answers 301 to where the page lives now, on a legacy domain and on a 404 of a
board's host or the portal; an unknown one on a board's host is listed as missing."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from redirects import services
from redirects.addresses import normalise_path
from redirects.models import MissingAddress, OldAddress

from .conftest import LEGACY, VINH_LONG

pytestmark = pytest.mark.django_db


# --- Legacy domains (boards merged away in 2025) ---------------------------------------


def test_a_mapped_address_on_a_legacy_domain_leads_to_its_article_on_the_successors_site(
    client, tra_vinh, add_domain
):
    """Trà Vinh's old link → its 2021 article on Vĩnh Long's site, matched without case."""
    board, article, vinh_long = tra_vinh
    add_domain(vinh_long, VINH_LONG)
    address = OldAddress.objects.create(
        board=board, host=LEGACY, path="/tin-tuc/chi-tiet.aspx?id=123", article=article
    )
    response = client.get("/Tin-Tuc/Chi-Tiet.aspx?ID=123", HTTP_HOST=LEGACY, secure=True)
    assert response.status_code == 301
    assert response["Location"] == f"https://{VINH_LONG}{article.get_absolute_url()}"
    page = client.get(article.get_absolute_url(), HTTP_HOST=VINH_LONG, secure=True)
    assert page.status_code == 200
    assert article.title in page.content.decode()
    address.refresh_from_db()
    assert address.hits == 1 and address.last_hit_at is not None


def test_without_a_domain_of_its_own_the_successors_pages_are_on_the_portal(
    client, tra_vinh, settings
):
    settings.PORTAL_HOST = "tuyengiao.example.vn"
    board, _article, _vinh_long = tra_vinh
    OldAddress.objects.create(
        board=board, host=LEGACY, path="/gioi-thieu.html", target_path="/tinh/tra-vinh/"
    )
    response = client.get("/gioi-thieu.html", HTTP_HOST=LEGACY)
    assert response["Location"] == "http://tuyengiao.example.vn/tinh/tra-vinh/"


def test_an_unmapped_address_on_a_legacy_domain_goes_to_the_archive_and_is_listed(
    client, tra_vinh, settings
):
    settings.PORTAL_HOST = "tuyengiao.example.vn"
    board, article, _vinh_long = tra_vinh
    OldAddress.objects.create(
        board=board, host=LEGACY, path="/tin-tuc/chi-tiet.aspx?id=123", article=article
    )
    response = client.get("/tin-tuc/chi-tiet.aspx?id=124", HTTP_HOST=LEGACY)
    assert response.status_code == 301
    assert response["Location"] == "http://tuyengiao.example.vn/tinh/tra-vinh/"
    missing = MissingAddress.objects.get()
    assert (missing.board, missing.host, missing.path, missing.hits) == (
        board,
        LEGACY,
        "/tin-tuc/chi-tiet.aspx?id=124",
        1,
    )
    # The old site's home is the archive: not a missing address.
    client.get("/", HTTP_HOST=LEGACY)
    assert MissingAddress.objects.count() == 1


def test_a_withdrawn_article_sends_its_old_address_to_the_archive(client, tra_vinh, settings):
    settings.PORTAL_HOST = "tuyengiao.example.vn"
    board, article, _vinh_long = tra_vinh
    address = OldAddress.objects.create(board=board, host=LEGACY, path="/a.html", article=article)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    response = client.get("/a.html", HTTP_HOST=LEGACY)
    assert response["Location"] == "http://tuyengiao.example.vn/tinh/tra-vinh/"
    address.refresh_from_db()
    assert address.hits == 0


# --- A 404 on a board's own host or on the portal ------------------------------------


def test_a_404_on_a_boards_host_for_a_mapped_address_answers_301_and_counts(client, own):
    address = OldAddress.objects.create(
        board=own.board,
        host=own.host,
        path="/index.php?option=com_content&id=57",
        article=own.article,
    )
    for expected_hits in (1, 2):
        response = client.get("/index.php?option=com_content&id=57", HTTP_HOST=own.host)
        assert response.status_code == 301
        assert response["Location"] == f"http://{own.host}{own.article.get_absolute_url()}"
        address.refresh_from_db()
        assert address.hits == expected_hits
    # The redirect carries the security middleware's headers.
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not MissingAddress.objects.exists()


def test_a_target_path_stays_on_the_host_that_was_asked(client, own):
    OldAddress.objects.create(
        board=own.board, host=own.host, path="/lien-he", target_path="/tinh/lang-son-thu/"
    )
    response = client.get("/lien-he", HTTP_HOST=own.host)
    assert response["Location"] == f"http://{own.host}/tinh/lang-son-thu/"


def test_an_article_of_another_board_is_sent_to_that_boards_site(client, own, other):
    OldAddress.objects.create(board=own.board, host=own.host, path="/x", article=other.article)
    response = client.get("/x", HTTP_HOST=own.host)
    assert response["Location"] == f"http://{other.host}{other.article.get_absolute_url()}"


def test_a_page_that_exists_is_served_and_never_looks_at_the_table(client, own):
    """Only a 404 consults the table: live pages pay nothing."""
    OldAddress.objects.create(board=own.board, host=own.host, path="/", target_path="/lien-he")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/", HTTP_HOST=own.host)
    assert response.status_code == 200
    assert not [q for q in queries.captured_queries if "redirects_" in q["sql"]]


def test_an_address_whose_article_was_withdrawn_stays_404(client, own):
    address = OldAddress.objects.create(
        board=own.board, host=own.host, path="/old.html", article=own.article
    )
    Article.objects.filter(pk=own.article.pk).update(status=Article.Status.UNPUBLISHED)
    assert client.get("/old.html", HTTP_HOST=own.host).status_code == 404
    address.refresh_from_db()
    assert address.hits == 0
    assert not MissingAddress.objects.exists()  # known: not missing


def test_a_board_cannot_redirect_another_boards_site(client, own, other):
    """A row naming another board's host is refused by the form's rules, and were one
    in the table all the same, that board's site would not serve it."""
    row = OldAddress(board=other.board, host=own.host, path="/x", target_path="/tim-kiem/")
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "host" in error.value.message_dict
    row.save()
    assert client.get("/x", HTTP_HOST=own.host).status_code == 404


def test_a_404_on_the_portal_for_a_mapped_address_answers_301(client, own, settings):
    settings.ALLOWED_HOSTS = ["tuyengiao.example.vn", "testserver"]
    OldAddress.objects.create(
        board=own.board, host="tuyengiao.example.vn", path="/tin/57", article=own.article
    )
    response = client.get("/tin/57", HTTP_HOST="tuyengiao.example.vn")
    assert response.status_code == 301
    # The article lives on its board's site.
    assert response["Location"] == f"http://{own.host}{own.article.get_absolute_url()}"


def test_only_get_and_head_are_redirected(client, own):
    OldAddress.objects.create(board=own.board, host=own.host, path="/lien-he", target_path="/")
    assert client.head("/lien-he", HTTP_HOST=own.host).status_code == 301
    assert client.post("/lien-he", HTTP_HOST=own.host).status_code in {403, 404, 405}


# --- Missing addresses -----------------------------------------------------------------


def test_an_unknown_address_on_a_boards_host_is_listed_as_missing_and_counted(client, own):
    for path in ("/tin-tuc/9.html", "/tin-tuc/9.html", "/TIN-TUC/9.html"):
        assert client.get(path, HTTP_HOST=own.host).status_code == 404
    missing = MissingAddress.objects.get()
    assert (missing.board, missing.host, missing.path, missing.hits) == (
        own.board,
        own.host,
        "/tin-tuc/9.html",
        3,
    )
    assert missing.first_seen <= missing.last_seen


def test_nothing_is_listed_for_the_portal_or_an_unknown_host(client, own):
    assert client.get("/tin-tuc/9.html", HTTP_HOST="localhost").status_code == 404
    assert client.get("/tin-tuc/9.html", HTTP_HOST="tuyengiao.example.org").status_code == 400
    assert not MissingAddress.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/favicon.ico",
        "/apple-touch-icon-precomposed.png",
        "/.well-known/x",
        "/admin/x/",
        "/x" * 300,
    ],
)
def test_what_every_site_is_asked_and_overlong_paths_are_not_listed(client, own, path):
    client.get(path, HTTP_HOST=own.host)
    assert not MissingAddress.objects.exists()


def test_strangers_cannot_fill_the_list(client, own, monkeypatch):
    """Past the per-board cap no new row is made; the rows there are still counted."""
    monkeypatch.setattr(services, "MISSING_PER_BOARD", 2)
    for n in range(5):
        client.get(f"/quet/{n}", HTTP_HOST=own.host)
    client.get("/quet/0", HTTP_HOST=own.host)
    assert list(MissingAddress.objects.order_by("path").values_list("path", "hits")) == [
        ("/quet/0", 2),
        ("/quet/1", 1),
    ]


def test_mapping_an_address_takes_it_off_the_missing_list(client, own):
    client.get("/tin-tuc/9.html", HTTP_HOST=own.host)
    assert MissingAddress.objects.count() == 1
    OldAddress.objects.create(
        board=own.board, host=own.host, path="/Tin-Tuc/9.html", article=own.article
    )
    assert not MissingAddress.objects.exists()
    assert client.get("/tin-tuc/9.html", HTTP_HOST=own.host).status_code == 301


# --- How addresses are written down ----------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("/tin-tuc/123.html  ", "/tin-tuc/123.html"),
        ("/Tin-Tuc/Chi tiết.aspx?ID=5#top", "/Tin-Tuc/Chi%20ti%E1%BA%BFt.aspx?ID=5"),
        ("/tin%2dtuc/%c3%a1", "/tin-tuc/%C3%A1"),
        ("/trang?", "/trang"),
        ("/tim?q=tuyên giáo", "/tim?q=tuy%C3%AAn%20gi%C3%A1o"),
    ],
)
def test_an_address_is_stored_as_a_request_names_it(typed, stored):
    assert normalise_path(typed) == stored
    assert normalise_path(stored) == stored


def test_a_linked_address_with_vietnamese_letters_is_found(client, own):
    OldAddress.objects.create(
        board=own.board, host=own.host, path="/tin tức/bài 1.html", target_path="/"
    )
    response = client.get("/tin%20t%E1%BB%A9c/b%C3%A0i%201.html", HTTP_HOST=own.host)
    assert response.status_code == 301


@pytest.mark.parametrize("path", ["tin-tuc", "", "/" + "x" * 600])
def test_a_path_that_is_not_one_is_refused(path):
    with pytest.raises(ValidationError):
        normalise_path(path)


@pytest.mark.parametrize("target", ["//evil.example.com/", "/\\evil.example.com", "https://x.vn/"])
def test_a_target_is_a_page_of_this_site(target, own):
    row = OldAddress(board=own.board, host=own.host, path="/x", target_path=target)
    with pytest.raises(ValidationError):
        row.full_clean()


def test_exactly_one_target(own):
    for fields in ({}, {"article": own.article, "target_path": "/"}):
        with pytest.raises(ValidationError):
            OldAddress(board=own.board, host=own.host, path="/x", **fields).full_clean()


def test_two_spellings_of_one_address_are_one_row(own):
    OldAddress.objects.create(board=own.board, host=own.host, path="/Tin/1", target_path="/")
    with pytest.raises(ValidationError):
        OldAddress(board=own.board, host=own.host, path="/tin/1", target_path="/").full_clean()


def test_a_deleted_article_leaves_its_row_without_a_target(own):
    address = OldAddress.objects.create(
        board=own.board, host=own.host, path="/x", article=own.article
    )
    own.article.delete()
    address.refresh_from_db()
    assert address.article is None and address.target_path == ""
