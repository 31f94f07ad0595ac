"""Fixtures of the editorial admin tests: two boards ("own" and "other") and a user per
role on the own board."""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model

from articles.models import Article
from provinces.models import Membership, Unit
from tests.factories import make_article, make_comment, make_directive, make_unit

PASSWORD = "Mat-khau-that-dai-2025"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing a password with the production hasher costs ~0.5 s; these tests make
    several accounts each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_member(unit, role, username, **fields):
    user = get_user_model().objects.create_user(
        username, password=PASSWORD, is_staff=role != Membership.Role.ANALYST, **fields
    )
    Membership.objects.create(user=user, board=unit.board, role=role)
    return user


def make_superuser(username="quantri"):
    return get_user_model().objects.create_superuser(username, "qt@example.vn", PASSWORD)


@dataclass
class Board:
    unit: Unit
    draft: Article
    pending: Article
    published: Article
    comment: object
    directive: object
    extra: dict = field(default_factory=dict)


def _board(name):
    unit = make_unit(name=name)
    published = make_article(unit=unit, title=f"Bài đã đăng của {name}")
    return Board(
        unit=unit,
        draft=make_article(unit=unit, status=Article.Status.DRAFT, title=f"Bản nháp của {name}"),
        pending=make_article(
            unit=unit, status=Article.Status.PENDING, title=f"Bài chờ duyệt của {name}"
        ),
        published=published,
        comment=make_comment(published, text=f"Ý kiến về bài của {name}"),
        directive=make_directive(
            unit=unit, symbol=f"{unit.pk}-KH/TU", title=f"Kế hoạch của {name}"
        ),
    )


@pytest.fixture
def world(db):
    """Board "own" (Tỉnh Đông) and board "other" (Tỉnh Tây), each with a draft, an article
    waiting for approval, a published article with a pending comment and a directive;
    users: editor, chief and analyst of "own", and a superuser."""
    central = Unit.objects.filter(kind=Unit.Kind.CENTRAL).first() or make_unit(
        name="Trung ương", kind=Unit.Kind.CENTRAL, code=None, slug="trung-uong"
    )
    own = _board("Tỉnh Đông")
    other = _board("Tỉnh Tây")
    users = {
        "editor": make_member(own.unit, Membership.Role.EDITOR, "bientap"),
        "chief": make_member(own.unit, Membership.Role.CHIEF, "truongban"),
        "analyst": make_member(own.unit, Membership.Role.ANALYST, "chuyenvien"),
        "superuser": make_superuser(),
    }
    central_directive = make_directive(unit=central, symbol="35-NQ/TW", title="Nghị quyết 35")
    return {
        "own": own,
        "other": other,
        "users": users,
        "central": central,
        "central_directive": central_directive,
    }


def article_form_data(article=None, **overrides):
    """A complete admin change-form POST for an article (no images)."""
    data = {
        "title": article.title if article else "Bài mới",
        "summary": article.summary if article else "Tóm tắt.",
        "body": article.body if article else "<p>Nội dung.</p>",
        "unit": str(article.unit_id) if article else "",
        "section": str(article.section_id or "") if article else "",
        "byline": article.byline if article else "",
        "source": article.source if article else "",
        "slug": article.slug if article else "",
        "published_at_0": "",
        "published_at_1": "",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
    }
    if article is not None:
        directives = list(article.directives.values_list("pk", flat=True))
        if directives:
            data["directives"] = [str(pk) for pk in directives]
        if article.published_at:
            from django.utils import timezone

            local = timezone.localtime(article.published_at)
            data["published_at_0"] = local.strftime("%d/%m/%Y")
            data["published_at_1"] = local.strftime("%H:%M:%S")
    data.update(overrides)
    return data


def board_form_data(board, **overrides):
    data = {
        "unit": str(board.unit_id),
        "name": board.name,
        "site_name": board.site_name,
        "editor_in_chief": board.editor_in_chief,
        "editor_in_chief_title": board.editor_in_chief_title,
        "address": board.address,
        "phone": board.phone,
        "email": board.email,
        "website": board.website,
        "reprint_notice": board.reprint_notice,
        "visits_baseline": str(board.visits_baseline),
        "visits_baseline_on": "",
        "names-TOTAL_FORMS": "0",
        "names-INITIAL_FORMS": "0",
        "names-MIN_NUM_FORMS": "0",
        "names-MAX_NUM_FORMS": "1000",
        "domains-TOTAL_FORMS": "0",
        "domains-INITIAL_FORMS": "0",
        "domains-MIN_NUM_FORMS": "0",
        "domains-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data
