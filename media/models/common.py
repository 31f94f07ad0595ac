"""Fields every album, video and document has: its board's unit, its address, whether a
chief has made it public, and the articles, directives and meetings it belongs with."""

from django.db import models

from core.text import nfc, unique_slug
from provinces.models import Unit


class BoardMedia(models.Model):
    title = models.CharField("tiêu đề", max_length=300)
    slug = models.SlugField(
        "đường dẫn",
        max_length=150,
        unique=True,
        blank=True,
        help_text="Tạo tự động từ tiêu đề (không dấu, “đ” thành “d”).",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Ban (tỉnh, thành phố) đăng; bạn đọc thấy trên trang của ban đó.",
    )
    summary = models.TextField("tóm tắt", blank=True)
    is_published = models.BooleanField(
        "công khai",
        default=False,
        help_text="Bạn đọc chỉ thấy những gì trưởng ban biên tập đã duyệt công khai.",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    #: Text fields tidied (NFC, trimmed) on save.
    text_fields = ("title", "summary")

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for name in self.text_fields:
            setattr(self, name, nfc(getattr(self, name)).strip())
        if not self.slug:
            self.slug = unique_slug(self, self.title, max_length=120)
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)
