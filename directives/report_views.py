"""The staff report page (/bao-cao/) and its CSV / Excel downloads.

Signed-in analysts, editors-in-chief and superusers only (provinces.access decides):
anonymous visitors are sent to the sign-in page, other signed-in users get a 403 page
that says why. Filtering lives in directives/filters.py, figures in directives/reports.py;
these views validate, call them and render.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.generic import View

from articles.models import Article
from config.routers import replica_reads
from core.templatetags.vi import so
from provinces import access

from . import charts, exports, reports
from .filters import ReportFilterSet

FORBIDDEN_TEMPLATE = "directives/reports/forbidden.html"


class ReportAccessMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.can_view_reports(request.user):
            return TemplateResponse(request, FORBIDDEN_TEMPLATE, status=403)
        # Reports are the heaviest reads: a read replica takes them when configured.
        with replica_reads():
            return super().dispatch(request, *args, **kwargs)


class _CountedPaginator(Paginator):
    """The union's size is already known from the totals: no second COUNT(*)."""

    def __init__(self, *args, known_count, **kwargs):
        super().__init__(*args, **kwargs)
        self._known_count = known_count

    @property
    def count(self):
        return self._known_count


def _query(params, **changes):
    """The query string of ``params`` with ``changes`` (None removes a key)."""
    query = params.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value is not None:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else ""


def _page_url(params, **changes):
    # Absolute path: the page is also rendered at the download addresses (errors).
    return reverse("directives:reports") + _query(params, **changes)


_number = so


# Columns that read best largest / newest first on the first click.
_DESCENDING_FIRST = {"ngay", "luot-xem"}


def sort_headers(params, current):
    """The result table's column headers: label, link that sorts by it (toggling the
    direction when it is the current sort) and its aria-sort value."""
    headers = {}
    for key, label in reports.SORT_LABELS.items():
        if current == key:
            target, state = f"-{key}", "ascending"
        elif current == f"-{key}":
            target, state = key, "descending"
        else:
            target = f"-{key}" if key in _DESCENDING_FIRST else key
            state = "none"
        headers[key.replace("-", "_")] = {
            "label": label,
            "url": _page_url(params, sap_xep=target, trang=None),
            "aria_sort": state,
        }
    return headers


def _scope_label(user):
    """Whose unpublished material the report includes, in words."""
    if access.role(user) == access.SUPERUSER:
        return "mọi ban"
    board = access.board(user)
    return board.name if board else ""


class ReportView(ReportAccessMixin, View):
    template_name = "directives/reports/report.html"

    def get(self, request, *args, **kwargs):
        user = request.user
        filters = ReportFilterSet(request.GET, queryset=Article.objects.visible_to(user))
        context = {"filters": filters, "form": filters.form, "scope_label": _scope_label(user)}
        if not filters.is_valid():
            return TemplateResponse(request, self.template_name, context, status=400)
        return self.valid(filters, context)

    def valid(self, filters, context):
        request = self.request
        params = request.GET
        sort = reports.parse_sort(params.get("sap_xep"))
        report = reports.build_report(filters=filters, user=request.user)
        rows = reports.PagedRows(articles=report.articles, meetings=report.meetings, sort=sort)
        paginator = _CountedPaginator(rows, reports.PAGE_SIZE, known_count=report.totals.total)
        page = paginator.get_page(params.get("trang"))
        context.update(
            report=report,
            active=filters.active_filters(),
            page_obj=page,
            rows=reports.hydrate(list(page.object_list)),
            sort=sort,
            headers=sort_headers(params, sort),
            previous_url=_page_url(params, trang=page.previous_page_number())
            if page.has_previous()
            else None,
            next_url=_page_url(params, trang=page.next_page_number()) if page.has_next() else None,
            export_query=_query(params, trang=None),
            units_chart=charts.units_chart(report.per_unit),
            period_chart=charts.period_chart(report.per_period),
        )
        return TemplateResponse(request, self.template_name, context)


class ReportExportView(ReportView):
    """The same filters and sort as the page; every matching row. Invalid filters get
    the page with its form errors (400), not a file."""

    fmt = "csv"

    def valid(self, filters, context):
        request = self.request
        try:
            return exports.export(
                fmt=self.fmt,
                filters=filters,
                user=request.user,
                sort=reports.parse_sort(request.GET.get("sap_xep")),
                absolute_url=request.build_absolute_uri,
            )
        except exports.TooManyRows as too_many:
            # Show the page (its figures, its CSV link) with the reason.
            context["export_error"] = (
                f"Kết quả có {_number(too_many.count)} dòng, nhiều hơn một trang tính Excel "
                f"chứa được ({_number(exports.XLSX_MAX_ROWS)} dòng). Hãy thu hẹp bộ lọc, "
                "hoặc tải về CSV."
            )
            response = super().valid(filters, context)
            response.status_code = 400
            return response
