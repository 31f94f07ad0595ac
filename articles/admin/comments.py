"""Reader comments: a board's chief approves or rejects them."""

from django.contrib import admin, messages
from django.utils import timezone

from provinces import access
from provinces.scoped_admin import BoardScopedAdmin

from .. import workflow
from ..models import Article, Comment

Status = Article.Status


# --- Comments --------------------------------------------------------------------------


@admin.register(Comment)
class CommentAdmin(BoardScopedAdmin):
    """Reader comments on the board's articles; editors-in-chief moderate them."""

    scope_field = "article__unit"
    list_display = [
        "excerpt",
        "name",
        "article",
        "status",
        "created_at",
        "moderated_by",
        "moderated_at",
    ]
    list_filter = ["status", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["name", "text", "article__title"]
    list_select_related = ["article", "moderated_by"]
    date_hierarchy = "created_at"
    actions = ["approve_selected", "reject_selected"]
    fields = [
        "article",
        "name",
        "email",
        "text",
        "created_at",
        "status",
        "moderated_by",
        "moderated_at",
    ]
    readonly_fields = [
        "article",
        "name",
        "email",
        "text",
        "created_at",
        "moderated_by",
        "moderated_at",
    ]

    def can_use(self, request):
        return access.can_moderate(request.user)

    def can_add(self, request):
        return False  # comments come from readers

    @admin.display(description="Ý kiến")
    def excerpt(self, obj):
        return obj.text[:120] + ("…" if len(obj.text) > 120 else "")

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.moderated_by = request.user
            obj.moderated_at = timezone.now()
        super().save_model(request, obj, form, change)

    def _moderate(self, request, queryset, status):
        count = workflow.moderate_comments(comments=queryset, status=status, by=request.user)
        label = "duyệt" if status == Comment.Status.APPROVED else "từ chối"
        self.message_user(request, f"Đã {label} {count} ý kiến.", messages.SUCCESS)

    @admin.action(description="Duyệt các ý kiến đã chọn", permissions=["change"])
    def approve_selected(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.APPROVED)

    @admin.action(description="Từ chối các ý kiến đã chọn", permissions=["change"])
    def reject_selected(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.REJECTED)
