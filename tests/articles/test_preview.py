"""Editors preview unpublished articles of their board at the public address; anyone
else gets 404. Readers' requests run cold and warm (the `reader` fixture): an editor's
preview is never cached, so it never reaches a reader."""

import pytest
from django.contrib.auth import get_user_model

from articles.models import Article
from provinces.models import Membership
from tests.factories import make_article, make_unit

pytestmark = pytest.mark.django_db


def member(unit, role, username):
    user = get_user_model().objects.create_user(username, password="x-Strong-Pass-1", is_staff=True)
    Membership.objects.create(user=user, board=unit.board, role=role)
    return user


def test_editor_of_the_board_sees_a_draft_with_a_banner(reader):
    unit = make_unit()
    draft = make_article(unit=unit, status=Article.Status.DRAFT, title="Bài đang viết")
    editor = reader()
    editor.force_login(member(unit, Membership.Role.EDITOR, "bientap"))
    response = editor.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Bản nháp" in response.content.decode()
    # The preview left nothing behind for anonymous readers.
    assert reader().get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "other_board_chief", "analyst_same_board"])
def test_others_get_404_for_a_draft(reader, who):
    unit = make_unit()
    draft = make_article(unit=unit, status=Article.Status.PENDING)
    browser = reader()
    if who == "other_board_chief":
        browser.force_login(member(make_unit(), Membership.Role.CHIEF, "khac"))
    elif who == "analyst_same_board":
        browser.force_login(member(unit, Membership.Role.ANALYST, "chuyenvien"))
    assert browser.get(draft.get_absolute_url()).status_code == 404


def test_published_article_has_no_banner(reader):
    article = make_article()
    assert "Bản nháp" not in reader().get(article.get_absolute_url()).content.decode()
