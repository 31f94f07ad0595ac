"""The staff report page (/bao-cao/) and its CSV / Excel downloads.

Signed-in analysts, editors-in-chief and superusers only (provinces.access decides):
anonymous visitors are sent to the sign-in page, other signed-in users get a 403 page
that says why. The views validate the filters and render; the rest lives in the
package's other modules (see its docstring).
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.template.response import TemplateResponse
from django.views.generic import View

from core.routers import replica_reads
from provinces import access

from . import exports
from .filters import report_filters
from .page import report_context, scope_label
from .rows import parse_sort

FORBIDDEN_TEMPLATE = "directives/reports/forbidden.html"


class ReportAccessMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.can_view_reports(request.user):
            return TemplateResponse(request, FORBIDDEN_TEMPLATE, status=403)
        # Reports are the heaviest reads: a read replica takes them when configured.
        with replica_reads():
            return super().dispatch(request, *args, **kwargs)


class ReportView(ReportAccessMixin, View):
    """The filter form; with valid filters, the figures, charts and one page of rows.
    Invalid filters get the form with its errors (400) and no figures."""

    template_name = "directives/reports/report.html"

    def get(self, request, *args, **kwargs):
        filters = report_filters(request.GET, user=request.user)
        context = {
            "filters": filters,
            "form": filters.form,
            "scope_label": scope_label(request.user),
        }
        if not filters.is_valid():
            return TemplateResponse(request, self.template_name, context, status=400)
        return self.valid(filters, context)

    def valid(self, filters, context):
        request = self.request
        context.update(report_context(filters=filters, user=request.user, params=request.GET))
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
                sort=parse_sort(request.GET.get("sap_xep")),
                absolute_url=request.build_absolute_uri,
            )
        except exports.TooManyRows as too_many:
            # Show the page (its figures, its CSV link) with the reason.
            context["export_error"] = too_many.message
            response = super().valid(filters, context)
            response.status_code = 400
            return response
