"""Fixtures of the redirect table's tests: boards with domains of their own, and the
seeds' Trà Vinh (merged into Vĩnh Long on 1/7/2025; its old domain
tuyengiao.travinh.gov.vn is a legacy domain in the fixtures)."""

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from articles.models import Article
from provinces.models import Board, BoardDomain, Membership
from tests.factories import make_article, make_unit

LEGACY = "tuyengiao.travinh.gov.vn"
VINH_LONG = "tuyengiao.vinhlong.gov.vn"


@pytest.fixture
def add_domain(django_capture_on_commit_callbacks):
    """``add_domain(board, host, kind="primary")``. The host map is read once per content
    version, and a new version starts when the domain's transaction commits."""

    def add(board, host, kind=BoardDomain.Kind.PRIMARY):
        with django_capture_on_commit_callbacks(execute=True):
            return BoardDomain.objects.create(board=board, host=host, kind=kind)

    return add


@dataclass
class Site:
    board: Board
    host: str
    article: Article


def _site(add_domain, name, slug, host):
    unit = make_unit(name=name, slug=slug)
    article = make_article(unit=unit, title=f"Tin của {name}")
    add_domain(unit.board, host)
    return Site(unit.board, host, article)


@pytest.fixture
def own(db, add_domain):
    """A board with its own site on tuyengiaolangson.vn and a published article."""
    return _site(add_domain, "Lạng Sơn", "lang-son-thu", "tuyengiaolangson.vn")


@pytest.fixture
def other(db, add_domain):
    return _site(add_domain, "Cao Bằng", "cao-bang-thu", "tuyengiaocaobang.vn")


@pytest.fixture
def tra_vinh(seeds):
    """(Trà Vinh's board, its 2021 article, Vĩnh Long's board)."""
    article = Article.objects.published().filter(unit__slug="tra-vinh").first()
    return (
        Board.objects.get(unit__slug="tra-vinh"),
        article,
        Board.objects.get(unit__slug="vinh-long"),
    )


def member(board, role, username):
    """A staff account of ``board`` (no password: tests sign in with force_login)."""
    user = get_user_model().objects.create_user(username, password=None, is_staff=True)
    Membership.objects.create(user=user, board=board, role=role)
    return user


def superuser(username="quantri"):
    return get_user_model().objects.create_superuser(username, "qt@example.vn", None)
