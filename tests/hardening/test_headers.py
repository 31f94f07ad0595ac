"""Security headers on every answer, and production settings that pass Django's deploy
checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "production-like-secret-" + "k" * 50,
    "DJANGO_ALLOWED_HOSTS": "tuyengiao.example.vn",
}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/robots.txt", "/khong-co/", "/admin/login/", "/healthz"])
def test_every_answer_carries_the_security_headers(client, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    assert (
        "default-src 'self'" in csp
        and "object-src 'none'" in csp
        and "frame-ancestors 'none'" in csp
    )
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def production(code):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(PRODUCTION, DATABASE_URL=f"sqlite:///{ROOT}/.prod-headers-test.sqlite3")
    script = (
        "import os, json, django; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; django.setup();"
        "from django.conf import settings; from django.test import Client;" + code
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_check_deploy_reports_nothing():
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(PRODUCTION)
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout


def test_production_answers_over_https_with_hsts_and_secure_cookies():
    report = json.loads(
        production(
            "c = Client(HTTP_HOST='tuyengiao.example.vn');"
            "plain = c.get('/robots.txt'); secure = c.get('/robots.txt', secure=True);"
            "print(json.dumps({'plain': [plain.status_code, plain.get('Location')],"
            " 'hsts': secure.get('Strict-Transport-Security'),"
            " 'cookies': [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,"
            " settings.SESSION_COOKIE_HTTPONLY, settings.CSRF_COOKIE_HTTPONLY],"
            " 'debug': settings.DEBUG}))"
        )
    )
    assert report["plain"] == [301, "https://tuyengiao.example.vn/robots.txt"]
    assert "max-age=31536000" in report["hsts"] and "includeSubDomains" in report["hsts"]
    assert report["cookies"] == [True, True, True, True]
    assert report["debug"] is False


def test_production_never_shows_a_trace():
    body = production(
        "from django.urls import path; import config.urls as u;"
        "from django.test.utils import override_settings;"
        "c = Client(HTTP_HOST='tuyengiao.example.vn', raise_request_exception=False);"
        "r = c.get('/bai-viet/%00/', secure=True); print(r.status_code, r.content.decode()[:2000])"
    )
    assert body.startswith("400")
    assert "Traceback" not in body and "Django" not in body
