"""Back up and restore the whole site: the database and the uploaded files.

A backup is one .tar.gz holding ``manifest.json`` (when, what, how many rows of each
kind), the database (``database.dump`` from pg_dump on PostgreSQL, ``database.sqlite3``
on SQLite) and ``media/`` (uploaded images and documents). Counts buffered in Redis are
written to the database first, so the backup holds every view counted so far.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
COUNTED_APPS = {"provinces", "articles", "directives", "core", "auth"}


class BackupError(Exception):
    pass


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in COUNTED_APPS and not model._meta.proxy
    }


def _pg_env():
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        PGHOST=db["HOST"] or "",
        PGPORT=str(db["PORT"] or ""),
        PGUSER=db["USER"] or "",
        PGDATABASE=db["NAME"],
    )
    if db["PASSWORD"]:
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _run(cmd, **kwargs):
    if not shutil.which(cmd[0]):
        raise BackupError(f"{cmd[0]} is not installed (Debian: apt-get install postgresql-client)")
    # The commands are ours (pg_dump, pg_restore) with arguments from settings.
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{cmd[0]} failed: {result.stderr.strip()[:2000]}")
    return result


def _media_root():
    if settings.STORAGES["default"]["BACKEND"] != "django.core.files.storage.FileSystemStorage":
        return None  # object storage: backed up by its provider (see docs/security.md)
    return Path(settings.MEDIA_ROOT)


#: name -> callable run before a backup is taken, whose result goes into the manifest
#: (apps add theirs in ready(): the articles app writes the counts still buffered in
#: Redis, so the backup holds them).
BEFORE_BACKUP = {}


def create(output=None, *, stdout=None):
    """Write a backup; returns its path."""
    prepared = {name: prepare() for name, prepare in BEFORE_BACKUP.items()}
    output = Path(
        output
        or Path(settings.BASE_DIR) / "backups" / f"tuyengiao-{datetime.now():%Y%m%d-%H%M%S}.tar.gz"
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if connection.vendor == "postgresql":
            db_name = "database.dump"
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    "--file",
                    str(tmp / db_name),
                ],
                env=_pg_env(),
            )
        elif connection.vendor == "sqlite":
            db_name = "database.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(tmp / db_name)
            with target:
                connection.connection.backup(target)
            target.close()
        else:
            raise BackupError(f"backups of {connection.vendor} are not supported")
        media = _media_root()
        manifest = {
            "format": FORMAT,
            "created": datetime.now().astimezone().isoformat(timespec="seconds"),
            "django": django.get_version(),
            "vendor": connection.vendor,
            "database_file": db_name,
            "migrations": sorted(
                f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
            ),
            "rows": row_counts(),
            "media": media is not None,
            **prepared,
        }
        with tarfile.open(output, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(tmp / db_name, arcname=db_name)
            if media is not None and media.exists():
                tar.add(media, arcname="media")
    if stdout:
        stdout.write(f"Backup written to {output} ({sum(manifest['rows'].values())} rows).")
    return output


def _safe_members(tar):
    for member in tar.getmembers():
        target = Path(member.name)
        if target.is_absolute() or ".." in target.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"refusing a suspicious path in the archive: {member.name}")
        yield member


def restore(path, *, stdout=None):
    """Replace the database and the uploaded files with those of a backup."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no backup at {path}")
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(path, "r:gz") as tar:
        tmp = Path(tmp)
        tar.extractall(tmp, members=list(_safe_members(tar)), filter="data")
        manifest = json.loads((tmp / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError("this backup was written by another version of the backup format")
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"a {manifest['vendor']} backup cannot be restored into {connection.vendor}"
            )
        db_file = tmp / manifest["database_file"]
        connection.close()
        if connection.vendor == "postgresql":
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--dbname",
                    connection.settings_dict["NAME"],
                    str(db_file),
                ],
                env=_pg_env(),
            )
        else:
            source = sqlite3.connect(db_file)
            connection.ensure_connection()
            with source:
                source.backup(connection.connection)
            source.close()
        media = _media_root()
        if manifest["media"] and media is not None and (tmp / "media").exists():
            if media.exists():
                shutil.rmtree(media)
            shutil.copytree(tmp / "media", media)
    connection.close()
    # Cached pages, counts and menus describe the data that was replaced: a new content
    # version ends them all. (Not cache.clear(): counts still buffered in Redis are real
    # views and must survive.)
    from core import pagecache

    pagecache.content_changed()
    counts = row_counts()
    if counts != manifest["rows"]:
        raise BackupError(
            f"restored rows differ from the backup's manifest: {counts} != {manifest['rows']}"
        )
    if stdout:
        stdout.write(
            f"Restored {path} ({sum(counts.values())} rows, backup of {manifest['created']})."
        )
    return manifest
