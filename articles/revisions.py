"""Article revisions: a snapshot of the editable fields at each save through the admin,
and restoring one (which is itself saved as a new revision).

Only content is versioned: title, summary, body, unit, section, directives, byline,
source and "featured". Status and publish time belong to the workflow (restoring an old
version never publishes or unpublishes anything).
"""

import difflib
import html
import re

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from provinces import access
from provinces.models import Unit

from .models import Article, ArticleEvent, ArticleRevision, Section

TEXT_FIELDS = ["title", "summary", "body", "byline", "source"]
FIELDS = [*TEXT_FIELDS, "unit_id", "section_id", "is_featured", "directive_ids"]
LABELS = {
    "title": "Tiêu đề",
    "summary": "Sapo",
    "body": "Nội dung",
    "byline": "Tác giả",
    "source": "Nguồn",
    "unit_id": "Đơn vị đăng",
    "section_id": "Chuyên mục",
    "is_featured": "Tin nổi bật",
    "directive_ids": "Văn bản liên quan",
}


def snapshot(article):
    data = {name: getattr(article, name) for name in TEXT_FIELDS}
    data["unit_id"] = article.unit_id
    data["section_id"] = article.section_id
    data["is_featured"] = article.is_featured
    data["directive_ids"] = sorted(article.directives.values_list("pk", flat=True))
    return data


def record(*, article, by, note=""):
    """Store the article's current content as its next revision."""
    with transaction.atomic():
        # Serialise numbering per article (two saves at once must not clash).
        Article.objects.select_for_update().filter(pk=article.pk).first()
        last = article.revisions.aggregate(n=Max("number"))["n"] or 0
        return ArticleRevision.objects.create(
            article=article,
            number=last + 1,
            created_by=by if by and by.is_authenticated else None,
            data=snapshot(article),
            note=note[:300],
        )


def restore(*, revision, by):
    """Put ``revision``'s content back on its article and record that as a new
    revision. Returns (new_revision, dropped) where ``dropped`` names what could not be
    restored because it is outside ``by``'s board or no longer exists."""
    Directive = Article.directive_model()

    article = revision.article
    if not access.can_edit_content(by) or not access.in_scope(by, article.unit_id):
        raise PermissionDenied("Bạn không có quyền sửa bài này.")
    data = revision.data
    dropped = []
    with transaction.atomic():
        for name in TEXT_FIELDS:
            if name in data:
                setattr(article, name, data[name] or "")
        article.is_featured = bool(data.get("is_featured", article.is_featured))
        unit_id = data.get("unit_id")
        if unit_id and unit_id != article.unit_id:
            if access.in_scope(by, unit_id):
                article.unit_id = unit_id
            else:
                dropped.append("đơn vị đăng (ngoài phạm vi của ban)")
        section_id = data.get("section_id")
        if section_id is None:
            article.section_id = None
        elif Section.objects.filter(pk=section_id).filter(section_scope(by)).exists():
            article.section_id = section_id
        else:
            dropped.append("chuyên mục (không còn hoặc ngoài phạm vi)")
        article.save()
        wanted = set(data.get("directive_ids", []))
        allowed = set(
            Directive.objects.filter(pk__in=wanted)
            .filter(directive_scope(by))
            .values_list("pk", flat=True)
        )
        if wanted - allowed:
            dropped.append(f"{len(wanted - allowed)} văn bản (không còn hoặc ngoài phạm vi)")
        article.directives.set(allowed)
        when = timezone.localtime(revision.created_at)
        new = record(
            article=article,
            by=by,
            note=f"Khôi phục từ phiên bản {revision.number} ({when:%d/%m/%Y %H:%M})",
        )
        ArticleEvent.objects.create(
            article=article,
            action=ArticleEvent.Action.RESTORED,
            from_status=article.status,
            to_status=article.status,
            actor=by,
            note=f"Phiên bản {revision.number} → phiên bản {new.number}",
        )
    return new, dropped


def section_scope(user):
    """Sections a user may file under: the shared ones and their board's own."""
    ids = access.unit_ids(user)
    if ids is None:
        return Q()
    return Q(unit__isnull=True) | Q(unit__in=ids)


def directive_scope(user):
    """Directives a user may link: the central ones and their board's own."""
    ids = access.unit_ids(user)
    if ids is None:
        return Q()
    return Q(unit__kind=Unit.Kind.CENTRAL) | Q(unit__in=ids)


def readable(data):
    """A snapshot with ids replaced by names, for people to read."""
    Directive = Article.directive_model()

    shown = dict(data)
    if data.get("unit_id"):
        unit = Unit.objects.filter(pk=data["unit_id"]).first()
        shown["unit_id"] = unit.name if unit else f"(đã xoá: {data['unit_id']})"
    if data.get("section_id"):
        section = Section.objects.filter(pk=data["section_id"]).first()
        shown["section_id"] = section.name if section else "(đã xoá)"
    else:
        shown["section_id"] = "—"
    ids = data.get("directive_ids") or []
    found = {d.pk: d.name for d in Directive.objects.filter(pk__in=ids)}
    shown["directive_ids"] = ", ".join(found.get(i, "(đã xoá)") for i in ids) or "—"
    shown["is_featured"] = "Có" if data.get("is_featured") else "Không"
    return shown


_TAGS = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|h\d|li|blockquote|tr|figure|table|ul|ol)>|<br\s*/?>", re.I)


def plain_lines(value):
    """Body HTML as lines of text, for a readable diff."""
    text = _BLOCK_END.sub("\n", value or "")
    text = html.unescape(_TAGS.sub("", text))
    return [line.strip() for line in text.splitlines() if line.strip()]


def diff(old, new):
    """Field-by-field differences between two snapshots: [(label, [diff lines])]."""
    changes = []
    for name in FIELDS:
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        if name == "body":
            lines = list(difflib.unified_diff(plain_lines(a), plain_lines(b), lineterm="", n=1))[2:]
        else:
            lines = [f"- {a}", f"+ {b}"]
        changes.append((LABELS[name], lines))
    return changes
