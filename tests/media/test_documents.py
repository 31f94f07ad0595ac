"""Documents: search by words (folded), symbol, kind and dates; downloads counted; the
site's search page; board sites narrow the lists."""

import datetime

import pytest

from media.models import Document
from provinces.models import BoardDomain, Unit
from tests.conftest import PRIMER_UA
from tests.factories import make_directive, make_unit

from .conftest import make_album, make_document, make_video

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    central = Unit.objects.filter(kind=Unit.Kind.CENTRAL).first() or make_unit(
        name="Trung ương", kind=Unit.Kind.CENTRAL, code=None, slug="trung-uong"
    )
    return {
        "guide": make_document(
            title="Đề cương tuyên truyền chuyển đổi số",
            symbol="125-HD/BTGDVTW",
            kind=Document.Kind.DE_CUONG,
            unit=central,
            issued_on=datetime.date(2025, 3, 5),
        ),
        "qa": make_document(
            title="Hỏi đáp về bảo vệ nền tảng tư tưởng của Đảng",
            symbol="07-TL/TU",
            kind=Document.Kind.HOI_DAP,
            issued_on=datetime.date(2024, 11, 20),
            summary="Đấu tranh phản bác quan điểm sai trái.",
        ),
    }


def titles(response):
    """The titles of the documents listed, in order (from the page: a warm page has no
    template context)."""
    assert response.status_code == 200
    page = response.content.decode()
    found = [(page.find(f">{d.title}</a>"), d.title) for d in Document.objects.all()]
    return [title for at, title in sorted(found) if at >= 0]


def test_words_match_without_diacritics(reader, library):
    found = titles(reader().get("/tai-lieu/", {"q": "chuyen doi so"}))
    assert found == ["Đề cương tuyên truyền chuyển đổi số"]
    assert titles(reader().get("/tai-lieu/", {"q": "dang"})) == [library["qa"].title]
    assert titles(reader().get("/tai-lieu/", {"q": "phan bac"})) == [library["qa"].title]


def test_search_by_symbol_kind_and_dates(reader, library):
    browser = reader()
    assert titles(browser.get("/tai-lieu/", {"ky_hieu": "125-hd"})) == [library["guide"].title]
    assert titles(browser.get("/tai-lieu/", {"loai": "hoi-dap"})) == [library["qa"].title]
    assert titles(browser.get("/tai-lieu/", {"tu_ngay": "01/01/2025"})) == [library["guide"].title]
    assert titles(browser.get("/tai-lieu/", {"den_ngay": "31/12/2024"})) == [library["qa"].title]
    both = browser.get("/tai-lieu/", {"tu_ngay": "20/11/2024", "den_ngay": "05/03/2025"})
    assert len(titles(both)) == 2


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"tu_ngay": "32/13/2025"}, "Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy."),
        ({"tu_ngay": "01/01/1800"}, "Ngày phải trong khoảng"),
        ({"tu_ngay": "05/03/2025", "den_ngay": "01/03/2025"}, "“Đến ngày” phải cùng ngày"),
        ({"loai": "xyz"}, "Không có loại tài liệu “xyz”."),
        ({"q": "x" * 5000}, "Từ khóa quá dài: tối đa 200 ký tự."),
        ({"ky_hieu": "1" * 60}, "Số, ký hiệu quá dài: tối đa 50 ký tự."),
    ],
)
def test_bad_filters_answer_400_with_a_vietnamese_message(reader, library, params, message):
    response = reader().get("/tai-lieu/", params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_download_is_an_attachment_of_its_type_and_is_counted(client, library):
    document = library["guide"]
    response = client.get(document.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert f"{document.slug}.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    client.get(document.get_download_url())
    client.head(document.get_download_url())  # a HEAD is not a download
    client.get(document.get_download_url(), HTTP_USER_AGENT=PRIMER_UA)  # nor a crawler's
    document.refresh_from_db()
    assert document.downloads == 2
    page = client.get(document.get_absolute_url()).content.decode()
    assert "2 lượt tải" in page


def test_a_downloaded_count_does_not_end_cached_pages(client, library, settings):
    """Counting is not an edit: ``downloads`` is a counter field."""
    from core import pagecache

    settings.PAGE_CACHE_ENABLED = True
    before = pagecache.content_version()
    Document.objects.filter(pk=library["qa"].pk).update(downloads=5)
    pagecache.forget_memo()
    assert pagecache.content_version() == before


def test_a_draft_cannot_be_downloaded(client, library):
    draft = make_document(title="Bản nháp", is_published=False)
    assert client.get(draft.get_download_url()).status_code == 404
    assert client.get("/tai-lieu/khong-co/tai-ve/").status_code == 404


def test_the_site_search_lists_documents(client, library):
    page = client.get("/tim-kiem/", {"q": "de cuong chuyen doi"}).content.decode()
    assert '<h2 id="kq-tai-lieu">Tài liệu</h2>' in page
    assert library["guide"].get_absolute_url() in page


def test_a_directive_lists_only_its_public_files(client, library):
    directive = make_directive(symbol="99-NQ/TW", title="Về thử nghiệm")
    make_document(title="Toàn văn Nghị quyết 99", directive=directive)
    make_document(title="Phụ lục chưa duyệt", directive=directive, is_published=False)
    page = client.get(directive.get_absolute_url()).content.decode()
    assert "Toàn văn Nghị quyết 99" in page
    assert "Phụ lục chưa duyệt" not in page


def test_a_board_site_lists_its_own_items_and_the_central_documents(reader, library):
    own_unit = make_unit(name="Lạng Sơn", slug="lang-son-thu")
    BoardDomain.objects.create(board=own_unit.board, host="tuyengiaolangson.vn", kind="primary")
    own = {
        "album": make_album(unit=own_unit, title="Album của Lạng Sơn", photos=1),
        "video": make_video(unit=own_unit, title="Video của Lạng Sơn"),
        "document": make_document(unit=own_unit, title="Tài liệu của Lạng Sơn"),
    }
    other = {
        "album": make_album(title="Album tỉnh khác", photos=1),
        "video": make_video(title="Video tỉnh khác"),
        "document": library["qa"],
    }
    browser = reader(HTTP_HOST="tuyengiaolangson.vn")
    for kind, path in (("album", "/anh/"), ("video", "/video/"), ("document", "/tai-lieu/")):
        page = browser.get(path).content.decode()
        assert own[kind].title in page
        assert other[kind].title not in page
    assert library["guide"].title in browser.get("/tai-lieu/").content.decode()  # central
    # another board's item asked on this site goes where it lives
    answer = browser.get(other["album"].get_absolute_url())
    assert answer.status_code == 301
    portal = reader().get("/anh/").content.decode()
    assert own["album"].title in portal and other["album"].title in portal
