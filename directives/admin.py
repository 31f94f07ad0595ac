"""Directives and meetings in the admin, scoped to the user's board.

Every board links articles and meetings to the central documents (Nghị quyết 35-NQ/TW,
...), which superusers maintain and boards see read-only; a board adds and edits its own
provincial documents (Kế hoạch 30-KH/TU) and meetings.
"""

from django.contrib import admin
from django.db.models import Q

from core.search.admin import FoldedSearchMixin
from provinces import access
from provinces.models import Unit
from provinces.scoped_admin import ApprovalMixin, BoardScopedAdmin, ScopedTabularInline

from .models import ConnectionPoint, Directive, DirectiveRelation, Meeting


class RelationInline(ScopedTabularInline):
    model = DirectiveRelation
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]
    verbose_name = "văn bản này tiếp nối"
    verbose_name_plural = "văn bản này tiếp nối / triển khai"


@admin.register(Directive)
class DirectiveAdmin(ApprovalMixin, FoldedSearchMixin, BoardScopedAdmin):
    chief_fields = ("is_published", "is_featured")
    list_display = ["__str__", "kind", "issuer", "unit", "issued_on", "is_published", "is_featured"]
    list_filter = ["kind", "is_published", "is_featured", "unit"]
    search_fields = ["symbol", "short_title", "title", "issuer"]
    date_hierarchy = "issued_on"
    list_select_related = ["unit"]
    readonly_fields = ["slug"]
    inlines = [RelationInline]
    fieldsets = [
        (None, {"fields": ["kind", "symbol", "number", "short_title", "title"]}),
        ("Ban hành", {"fields": ["issuer", "unit", "issued_on", "effective_on"]}),
        ("Nội dung", {"fields": ["summary", "file", "slug"]}),
        (
            "Hiển thị",
            {
                "fields": ["is_published", "is_featured"],
                "description": "Biên tập viên soạn văn bản; trưởng ban biên tập duyệt cho "
                "công khai. Văn bản đã công khai chỉ trưởng ban sửa được.",
            },
        ),
    ]

    def shared_rows(self, request):
        return Q(unit__kind=Unit.Kind.CENTRAL)

    def can_delete(self, request):
        return access.can_publish(request.user)

    def get_list_filter(self, request):
        if access.unit_ids(request.user) is None:
            return self.list_filter
        return ["kind", "is_published", "is_featured"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if access.unit_ids(request.user) is not None and "is_featured" not in fields:
            fields.append("is_featured")  # the home page's "featured" list is national
        return fields


class ConnectionPointInline(ScopedTabularInline):
    model = ConnectionPoint
    extra = 1
    fields = ["level", "label", "unit", "count", "attendance"]
    # A connection point may be any province: the unit here is a place, not an owner.
    unscoped_fields = ("unit",)


@admin.register(Meeting)
class MeetingAdmin(ApprovalMixin, FoldedSearchMixin, BoardScopedAdmin):
    list_display = ["title", "kind", "unit", "date", "format", "attendance", "is_published"]
    list_filter = ["kind", "format", "is_published"]
    search_fields = ["title", "chair", "summary"]
    date_hierarchy = "date"
    list_select_related = ["unit"]
    autocomplete_fields = ["directives", "articles"]
    readonly_fields = ["slug"]
    inlines = [ConnectionPointInline]
    fieldsets = [
        (None, {"fields": ["title", "kind", "unit", "date", "chair", "location", "format"]}),
        ("Kỳ báo cáo", {"fields": ["period_label", "period_start", "period_end"]}),
        ("Kết quả", {"fields": ["attendance", "summary", "directives", "articles"]}),
        ("Hiển thị", {"fields": ["is_published", "slug"]}),
    ]

    def can_delete(self, request):
        return access.can_publish(request.user)
