"""Downloadable documents: propaganda material ("Tài liệu tuyên truyền") and the files of
directives, with the fields of the document register."""

import contextlib

from django.db import models
from django.urls import reverse

from core.text import nfc
from core.uploads import KINDS, document_path, validate_document

from ..querysets import DocumentManager
from .common import BoardMedia


class Document(BoardMedia):
    class Kind(models.TextChoices):
        TUYEN_TRUYEN = "tuyen-truyen", "Tài liệu tuyên truyền"
        DE_CUONG = "de-cuong", "Đề cương tuyên truyền"
        HOI_DAP = "hoi-dap", "Tài liệu hỏi – đáp"
        VAN_BAN = "van-ban", "Toàn văn, phụ lục văn bản"
        HUONG_DAN = "huong-dan", "Hướng dẫn"
        KHAC = "khac", "Tài liệu khác"

    kind = models.CharField(
        "loại tài liệu", max_length=20, choices=Kind.choices, default=Kind.TUYEN_TRUYEN
    )
    symbol = models.CharField(
        "số, ký hiệu", max_length=50, blank=True, help_text="Ví dụ: 125-HD/BTGDVTW."
    )
    issuer = models.CharField(
        "cơ quan ban hành", max_length=200, help_text="Ví dụ: Ban Tuyên giáo và Dân vận Trung ương."
    )
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    effective_on = models.DateField("ngày có hiệu lực", null=True, blank=True)
    directive = models.ForeignKey(
        "directives.Directive",
        verbose_name="thuộc văn bản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        help_text="Tệp này là toàn văn, phụ lục hay tài liệu của văn bản nào (nếu có): "
        "trang văn bản sẽ liệt kê nó.",
    )
    file = models.FileField(
        "tệp",
        upload_to=document_path("tai-lieu"),
        validators=[validate_document],
        help_text="PDF (nên dùng), DOC, DOCX, XLS, XLSX hoặc ODT; kiểm tra theo nội dung tệp, "
        "tối đa 20 MB.",
    )
    file_size = models.PositiveBigIntegerField("dung lượng (byte)", default=0, editable=False)
    downloads = models.PositiveIntegerField("lượt tải", default=0, editable=False)
    # Accent-folded words for search (media/search.py), filled on every save.
    search_document = models.TextField(
        "nội dung tìm kiếm (không dấu)", blank=True, default="", editable=False
    )

    text_fields = ("title", "summary", "symbol", "issuer")

    objects = DocumentManager()

    class Meta:
        verbose_name = "tài liệu"
        verbose_name_plural = "tài liệu"
        ordering = [models.F("issued_on").desc(nulls_last=True), "-pk"]
        indexes = [
            models.Index(fields=["unit", "is_published"], name="document_unit_public_idx"),
            models.Index(fields=["symbol"], name="document_symbol_idx"),
        ]

    def save(self, *args, **kwargs):
        self.symbol = nfc(self.symbol).strip()
        if self.file:
            # A fixture may name a file not copied yet: then keep what was recorded.
            with contextlib.suppress(OSError, ValueError):
                self.file_size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("media:document", kwargs={"slug": self.slug})

    def get_download_url(self):
        return reverse("media:document_download", kwargs={"slug": self.slug})

    @property
    def file_kind(self):
        """core.uploads.DocumentKind of the stored file (its name carries what the
        content is), or None."""
        return KINDS.get(self.file.name.rsplit(".", 1)[-1].lower()) if self.file else None

    @property
    def download_name(self):
        return self.slug
