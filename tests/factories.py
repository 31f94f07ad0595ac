"""Small factories: each makes one valid row with sensible defaults; tests override
what they care about."""

import itertools
from datetime import timedelta

from django.utils import timezone

from articles.models import Article, Comment, Section
from directives.models import Directive, Meeting
from provinces.models import Board, Unit

_seq = itertools.count(1)


def make_unit(**fields):
    n = next(_seq)
    fields.setdefault("name", f"Tỉnh thử {n}")
    fields.setdefault("full_name", f"Tỉnh {fields['name']}")
    fields.setdefault("kind", Unit.Kind.PROVINCE)
    if "code" not in fields and "merged_into" not in fields:
        fields["code"] = 200 + n
    unit = Unit.objects.create(**fields)
    Board.objects.create(unit=unit, name=f"Ban Tuyên giáo và Dân vận Tỉnh ủy {unit.name}")
    return unit


def make_section(**fields):
    fields.setdefault("name", f"Chuyên mục {next(_seq)}")
    return Section.objects.create(**fields)


def make_article(**fields):
    if "unit" not in fields:
        fields["unit"] = make_unit()
    fields.setdefault("title", f"Bài viết thử {next(_seq)}")
    fields.setdefault("status", Article.Status.PUBLISHED)
    if fields["status"] == Article.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
    fields.setdefault("summary", "Tóm tắt bài viết.")
    fields.setdefault("body", "<p>Nội dung bài viết.</p>")
    directives = fields.pop("directives", [])
    article = Article.objects.create(**fields)
    if directives:
        article.directives.set(directives)
    return article


def make_directive(**fields):
    n = next(_seq)
    if "unit" not in fields:
        fields["unit"] = Unit.objects.filter(kind=Unit.Kind.CENTRAL).first() or make_unit(
            name="Trung ương", kind=Unit.Kind.CENTRAL, code=None, slug="trung-uong"
        )
    fields.setdefault("kind", Directive.Kind.NGHI_QUYET)
    fields.setdefault("symbol", f"{n}-NQ/TW")
    fields.setdefault("title", f"Về việc thử nghiệm số {n}")
    fields.setdefault("issuer", "Bộ Chính trị")
    fields.setdefault("is_published", True)  # as a chief approved it
    return Directive.objects.create(**fields)


def make_meeting(**fields):
    if "unit" not in fields:
        fields["unit"] = make_unit()
    fields.setdefault("title", f"Hội nghị thử {next(_seq)}")
    fields.setdefault("kind", Meeting.Kind.SO_KET)
    fields.setdefault("date", timezone.localdate())
    fields.setdefault("is_published", True)  # as a chief approved it
    directives = fields.pop("directives", [])
    articles = fields.pop("articles", [])
    meeting = Meeting.objects.create(**fields)
    meeting.directives.set(directives)
    meeting.articles.set(articles)
    return meeting


def make_comment(article, **fields):
    fields.setdefault("name", "Bạn đọc")
    fields.setdefault("text", "Ý kiến thử.")
    return Comment.objects.create(article=article, **fields)
