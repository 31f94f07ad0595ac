"""The redirect table in the admin: each board sees and manages only its own rows (its
unit's and those of the units merged into it); chiefs manage them, editors read them;
the missing addresses lead to a prefilled form."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from provinces.models import Membership
from redirects.models import MissingAddress, OldAddress

from .conftest import LEGACY, member, superuser

pytestmark = pytest.mark.django_db

Role = Membership.Role
OLD_LIST = reverse("admin:redirects_oldaddress_changelist")
OLD_ADD = reverse("admin:redirects_oldaddress_add")
MISSING_LIST = reverse("admin:redirects_missingaddress_changelist")


def old_change(address):
    return reverse("admin:redirects_oldaddress_change", args=[address.pk])


@pytest.fixture
def rows(own, other):
    """An old address and a missing one on each board's host."""
    made = {}
    for name, site in (("own", own), ("other", other)):
        made[name] = OldAddress.objects.create(
            board=site.board, host=site.host, path=f"/cu/{name}.html", article=site.article
        )
        made[f"{name}_missing"] = MissingAddress.objects.create(
            board=site.board,
            host=site.host,
            path=f"/mat/{name}.html?id=1&trang=2",
            hits=3,
            first_seen="2026-01-05T08:00:00+07:00",
            last_seen="2026-01-06T08:00:00+07:00",
        )
    return made


def signed_in(client, user):
    client.force_login(user)
    return client


def test_a_chief_sees_only_their_boards_rows(client, own, other, rows):
    client = signed_in(client, member(own.board, Role.CHIEF, "truongban"))
    html = client.get(OLD_LIST).content.decode()
    assert "/cu/own.html" in html and "/cu/other.html" not in html
    assert other.host not in html  # not even in the host filter
    html = client.get(MISSING_LIST).content.decode()
    assert "/mat/own.html" in html and "/mat/other.html" not in html
    # Another board's row answers 404, on GET and POST alike.
    assert client.get(old_change(rows["other"])).status_code == 404
    assert client.post(old_change(rows["other"]), {}).status_code == 404


def test_a_superuser_sees_every_boards_rows(client, rows):
    html = signed_in(client, superuser()).get(OLD_LIST).content.decode()
    assert "/cu/own.html" in html and "/cu/other.html" in html


def test_the_chief_of_a_merged_boards_successor_keeps_its_old_site(client, tra_vinh):
    """Vĩnh Long's chief manages Trà Vinh's old addresses."""
    board, article, vinh_long = tra_vinh
    OldAddress.objects.create(board=board, host=LEGACY, path="/tin/1", article=article)
    client = signed_in(client, member(vinh_long, Role.CHIEF, "truongban"))
    assert "/tin/1" in client.get(OLD_LIST).content.decode()
    data = {"board": board.pk, "host": LEGACY, "path": "/tin/2", "target_path": "/tinh/tra-vinh/"}
    assert client.post(OLD_ADD, {**data, "article": ""}).status_code == 302
    assert OldAddress.objects.filter(path="/tin/2", board=board).exists()


@pytest.mark.parametrize(
    ("role", "list_status", "add_status", "change_can_save"),
    [
        (Role.EDITOR, 200, 403, False),
        (Role.CHIEF, 200, 200, True),
        (Role.ANALYST, 403, 403, False),
        ("superuser", 200, 200, True),
    ],
)
def test_who_may_do_what(client, own, rows, role, list_status, add_status, change_can_save):
    user = superuser() if role == "superuser" else member(own.board, role, "nguoidung")
    if role == Role.ANALYST:
        user.is_staff = True  # even as staff, an analyst has no business here
        user.save()
    client = signed_in(client, user)
    assert client.get(OLD_LIST).status_code == list_status
    assert client.get(OLD_ADD).status_code == add_status
    if list_status == 200:
        html = client.get(old_change(rows["own"])).content.decode()
        assert ('name="_save"' in html) is change_can_save
        missing = client.get(MISSING_LIST).content.decode()
        assert ("Ánh xạ địa chỉ này" in missing) is change_can_save


