"""The article changelist's filters, each offering only what the user's board may see."""

from django.contrib import admin
from django.db.models import Q

from core.params import id_param
from provinces import access
from provinces.models import Unit
from provinces.scoped_admin import units_of

from .. import revisions
from ..models import Article, Section

Status = Article.Status


# --- Filters ---------------------------------------------------------------------------


class StatusFilter(admin.SimpleListFilter):
    """Status as editors think of it: "Hẹn giờ" apart from what readers already see."""

    title = "trạng thái"
    parameter_name = "trang_thai"
    SCHEDULED = "hen-gio"
    LIVE = "dang-hien"

    def lookups(self, request, model_admin):
        return [
            (Status.DRAFT, "Bản nháp"),
            (Status.PENDING, "Chờ duyệt"),
            (self.SCHEDULED, "Hẹn giờ"),
            (self.LIVE, "Đã xuất bản (đang hiện)"),
            (Status.UNPUBLISHED, "Đã gỡ"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.SCHEDULED:
            return queryset.scheduled()
        if value == self.LIVE:
            return queryset.published()
        if value in {Status.DRAFT, Status.PENDING, Status.UNPUBLISHED}:
            return queryset.filter(status=value)
        return queryset


class SectionFilter(admin.SimpleListFilter):
    title = "chuyên mục"
    parameter_name = "chuyen_muc"

    def lookups(self, request, model_admin):
        sections = Section.objects.filter(revisions.section_scope(request.user))
        return [(str(s.pk), s.name) for s in sections]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(section_id=id_param(self.value(), self.title))
        return queryset


class DirectiveFilter(admin.SimpleListFilter):
    title = "văn bản liên quan"
    parameter_name = "van_ban"

    def lookups(self, request, model_admin):
        directives = Article.directive_model().objects.filter(
            revisions.directive_scope(request.user)
        )
        return [(str(d.pk), d.name) for d in directives.select_related(None)]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(directives__id=id_param(self.value(), self.title))
        return queryset


class UnitFilter(admin.SimpleListFilter):
    """Only shown to users with more than one unit (a board that absorbed pre-2025
    provinces, or superusers)."""

    title = "đơn vị"
    parameter_name = "don_vi"

    def lookups(self, request, model_admin):
        units = units_of(request.user)
        if access.unit_ids(request.user) is None:
            units = units.filter(Q(code__isnull=False) | Q(kind=Unit.Kind.CENTRAL))
            return [(str(u.pk), u.name) for u in units]
        units = list(units)
        return [(str(u.pk), u.name) for u in units] if len(units) > 1 else []

    def queryset(self, request, queryset):
        if self.value():
            unit = Unit.objects.filter(pk=id_param(self.value(), self.title)).first()
            return queryset.filter(unit_id__in=unit.history_unit_ids()) if unit else queryset.none()
        return queryset
