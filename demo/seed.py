"""The demo data from fixtures/: the 34 + 63 administrative units and their boards, the
sections, directives, the five seed articles and the meetings they report, and the seed
images (fixtures/README.md says where each comes from)."""

from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS

#: In dependency order; loaddata finds them in settings.FIXTURE_DIRS.
FIXTURES = ["units", "sections", "directives", "articles", "meetings", "library", "links"]


def media_dir():
    return Path(settings.BASE_DIR) / "fixtures" / "media"


def load(*, using=DEFAULT_DB_ALIAS, media_only=False, verbosity=0):
    """Load the fixtures (unless ``media_only``) and copy the seed images into storage.
    Safe to repeat: rows are matched by natural key, files that exist are kept. Returns
    how many files were copied."""
    if not media_only:
        call_command("loaddata", *FIXTURES, database=using, verbosity=verbosity)
    media = media_dir()
    copied = 0
    for path in sorted(p for p in media.rglob("*") if p.is_file()):
        name = path.relative_to(media).as_posix()
        if not default_storage.exists(name):
            with path.open("rb") as handle:
                default_storage.save(name, File(handle))
            copied += 1
    return copied
