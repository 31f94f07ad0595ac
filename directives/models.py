"""Party documents (Nghị quyết, Chỉ thị, Kết luận, ...), how they relate, and the
meetings boards hold to study, implement and review them."""

from django.db import models
from django.urls import reverse
from django.utils import timezone

from core.pagecache import ContentQuerySet
from core.text import nfc, unique_slug
from core.uploads import document_path, validate_document
from provinces.models import Unit
from provinces.querysets import BoardContentQuerySet

from .reports.periods import parse_period


class DirectiveQuerySet(BoardContentQuerySet):
    def published(self):
        """What readers may see: documents a chief has made public."""
        return self.filter(is_published=True)

    def with_continuations(self):
        """These documents plus every document that continues, implements, replaces or
        amends them, transitively (Chỉ thị 05-CT/TW brings in Kết luận 01-KL/TW, which
        brings in Hải Dương's Kế hoạch 30-KH/TU)."""
        ids = set(self.values_list("pk", flat=True))
        frontier = set(ids)
        while frontier:
            newer = set(
                DirectiveRelation.objects.filter(target_id__in=frontier).values_list(
                    "source_id", flat=True
                )
            )
            frontier = newer - ids
            ids |= frontier
        return Directive.objects.filter(pk__in=ids)


class DirectiveManager(models.Manager.from_queryset(DirectiveQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Directive(models.Model):
    class Kind(models.TextChoices):
        NGHI_QUYET = "nghi-quyet", "Nghị quyết"
        CHI_THI = "chi-thi", "Chỉ thị"
        KET_LUAN = "ket-luan", "Kết luận"
        KE_HOACH = "ke-hoach", "Kế hoạch"
        QUY_DINH = "quy-dinh", "Quy định"
        QUYET_DINH = "quyet-dinh", "Quyết định"
        CHUONG_TRINH = "chuong-trinh", "Chương trình"
        HUONG_DAN = "huong-dan", "Hướng dẫn"
        THONG_BAO = "thong-bao", "Thông báo"
        KHAC = "khac", "Văn bản khác"

    kind = models.CharField("loại văn bản", max_length=20, choices=Kind.choices)
    number = models.CharField(
        "số", max_length=20, blank=True, help_text="Phần số của ký hiệu, ví dụ: 35."
    )
    symbol = models.CharField(
        "số, ký hiệu",
        max_length=50,
        blank=True,
        help_text="Ví dụ: 35-NQ/TW. Để trống nếu văn bản không có ký hiệu "
        "(như Nghị quyết Đại hội).",
    )
    short_title = models.CharField(
        "tên ngắn",
        max_length=200,
        blank=True,
        help_text="Tên thường gọi khi văn bản không có ký hiệu, ví dụ: "
        "Nghị quyết Đại hội XIII của Đảng.",
    )
    title = models.TextField("trích yếu", help_text="Trích yếu nội dung, như trên văn bản.")
    issuer = models.CharField(
        "cơ quan ban hành",
        max_length=200,
        help_text="Ví dụ: Bộ Chính trị, Ban Bí thư, Ban Thường vụ Tỉnh ủy.",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="cấp ban hành",
        on_delete=models.PROTECT,
        related_name="directives",
        help_text="Trung ương, hoặc tỉnh/thành phố ban hành.",
    )
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    effective_on = models.DateField("ngày có hiệu lực", null=True, blank=True)
    summary = models.TextField("tóm tắt", blank=True)
    file = models.FileField(
        "tệp văn bản",
        upload_to=document_path("van-ban"),
        blank=True,
        validators=[validate_document],
        help_text="PDF, DOC, DOCX, XLS, XLSX hoặc ODT; kiểm tra theo nội dung tệp, tối đa "
        "20 MB. Bạn đọc tải về dưới tên theo ký hiệu văn bản.",
    )
    is_published = models.BooleanField(
        "công khai",
        default=False,
        help_text="Bạn đọc chỉ thấy văn bản đã được trưởng ban biên tập duyệt công khai.",
    )
    slug = models.SlugField("đường dẫn", max_length=150, unique=True, blank=True)
    is_featured = models.BooleanField(
        "văn bản tiêu điểm", default=False, help_text="Hiện ở mục “Văn bản tiêu điểm” trang chủ."
    )
    related = models.ManyToManyField(
        "self",
        verbose_name="văn bản liên quan",
        through="DirectiveRelation",
        through_fields=("source", "target"),
        symmetrical=False,
        related_name="+",
        blank=True,
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    # Accent-folded words for search (directives/search.py), filled on every save.
    search_document = models.TextField(
        "nội dung tìm kiếm (không dấu)", blank=True, default="", editable=False
    )

    objects = DirectiveManager()

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = [models.F("issued_on").desc(nulls_last=True), "symbol"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "symbol"],
                condition=~models.Q(symbol=""),
                name="directive_symbol_unique_per_unit",
            ),
        ]
        indexes = [models.Index(fields=["symbol"], name="directive_symbol_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        for field in ("symbol", "short_title", "title", "issuer", "summary", "number"):
            setattr(self, field, nfc(getattr(self, field)).strip())
        if self.symbol and not self.number:
            self.number = self.symbol.split("-", 1)[0]
        if not self.slug:
            base = self.name
            if self.unit_id and not self.unit.is_central:
                base = f"{base} {self.unit.name}"
            self.slug = unique_slug(self, base)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directives:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def name(self):
        """How people cite it: "Nghị quyết 35-NQ/TW", or its short title."""
        if self.symbol:
            return f"{self.get_kind_display()} {self.symbol}"
        return self.short_title or self.title


class DirectiveRelationManager(models.Manager.from_queryset(ContentQuerySet)):
    def get_by_natural_key(self, source_slug, target_slug):
        return self.get(source__slug=source_slug, target__slug=target_slug)


class DirectiveRelation(models.Model):
    """``source`` (the newer document) relates to ``target``: Kết luận 01-KL/TW
    continues Chỉ thị 05-CT/TW."""

    class Kind(models.TextChoices):
        CONTINUES = "continues", "Tiếp tục thực hiện"
        IMPLEMENTS = "implements", "Triển khai thực hiện"
        REPLACES = "replaces", "Thay thế"
        AMENDS = "amends", "Sửa đổi, bổ sung"

    source = models.ForeignKey(
        Directive,
        verbose_name="văn bản",
        on_delete=models.CASCADE,
        related_name="relations_out",
    )
    target = models.ForeignKey(
        Directive,
        verbose_name="văn bản được tiếp nối",
        on_delete=models.CASCADE,
        related_name="relations_in",
    )
    kind = models.CharField("quan hệ", max_length=20, choices=Kind.choices)

    objects = DirectiveRelationManager()

    class Meta:
        verbose_name = "quan hệ giữa văn bản"
        verbose_name_plural = "quan hệ giữa văn bản"
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="directive_relation_once"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="directive_relation_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.source.name} — {self.get_kind_display().lower()} — {self.target.name}"

    def natural_key(self):
        return (self.source.slug, self.target.slug)

    natural_key.dependencies = ["directives.directive"]


class MeetingQuerySet(BoardContentQuerySet):
    def published(self):
        return self.filter(is_published=True)


class MeetingManager(models.Manager.from_queryset(MeetingQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Meeting(models.Model):
    class Kind(models.TextChoices):
        SO_KET = "so-ket", "Hội nghị sơ kết"
        TONG_KET = "tong-ket", "Hội nghị tổng kết"
        GIAO_BAN = "giao-ban", "Hội nghị giao ban"
        LAM_VIEC = "lam-viec", "Buổi làm việc"
        QUAN_TRIET = "quan-triet", "Hội nghị học tập, quán triệt"
        TAP_HUAN = "tap-huan", "Hội nghị tập huấn"
        KHAC = "khac", "Hội nghị khác"

    class Format(models.TextChoices):
        IN_PERSON = "truc-tiep", "Trực tiếp"
        ONLINE = "truc-tuyen", "Trực tuyến"
        HYBRID = "ket-hop", "Kết hợp trực tiếp và trực tuyến"

    title = models.CharField("tên hội nghị", max_length=400)
    slug = models.SlugField("đường dẫn", max_length=200, unique=True, blank=True)
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị tổ chức", on_delete=models.PROTECT, related_name="meetings"
    )
    date = models.DateField(
        "ngày tổ chức", null=True, blank=True, help_text="Để trống nếu nguồn không ghi ngày."
    )
    period_label = models.CharField(
        "kỳ báo cáo",
        max_length=100,
        blank=True,
        help_text="Ví dụ: 6 tháng đầu năm 2021, quý I/2021, năm 2021.",
    )
    period_start = models.DateField(
        "kỳ báo cáo từ ngày", null=True, blank=True, help_text="Tự điền từ “kỳ báo cáo” nếu trống."
    )
    period_end = models.DateField("kỳ báo cáo đến ngày", null=True, blank=True)
    chair = models.CharField("chủ trì", max_length=300, blank=True)
    location = models.CharField("địa điểm", max_length=300, blank=True)
    format = models.CharField(
        "hình thức", max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    attendance = models.PositiveIntegerField(
        "số người dự", null=True, blank=True, help_text="Tổng số người dự, nếu biết."
    )
    summary = models.TextField("tóm tắt", blank=True)
    directives = models.ManyToManyField(
        Directive, verbose_name="văn bản", blank=True, related_name="meetings"
    )
    articles = models.ManyToManyField(
        "articles.Article", verbose_name="bài viết", blank=True, related_name="meetings"
    )
    is_published = models.BooleanField(
        "công khai",
        default=False,
        help_text="Bạn đọc chỉ thấy hội nghị đã được trưởng ban biên tập duyệt công khai.",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    # Accent-folded words for search (directives/search.py), filled on every save.
    search_document = models.TextField(
        "nội dung tìm kiếm (không dấu)", blank=True, default="", editable=False
    )

    objects = MeetingManager()

    class Meta:
        verbose_name = "hội nghị"
        verbose_name_plural = "hội nghị"
        ordering = [models.F("date").desc(nulls_last=True), "-pk"]
        indexes = [models.Index(fields=["unit", "date"], name="meeting_unit_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True)
                | models.Q(period_end__isnull=True)
                | models.Q(period_start__lte=models.F("period_end")),
                name="meeting_period_in_order",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for field in ("title", "period_label", "chair", "location", "summary"):
            setattr(self, field, nfc(getattr(self, field)).strip())
        if self.period_label and not (self.period_start and self.period_end):
            period = parse_period(self.period_label)
            if period:
                self.period_start, self.period_end = period
        if not self.slug:
            when = self.date.strftime("%d-%m-%Y") if self.date else ""
            self.slug = unique_slug(self, f"{self.title} {self.unit.name} {when}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directives:meeting", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def year(self):
        return self.date.year if self.date else None

    @property
    def total_connection_points(self):
        """Sum of the known connection-point counts (None when none is known)."""
        counts = [p.count for p in self.connection_points.all() if p.count is not None]
        return sum(counts) if counts else None

    def is_upcoming(self):
        return bool(self.date and self.date > timezone.localdate())


class ConnectionPointManager(models.Manager.from_queryset(ContentQuerySet)):
    def get_by_natural_key(self, meeting_slug, label):
        return self.get(meeting__slug=meeting_slug, label=label)


class ConnectionPoint(models.Model):
    """Điểm cầu: the places a meeting was connected to, counted by level."""

    class Level(models.TextChoices):
        CENTRAL = "trung-uong", "Trung ương"
        PROVINCE = "tinh", "Cấp tỉnh"
        DISTRICT = "huyen", "Cấp huyện"
        PARTY_COMMITTEE = "dang-uy", "Đảng ủy trực thuộc"
        COMMUNE = "xa", "Cấp xã"
        OTHER = "khac", "Khác"

    meeting = models.ForeignKey(
        Meeting,
        verbose_name="hội nghị",
        on_delete=models.CASCADE,
        related_name="connection_points",
    )
    level = models.CharField("cấp", max_length=20, choices=Level.choices)
    label = models.CharField(
        "mô tả", max_length=250, help_text="Ví dụ: Điểm cầu tỉnh Lạng Sơn; các điểm cầu cấp huyện."
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="connection_points",
        help_text="Khi điểm cầu là một tỉnh/thành phố cụ thể.",
    )
    count = models.PositiveIntegerField(
        "số điểm cầu", null=True, blank=True, help_text="Để trống nếu nguồn không ghi số."
    )
    attendance = models.PositiveIntegerField("số người dự", null=True, blank=True)

    objects = ConnectionPointManager()

    class Meta:
        verbose_name = "điểm cầu"
        verbose_name_plural = "điểm cầu"
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "label"], name="connection_point_once"),
        ]

    def __str__(self):
        return self.label

    def natural_key(self):
        return (self.meeting.slug, self.label)

    natural_key.dependencies = ["directives.meeting"]
