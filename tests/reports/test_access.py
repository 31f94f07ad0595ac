"""Who may open /bao-cao/ and its downloads, and what each role sees there: every
published article and meeting, plus the unpublished material of the user's own board
(all of it for superusers), never another board's unpublished material."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from provinces.models import Membership
from tests.factories import make_article, make_meeting, make_unit

from .conftest import make_member

pytestmark = pytest.mark.django_db

REPORT_URLS = [
    reverse("directives:reports"),
    reverse("directives:reports_csv"),
    reverse("directives:reports_xlsx"),
]


@pytest.mark.parametrize("url", REPORT_URLS)
def test_anonymous_visitors_are_sent_to_the_sign_in_page(client, url):
    response = client.get(url + "?loai=bai-viet")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/?next=")
    assert "/bao-cao/" in response["Location"]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Membership.Role.ANALYST, 200),
        (Membership.Role.CHIEF, 200),
        ("superuser", 200),
        (Membership.Role.EDITOR, 403),
        (None, 403),  # signed in, but on no board
    ],
)
@pytest.mark.parametrize("url", REPORT_URLS)
def test_each_role_may_or_may_not_open_the_report(client, role, status, url):
    client.force_login(make_member(role=role, unit=make_unit()))
    response = client.get(url)
    assert response.status_code == status
    if status == 403:
        text = response.content.decode()
        assert "Không có quyền xem báo cáo" in text
        assert "chuyên viên" in text


def test_an_inactive_account_is_treated_as_signed_out(client):
    user = make_member(role=Membership.Role.ANALYST, unit=make_unit())
    client.force_login(user)
    user.is_active = False
    user.save()
    assert client.get(REPORT_URLS[0]).status_code == 302


@pytest.fixture
def two_boards():
    """Two boards, each with published, draft, pending, scheduled and hidden material."""
    own, other = make_unit(name="Tỉnh Nhà"), make_unit(name="Tỉnh Khác")
    rows = {}
    for unit, tag in ((own, "own"), (other, "other")):
        rows[f"{tag}-published"] = make_article(unit=unit, title=f"Đã đăng {tag}")
        rows[f"{tag}-draft"] = make_article(
            unit=unit, title=f"Nháp {tag}", status=Article.Status.DRAFT
        )
        rows[f"{tag}-pending"] = make_article(
            unit=unit, title=f"Chờ duyệt {tag}", status=Article.Status.PENDING
        )
        rows[f"{tag}-scheduled"] = make_article(
            unit=unit,
            title=f"Hẹn giờ {tag}",
            published_at=timezone.now() + timedelta(days=2),
        )
        rows[f"{tag}-meeting"] = make_meeting(unit=unit, title=f"Hội nghị công khai {tag}")
        rows[f"{tag}-hidden-meeting"] = make_meeting(
            unit=unit, title=f"Hội nghị nội bộ {tag}", is_published=False
        )
    return own, other, rows


def _titles(response):
    return {row.title for row in response.context["rows"]}


PUBLIC = {
    "Đã đăng own",
    "Đã đăng other",
    "Hội nghị công khai own",
    "Hội nghị công khai other",
}
OWN_UNPUBLISHED = {"Nháp own", "Chờ duyệt own", "Hẹn giờ own", "Hội nghị nội bộ own"}
OTHER_UNPUBLISHED = {"Nháp other", "Chờ duyệt other", "Hẹn giờ other", "Hội nghị nội bộ other"}


@pytest.mark.parametrize("role", [Membership.Role.ANALYST, Membership.Role.CHIEF])
def test_board_staff_see_public_material_and_their_own_boards_unpublished(client, two_boards, role):
    own, _other, _rows = two_boards
    client.force_login(make_member(role=role, unit=own))
    response = client.get(REPORT_URLS[0])
    assert _titles(response) == PUBLIC | OWN_UNPUBLISHED
    text = response.content.decode()
    assert "Hẹn giờ" in text  # unpublished rows say why (one label: Article.state_label)
    assert "Không công khai" in text


def test_superusers_see_everything(client, two_boards):
    client.force_login(make_member(role="superuser"))
    response = client.get(REPORT_URLS[0])
    assert _titles(response) == PUBLIC | OWN_UNPUBLISHED | OTHER_UNPUBLISHED


def test_a_merged_units_unpublished_material_belongs_to_its_successors_board(client):
    current = make_unit(name="Tỉnh Mới")
    merged = make_unit(name="Tỉnh Cũ", merged_into=current, legacy_code=900)
    make_article(unit=merged, title="Nháp tỉnh cũ", status=Article.Status.DRAFT)
    client.force_login(make_member(role=Membership.Role.ANALYST, unit=current))
    assert "Nháp tỉnh cũ" in _titles(client.get(REPORT_URLS[0]))


def test_status_filter_separates_public_from_own_unpublished(client, two_boards):
    own, _other, _rows = two_boards
    client.force_login(make_member(role=Membership.Role.CHIEF, unit=own))
    assert _titles(client.get(REPORT_URLS[0], {"trang_thai": "da-dang"})) == PUBLIC
    assert _titles(client.get(REPORT_URLS[0], {"trang_thai": "chua-dang"})) == OWN_UNPUBLISHED


def test_exports_hold_the_same_rows_the_user_may_see(client, two_boards):
    own, _other, _rows = two_boards
    client.force_login(make_member(role=Membership.Role.ANALYST, unit=own))
    content = b"".join(client.get(REPORT_URLS[1]).streaming_content).decode("utf-8-sig")
    for title in PUBLIC | OWN_UNPUBLISHED:
        assert title in content
    for title in OTHER_UNPUBLISHED:
        assert title not in content


def test_the_report_link_shows_for_staff_who_may_read_reports(client, seeds, django_user_model):
    from provinces.models import Membership, Unit

    assert "/bao-cao/" not in client.get("/").content.decode()
    analyst = django_user_model.objects.create_user(
        "chuyenvien-link", password="Mật-khẩu-đủ-mạnh-2026"
    )
    Membership.objects.create(
        user=analyst, board=Unit.objects.central().board, role=Membership.Role.ANALYST
    )
    client.force_login(analyst)
    assert 'href="/bao-cao/"' in client.get("/").content.decode()
