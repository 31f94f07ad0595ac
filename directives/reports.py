"""Selectors of the staff report (/bao-cao/): what a user may see, and the figures of a
filtered report.

A report is a ``ReportFilterSet`` (directives/filters.py) plus these functions; the views
only render. The figures come from a few grouped queries (see "Figures") and are cached
per filter and visibility scope for a few minutes; the result table is a UNION of
articles and meetings ordered and sliced in the database, and only the rows of one page
(or one export chunk) are loaded as objects. So the number of queries never grows with
the number of matching rows.
"""

import datetime
import hashlib
import logging
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.models import (
    BigIntegerField,
    CharField,
    Count,
    DateField,
    DateTimeField,
    F,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Collate, TruncDate, TruncMonth
from django.utils import timezone

from articles.models import Article
from core.cache import get_or_compute
from provinces import access
from provinces.models import Unit

from .filters import ARTICLE, MEETING, ReportFilterSet
from .models import ConnectionPoint, Directive, Meeting

PAGE_SIZE = 50
# The summary table shows at most this many directives as columns when none is chosen.
SUMMARY_DIRECTIVES = 8
# The per-unit chart shows at most this many units (the busiest).
CHART_UNITS = 15
# A period longer than this many months is charted per year instead of per month.
CHART_MONTHS = 36


def _tz():
    return ZoneInfo(settings.TIME_ZONE)


# --- Who sees what ----------------------------------------------------------------------


def filtered(*, filters: ReportFilterSet, user):
    """The matching (articles, meetings) querysets; ``filters`` must be valid."""
    articles = filters.filter_queryset(Article.objects.visible_to(user))
    meetings = filters.filter_queryset(Meeting.objects.visible_to(user))
    return articles, meetings


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


ROW_FIELDS = ("row_kind", "row_id", "moment", "day", "sort_title", "sort_unit", "sort_views")


def _article_rows(articles):
    return (
        articles.order_by()
        .annotate(
            row_kind=Value(ARTICLE, output_field=CharField()),
            row_id=F("pk"),
            # Never empty (created_at is required); an index serves ORDER BY on it.
            moment=Coalesce("published_at", "created_at"),
            day=TruncDate(Coalesce("published_at", "created_at"), tzinfo=_tz()),
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
        from articles.models import Section

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


# --- Figures ----------------------------------------------------------------------------
#
# Each filtered set is scanned as few times as possible: one GROUP BY (unit, month) over
# the articles gives their count, views, per-unit and per-month figures; one GROUP BY
# unit over the meetings gives theirs; one GROUP BY (unit, directive) over each set's
# directive links gives the summary table; one aggregate gives the connection points.


@dataclass
class Groups:
    """The grouped figures every part of the report is computed from."""

    # (unit id, first day of the month or None, articles, views)
    articles: list
    # (unit id, meetings, attendance sum, meetings with a known attendance)
    meetings: list

    def articles_per_unit(self):
        found = {}
        for unit_id, _month, n, _views in self.articles:
            found[unit_id] = found.get(unit_id, 0) + n
        return found

    def meetings_per_unit(self):
        return {unit_id: n for unit_id, n, _people, _known in self.meetings}

    def articles_per_month(self):
        found = {}
        for _unit, month, n, _views in self.articles:
            if month is not None:
                found[month] = found.get(month, 0) + n
        return found


def groups(*, articles, meetings):
    article_rows = []
    for unit_id, month, n, views in (
        articles.order_by()
        .annotate(month=TruncMonth(Coalesce("published_at", "created_at"), tzinfo=_tz()))
        .values("unit_id", "month")
        .annotate(n=Count("pk"), views_sum=Sum("views"))
        .values_list("unit_id", "month", "n", "views_sum")
    ):
        # TruncMonth gives the month's first instant in local time.
        if isinstance(month, datetime.datetime):
            month = month.date()
        article_rows.append((unit_id, month, n, views or 0))
    meeting_rows = list(
        meetings.order_by()
        .values("unit_id")
        .annotate(n=Count("pk"), people=Sum("attendance"), known=Count("attendance"))
        .values_list("unit_id", "n", "people", "known")
    )
    return Groups(articles=article_rows, meetings=meeting_rows)


@dataclass
class Totals:
    articles: int = 0
    views: int = 0
    meetings: int = 0
    attendance: int | None = None  # sum of the known figures; None: none known
    attendance_known: int = 0  # meetings whose attendance is known
    connection_points: int | None = None  # sum of the known counts; None: none known
    connection_point_groups_unknown: int = 0  # connection-point rows without a count

    @property
    def attendance_unknown(self):
        return self.meetings - self.attendance_known

    @property
    def total(self):
        return self.articles + self.meetings


def totals(*, grouped, meetings):
    known_people = [people for _u, _n, people, known in grouped.meetings if known]
    cp = (
        ConnectionPoint.objects.filter(meeting__in=meetings.order_by().values("pk"))
        .order_by()
        .aggregate(points=Sum("count"), unknown=Count("pk", filter=Q(count__isnull=True)))
    )
    return Totals(
        articles=sum(n for _u, _m, n, _v in grouped.articles),
        views=sum(v for _u, _m, _n, v in grouped.articles),
        meetings=sum(n for _u, n, _p, _k in grouped.meetings),
        attendance=sum(known_people) if known_people else None,
        attendance_known=sum(k for _u, _n, _p, k in grouped.meetings),
        connection_points=cp["points"],
        connection_point_groups_unknown=cp["unknown"],
    )


def unit_label(unit):
    if unit.merged_into_id:
        return f"{unit.name} (nay thuộc {unit.merged_into.name})"
    return unit.name


@dataclass
class SummaryRow:
    unit: Unit
    articles: int
    meetings: int
    cells: list  # one (articles, meetings) pair per summary directive

    @property
    def label(self):
        return unit_label(self.unit)

    @property
    def total(self):
        return self.articles + self.meetings


@dataclass
class Summary:
    """Units × directives: how many matching articles / meetings of each unit are linked
    to each directive, with each unit's totals."""

    directives: list
    rows: list
    column_totals: list
    articles: int
    meetings: int
    more_directives: int = 0  # linked directives left out of the columns

    @property
    def columns(self):
        return list(zip(self.directives, self.column_totals, strict=True))


def summary(*, articles, meetings, grouped, directive_ids=None, chosen_id=None):
    """The units × directives table. With a directive filter its columns are the chosen
    directive (``chosen_id``) then its continuations in the order they were issued;
    otherwise the directives most linked to the matching material."""
    # Straight from the filtered rows through their directive links: one GROUP BY each.
    article_links = _unit_directive_counts(articles)
    meeting_links = _unit_directive_counts(meetings)
    per_unit_articles = grouped.articles_per_unit()
    per_unit_meetings = grouped.meetings_per_unit()

    weight = {}
    for (_unit, directive), n in [*article_links.items(), *meeting_links.items()]:
        weight[directive] = weight.get(directive, 0) + n
    if directive_ids is not None:
        column_ids = list(directive_ids)
        more = 0
    else:
        ranked = sorted(weight, key=lambda d: (-weight[d], d))
        column_ids = ranked[:SUMMARY_DIRECTIVES]
        more = max(0, len(ranked) - SUMMARY_DIRECTIVES)
    directives = Directive.objects.select_related("unit").filter(pk__in=column_ids)
    if directive_ids is not None:
        directives = sorted(
            directives,
            key=lambda d: (d.pk != chosen_id, d.issued_on or datetime.date.max, d.name),
        )
    else:
        directives = sorted(
            directives, key=lambda d: (-weight.get(d.pk, 0), not d.unit.is_central, d.name)
        )

    unit_ids = set(per_unit_articles) | set(per_unit_meetings)
    units = Unit.objects.select_related("merged_into").in_bulk(unit_ids)
    rows = []
    for unit_id in unit_ids:
        cells = [
            (article_links.get((unit_id, d.pk), 0), meeting_links.get((unit_id, d.pk), 0))
            for d in directives
        ]
        rows.append(
            SummaryRow(
                unit=units[unit_id],
                articles=per_unit_articles.get(unit_id, 0),
                meetings=per_unit_meetings.get(unit_id, 0),
                cells=cells,
            )
        )
    rows.sort(key=lambda r: (-r.total, r.unit.position, r.unit.name))
    column_totals = [
        (sum(r.cells[i][0] for r in rows), sum(r.cells[i][1] for r in rows))
        for i in range(len(directives))
    ]
    return Summary(
        directives=directives,
        rows=rows,
        column_totals=column_totals,
        articles=sum(per_unit_articles.values()),
        meetings=sum(per_unit_meetings.values()),
        more_directives=more,
    )


def _unit_directive_counts(queryset):
    """{(unit id, directive id): number of rows} over ``queryset``'s directive links."""
    return {
        (unit_id, directive_id): n
        for unit_id, directive_id, n in queryset.order_by()
        .filter(directives__isnull=False)
        .values("unit_id", "directives")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "directives", "n")
    }


@dataclass
class PeriodCounts:
    """Articles per month (or per year when the span is long)."""

    granularity: str  # "month" or "year"
    points: list = field(default_factory=list)  # (label, count)


def _month_add(day, months):
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def articles_per_period(*, grouped):
    monthly = grouped.articles_per_month()
    if not monthly:
        return PeriodCounts(granularity="month")
    first, last = min(monthly), max(monthly)
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    if span <= CHART_MONTHS:
        points = []
        month = first
        while month <= last:
            points.append((f"{month:%m/%Y}", monthly.get(month, 0)))
            month = _month_add(month, 1)
        return PeriodCounts(granularity="month", points=points)
    yearly = {}
    for month, n in monthly.items():
        yearly[month.year] = yearly.get(month.year, 0) + n
    points = [(str(y), yearly.get(y, 0)) for y in range(first.year, last.year + 1)]
    return PeriodCounts(granularity="year", points=points)


# --- The whole report -------------------------------------------------------------------

# The figures (totals, summary table, charts) of one filter and one visibility scope are
# kept this long, so paging and re-sorting the result table, and downloading what is on
# screen, do not recompute them (at a million articles an unfiltered report's figures
# take seconds). The page says when they were computed. 0 turns the cache off.
CACHE_SECONDS = 300
CACHE_PREFIX = "reports:figures:v1:"

logger = logging.getLogger(__name__)


@dataclass
class Figures:
    totals: Totals
    summary: Summary
    per_period: PeriodCounts
    computed_at: datetime.datetime


@dataclass
class Report:
    articles: object  # QuerySet
    meetings: object  # QuerySet
    figures: Figures
    directive_ids: frozenset | None = None

    @property
    def totals(self):
        return self.figures.totals

    @property
    def summary(self):
        return self.figures.summary

    @property
    def per_period(self):
        return self.figures.per_period

    @property
    def computed_at(self):
        return self.figures.computed_at

    @property
    def per_unit(self):
        """(label, articles, meetings) for the busiest units, for the chart."""
        return [(r.label, r.articles, r.meetings) for r in self.summary.rows[:CHART_UNITS]]

    @property
    def more_units(self):
        return max(0, len(self.summary.rows) - CHART_UNITS)


def figures_cache_key(*, filters: ReportFilterSet, user):
    """One key per (valid filter values, what the user may see); sort and page are not
    part of it."""
    ids = access.unit_ids(user)
    scope = "all" if ids is None else ",".join(str(i) for i in sorted(ids))
    parts = []
    for name, value in sorted(filters.form.cleaned_data.items()):
        if hasattr(value, "pk"):
            value = value.pk
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        parts.append(f"{name}={value!r}")
    raw = f"{scope}|{'&'.join(parts)}"
    return CACHE_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def compute_figures(*, filters: ReportFilterSet, articles, meetings):
    grouped = groups(articles=articles, meetings=meetings)
    return Figures(
        totals=totals(grouped=grouped, meetings=meetings),
        summary=summary(
            articles=articles,
            meetings=meetings,
            grouped=grouped,
            directive_ids=filters.directive_ids,
            chosen_id=getattr(filters.cleaned("van_ban"), "pk", None),
        ),
        per_period=articles_per_period(grouped=grouped),
        computed_at=timezone.now(),
    )


def build_report(*, filters: ReportFilterSet, user):
    """Every figure of the page for valid ``filters`` (the result rows are paged
    separately, see result_rows), from the cache when computed in the last few minutes."""
    articles, meetings = filtered(filters=filters, user=user)
    seconds = getattr(settings, "REPORTS_CACHE_SECONDS", CACHE_SECONDS)

    def compute():
        return compute_figures(filters=filters, articles=articles, meetings=meetings)

    if seconds:
        # At a million articles an unfiltered report takes seconds to compute: staff
        # opening it together wait for one computation instead of each running it.
        key = figures_cache_key(filters=filters, user=user)
        figures = get_or_compute(key, compute, seconds)
    else:
        figures = compute()
    return Report(
        articles=articles,
        meetings=meetings,
        figures=figures,
        directive_ids=filters.directive_ids,
    )
