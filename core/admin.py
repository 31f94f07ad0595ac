from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log: read-only, for the platform's administrators."""

    list_display = ["at", "action", "username", "object_repr", "unit", "ip_address"]
    list_filter = ["action", ("at", admin.DateFieldListFilter)]
    search_fields = ["username", "object_repr", "ip_address"]
    date_hierarchy = "at"
    list_select_related = ["unit"]
    show_full_result_count = False

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
