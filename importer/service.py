"""Pages → articles of one board: create, update or leave alone, and say what was done.

``ArchiveImport(...).page(page)`` imports one page in its own transaction, so one bad
page is reported and skipped and never undoes the others; the run keeps only counters
and a bounded list of reasons (``Report``), so memory stays flat on any archive.
"""

import datetime
import hashlib
import html
import json
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone

from articles import workflow
from articles.models import Article, Section
from core.text import fold
from provinces.models import Board
from redirects.addresses import split_url
from redirects.models import OldAddress

from . import linking, pictures
from .models import ImportedPage
from .pages import PageError

EXAMPLES = 50  # reasons listed per kind in the summary; the rest are counted
PROFILE_FIELDS = (
    "editor_in_chief",
    "editor_in_chief_title",
    "address",
    "phone",
    "email",
    "website",
    "reprint_notice",
    "trust_badge",
    "visits_baseline",
)


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list = field(default_factory=list)  # (origin, reason), at most EXAMPLES
    skipped_count: int = 0
    review: list = field(default_factory=list)  # (origin, [reasons]), at most EXAMPLES
    review_count: int = 0
    review_reasons: Counter = field(default_factory=Counter)
    unknown_directives: Counter = field(default_factory=Counter)
    redirects: int = 0
    profile: dict = field(default_factory=dict)  # field → (current, proposed)

    def skip(self, origin, reason):
        self.skipped_count += 1
        if len(self.skipped) < EXAMPLES:
            self.skipped.append((origin, reason))

    def merge(self, other):
        """Add another worker's report to this one."""
        for name in ("created", "updated", "unchanged", "skipped_count", "review_count"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.redirects += other.redirects
        self.skipped = (self.skipped + other.skipped)[:EXAMPLES]
        self.review = (self.review + other.review)[:EXAMPLES]
        self.review_reasons.update(other.review_reasons)
        self.unknown_directives.update(other.unknown_directives)
        for name, change in other.profile.items():
            self.profile.setdefault(name, change)

    def needs_review(self, origin, reasons):
        self.review_count += 1
        for reason in reasons:
            self.review_reasons[reason.split(":")[0]] += 1
        if len(self.review) < EXAMPLES:
            self.review.append((origin, reasons))


def render_body(page):
    """The body as the editor writes it: paragraphs, headings, <figure data-image="N">."""
    parts = []
    for kind, value in page.body:
        if kind == "image":
            parts.append(f'<figure data-image="{value}"></figure>')
        else:
            parts.append(f"<{kind}>{html.escape(value, quote=False)}</{kind}>")
    return "\n".join(parts)


def _hash(*parts):
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class ArchiveImport:
    """One run of the importer for the board of ``unit``.

    overrides: {file name or old address: {field: value}}, an editor's decisions
    (title, published_at, summary, byline, source, section, unit). publisher: the chief
    who publishes the imports with their original dates (None: drafts). dry_run: read
    and compare, write nothing.
    """

    def __init__(self, *, unit, section=None, publisher=None, dry_run=False, overrides=None):
        self.unit = unit
        self.default_section = section
        self.publisher = publisher
        self.dry_run = dry_run
        self.overrides = overrides or {}
        self.report = Report()
        self.register = linking.Register()
        self._sections = {
            _section_key(s.name): s for s in Section.objects.filter(unit__isnull=True)
        }
        self._units = {}
        self._families = {}
        self._hosts = set()  # old hosts already checked against the boards' domains

    # -- one page ------------------------------------------------------------------

    def page(self, origin, page):
        if isinstance(page, PageError):
            self.report.skip(origin, str(page))
            return "skipped"
        try:
            return self._page(page)
        except (PageError, workflow.WorkflowError, PermissionDenied) as error:
            self.report.skip(origin, str(error))
        except (ValidationError, ValueError, OSError, DatabaseError) as error:
            # the page's savepoint was rolled back (transaction.atomic in _page)
            reason = "; ".join(getattr(error, "messages", [str(error)]))
            self.report.skip(origin, reason)
        return "skipped"

    def _page(self, page):
        # What identifies a page without an old address: its title and opening as found
        # (before an editor's decisions), so a page corrected in its body updates its
        # article instead of making another.
        fingerprint = _hash(fold(page.title), fold(page.summary)[:300])
        fields = self._override(page)
        unit = self._unit(fields.pop("unit", None))
        board = unit.board
        notes = list(page.notes)
        section = self._section(fields.pop("section", None) or page.section_name, notes)
        for name in ("title", "summary", "byline", "source"):
            if name in fields:
                setattr(page, name, fields.pop(name))
                if name == "title":
                    notes = [n for n in notes if "tiêu đề" not in n]
        if "published_at" in fields:
            page.published_at = _moment(fields.pop("published_at"))
            notes = [n for n in notes if "ngày đăng" not in n]
        if not (page.summary or page.body):
            raise PageError("trang không có nội dung bài viết")
        if not page.title:
            raise PageError("không có tiêu đề")
        directive_ids, unknown = self.register.find(
            " ".join([page.title, page.summary, page.body_text()]), unit_ids=self._family(unit)
        )
        if unknown:
            notes.append("văn bản chưa có trong danh mục: " + ", ".join(unknown))
            self.report.unknown_directives.update(unknown)
        if unit.pk == self.unit.pk:
            # the profile offered is the run's board's (--update-profile writes that one)
            self._offer_profile(board, page.footer)

        body = render_body(page)
        key = _hash("url", page.old_url) if page.old_url else fingerprint
        content = _hash(
            unit.pk,
            section.pk if section else None,
            page.title,
            page.summary,
            body,
            page.byline,
            page.source,
            page.published_at,
            page.views,
            [(p.src, p.caption) for p in page.pictures],
            directive_ids,
            page.old_url,
            bool(self.publisher),
        )
        # known by its old address first, by its fingerprint failing that
        found = ImportedPage.objects.filter(
            Q(key=key) | Q(fingerprint=fingerprint), board=board
        ).select_related("article")
        record = min(found, key=lambda r: r.key != key, default=None)
        exists = record is not None and record.article_id is not None
        if exists and record.content_hash == content:
            self.report.unchanged += 1
            return "unchanged"
        if exists and record.article.updated_at > record.last_imported_at + datetime.timedelta(
            seconds=5
        ):
            raise PageError("bài đã được biên tập sau lần nhập trước: giữ bản của biên tập viên")
        if self.dry_run:
            self._count(page.origin, notes, created=not exists)
            return "updated" if exists else "created"

        values = {
            "title": page.title[:500],
            "summary": page.summary,
            "body": body,
            "unit": unit,
            "section": section,
            "byline": page.byline[:250],
            "source": page.source[:250],
            "published_at": page.published_at,
        }
        with transaction.atomic():
            if exists:
                article = record.article
                for name, value in values.items():
                    setattr(article, name, value)
                article.save()
                article.images.all().delete()
                if page.views and page.views > article.views:
                    Article.objects.filter(pk=article.pk, views__lt=page.views).update(
                        views=page.views
                    )
            else:
                article = Article(
                    **values,
                    views=page.views or 0,
                    created_at=page.published_at or timezone.now(),
                )
                article.save()
            if exists:
                article.directives.set(directive_ids)
            else:
                # A new article is a draft until _publish below (whose update starts a new
                # content version): one INSERT for its links, without set()'s queries.
                through = Article.directives.through
                through.objects.bulk_create(
                    [through(article_id=article.pk, directive_id=d) for d in directive_ids]
                )
            notes += pictures.add_pictures(article, page.pictures, page.base_dir, page.root_dir)
            notes += self._publish(article, page)
            notes += self._redirect(board, article, page.old_url)
            record = record or ImportedPage(board=board)
            record.key, record.fingerprint, record.content_hash = key, fingerprint, content
            record.old_url, record.origin = page.old_url[:2000], page.origin[-500:]
            record.article, record.needs_review, record.notes = article, bool(notes), notes
            record.unknown_directives = unknown
            record.save()
        self._count(page.origin, notes, created=not exists)
        return "updated" if exists else "created"

    def _count(self, origin, notes, *, created):
        if created:
            self.report.created += 1
        else:
            self.report.updated += 1
        if notes:
            self.report.needs_review(origin, notes)

    def _publish(self, article, page):
        if self.publisher is None:
            return []
        if page.published_at is None:
            return ["chưa xuất bản: không có ngày đăng gốc"]
        if article.status == Article.Status.PUBLISHED:
            return []
        # The chief's step, as in the admin: an ArticleEvent, hence the audit log.
        workflow.publish(
            article=article,
            by=self.publisher,
            at=page.published_at,
            note="Nhập từ trang cũ với ngày đăng gốc.",
        )
        return []

    def _redirect(self, board, article, old_url):
        """The page's old address leads to its article on the board's site: a row of the
        redirect table (redirects.models.OldAddress), checked by the table's own rules
        (the address written one way, the old host not another board's). The rules that
        need a query (the host's owner) are checked once per host and run, not per page:
        an archive has thousands of pages on one host."""
        if not old_url:
            return []
        try:
            host, path = split_url(old_url)
            if host not in self._hosts:
                OldAddress(board=board, host=host).check_host_belongs_to_board()
                self._hosts.add(host)
        except ValidationError as error:
            return [f"địa chỉ cũ {old_url}: {'; '.join(error.messages)}"]
        address = OldAddress.objects.at(host, path).first() or OldAddress(board=board, host=host)
        if address.pk and (address.article_id, address.target_path) == (article.pk, ""):
            return []  # already leads there
        address.board, address.path, address.article, address.target_path = board, path, article, ""
        address.save()
        self.report.redirects += 1
        return []

    # -- lookups -------------------------------------------------------------------

    def _override(self, page):
        for name in (page.old_url, page.origin, page.origin.rsplit("/", 1)[-1]):
            if name and name in self.overrides:
                return dict(self.overrides[name])
        base = page.origin.split("#", 1)[0].rsplit("/", 1)[-1]
        return dict(self.overrides.get(base, {}))

    def _unit(self, slug):
        if not slug:
            return self.unit
        if slug not in self._units:
            found = type(self.unit).objects.filter(slug=slug).select_related("merged_into").first()
            if found is None or not Board.objects.filter(unit=found).exists():
                raise PageError(f"không có đơn vị “{slug}” (trong tệp quyết định của biên tập)")
            self._units[slug] = found
        return self._units[slug]

    def _family(self, unit):
        """Ids of the units whose local directives an article of ``unit`` may name: its
        own, its successor's and those merged into the successor."""
        if unit.pk not in self._families:
            successor = unit.successor
            self._families[unit.pk] = {unit.pk, successor.pk, *successor.history_unit_ids()}
        return self._families[unit.pk]

    def _section(self, name, notes):
        if name:
            found = self._sections.get(_section_key(name))
            if found is None:
                found = Section.objects.filter(slug=name).first()
            if found is not None:
                return found
            notes.append(f"chuyên mục “{name}” chưa có: dùng chuyên mục mặc định")
        return self.default_section

    def _offer_profile(self, board, footer):
        for name in PROFILE_FIELDS:
            value = footer.get(name)
            if value in (None, "") or name in self.report.profile:
                continue
            if name == "email":
                try:
                    validate_email(value)
                except ValidationError:
                    continue
            current = getattr(board, name)
            if current != value:
                self.report.profile[name] = (current, value)

    def apply_profile(self, board):
        """Write the proposed footer profile on the board (--update-profile)."""
        changed = []
        for name, (_current, value) in self.report.profile.items():
            setattr(board, name, value)
            changed.append(name)
        if "visits_baseline" in changed:
            board.visits_baseline_on = timezone.localdate()
            changed.append("visits_baseline_on")
        if changed:
            board.save(update_fields=[*changed, "updated_at"])
        return changed


def _section_key(name):
    return "".join(ch for ch in fold(name) if ch.isalnum())


def _moment(value):
    """An override's publish time: "2021-07-01", "2021-07-01T12:00" (local time)."""
    if isinstance(value, datetime.datetime):
        moment = value
    else:
        text = str(value)
        moment = datetime.datetime.fromisoformat(
            text if "T" in text or " " in text else f"{text}T12:00"
        )
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
