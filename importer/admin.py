"""What the importer did, for editors: each imported page of their board, the article it
became and why an editor should look at it. Read-only (the importer writes these rows);
scoped to the user's board like every admin page (provinces.scoped_admin)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from provinces.scoped_admin import BoardScopedAdmin

from .models import ImportedPage


@admin.register(ImportedPage)
class ImportedPageAdmin(BoardScopedAdmin):
    scope_field = "board__unit"
    list_display = ["page", "article_link", "needs_review", "reasons", "last_imported_at"]
    list_filter = ["needs_review", ("board", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["board", "article"]
    search_fields = ["old_url", "origin", "article__title"]
    search_help_text = "Tìm theo địa chỉ cũ, tệp nguồn hoặc tiêu đề bài."
    readonly_fields = [
        "board",
        "old_url",
        "origin",
        "article_link",
        "needs_review",
        "reasons",
        "unknown_directives",
        "first_imported_at",
        "last_imported_at",
    ]
    fields = readonly_fields
    ordering = ["-last_imported_at"]
    show_full_result_count = False
    list_per_page = 100

    def can_add(self, request):
        return False  # written by manage.py import_articles

    def can_change(self, request):
        return False

    def can_delete(self, request):
        return False

    @admin.display(description="trang cũ")
    def page(self, obj):
        return obj.old_url or obj.origin

    @admin.display(description="bài viết")
    def article_link(self, obj):
        if obj.article_id is None:
            return "—"
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article.title)

    @admin.display(description="cần xem vì")
    def reasons(self, obj):
        return "; ".join(obj.notes)
