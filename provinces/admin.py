"""Units, boards and memberships in the admin.

Units and memberships are reference data for superusers. A board's profile (the footer
of its site) and its links to other sites are edited by its editor-in-chief, who sees
only their own board; the unit, the trust badge and the imported visit counts stay with
superusers.
"""

from django.contrib import admin
from django.utils.html import format_html

from . import access
from .models import DUPLICATE_LINK, Board, BoardDomain, BoardLink, BoardName, Membership, Unit
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


@admin.register(BoardLink)
class BoardLinkAdmin(BoardScopedAdmin):
    """A board's links and banners to other official sites: its chief's (editors do not
    see them); a chief's new link belongs to their own board."""

    scope_field = "board__unit"
    list_display = ["title", "preview", "url", "position", "is_active", "board"]
    list_display_links = ["title"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["board"]
    search_fields = ["title", "url", "board__name"]
    fields = ["board", "title", "url", "image", "position", "is_active"]

    @admin.display(description="ảnh")
    def preview(self, obj):
        if not obj.image:
            return "(chữ)"
        return format_html('<img src="{}" alt="" style="max-height:2.5rem">', obj.image.url)

    def can_use(self, request):
        return access.role(request.user) in {access.SUPERUSER, access.Role.CHIEF}

    def get_fields(self, request, obj=None):
        return self.fields if _superuser(request) else self.fields[1:]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if _superuser(request):
            return form
        own = access.board(request.user)

        class ChiefLinkForm(form):
            """The chief's board is the link's, set before validation so that a second
            link to the same address is a form error, not a database error."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if self.instance.board_id is None:
                    self.instance.board = own

            def clean(self):
                cleaned = super().clean()
                url = cleaned.get("url")
                twins = BoardLink.objects.filter(board=self.instance.board, url=url)
                if url and twins.exclude(pk=self.instance.pk).exists():
                    self.add_error("url", DUPLICATE_LINK)
                return cleaned

        return ChiefLinkForm


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
