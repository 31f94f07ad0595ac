"""What the report page shows for valid filters, besides the form: the figures, the
charts, one page of result rows, and the links that sort, page and download them."""

from django.core.paginator import Paginator
from django.urls import reverse

from core.pagination import Pager, requested_page
from provinces import access

from . import charts
from .figures import build_report
from .rows import PAGE_SIZE, SORT_LABELS, PagedRows, hydrate, parse_sort


class CountedPaginator(Paginator):
    """The union's size is already known from the totals: no second COUNT(*)."""

    def __init__(self, *args, known_count, **kwargs):
        super().__init__(*args, **kwargs)
        self._known_count = known_count

    @property
    def count(self):
        return self._known_count


def query_string(params, **changes):
    """The query string of ``params`` with ``changes`` (None removes a key)."""
    query = params.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value is not None:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else ""


def page_url(params, **changes):
    # Absolute path: the page is also rendered at the download addresses (errors).
    return reverse("directives:reports") + query_string(params, **changes)


# Columns that read best largest / newest first on the first click.
_DESCENDING_FIRST = {"ngay", "luot-xem"}


def sort_headers(params, current):
    """The result table's column headers: label, link that sorts by it (toggling the
    direction when it is the current sort) and its aria-sort value."""
    headers = {}
    for key, label in SORT_LABELS.items():
        if current == key:
            target, state = f"-{key}", "ascending"
        elif current == f"-{key}":
            target, state = key, "descending"
        else:
            target = f"-{key}" if key in _DESCENDING_FIRST else key
            state = "none"
        headers[key.replace("-", "_")] = {
            "label": label,
            "url": page_url(params, sap_xep=target, page=None, trang=None),
            "aria_sort": state,
        }
    return headers


def scope_label(user):
    """Whose unpublished material the report includes, in words."""
    if access.role(user) == access.SUPERUSER:
        return "mọi ban"
    board = access.board(user)
    return board.name if board else ""


def report_context(*, filters, user, params):
    """The page's context for valid ``filters``; ``params`` is the query string (sort
    "sap_xep" and the page number included)."""
    sort = parse_sort(params.get("sap_xep"))
    report = build_report(filters=filters, user=user)
    rows = PagedRows(articles=report.articles, meetings=report.meetings, sort=sort)
    paginator = CountedPaginator(rows, PAGE_SIZE, known_count=report.totals.total)
    page = paginator.get_page(requested_page(params))
    return {
        "report": report,
        "active": filters.active_filters(),
        "page_obj": page,
        "rows": hydrate(list(page.object_list)),
        "sort": sort,
        "headers": sort_headers(params, sort),
        "pager": Pager.of(
            number=page.number,
            last=paginator.num_pages,
            params=params,
            label="Phân trang kết quả",
            path=reverse("directives:reports"),
        ),
        "export_query": query_string(params, page=None, trang=None),
        "units_chart": charts.units_chart(report.per_unit),
        "period_chart": charts.period_chart(report.per_period),
    }
