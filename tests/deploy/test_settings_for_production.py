"""What the production environment variables turn into."""

import os
import subprocess
import sys
from pathlib import Path

from core.routers import REPLICA, ReplicaRouter, replica_reads

ROOT = Path(__file__).resolve().parents[2]


def settings_value(expression, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    base.update(DJANGO_DEBUG="1", **env)
    code = f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; django.setup(); from django.conf import settings; print({expression})"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_reports_read_from_the_replica_only_when_asked_and_configured(monkeypatch):
    import types

    from core import routers

    router = ReplicaRouter()
    monkeypatch.setattr(
        routers, "settings", types.SimpleNamespace(DATABASES={"default": {}, REPLICA: {}})
    )
    assert router.db_for_read(None) is None
    with replica_reads():
        assert router.db_for_read(None) == REPLICA
        assert router.db_for_write(None) == "default"
    assert router.db_for_read(None) is None

    @replica_reads()
    def report():
        return router.db_for_read(None)

    assert report() == REPLICA
    assert router.allow_migrate(REPLICA, "articles") is False


def test_without_a_replica_everything_reads_the_primary(settings):
    assert REPLICA not in settings.DATABASES
    with replica_reads():
        assert ReplicaRouter().db_for_read(None) is None


def test_a_replica_url_adds_the_replica_database():
    engine = settings_value(
        "settings.DATABASES['replica']['HOST']",
        DATABASE_URL="postgres://u@primary:5432/tg",
        DATABASE_REPLICA_URL="postgres://ro@replica:5432/tg",
    )
    assert engine == "replica"


def test_a_bucket_puts_uploads_on_object_storage():
    backend = settings_value(
        "settings.STORAGES['default']['BACKEND'], settings.STORAGES['default']['OPTIONS']['bucket_name']",
        DJANGO_S3_BUCKET="tuyengiao-media",
    )
    assert backend == "storages.backends.s3.S3Storage tuyengiao-media"
    assert "FileSystemStorage" in settings_value("settings.STORAGES['default']['BACKEND']")
