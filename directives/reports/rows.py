"""The report's result table: one UNION of the matching articles and meetings, ordered
and sliced in the database; only the rows of one page (or one export chunk) are loaded
as objects, each kind and its units, sections and directives in a fixed number of
queries. So the number of queries never grows with the number of matching rows.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    BigIntegerField,
    CharField,
    DateField,
    DateTimeField,
    F,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Collate, TruncDate
from django.utils import timezone

from articles.models import Article, Section
from provinces.models import Unit

from ..models import Directive, Meeting
from .filters import ARTICLE, MEETING

PAGE_SIZE = 50

# --- Sorting ----------------------------------------------------------------------------

DEFAULT_SORT = "-ngay"
# Public sort key → the union's columns (see result_rows). Anything else falls back.
# Dates sort by the exact moment (an article's publish time, a meeting's day), so each
# branch of the union can be ordered and cut on its own (see PagedRows).
SORT_COLUMNS = {
    "ngay": "moment",
    "tieu-de": "sort_title",
    "don-vi": "sort_unit",
    "loai": "row_kind",
    "luot-xem": "sort_views",
}
SORT_LABELS = {
    "ngay": "Ngày",
    "tieu-de": "Tiêu đề",
    "don-vi": "Đơn vị",
    "loai": "Loại",
    "luot-xem": "Lượt xem",
}


def parse_sort(value):
    """A whitelisted sort key ("ngay", "-ngay", ...); unknown values give the default."""
    value = (value or "").strip()
    return value if value.lstrip("-") in SORT_COLUMNS else DEFAULT_SORT


def _order_by(sort, *, branch=False, articles=False):
    """The union's order; with ``branch``, the same order within one branch (where the
    row kind is constant), so the first N rows of a branch are the first N rows of
    that kind in the union. An article's moment is never empty, so its branch orders
    by it without NULLS LAST, which lets PostgreSQL read `article_moment_idx` (a
    DESC index keeps NULLs first) instead of sorting every article."""
    column = SORT_COLUMNS[sort.lstrip("-")]
    descending = sort.startswith("-")

    def desc(name):
        return F(name).desc() if articles and name == "moment" else F(name).desc(nulls_last=True)

    primary = desc(column) if descending else F(column).asc(nulls_last=True)
    # Ties are broken the same way every time, so pages never repeat or skip a row.
    tie = [desc("moment")] if column != "moment" else []
    kind = [] if branch else [F("row_kind").asc()]
    return [primary, *tie, *kind, F("row_id").desc()]


def _text_sort(name):
    # Vietnamese alphabetical order on PostgreSQL (ICU collation shipped with it);
    # SQLite sorts by code point.
    if connection.vendor == "postgresql":
        return Collate(F(name), "vi-x-icu")
    return F(name)


# --- The union --------------------------------------------------------------------------

ROW_FIELDS = ("row_kind", "row_id", "moment", "day", "sort_title", "sort_unit", "sort_views")


def _article_rows(articles):
    return (
        articles.order_by()
        .annotate(
            row_kind=Value(ARTICLE, output_field=CharField()),
            row_id=F("pk"),
            # Never empty (created_at is required); an index serves ORDER BY on it.
            moment=Coalesce("published_at", "created_at"),
            day=TruncDate(
                Coalesce("published_at", "created_at"), tzinfo=timezone.get_default_timezone()
            ),
            sort_title=_text_sort("title"),
            sort_unit=_text_sort("unit__name"),
            sort_views=F("views"),
        )
        .values(*ROW_FIELDS)
    )


def _meeting_rows(meetings):
    # A meeting without a day is placed at the end of the period it reviewed.
    day = Coalesce("date", "period_end", output_field=DateField())
    return (
        meetings.order_by()
        .annotate(
            row_kind=Value(MEETING, output_field=CharField()),
            row_id=F("pk"),
            moment=Cast(day, DateTimeField()),
            day=day,
            sort_title=_text_sort("title"),
            sort_unit=_text_sort("unit__name"),
            # Typed: inside a parenthesised branch PostgreSQL would read a bare NULL as text.
            sort_views=Cast(Value(None), BigIntegerField()),
        )
        .values(*ROW_FIELDS)
    )


def result_rows(*, articles, meetings, sort):
    """One ordered UNION of the matching articles and meetings, as dicts with row_kind,
    row_id, moment, day, sort_title, sort_unit, sort_views. Slice it for a page; for
    pages of a big report use PagedRows, which cuts each branch first."""
    return (
        _article_rows(articles).union(_meeting_rows(meetings), all=True).order_by(*_order_by(sort))
    )


class PagedRows:
    """The ordered union for the paginator, one slice at a time. Where the database
    allows ORDER BY and LIMIT inside a UNION (PostgreSQL), each branch is ordered and cut
    at the slice's end first: page 1 of a million articles reads 50 rows of an index
    instead of sorting a million."""

    def __init__(self, *, articles, meetings, sort):
        self.articles, self.meetings, self.sort = articles, meetings, sort

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.stop is None:
            raise TypeError("PagedRows takes slices with an end")
        start, stop = index.start or 0, index.stop
        if stop <= start:  # an empty report asks for rows [0:0]
            return []
        if not connection.features.supports_slicing_ordering_in_compound:
            return list(
                result_rows(articles=self.articles, meetings=self.meetings, sort=self.sort)[
                    start:stop
                ]
            )
        parts = []
        if not self.articles.query.is_empty():
            order = _order_by(self.sort, branch=True, articles=True)
            parts.append(_article_rows(self.articles).order_by(*order))
        if not self.meetings.query.is_empty():
            parts.append(_meeting_rows(self.meetings).order_by(*_order_by(self.sort, branch=True)))
        if not parts:
            return []
        if len(parts) == 1:  # one kind only (a kind or section filter): no union needed
            return list(parts[0][start:stop])
        articles, meetings = (part[:stop] for part in parts)
        return list(articles.union(meetings, all=True).order_by(*_order_by(self.sort))[start:stop])


# --- Rows as objects --------------------------------------------------------------------


MEETING_KIND_LABELS = dict(Meeting.Kind.choices)
MEETING_FORMAT_LABELS = dict(Meeting.Format.choices)


def unit_label(unit):
    """A unit's name, and for a pre-2025 unit the unit that holds its history today."""
    if unit.merged_into_id:
        return f"{unit.name} (nay thuộc {unit.merged_into.name})"
    return unit.name


