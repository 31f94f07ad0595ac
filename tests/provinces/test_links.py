"""A board's links to other official sites (provinces.BoardLink): in its site's footer,
in its chief's order, banners with their size and text; the portal shows the central
board's; only the board's chief (or a superuser) manages them; an edit reaches cached
pages. And the footer's "Khả năng tiếp cận" page with the site's contact."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from provinces.models import BoardDomain, BoardLink, Membership, Unit
from tests.factories import make_unit

pytestmark = pytest.mark.django_db

HOST = "tuyengiao.dong.example.vn"
PASSWORD = "Mat-khau-that-dai-2025"


@pytest.fixture(autouse=True)
def _fast(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


def png(width=240, height=80):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 20, 20)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def boards():
    """Board "Đông" (with its own host), board "Tây" and the central board, each with
    links."""
    central = Unit.objects.filter(kind=Unit.Kind.CENTRAL).first() or make_unit(
        name="Trung ương", kind=Unit.Kind.CENTRAL, code=None, slug="trung-uong"
    )
    central.board.email = "bantgdvtw@example.vn"
    central.board.save()
    dong = make_unit(name="Đông").board
    dong.email, dong.phone = "tuyengiao@dong.example.vn", "0292 3821 234"
    dong.save()
    BoardDomain.objects.create(board=dong, host=HOST, kind="primary")
    tay = make_unit(name="Tây").board
    BoardLink.objects.create(
        board=dong, title="Cổng tỉnh Đông", url="https://dong.gov.vn/", position=2
    )
    BoardLink.objects.create(
        board=dong,
        title="Báo điện tử Đảng Cộng sản Việt Nam",
        url="https://dangcongsan.vn/",
        position=1,
        image=ContentFile(png(), name="dcs.png"),
    )
    BoardLink.objects.create(
        board=dong, title="Liên kết đã ẩn", url="https://an.example.vn/", is_active=False
    )
    BoardLink.objects.create(board=tay, title="Cổng tỉnh Tây", url="https://tay.gov.vn/")
    BoardLink.objects.create(
        board=central.board, title="Tạp chí Tuyên giáo", url="https://tuyengiao.vn/"
    )
    return dong, tay, central.board


def footer(response):
    assert response.status_code == 200
    text = response.content.decode()
    return text[text.index('<footer class="site-footer">') :]


def test_a_board_site_shows_its_links_in_its_chiefs_order(reader, boards):
    text = footer(reader().get("/", HTTP_HOST=HOST))
    assert text.index("Báo điện tử Đảng Cộng sản") < text.index("Cổng tỉnh Đông")
    banner = re.search(r'<a class="banner" href="https://dangcongsan.vn/"><img ([^>]*)>', text)
    assert 'alt="Báo điện tử Đảng Cộng sản Việt Nam"' in banner[1]
    assert 'width="240" height="80"' in banner[1]  # its box is kept while it loads
    assert '<a href="https://dong.gov.vn/">Cổng tỉnh Đông</a>' in text  # no image: text
    assert "Liên kết đã ẩn" not in text
    assert "Cổng tỉnh Tây" not in text and "Tạp chí Tuyên giáo" not in text


def test_the_portal_shows_the_central_boards_links(reader, boards):
    text = footer(reader().get("/"))
    assert '<a href="https://tuyengiao.vn/">Tạp chí Tuyên giáo</a>' in text
    assert "Cổng tỉnh Đông" not in text and "Cổng tỉnh Tây" not in text


def test_a_board_articles_footer_on_the_portal_shows_its_links(reader, boards):
    from tests.factories import make_article

    tay = boards[1]
    article = make_article(unit=tay.unit)
    text = footer(reader().get(article.get_absolute_url()))
    assert "Cổng tỉnh Tây" in text and "Cổng tỉnh Đông" not in text


@pytest.mark.django_db(transaction=True)  # the edit's content version starts on commit
def test_a_chiefs_edit_reaches_cached_pages(reader, boards):
    dong = boards[0]
    browser = reader()
    assert "Cổng tỉnh Đông" in footer(browser.get("/", HTTP_HOST=HOST))
    link = dong.links.get(url="https://dong.gov.vn/")
    link.title = "Cổng thông tin điện tử tỉnh Đông"
    link.save()
    assert "Cổng thông tin điện tử tỉnh Đông" in footer(browser.get("/", HTTP_HOST=HOST))
    link.delete()
    assert "tỉnh Đông</a>" not in footer(browser.get("/", HTTP_HOST=HOST))


def test_links_are_only_web_addresses():
    from django.core.exceptions import ValidationError

    board = make_unit().board
    for url in ("javascript:alert(1)", "ftp://example.vn/", "dangcongsan.vn"):
        with pytest.raises(ValidationError):
            BoardLink(board=board, title="X", url=url).full_clean()


# --- The admin: the chief's, scoped to the board --------------------------------------


def member(board, role, username):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    Membership.objects.create(user=user, board=board, role=role)
    return user


def signed_in(client, user):
    client.force_login(user)
    return client


ADMIN = "/admin/provinces/boardlink/"


def test_a_chief_sees_and_changes_only_their_boards_links(client, boards):
    dong, tay, _ = boards
    signed_in(client, member(dong, Membership.Role.CHIEF, "truongban"))
    page = client.get(ADMIN).content.decode()
    assert "Cổng tỉnh Đông" in page and "Cổng tỉnh Tây" not in page
    other = tay.links.get()
    assert client.get(f"{ADMIN}{other.pk}/change/").status_code == 404
    assert client.post(f"{ADMIN}{other.pk}/delete/", {"post": "yes"}).status_code == 404
    assert tay.links.count() == 1


def test_a_chiefs_new_link_belongs_to_their_board(client, boards):
    dong, tay, _ = boards
    signed_in(client, member(dong, Membership.Role.CHIEF, "truongban"))
    banner = SimpleUploadedFile("cong.png", png(300, 100), content_type="image/png")
    response = client.post(
        f"{ADMIN}add/",
        {
            "board": tay.pk,  # ignored: the chief has no board field
            "title": "Cổng dịch vụ công",
            "url": "https://dichvucong.gov.vn/",
            "image": banner,
            "position": 3,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    link = BoardLink.objects.get(url="https://dichvucong.gov.vn/")
    assert link.board == dong and (link.width, link.height) == (300, 100)


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"url": "https://dong.gov.vn/"}, "Ban đã có liên kết tới địa chỉ này."),
        ({"url": "javascript:alert(1)"}, "Nhập một URL hợp lệ"),
        ({"image": "not-an-image"}, "Hãy tải lên một hình ảnh hợp lệ"),
    ],
)
def test_bad_input_from_a_chief_is_a_form_error(client, boards, fields, message):
    dong = boards[0]
    signed_in(client, member(dong, Membership.Role.CHIEF, "truongban"))
    data = {"title": "Trang", "url": "https://moi.example.vn/", "position": 1, "is_active": "on"}
    data.update(fields)
    if fields.get("image"):
        data["image"] = SimpleUploadedFile("x.png", b"<svg onload=alert(1)>", "image/png")
    response = client.post(f"{ADMIN}add/", data)
    assert response.status_code == 200
    assert message.lower() in response.content.decode().lower()
    assert dong.links.count() == 3


def test_editors_and_analysts_cannot_touch_links(client, boards):
    dong = boards[0]
    link = dong.links.first()
    for role in (Membership.Role.EDITOR, Membership.Role.ANALYST):
        signed_in(client, member(dong, role, f"u-{role}"))
        assert client.get(ADMIN).status_code == 403
        assert client.get(f"{ADMIN}{link.pk}/change/").status_code == 403
        assert (
            client.post(f"{ADMIN}add/", {"title": "X", "url": "https://x.vn/"}).status_code == 403
        )
    assert dong.links.count() == 3


def test_a_superuser_manages_any_boards_links(client, boards):
    _, tay, _ = boards
    admin = get_user_model().objects.create_superuser("qt", "qt@example.vn", PASSWORD)
    signed_in(client, admin)
    page = client.get(ADMIN).content.decode()
    assert "Cổng tỉnh Đông" in page and "Cổng tỉnh Tây" in page
    response = client.post(
        f"{ADMIN}add/",
        {"board": tay.pk, "title": "Cổng tỉnh Tây", "url": "https://tay.gov.vn/", "position": 0},
    )
    assert "Ban đã có liên kết tới địa chỉ này." in response.content.decode()


# --- Khả năng tiếp cận -------------------------------------------------------------------


def test_every_page_leads_to_the_accessibility_page(reader, boards):
    for host in (HOST, "localhost"):
        text = footer(reader().get("/", HTTP_HOST=host))
        assert '<a href="/kha-nang-tiep-can/">Khả năng tiếp cận</a>' in text


def test_the_accessibility_page_names_the_sites_contact(reader, boards):
    dong, _, central = boards
    browser = reader()
    on_board = browser.get("/kha-nang-tiep-can/", HTTP_HOST=HOST).content.decode()
    assert "WCAG" in on_board and dong.name in on_board
    assert f"mailto:{dong.email}?subject=" in on_board and "0292 3821 234" in on_board
    on_portal = browser.get("/kha-nang-tiep-can/").content.decode()
    assert f"mailto:{central.email}?subject=" in on_portal and dong.email not in on_portal


def test_demo_links_load_with_the_seeds(seeds):
    assert BoardLink.objects.filter(board__unit__slug="trung-uong").count() >= 3
    assert BoardLink.objects.filter(board__unit__slug="can-tho").exists()
