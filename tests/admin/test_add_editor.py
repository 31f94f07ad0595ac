"""manage.py add_editor: makes an account that works with no further set-up, safe to
run twice, with clear errors."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from provinces.models import Membership
from tests.factories import make_article, make_unit

PASSWORD = "Bien-tap-vien-2025!"


def run(*args, **kwargs):
    out = io.StringIO()
    call_command("add_editor", *args, stdout=out, **kwargs)
    return out.getvalue()


@pytest.fixture
def unit(db):
    return make_unit(name="Vĩnh Long thử", slug="vinh-long-thu")


def test_noinput_reads_the_password_and_the_account_works_in_the_admin(client, unit, monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", PASSWORD)
    output = run(
        "bientap",
        "--unit",
        "vinh-long-thu",
        "--role",
        "editor",
        "--email",
        "bt@example.vn",
        "--noinput",
    )
    assert "Created bientap" in output
    user = get_user_model().objects.get(username="bientap")
    assert user.is_staff and not user.is_superuser and user.email == "bt@example.vn"
    assert user.membership.role == Membership.Role.EDITOR and user.membership.board == unit.board
    # No permissions to grant, no group to join: sign in and work.
    assert client.login(username="bientap", password=PASSWORD)
    draft = make_article(unit=unit, status="draft", title="Bản nháp Vĩnh Long")
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 200
    assert client.get(reverse("admin:articles_article_change", args=[draft.pk])).status_code == 200


def test_running_twice_updates_the_role_and_keeps_the_password(client, unit, monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", PASSWORD)
    run("bientap", "--unit", "vinh-long-thu", "--role", "editor", "--noinput")
    monkeypatch.delenv("DJANGO_EDITOR_PASSWORD")
    other = make_unit(name="Cần Thơ thử", slug="can-tho-thu")
    output = run("bientap", "--unit", "can-tho-thu", "--role", "chief", "--noinput")
    assert "Updated bientap" in output and "password unchanged" in output
    assert get_user_model().objects.filter(username="bientap").count() == 1
    membership = Membership.objects.get(user__username="bientap")
    assert membership.role == Membership.Role.CHIEF and membership.board == other.board
    assert client.login(username="bientap", password=PASSWORD)


def test_analysts_do_not_get_the_admin(client, unit, monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", PASSWORD)
    run("chuyenvien", "--unit", "vinh-long-thu", "--role", "analyst", "--noinput")
    user = get_user_model().objects.get(username="chuyenvien")
    assert not user.is_staff
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 302


def test_an_unknown_unit_is_a_clear_error(unit):
    with pytest.raises(CommandError, match=r"Unknown unit 'vinh-long'.*vinh-long-thu"):
        run("bientap", "--unit", "vinh-long", "--role", "editor", "--noinput")


def test_a_merged_unit_points_to_the_board_that_runs_it_now(unit):
    make_unit(name="Trà Vinh thử", slug="tra-vinh-thu", merged_into=unit, code=None)
    with pytest.raises(CommandError, match=r"merged into Vĩnh Long thử.*--unit vinh-long-thu"):
        run("bientap", "--unit", "tra-vinh-thu", "--role", "editor", "--noinput")


def test_an_unknown_role_is_a_clear_error(unit):
    with pytest.raises(CommandError, match="invalid choice: 'boss'"):
        run("bientap", "--unit", "vinh-long-thu", "--role", "boss", "--noinput")


def test_a_new_account_needs_a_password_with_noinput(unit, monkeypatch):
    monkeypatch.delenv("DJANGO_EDITOR_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="DJANGO_EDITOR_PASSWORD"):
        run("bientap", "--unit", "vinh-long-thu", "--role", "editor", "--noinput")
    assert not get_user_model().objects.filter(username="bientap").exists()


def test_a_weak_password_is_refused(unit, monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "123")
    with pytest.raises(CommandError, match="Password refused"):
        run("bientap", "--unit", "vinh-long-thu", "--role", "editor", "--noinput")


def test_interactive_prompts_twice(unit, monkeypatch):
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    run("bientap", "--unit", "vinh-long-thu", "--role", "chief")
    assert get_user_model().objects.get(username="bientap").check_password(PASSWORD)
