"""The figures of a filtered report: totals, the units × directives table and articles
per month or year, cached per filter and visibility scope for a few minutes.

Each filtered set is scanned as few times as possible: one GROUP BY (unit, month) over
the articles gives their count, views, per-unit and per-month figures; one GROUP BY
unit over the meetings gives theirs; one GROUP BY (unit, directive) over each set's
directive links gives the summary table; one aggregate gives the connection points.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from core.cache import get_or_compute
from provinces import access
from provinces.models import Unit

from ..models import ConnectionPoint, Directive
from .filters import ReportFilterSet
from .rows import unit_label
from .selectors import filtered

# The summary table shows at most this many directives as columns when none is chosen.
SUMMARY_DIRECTIVES = 8
# The per-unit chart shows at most this many units (the busiest).
CHART_UNITS = 15
# A period longer than this many months is charted per year instead of per month.
CHART_MONTHS = 36


# --- Grouped figures --------------------------------------------------------------------


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
        .annotate(
            month=TruncMonth(
                Coalesce("published_at", "created_at"), tzinfo=timezone.get_default_timezone()
            )
        )
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


# --- Totals -----------------------------------------------------------------------------


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


# --- Units × directives -----------------------------------------------------------------


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


# --- Per period -------------------------------------------------------------------------


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
# v2: the cached classes moved into directives.reports.figures; v1 entries (pickled as
# directives.reports.Figures) would not load.
CACHE_PREFIX = "reports:figures:v2:"


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
    separately, see rows.PagedRows), from the cache when computed in the last few
    minutes."""
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
