"""What the importer remembers of each old page it imported, so a second run updates the
article instead of writing it again, and an editor can see where an article came from.

Not watched by core.pagecache: readers never see these rows (the articles they point to
are watched by the articles app).
"""

from django.db import models

from provinces.models import Board


class ImportedPage(models.Model):
    """One page of a board's old site and the article it became. A page is known by its
    old address when it had one, otherwise by a fingerprint of its text."""

    board = models.ForeignKey(
        Board, verbose_name="ban", on_delete=models.CASCADE, related_name="imported_pages"
    )
    key = models.CharField(
        "khóa", max_length=64, help_text="Băm của địa chỉ cũ, hoặc của nội dung trang."
    )
    old_url = models.CharField("địa chỉ cũ", max_length=2000, blank=True)
    fingerprint = models.CharField("dấu vân tay nội dung", max_length=64, db_index=True)
    content_hash = models.CharField(
        "băm lần nhập", max_length=64, help_text="Giống lần trước thì không cần cập nhật."
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name="bài viết",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_from",
    )
    origin = models.CharField("tệp nguồn", max_length=500, blank=True)
    needs_review = models.BooleanField("cần biên tập viên xem", default=False)
    notes = models.JSONField("ghi chú", default=list, blank=True)
    unknown_directives = models.JSONField(
        "văn bản chưa có trong danh mục", default=list, blank=True
    )
    first_imported_at = models.DateTimeField("nhập lần đầu", auto_now_add=True)
    last_imported_at = models.DateTimeField("nhập lần cuối", auto_now=True)

    class Meta:
        verbose_name = "trang cũ đã nhập"
        verbose_name_plural = "trang cũ đã nhập"
        ordering = ["-last_imported_at"]
        constraints = [
            models.UniqueConstraint(fields=["board", "key"], name="imported_page_unique"),
        ]

    def __str__(self):
        return self.old_url or self.origin or self.key
