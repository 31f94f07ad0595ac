"""Helpers for the staff report tests: accounts with a board and a role, and the seed
relations read straight from fixtures/ (so expectations follow the demo data)."""

import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from provinces.models import Board, Membership

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PASSWORD = "Bao-cao-2026!x"


def make_member(*, role, unit=None, username=None):
    """A staff account; ``role`` is a Membership role, "superuser", or None (signed in,
    no board)."""
    User = get_user_model()
    username = username or f"{role or 'khong-ban'}-{User.objects.count() + 1}"
    if role == "superuser":
        return User.objects.create_superuser(username, password=PASSWORD)
    user = User.objects.create_user(username, password=PASSWORD, is_staff=role is not None)
    if role is not None:
        board = unit.board if unit is not None else Board.objects.first()
        Membership.objects.create(user=user, board=board, role=role)
    return user


@pytest.fixture
def member(db):
    return make_member


def _fixture_rows(name, model):
    rows = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return [r["fields"] for r in rows if r["model"] == model]


def seed_articles_linked_to(*directive_slugs):
    """Slugs of the seed articles linked to any of ``directive_slugs``."""
    wanted = set(directive_slugs)
    return {
        f["slug"]
        for f in _fixture_rows("articles.json", "articles.article")
        if wanted & {d[0] for d in f["directives"]}
    }


def seed_meetings_linked_to(*directive_slugs):
    wanted = set(directive_slugs)
    return {
        f["slug"]
        for f in _fixture_rows("meetings.json", "directives.meeting")
        if wanted & {d[0] for d in f["directives"]}
    }


def seed_of_units(filename, model, *unit_slugs):
    return {f["slug"] for f in _fixture_rows(filename, model) if f["unit"][0] in set(unit_slugs)}


def all_report_rows(response):
    """(kind, slug) of every row on the report page, read from the rendered rows."""
    return {(row.kind, row.obj.slug) for row in response.context["rows"]}


def slugs(response, kind):
    return {slug for k, slug in all_report_rows(response) if k == kind}
