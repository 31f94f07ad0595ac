"""Sign-in is throttled per (account, address) pair and per address, never per account
from everywhere; every sign-in and workflow step lands in the audit log."""

import pytest
from django.test import Client
from django.urls import reverse

from articles import workflow
from articles.models import Article, Comment
from core.models import AuditEvent
from provinces.models import Membership
from tests.factories import make_article, make_comment, make_unit

pytestmark = pytest.mark.django_db
PASSWORD = "Mật-khẩu-đủ-mạnh-2026"


@pytest.fixture
def chief(django_user_model):
    unit = make_unit()
    user = django_user_model.objects.create_user("truongban", password=PASSWORD, is_staff=True)
    Membership.objects.create(user=user, board=unit.board, role=Membership.Role.CHIEF)
    return user


def sign_in(client, url, username, password, ip="203.0.113.5"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.parametrize("url", ["/admin/login/", "/dang-nhap/"])
def test_an_account_is_locked_after_repeated_failures_with_a_clear_message(chief, settings, url):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    client = Client()
    for _ in range(3):
        assert sign_in(client, url, "truongban", "sai-mat-khau").status_code == 200
    response = sign_in(client, url, "truongban", PASSWORD)  # even the right password
    assert response.status_code == 429
    assert "đang bị tạm khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # another account from elsewhere is not affected
    assert sign_in(Client(), url, "nguoi-khac", "x", ip="198.51.100.7").status_code == 200
    assert AuditEvent.objects.filter(action="login_locked", username="truongban").exists()
    assert AuditEvent.objects.filter(action="login_failed").count() >= 3


@pytest.mark.parametrize("url", ["/admin/login/", "/dang-nhap/"])
def test_a_stranger_guessing_from_elsewhere_never_locks_the_chief_out(chief, settings, url):
    """Lockout as denial of service: wrong passwords for the chief's name from another
    address lock that address's attempts, not the chief at their usual address."""
    settings.LOGIN_FAILURES_PER_ACCOUNT = 5
    stranger = Client()
    for _ in range(12):
        sign_in(stranger, url, "truongban", "doan-mo", ip="198.51.100.66")
    assert sign_in(stranger, url, "truongban", PASSWORD, ip="198.51.100.66").status_code == 429
    response = sign_in(Client(), url, "truongban", PASSWORD, ip="203.0.113.5")
    assert response.status_code == 302


def test_the_lock_message_says_how_long_is_left(chief, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT, settings.LOGIN_LOCKOUT_SECONDS = 2, 600
    client = Client()
    for _ in range(2):
        sign_in(client, "/dang-nhap/", "truongban", "sai")
    response = sign_in(client, "/dang-nhap/", "truongban", PASSWORD)
    assert response.status_code == 429
    assert "khoảng 10 phút" in response.content.decode()
    assert 590 <= int(response["Retry-After"]) <= 600


def test_an_address_is_locked_after_failures_on_many_accounts(chief, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 4
    client = Client()
    for i in range(4):
        sign_in(client, "/admin/login/", f"doan-{i}", "sai")
    response = sign_in(client, "/admin/login/", "truongban", PASSWORD)
    assert response.status_code == 429
    # the same account from another address signs in
    response = sign_in(Client(), "/admin/login/", "truongban", PASSWORD, ip="198.51.100.9")
    assert response.status_code == 302


def test_the_lock_ends_after_the_window(chief, settings):
    import time

    settings.LOGIN_FAILURES_PER_ACCOUNT, settings.LOGIN_LOCKOUT_SECONDS = 2, 1
    client = Client()
    for _ in range(2):
        sign_in(client, "/admin/login/", "truongban", "sai")
    assert sign_in(client, "/admin/login/", "truongban", PASSWORD).status_code == 429
    time.sleep(1.5)
    assert sign_in(client, "/admin/login/", "truongban", PASSWORD).status_code == 302


def test_a_success_clears_the_accounts_failures(chief, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    client = Client()
    for _ in range(2):
        sign_in(client, "/admin/login/", "truongban", "sai")
    assert sign_in(client, "/admin/login/", "truongban", PASSWORD).status_code == 302
    client.logout()
    for _ in range(2):
        sign_in(client, "/admin/login/", "truongban", "sai")
    assert sign_in(client, "/admin/login/", "truongban", PASSWORD).status_code == 302


def test_forged_forwarded_addresses_do_not_escape_the_lock(chief, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 3
    client = Client()
    for i in range(3):
        client.post(
            "/admin/login/",
            {"username": f"x{i}", "password": "sai"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{i}",  # not from a trusted proxy: ignored
        )
    response = client.post(
        "/admin/login/",
        {"username": "truongban", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.5",
        HTTP_X_FORWARDED_FOR="10.9.9.9",
    )
    assert response.status_code == 429


def test_behind_our_proxy_the_forwarded_address_counts(settings):
    from django.test import RequestFactory

    from core.security import client_ip

    factory = RequestFactory()
    behind = factory.get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9"
    )
    assert client_ip(behind) == "203.0.113.9"
    direct = factory.get("/", REMOTE_ADDR="203.0.113.20", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(direct) == "203.0.113.20"
    junk = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="<script>")
    assert client_ip(junk) == "127.0.0.1"


def test_sign_in_and_sign_out_are_audited(chief):
    client = Client()
    sign_in(client, "/admin/login/", "truongban", PASSWORD)
    client.post(reverse("admin:logout"))
    actions = list(AuditEvent.objects.filter(actor=chief).values_list("action", flat=True))
    assert "login" in actions and "logout" in actions
    event = AuditEvent.objects.get(actor=chief, action="login")
    assert event.ip_address == "203.0.113.5"


def test_workflow_steps_and_moderation_are_audited(chief, django_user_model):
    unit = chief.membership.board.unit
    editor = django_user_model.objects.create_user("bientap", password=PASSWORD, is_staff=True)
    Membership.objects.create(user=editor, board=unit.board, role=Membership.Role.EDITOR)
    article = make_article(unit=unit, status=Article.Status.DRAFT)
    workflow.submit(article=article, by=editor)
    workflow.publish(article=article, by=chief)
    steps = AuditEvent.objects.filter(action="workflow", object_id=str(article.pk))
    assert [(e.actor, e.details["to"]) for e in steps.order_by("pk")] == [
        (editor, "pending"),
        (chief, "published"),
    ]
    comment = make_comment(article)
    workflow.moderate_comments(
        comments=Comment.objects.filter(pk=comment.pk), status="approved", by=chief
    )
    assert AuditEvent.objects.filter(
        action="moderation", actor=chief, object_id=str(comment.pk)
    ).exists()


def test_admin_changes_are_audited(django_user_model):
    from articles.models import Section

    admin_user = django_user_model.objects.create_superuser("quantri", password=PASSWORD)
    section = Section.objects.create(name="Chuyên mục cũ")
    client = Client()
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:articles_section_change", args=[section.pk]),
        {"name": "Chuyên mục mới", "description": "", "position": 3, "is_active": "on", "unit": ""},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    event = AuditEvent.objects.get(action="admin_change", actor=admin_user)
    assert event.details["object"] == "Chuyên mục mới"


def test_sessions_expire_when_idle(settings):
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_failures_slow_the_pair_down_before_the_lock(chief, settings):
    """Failed sign-ins slow down, then block: from the third failure the pair waits
    (here 1 s, then 2 s) before it may try again; the fifth locks it."""
    import time

    settings.LOGIN_FAILURES_PER_ACCOUNT, settings.LOGIN_SLOWDOWN_FROM = 5, 3
    settings.LOGIN_SLOWDOWN_SECONDS = 1
    client = Client()
    for _ in range(3):
        assert sign_in(client, "/dang-nhap/", "truongban", "sai").status_code == 200
    response = sign_in(client, "/dang-nhap/", "truongban", PASSWORD)
    assert response.status_code == 429 and int(response["Retry-After"]) == 1
    time.sleep(1.1)
    assert sign_in(client, "/dang-nhap/", "truongban", PASSWORD).status_code == 302
