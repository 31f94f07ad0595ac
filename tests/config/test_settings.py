"""Settings come from the environment, with safe local defaults and a hard stop in
production without a secret key."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.settings import database_from_url

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_key_stops_with_a_clear_message():
    result = run_manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_with_secret_key_starts():
    result = run_manage(
        "check",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="tuyengiao.example.vn",
    )
    assert result.returncode == 0, result.stderr


def test_debug_mode_runs_without_secret_key():
    assert run_manage("check", DJANGO_DEBUG="1").returncode == 0


def test_postgres_url_is_parsed():
    db = database_from_url("postgres://editor:p%40ss@db.example:6543/tuyengiao?sslmode=require")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["USER"], db["PASSWORD"], db["HOST"], str(db["PORT"]), db["NAME"]) == (
        "editor",
        "p@ss",
        "db.example",
        "6543",
        "tuyengiao",
    )
    assert db["OPTIONS"] == {"sslmode": "require"}
    assert db["CONN_MAX_AGE"] > 0


def test_sqlite_url_is_parsed(tmp_path):
    db = database_from_url(f"sqlite:///{tmp_path}/site.sqlite3")
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert str(db["NAME"]) == f"{tmp_path}/site.sqlite3"
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_unknown_database_scheme_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        database_from_url("mysql://root@localhost/x")


def test_locale_settings(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True


def test_dates_typed_day_first_are_read_day_first():
    """Django's own vi locale has no input formats; ours reads 05/03/2026 as 5 March."""
    import datetime

    from django import forms

    field = forms.DateField()
    assert field.clean("05/03/2026") == datetime.date(2026, 3, 5)
    assert field.clean("5-3-2026") == datetime.date(2026, 3, 5)
