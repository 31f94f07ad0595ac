"""Albums, videos and documents in the admin, scoped to the user's board: an editor
drafts, the board's chief makes public (provinces.scoped_admin.ApprovalMixin)."""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html

from core.search.admin import FoldedSearchMixin
from core.uploads import ALLOWED_TEXT
from provinces import access
from provinces.scoped_admin import ApprovalMixin, BoardScopedAdmin, ScopedTabularInline

from .forms import PhotoForm, PhotoFormSet, VideoForm
from .models import Album, Document, Photo, Video

APPROVAL_NOTE = (
    "Biên tập viên soạn; trưởng ban biên tập duyệt cho công khai. Khi đã công khai, chỉ "
    "trưởng ban sửa được."
)


class ChiefDeletesMixin:
    """Deleting what readers may have seen is the chief's, as for directives."""

    def can_delete(self, request):
        return access.can_publish(request.user)


class PhotoInline(ScopedTabularInline):
    model = Photo
    form = PhotoForm
    formset = PhotoFormSet
    extra = 3
    fields = ["preview", "image", "caption", "alt_text", "credit", "taken_on", "position"]
    readonly_fields = ["preview"]

    @admin.display(description="xem trước")
    def preview(self, photo):
        if not photo.pk or not photo.image:
            return "—"
        thumb = photo.thumb
        return format_html('<img src="{}" alt="" width="96">', thumb.url)


@admin.register(Album)
class AlbumAdmin(ApprovalMixin, ChiefDeletesMixin, BoardScopedAdmin):
    list_display = ["title", "unit", "taken_on", "photo_count", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "summary"]
    date_hierarchy = "taken_on"
    list_select_related = ["unit"]
    autocomplete_fields = ["articles", "directives", "meetings"]
    readonly_fields = ["slug"]
    inlines = [PhotoInline]
    fieldsets = [
        (None, {"fields": ["title", "unit", "taken_on", "summary"]}),
        ("Liên quan", {"fields": ["articles", "directives", "meetings"]}),
        ("Hiển thị", {"fields": ["is_published", "slug"], "description": APPROVAL_NOTE}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photos_total=Count("photos"))

    @admin.display(description="số ảnh", ordering="photos_total")
    def photo_count(self, album):
        return album.photos_total


@admin.register(Video)
class VideoAdmin(ApprovalMixin, ChiefDeletesMixin, BoardScopedAdmin):
    form = VideoForm
    list_display = ["title", "unit", "recorded_on", "source", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "summary"]
    date_hierarchy = "recorded_on"
    list_select_related = ["unit"]
    autocomplete_fields = ["articles", "directives"]
    readonly_fields = ["slug"]
    fieldsets = [
        (None, {"fields": ["title", "unit", "recorded_on", "duration", "summary"]}),
        (
            "Video",
            {
                "fields": ["file", "youtube", "poster", "captions"],
                "description": "Tải lên tệp MP4/WebM (kèm ảnh đại diện và phụ đề WebVTT) "
                "hoặc dán địa chỉ YouTube.",
            },
        ),
        ("Liên quan", {"fields": ["articles", "directives"]}),
        ("Hiển thị", {"fields": ["is_published", "slug"], "description": APPROVAL_NOTE}),
    ]

    @admin.display(description="nguồn")
    def source(self, video):
        return "YouTube" if video.youtube_id else "Tệp tải lên"


@admin.register(Document)
class DocumentAdmin(ApprovalMixin, ChiefDeletesMixin, FoldedSearchMixin, BoardScopedAdmin):
    list_display = ["title", "kind", "symbol", "issuer", "issued_on", "downloads", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title", "symbol", "summary", "issuer"]
    date_hierarchy = "issued_on"
    list_select_related = ["unit"]
    autocomplete_fields = ["directive"]
    readonly_fields = ["slug", "file_size", "downloads"]
    fieldsets = [
        (None, {"fields": ["title", "kind", "symbol", "issuer", "unit"]}),
        ("Ngày", {"fields": ["issued_on", "effective_on"]}),
        (
            "Nội dung",
            {
                "fields": ["summary", "directive", "file", "file_size", "downloads"],
                "description": f"Tệp {ALLOWED_TEXT}; ưu tiên PDF để bạn đọc mở được ngay.",
            },
        ),
        ("Hiển thị", {"fields": ["is_published", "slug"], "description": APPROVAL_NOTE}),
    ]
