"""Editors see what the importer did for their own board only: each imported page, the
article it became and why it needs a look; nobody edits these rows by hand."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from importer.models import ImportedPage
from provinces.models import Board, Membership

from .conftest import PAGES, run

pytestmark = pytest.mark.django_db

LIST = reverse("admin:importer_importedpage_changelist")


def test_an_editor_sees_their_boards_imported_pages_only(register, client):
    run("--unit", "nghe-an", PAGES / "nghe-an" / "bai-viet.htm")
    run("--unit", "ca-mau", PAGES / "ca-mau" / "chitiet.aspx")
    editor = get_user_model().objects.create_user("btv-nghe-an", password=None, is_staff=True)
    Membership.objects.create(
        user=editor, board=Board.objects.get(unit__slug="nghe-an"), role=Membership.Role.EDITOR
    )
    client.force_login(editor)
    html = client.get(LIST).content.decode()
    assert "Nghệ An tổng kết công tác tuyên giáo năm 2021" in html
    assert "tiêu đề viết hoa" in html
    assert "Cà Mau sơ kết" not in html
    other = ImportedPage.objects.get(board__unit__slug="ca-mau")
    change = reverse("admin:importer_importedpage_change", args=[other.pk])
    assert client.get(change).status_code == 404
    own = ImportedPage.objects.get(board__unit__slug="nghe-an")
    page = client.get(reverse("admin:importer_importedpage_change", args=[own.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # read-only
    assert client.get(reverse("admin:importer_importedpage_add")).status_code == 403