@dataclass
class ReportRow:
    """One line of the result table or of an export: an article or a meeting, with its
    unit, section and directives looked up once per page or export chunk."""

    kind: str
    obj: object
    day: datetime.date | None
    unit: Unit
    directives: list
    directive_names: str = ""
    section: object = None

    @property
    def is_article(self):
        return self.kind == ARTICLE

    @property
    def kind_label(self):
        return "Bài viết" if self.is_article else MEETING_KIND_LABELS.get(self.obj.kind, "")

    @property
    def title(self):
        return self.obj.title

    @property
    def unit_label(self):
        return unit_label(self.unit)

    @property
    def section_name(self):
        return self.section.name if self.section is not None else ""

    @property
    def is_public(self):
        # Article.is_published is the published() rule for one row; Meeting's is a field.
        return bool(self.obj.is_published)

    @property
    def status_label(self):
        """How far from the public the row is ("" when it is public)."""
        if self.is_article:
            a = self.obj
            return "" if a.is_published else a.state_label
        return "" if self.obj.is_published else "Không công khai"

    @property
    def period_label(self):
        return "" if self.is_article else self.obj.period_label

    @property
    def format_label(self):
        return "" if self.is_article else MEETING_FORMAT_LABELS.get(self.obj.format, "")

    @property
    def views(self):
        return self.obj.views if self.is_article else None

    @property
    def connection_points(self):
        """Known connection points of a meeting (None: unknown or not a meeting)."""
        return None if self.is_article else self.obj.cp_total

    @property
    def attendance(self):
        return None if self.is_article else self.obj.attendance

    @property
    def has_date(self):
        if self.is_article:
            return self.day is not None
        return self.obj.date is not None


