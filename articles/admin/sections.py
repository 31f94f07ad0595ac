"""Sections: shared ones (superusers) and a board's own (its chief)."""

from django.contrib import admin
from django.db.models import Q

from provinces import access
from provinces.scoped_admin import BoardScopedAdmin

from ..models import Section

# --- Sections --------------------------------------------------------------------------


@admin.register(Section)
class SectionAdmin(BoardScopedAdmin):
    """Sections common to all boards are managed by superusers; a chief may add
    sections of their own board (and sees the common ones read-only)."""

    list_display = ["name", "unit", "slug", "position", "is_active"]
    search_fields = ["name"]
    readonly_fields = ["slug"]
    list_select_related = ["unit"]

    def shared_rows(self, request):
        return Q(unit__isnull=True)

    def can_use(self, request):
        return access.can_publish(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if access.unit_ids(request.user) is not None and "unit" in form.base_fields:
            # A chief's sections always belong to their board: no "common" choice.
            form.base_fields["unit"].required = True
            form.base_fields["unit"].empty_label = None
        return form
