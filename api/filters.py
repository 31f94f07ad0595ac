"""The API's filters, from query parameters to querysets. Every rule comes from its
home: visibility from the ``published()`` querysets, a unit's archives from
``ArticleQuerySet.of_unit`` and ``Unit.history_unit_ids``, a directive's continuations
from ``DirectiveQuerySet.with_continuations`` (as the staff report uses them), whole
days from ``core.dates.day_bounds``, folded search from ``core.search``. Anything a
stranger sends that is not acceptable raises a 400 problem naming the parameter."""

import re

from django.db.models import Exists, OuterRef
from django.utils import timezone

from articles.models import Article, Section
from core.dates import day_bounds
from core.params import EARLIEST_YEAR, LATEST_YEAR
from core.search import filter_matches, parse_query
from directives.models import Directive
from provinces.models import Board, Unit

from .problems import bad_parameter

_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,150}")


def _slug(value, name):
    if not _SLUG.fullmatch(value):
        raise bad_parameter(name, "cần một đường dẫn (slug).", "expected a slug.")
    return value


def unit_named(value, name):
    unit = Unit.objects.select_related("merged_into").filter(slug=_slug(value, name)).first()
    if unit is None:
        raise bad_parameter(name, f"không có đơn vị “{value}”.", f"no unit “{value}”.")
    return unit


def board_named(value, name):
    board = Board.objects.select_related("unit").filter(unit__slug=_slug(value, name)).first()
    if board is None:
        raise bad_parameter(name, f"không có ban “{value}”.", f"no board “{value}”.")
    return board


def section_named(value, name):
    section = Section.objects.filter(slug=_slug(value, name)).first()
    if section is None:
        raise bad_parameter(name, f"không có chuyên mục “{value}”.", f"no section “{value}”.")
    return section


def directive_ids(value, name, *, continuations):
    """The public directive ``value`` (a slug) and, with ``continuations``, every
    public document continuing, implementing, replacing or amending it, transitively."""
    chosen = Directive.objects.published().filter(slug=_slug(value, name))
    if not chosen.exists():
        raise bad_parameter(name, f"không có văn bản “{value}”.", f"no directive “{value}”.")
    if continuations:
        chosen = chosen.with_continuations().published()
    return list(chosen.values_list("pk", flat=True))


def _in_years(value, name):
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise bad_parameter(
            name,
            f"năm phải từ {EARLIEST_YEAR} đến {LATEST_YEAR}.",
            f"the year must be from {EARLIEST_YEAR} to {LATEST_YEAR}.",
        )
    return value


def moment(value, name):
    """An aware datetime (a time without an offset is Vietnam's local time)."""
    if value is None:
        return None
    _in_years(value, name)
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def day_range(queryset, field, date_from, date_to, *, moments):
    """``queryset`` narrowed to the days ``date_from`` … ``date_to``, both included:
    whole local days of a datetime column with ``moments``, else a date column."""
    for value, name in ((date_from, "date_from"), (date_to, "date_to")):
        if value is not None:
            _in_years(value, name)
    if moments:
        start, end = day_bounds(date_from, date_to)
        if start:
            queryset = queryset.filter(**{f"{field}__gte": start})
        if end:
            queryset = queryset.filter(**{f"{field}__lt": end})
        return queryset
    if date_from:
        queryset = queryset.filter(**{f"{field}__gte": date_from})
    if date_to:
        queryset = queryset.filter(**{f"{field}__lte": date_to})
    return queryset


def search(queryset, text):
    """``queryset`` narrowed to rows containing every word of ``text`` (folded:
    "tuyen giao" finds "Tuyên giáo"; PostgreSQL's tsvector for articles)."""
    if not text or not text.strip():
        return queryset
    return filter_matches(queryset, parse_query(text))


def articles(
    queryset,
    *,
    board=None,
    unit=None,
    section=None,
    directive=None,
    continuations=True,
    date_from=None,
    date_to=None,
    q=None,
    updated_since=None,
):
    if board:
        queryset = queryset.of_unit(board_named(board, "board").unit)
    if unit:
        queryset = queryset.of_unit(unit_named(unit, "unit"))
    if section:
        # By id, not by a join on the slug: the section's own index then serves the page.
        queryset = queryset.filter(section=section_named(section, "section"))
    if directive:
        ids = directive_ids(directive, "directive", continuations=continuations)
        # EXISTS, not IN: the newest-first walk of the list's index probes the links of
        # each row (a directive has tens of thousands of articles at a million).
        links = Article.directives.through.objects.filter(
            article_id=OuterRef("pk"), directive_id__in=ids
        )
        queryset = queryset.filter(Exists(links))
    queryset = day_range(queryset, "published_at", date_from, date_to, moments=True)
    since = moment(updated_since, "updated_since")
    if since is not None:
        queryset = queryset.filter(updated_at__gte=since)
    return search(queryset, q)
