"""Units, boards and memberships in the admin.

Units and memberships are reference data for superusers. A board's profile (the footer
of its site) is edited by its editor-in-chief, who sees only their own board; the unit,
the trust badge and the imported visit counts stay with superusers.
"""

from django.contrib import admin

from . import access
from .models import Board, BoardDomain, BoardName, Membership, Unit
from .scoped_admin import BoardScopedAdmin, ScopedTabularInline, UnitScopedAdmin


class MergedUnitInline(admin.TabularInline):
    model = Unit
    fk_name = "merged_into"
    fields = ["name", "legacy_code", "merged_on"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "đơn vị đã sáp nhập vào"
    verbose_name_plural = "các đơn vị đã sáp nhập vào (trước 1/7/2025)"

    def has_add_permission(self, request, obj=None):
        return False


def _superuser(request):
    return access.role(request.user) == access.SUPERUSER


@admin.register(Unit)
class UnitAdmin(UnitScopedAdmin):
    list_display = ["name", "full_name", "kind", "code", "legacy_code", "merged_into", "slug"]
    list_filter = [
        "kind",
        ("code", admin.EmptyFieldListFilter),
        ("merged_into", admin.EmptyFieldListFilter),
    ]
    search_fields = ["name", "full_name", "legacy_name", "slug"]
    list_select_related = ["merged_into"]
    readonly_fields = ["slug"]
    inlines = [MergedUnitInline]

    def can_use(self, request):
        return _superuser(request)


class BoardNameInline(ScopedTabularInline):
    model = BoardName
    extra = 0


class BoardDomainInline(ScopedTabularInline):
    """Managed by superusers: a board's host names (provinces.sites)."""

    model = BoardDomain
    extra = 0


@admin.register(Board)
class BoardAdmin(BoardScopedAdmin):
    list_display = ["name", "unit", "editor_in_chief", "phone", "email", "visits_baseline"]
    list_select_related = ["unit"]
    search_fields = ["name", "unit__name", "editor_in_chief"]
    list_filter = ["unit__kind"]
    inlines = [BoardNameInline, BoardDomainInline]
    readonly_fields = ["domain_list"]
    fieldsets = [
        (None, {"fields": ["unit", "name", "site_name"]}),
        ("Ban biên tập", {"fields": ["editor_in_chief", "editor_in_chief_title"]}),
        ("Liên hệ", {"fields": ["address", "phone", "email", "website"]}),
        ("Chân trang", {"fields": ["reprint_notice", "trust_badge"]}),
        ("Thống kê truy cập", {"fields": ["visits_baseline", "visits_baseline_on"]}),
        ("Trang riêng của ban", {"fields": ["domain_list"]}),
    ]
    CHIEF_READONLY = ["unit", "trust_badge", "visits_baseline", "visits_baseline_on"]

    @admin.display(description="tên miền")
    def domain_list(self, obj):
        """What a chief sees of the board's domains (a superuser manages them below)."""
        domains = list(obj.domains.all()) if obj and obj.pk else []
        if not domains:
            return "Chưa có tên miền riêng: trang của ban nằm trên cổng thông tin chung."
        return ", ".join(f"{d.host} ({d.get_kind_display().lower()})" for d in domains)

    def get_queryset(self, request):
        # A board is the profile of its own unit only (not of the units merged into it,
        # whose boards no longer run a site).
        qs = super().get_queryset(request)
        found = access.board(request.user)
        return qs if found is None or _superuser(request) else qs.filter(pk=found.pk)

    def can_use(self, request):
        return access.role(request.user) in {access.SUPERUSER, access.Role.CHIEF}

    def can_add(self, request):
        return _superuser(request)

    def can_delete(self, request):
        return _superuser(request)

    def in_scope(self, request, obj):
        return access.can_edit_board(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        return ["domain_list"] if _superuser(request) else [*self.CHIEF_READONLY, "domain_list"]

    def get_inlines(self, request, obj):
        return self.inlines if _superuser(request) else []


@admin.register(Membership)
class MembershipAdmin(BoardScopedAdmin):
    """Who belongs to which board, with which role (also: manage.py add_editor)."""

    scope_field = "board__unit"
    list_display = ["user", "board", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["user", "board"]
    search_fields = ["user__username", "user__email", "board__name"]
    autocomplete_fields = ["user", "board"]

    def can_use(self, request):
        return _superuser(request)
