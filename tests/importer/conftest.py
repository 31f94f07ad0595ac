"""The register the importer links to (units, boards, sections, directives), without
the seed articles: the importer makes those."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fixtures" / "seeds"
PAGES = Path(__file__).resolve().parent / "pages"


@pytest.fixture
def register(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("loaddata", "units", "sections", "directives", verbosity=0)


@pytest.fixture
def chief(db):
    return get_user_model().objects.create_superuser("tongbientap", "tbt@example.vn", "x-pass-123")


def run(*args):
    """manage.py import_articles …; returns what it printed."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_articles", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue()