# Only what a row shows: an export of tens of thousands of rows builds no more than it must.
ARTICLE_FIELDS = ("id", "title", "slug", "status", "published_at", "views", "unit_id", "section_id")
MEETING_FIELDS = (
    "id",
    "title",
    "slug",
    "kind",
    "unit_id",
    "date",
    "period_label",
    "format",
    "attendance",
    "is_published",
)


class Lookups:
    """Units, sections and directives already loaded, shared by the chunks of an export
    (there are few of them, and every row names some)."""

    def __init__(self):
        self.units = {}
        self.sections = {}
        self.directives = {}

    def load(self, *, unit_ids, section_ids, directive_ids):
        if missing := set(unit_ids) - self.units.keys():
            self.units.update(Unit.objects.select_related("merged_into").in_bulk(missing))
        if missing := set(section_ids) - self.sections.keys():
            self.sections.update(Section.objects.only("id", "name").in_bulk(missing))
        if missing := set(directive_ids) - self.directives.keys():
            for pk, d in Directive.objects.select_related("unit").in_bulk(missing).items():
                self.directives[pk] = d
                # Computed once per directive, not once per row that names it.
                d.report_name = d.name
                d.report_order = (
                    not d.unit.is_central,
                    d.issued_on is None,
                    d.issued_on or datetime.date.min,
                    d.report_name,
                )


def _links(through, owner, ids):
    found = {}
    for owner_id, directive_id in (
        through.objects.filter(**{f"{owner}__in": ids})
        .order_by()
        .values_list(owner, "directive_id")
    ):
        found.setdefault(owner_id, []).append(directive_id)
    return found


def hydrate(rows, *, lookups=None):
    """Turn union rows (dicts) into ReportRows with their objects, in a fixed number of
    queries whatever the number of rows."""
    lookups = lookups or Lookups()
    article_ids = [r["row_id"] for r in rows if r["row_kind"] == ARTICLE]
    meeting_ids = [r["row_id"] for r in rows if r["row_kind"] == MEETING]
    articles, meetings, article_links, meeting_links = {}, {}, {}, {}
    if article_ids:
        articles = Article.objects.only(*ARTICLE_FIELDS).in_bulk(article_ids)
        article_links = _links(Article.directives.through, "article_id", article_ids)
    if meeting_ids:
        meetings = (
            Meeting.objects.only(*MEETING_FIELDS)
            .annotate(cp_total=Sum("connection_points__count"))
            .in_bulk(meeting_ids)
        )
        meeting_links = _links(Meeting.directives.through, "meeting_id", meeting_ids)
    objects = [*articles.values(), *meetings.values()]
    lookups.load(
        unit_ids={o.unit_id for o in objects},
        section_ids={a.section_id for a in articles.values() if a.section_id},
        directive_ids={
            d for ids in [*article_links.values(), *meeting_links.values()] for d in ids
        },
    )
    found = []
    for r in rows:
        is_article = r["row_kind"] == ARTICLE
        obj = (articles if is_article else meetings).get(r["row_id"])
        if obj is None:  # deleted between the two queries
            continue
        day = r["day"]
        if isinstance(day, datetime.datetime):
            day = day.date()
        links = (article_links if is_article else meeting_links).get(obj.pk, [])
        directives = sorted((lookups.directives[d] for d in links), key=lambda d: d.report_order)
        found.append(
            ReportRow(
                kind=r["row_kind"],
                obj=obj,
                day=day,
                unit=lookups.units[obj.unit_id],
                section=lookups.sections.get(obj.section_id) if is_article else None,
                directives=directives,
                directive_names=", ".join(d.report_name for d in directives),
            )
        )
    return found


def iter_rows(*, articles, meetings, sort, chunk_size=500):
    """Every matching row in order, for exports: read in chunks, each hydrated with a
    fixed number of queries."""
    rows = result_rows(articles=articles, meetings=meetings, sort=sort)
    lookups = Lookups()
    batch = []
    for row in rows.iterator(chunk_size=chunk_size):
        batch.append(row)
        if len(batch) >= chunk_size:
            yield from hydrate(batch, lookups=lookups)
            batch = []
    if batch:
        yield from hydrate(batch, lookups=lookups)
