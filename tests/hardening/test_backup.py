"""Nothing lost: a backup and restore round-trip articles, images, comments, counters,
workflow history and revisions exactly; migrations can be undone and redone."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers import serialize
from PIL import Image

from articles import revisions, workflow
from articles.models import Article, ArticleImage, ArticleRevision, Comment, DailyVisits
from provinces.models import Membership
from tests.factories import make_article, make_comment, make_unit

ROOT = Path(__file__).resolve().parents[2]


def snapshot():
    models = [
        m
        for m in apps.get_models()
        if m._meta.app_label in {"provinces", "articles", "directives", "core"}
    ]
    return {m._meta.label: serialize("json", m.objects.order_by("pk")) for m in models}


@pytest.fixture
def site(transactional_db, settings, tmp_path, django_user_model):
    """A small site with everything a backup must keep."""
    settings.MEDIA_ROOT = tmp_path / "media"
    unit = make_unit()
    chief = django_user_model.objects.create_user(
        "truongban", password="Mật-khẩu-đủ-mạnh-2026", is_staff=True
    )
    Membership.objects.create(user=chief, board=unit.board, role=Membership.Role.CHIEF)
    article = make_article(unit=unit, status=Article.Status.DRAFT, title="Bài cần giữ", views=1234)
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(buffer, "JPEG")
    image = ArticleImage.objects.create(
        article=article,
        image=ContentFile(buffer.getvalue(), name="anh.jpg"),
        caption="Chú thích",
        position=1,
    )
    workflow.publish(article=article, by=chief)
    revisions.record(article=article, by=chief, note="Bản đầu tiên")
    make_comment(article, text="Ý kiến đã duyệt", status=Comment.Status.APPROVED)
    DailyVisits.objects.create(unit=unit, date="2026-11-01", visits=77)
    return {"article": article, "image": image}


def test_backup_and_restore_round_trip_exactly(site, tmp_path, settings):
    before = snapshot()
    image_bytes = (Path(settings.MEDIA_ROOT) / site["image"].image.name).read_bytes()
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    assert archive.stat().st_size > 0

    # Things go wrong: an article is deleted, counts change, an upload disappears.
    Article.objects.filter(pk=site["article"].pk).update(views=1)
    Comment.objects.all().delete()
    DailyVisits.objects.all().delete()
    make_article(title="Bài sinh ra sau khi sao lưu")
    (Path(settings.MEDIA_ROOT) / site["image"].image.name).unlink()

    call_command("restore", str(archive), interactive=False, stdout=io.StringIO())
    assert snapshot() == before
    assert Article.objects.get(pk=site["article"].pk).views == 1234
    assert ArticleRevision.objects.filter(article=site["article"]).count() == 1
    assert (Path(settings.MEDIA_ROOT) / site["image"].image.name).read_bytes() == image_bytes


def test_restore_refuses_a_missing_or_foreign_file(transactional_db, tmp_path):
    with pytest.raises(CommandError, match="no backup"):
        call_command("restore", str(tmp_path / "khong-co.tar.gz"), interactive=False)
    bogus = tmp_path / "bogus.tar.gz"
    import tarfile

    with tarfile.open(bogus, "w:gz") as tar:
        data = (
            b'{"format": 1, "vendor": "oracle", "database_file": "x", "rows": {}, "media": false}'
        )
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="cannot be restored"):
        call_command("restore", str(bogus), interactive=False)


def test_restore_refuses_paths_outside_its_folder(transactional_db, tmp_path):
    import tarfile

    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        info = tarfile.TarInfo("../../etc/evil")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(CommandError, match="suspicious"):
        call_command("restore", str(evil), interactive=False)


def test_every_migration_can_be_undone_and_redone(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(DJANGO_DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path}/migrations.sqlite3")

    def manage(*args):
        out = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
        return out.stdout

    manage("migrate", "-v0")
    manage("load_demo", "-v0")
    for app in ("directives", "articles", "core", "provinces"):
        manage("migrate", app, "zero", "-v0")
    manage("migrate", "-v0")
    manage("load_demo", "-v0")
    assert "[X]" in manage("showmigrations", "articles")