def form_data(site, **fields):
    data = {"board": site.board.pk, "host": site.host, "path": "/moi.html", "article": ""}
    data["target_path"] = "/tinh/lang-son-thu/"
    data.update(fields)
    return data


def test_a_chief_maps_an_address_of_their_boards_domain(client, own):
    client = signed_in(client, member(own.board, Role.CHIEF, "truongban"))
    response = client.post(OLD_ADD, form_data(own, host=own.host.upper()))
    assert response.status_code == 302, response.content.decode()[:3000]
    row = OldAddress.objects.get()
    assert (row.board, row.host, row.path) == (own.board, own.host, "/moi.html")


@pytest.mark.parametrize("host", ["other", "tuyengiao.example.vn"])
def test_a_chief_cannot_map_another_boards_domain_or_the_portals(client, own, other, host):
    client = signed_in(client, member(own.board, Role.CHIEF, "truongban"))
    host = other.host if host == "other" else host
    response = client.post(OLD_ADD, form_data(own, host=host))
    assert response.status_code == 200
    assert not OldAddress.objects.exists()


def test_a_chief_cannot_file_a_row_under_another_board(client, own, other):
    client = signed_in(client, member(own.board, Role.CHIEF, "truongban"))
    response = client.post(OLD_ADD, form_data(other))
    assert response.status_code == 200
    assert not OldAddress.objects.exists()


def test_the_form_refuses_a_second_spelling_and_a_double_target(client, own, rows):
    client = signed_in(client, member(own.board, Role.CHIEF, "truongban"))
    for fields in ({"path": "/CU/OWN.html"}, {"article": own.article.pk}):
        response = client.post(OLD_ADD, form_data(own, **fields))
        assert response.status_code == 200
    assert OldAddress.objects.count() == 2


def test_map_this_address_opens_the_form_filled_in(client, own, rows):
    client = signed_in(client, member(own.board, Role.CHIEF, "truongban"))
    missing = rows["own_missing"]
    html = client.get(MISSING_LIST).content.decode()
    query = urlencode({"board": own.board.pk, "host": own.host, "path": missing.path})
    link = f"{OLD_ADD}?{query}"
    assert link.replace("&", "&amp;") in html
    form = client.get(link).content.decode()
    assert f'value="{own.host}"' in form
    assert 'value="/mat/own.html?id=1&amp;trang=2"' in form
    # Saving it takes the address off the missing list.
    response = client.post(
        link, form_data(own, path=missing.path, target_path="", article=own.article.pk)
    )
    assert response.status_code == 302
    assert not MissingAddress.objects.filter(pk=missing.pk).exists()


def test_missing_addresses_are_listed_most_asked_first(client, own, rows):
    MissingAddress.objects.create(
        board=own.board,
        host=own.host,
        path="/mat/nhieu.html",
        hits=90,
        first_seen="2026-01-01T08:00:00+07:00",
        last_seen="2026-01-02T08:00:00+07:00",
    )
    html = signed_in(client, superuser()).get(MISSING_LIST).content.decode()
    assert html.index("/mat/nhieu.html") < html.index("/mat/own.html")


def test_missing_addresses_are_read_only_and_a_chief_may_dismiss_them(client, own, rows):
    client = signed_in(client, member(own.board, Role.CHIEF, "truongban"))
    missing = rows["own_missing"]
    change = reverse("admin:redirects_missingaddress_change", args=[missing.pk])
    assert 'name="_save"' not in client.get(change).content.decode()
    assert client.get(reverse("admin:redirects_missingaddress_add")).status_code == 403
    delete = reverse("admin:redirects_missingaddress_delete", args=[missing.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not MissingAddress.objects.filter(pk=missing.pk).exists()
