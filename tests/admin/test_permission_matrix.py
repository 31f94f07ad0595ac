"""The permission matrix: every role × every action × own board / other board, through
the real admin URLs. A denied action answers 403, 404 or the sign-in redirect, and
changes nothing; no cross-board read or write succeeds."""

import pytest
from django.urls import reverse

from articles.models import Article, Comment
from provinces.models import Board

from .conftest import article_form_data, board_form_data

ROLES = ["editor", "chief", "analyst", "superuser"]
ACTIONS = ["list", "view", "add", "change", "delete", "publish", "approve_comment", "edit_profile"]

ALLOWED = {
    # role: (actions on the own board, actions on another board)
    "editor": ({"list", "view", "add", "change", "delete"}, set()),
    "chief": (set(ACTIONS), set()),
    "analyst": (set(), set()),
    "superuser": (set(ACTIONS), set(ACTIONS)),
}
DENIED_STATUSES = {200, 302, 403, 404}


def _changelist(model="article"):
    return reverse(f"admin:articles_{model}_changelist")


def do_list(client, board):
    response = client.get(_changelist())
    return response, response.status_code == 200 and board.draft.title in response.text


def do_view(client, board):
    response = client.get(reverse("admin:articles_article_change", args=[board.draft.pk]))
    return response, response.status_code == 200 and board.draft.title in response.text


def do_add(client, board):
    title = f"Bài thêm mới cho {board.unit.name}"
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form_data(title=title, unit=str(board.unit.pk)),
    )
    return response, Article.objects.filter(title=title).exists()


def do_change(client, board):
    url = reverse("admin:articles_article_change", args=[board.draft.pk])
    response = client.post(url, article_form_data(board.draft, title="Tiêu đề đã sửa"))
    return response, Article.objects.get(pk=board.draft.pk).title == "Tiêu đề đã sửa"


def do_delete(client, board):
    url = reverse("admin:articles_article_delete", args=[board.draft.pk])
    response = client.post(url, {"post": "yes"})
    return response, not Article.objects.filter(pk=board.draft.pk).exists()


def do_publish(client, board):
    response = client.post(
        _changelist(),
        {"action": "publish_selected", "_selected_action": [str(board.pending.pk)]},
    )
    status = Article.objects.get(pk=board.pending.pk).status
    return response, status == Article.Status.PUBLISHED


def do_approve_comment(client, board):
    response = client.post(
        _changelist("comment"),
        {"action": "approve_selected", "_selected_action": [str(board.comment.pk)]},
    )
    status = Comment.objects.get(pk=board.comment.pk).status
    return response, status == Comment.Status.APPROVED


def do_edit_profile(client, board):
    profile = board.unit.board
    url = reverse("admin:provinces_board_change", args=[profile.pk])
    response = client.post(url, board_form_data(profile, phone="0294 3 000 111"))
    return response, Board.objects.get(pk=profile.pk).phone == "0294 3 000 111"


DO = {name: globals()[f"do_{name}"] for name in ACTIONS}


@pytest.mark.parametrize("which", ["own", "other"])
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, world, role, action, which):
    client.force_login(world["users"][role])
    board = world[which]
    response, succeeded = DO[action](client, board)
    own_allowed, other_allowed = ALLOWED[role]
    expected = action in (own_allowed if which == "own" else other_allowed)
    assert response.status_code != 500
    if expected:
        assert succeeded, f"{role} should be able to {action} on the {which} board"
        assert response.status_code in {200, 302}
    else:
        assert not succeeded, f"{role} must not {action} on the {which} board"
        assert response.status_code in DENIED_STATUSES


@pytest.mark.parametrize("role", ["editor", "chief"])
@pytest.mark.parametrize("url_name", ["change", "delete", "history", "revisions"], ids=lambda n: n)
def test_another_boards_object_answers_404_not_a_redirect(client, world, role, url_name):
    """Django's admin would redirect to the index ("… doesn't exist"); ours says 404,
    exactly as for an id that does not exist."""
    client.force_login(world["users"][role])
    other = world["other"].draft
    url = reverse(f"admin:articles_article_{url_name}", args=[other.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, article_form_data(other, title="Sửa trộm")).status_code == 404
    assert Article.objects.filter(pk=other.pk, title=other.title).exists()


def test_analysts_get_no_admin_at_all(client, world):
    client.force_login(world["users"]["analyst"])
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
