"""Administrative units and the propaganda boards (Ban Tuyên giáo) that run sites for them.

On 1 July 2025 Vietnam's 63 provincial units became 34. One row stands for one unit:
- a unit in force today has ``code`` (its NSO code since 1/7/2025); if it also existed
  before, it has ``legacy_code`` (its pre-2025 NSO code, which may differ: the new Lào
  Cai carries Yên Bái's old code 15, the old Lào Cai was 10);
- a pre-2025 unit that was merged away has only ``legacy_code`` and ``merged_into``
  (Hậu Giang → Cần Thơ);
- the central level (Trung ương) has neither code.
So ``Unit.objects.current()`` gives the 34, ``pre_2025()`` the 63, and a current unit's
history is itself plus ``merged_units``.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse

from core.hosts import normalise_host
from core.pagecache import ContentQuerySet
from core.text import slugify_vi

MERGER_DATE = datetime.date(2025, 7, 1)


class UnitQuerySet(ContentQuerySet):
    def current(self):
        """The 34 provincial units in force since 1 July 2025."""
        return self.filter(code__isnull=False)

    def pre_2025(self):
        """The 63 provincial units in force before 1 July 2025."""
        return self.filter(legacy_code__isnull=False)

    def merged(self):
        """Pre-2025 units that were merged into another unit."""
        return self.filter(merged_into__isnull=False)

    def provincial(self):
        return self.exclude(kind=Unit.Kind.CENTRAL)

    def central(self):
        return self.get(kind=Unit.Kind.CENTRAL)


class UnitManager(models.Manager.from_queryset(UnitQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Unit(models.Model):
    class Kind(models.TextChoices):
        CENTRAL = "trung-uong", "Trung ương"
        PROVINCE = "tinh", "Tỉnh"
        CITY = "thanh-pho", "Thành phố trực thuộc Trung ương"

    name = models.CharField("tên", max_length=100, help_text="Tên ngắn, ví dụ: Cần Thơ.")
    full_name = models.CharField(
        "tên đầy đủ", max_length=150, help_text="Ví dụ: Thành phố Cần Thơ, Tỉnh Hậu Giang."
    )
    slug = models.SlugField(
        "đường dẫn", max_length=100, unique=True, help_text="Ví dụ: can-tho (không dấu)."
    )
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    code = models.PositiveSmallIntegerField(
        "mã đơn vị (từ 1/7/2025)",
        unique=True,
        null=True,
        blank=True,
        help_text="Mã Tổng cục Thống kê của đơn vị hành chính đang có hiệu lực.",
    )
    legacy_code = models.PositiveSmallIntegerField(
        "mã đơn vị (trước 1/7/2025)",
        unique=True,
        null=True,
        blank=True,
        help_text="Mã của đơn vị trong danh sách 63 tỉnh, thành phố trước sáp nhập.",
    )
    legacy_name = models.CharField(
        "tên trước 1/7/2025",
        max_length=150,
        blank=True,
        help_text="Chỉ ghi khi khác tên hiện nay, ví dụ: Tỉnh Thừa Thiên Huế.",
    )
    legacy_slug = models.SlugField(
        "đường dẫn cũ",
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text="Đường dẫn theo tên cũ; vẫn mở được và chuyển về trang hiện nay.",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name="sáp nhập vào",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_units",
    )
    merged_on = models.DateField("ngày sáp nhập", null=True, blank=True)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    objects = UnitManager()

    class Meta:
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        ordering = ["position", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(merged_into=models.F("pk")),
                name="unit_not_merged_into_itself",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:unit", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def is_central(self):
        return self.kind == self.Kind.CENTRAL

    @property
    def is_current(self):
        """In force today: one of the 34, or the central level."""
        return self.code is not None or self.is_central

    @property
    def successor(self):
        """The unit that holds this unit's history today (itself unless merged)."""
        return self.merged_into or self

    @property
    def successor_id(self):
        """``successor.pk`` without a query."""
        return self.merged_into_id or self.pk

    def history_unit_ids(self):
        """Ids whose content belongs on this unit's page: itself and, for a current unit,
        the pre-2025 units merged into it. Read once per instance: the merger map changes
        by decree, not during a request (an article page asks twice: its related
        articles and its visit statistics)."""
        ids = self.__dict__.get("_history_unit_ids")
        if ids is None:
            ids = (self.pk, *self.merged_units.values_list("pk", flat=True))
            self.__dict__["_history_unit_ids"] = ids
        return list(ids)


class BoardManager(models.Manager.from_queryset(ContentQuerySet)):
    def get_by_natural_key(self, unit_slug):
        return self.get(unit__slug=unit_slug)


class Board(models.Model):
    """The propaganda board of a unit and the profile its site's footer shows."""

    unit = models.OneToOneField(
        Unit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="board"
    )
    name = models.CharField(
        "tên ban",
        max_length=200,
        help_text="Tên hiển thị ở chân trang, ví dụ: Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Long.",
    )
    site_name = models.CharField(
        "tên trang tin",
        max_length=250,
        blank=True,
        help_text="Ví dụ: Trang tin điện tử Ban Tuyên giáo Tỉnh ủy Trà Vinh.",
    )
    editor_in_chief = models.CharField("trưởng ban biên tập", max_length=150, blank=True)
    editor_in_chief_title = models.CharField(
        "chức vụ của trưởng ban biên tập", max_length=250, blank=True
    )
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    phone = models.CharField("điện thoại", max_length=50, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    website = models.CharField(
        "website", max_length=200, blank=True, help_text="Ví dụ: tuyengiao.travinh.gov.vn"
    )
    reprint_notice = models.TextField(
        "ghi chú khi phát hành lại",
        blank=True,
        help_text="Ví dụ: Ghi rõ nguồn “…” khi phát hành lại thông tin từ website này.",
    )
    trust_badge = models.BooleanField(
        "có chứng nhận Tín nhiệm mạng",
        default=False,
        help_text="Trang cũ được cấp chứng nhận Tín nhiệm mạng.",
    )
    visits_baseline = models.PositiveBigIntegerField(
        "số lượt truy cập chuyển từ trang cũ",
        default=0,
        help_text="Tổng lượt truy cập đã đếm trên trang cũ; được cộng vào “Tất cả”.",
    )
    visits_baseline_on = models.DateField(
        "tính đến ngày", null=True, blank=True, help_text="Ngày chốt số lượt truy cập cũ."
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = BoardManager()

    class Meta:
        verbose_name = "ban tuyên giáo"
        verbose_name_plural = "ban tuyên giáo"
        ordering = ["unit__position", "unit__slug"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.unit.slug,)

    natural_key.dependencies = ["provinces.unit"]

    def name_on(self, day):
        """The board's name on ``day`` (a date or datetime), from its dated names: an
        article of 2021 was published by "Ban Tuyên giáo Tỉnh ủy …", one of 2026 by "Ban
        Tuyên giáo và Dân vận Tỉnh ủy …". Where several names fit (dates unknown), the
        one used from the latest known date; without names, the board's name."""
        if hasattr(day, "hour"):
            from django.utils import timezone

            day = timezone.localtime(day).date()
        fitting = [
            n
            for n in self.names.all()
            if (n.valid_from is None or n.valid_from <= day)
            and (n.valid_until is None or day <= n.valid_until)
        ]
        if not fitting:
            return self.name
        return max(fitting, key=lambda n: (n.valid_from or datetime.date.min, -n.pk)).name

    @property
    def website_url(self):
        if not self.website:
            return ""
        if self.website.startswith(("http://", "https://")):
            return self.website
        return f"https://{self.website}"


class BoardDomainManager(models.Manager.from_queryset(ContentQuerySet)):
    def get_by_natural_key(self, host):
        return self.get(host=host)


class BoardDomain(models.Model):
    """A host name that leads to a board's site. One primary name per board (the one
    links and canonical addresses use), aliases that serve the same site, and the old
    domains of boards merged away in 2025, which redirect to their successor's site."""

    class Kind(models.TextChoices):
        PRIMARY = "primary", "Tên miền chính"
        ALIAS = "alias", "Tên miền phụ"
        LEGACY = "legacy", "Tên miền cũ (chuyển hướng)"

    board = models.ForeignKey(
        Board, verbose_name="ban", on_delete=models.CASCADE, related_name="domains"
    )
    host = models.CharField(
        "tên miền",
        max_length=253,
        unique=True,
        help_text="Chỉ tên miền, ví dụ tuyengiao.travinh.gov.vn (không có http://).",
        error_messages={"unique": "Tên miền này đã thuộc về một ban khác."},
    )
    kind = models.CharField("loại", max_length=10, choices=Kind.choices, default=Kind.PRIMARY)
    note = models.CharField("ghi chú", max_length=250, blank=True)

    objects = BoardDomainManager()

    class Meta:
        verbose_name = "tên miền"
        verbose_name_plural = "tên miền"
        ordering = ["board", "kind", "host"]
        constraints = [
            models.UniqueConstraint(
                fields=["board"],
                condition=models.Q(kind="primary"),
                name="one_primary_domain_per_board",
                violation_error_message="Mỗi ban chỉ có một tên miền chính.",
            ),
        ]

    def __str__(self):
        return self.host

    def save(self, *args, **kwargs):
        self.host = normalise_host(self.host)
        super().save(*args, **kwargs)

    def clean(self):
        self.host = normalise_host(self.host)

    def natural_key(self):
        return (self.host,)

    natural_key.dependencies = ["provinces.board"]


class BoardNameManager(models.Manager.from_queryset(ContentQuerySet)):
    def get_by_natural_key(self, unit_slug, name):
        return self.get(board__unit__slug=unit_slug, name=name)


class BoardName(models.Model):
    """A name the board carried, with the dates it was in use where they are known."""

    board = models.ForeignKey(
        Board, verbose_name="ban", on_delete=models.CASCADE, related_name="names"
    )
    name = models.CharField("tên", max_length=200)
    valid_from = models.DateField("từ ngày", null=True, blank=True)
    valid_until = models.DateField("đến ngày", null=True, blank=True)
    note = models.CharField(
        "ghi chú", max_length=250, blank=True, help_text="Ví dụ: khi không rõ ngày chính xác."
    )

    objects = BoardNameManager()

    class Meta:
        verbose_name = "tên gọi của ban"
        verbose_name_plural = "các tên gọi của ban"
        ordering = [
            models.F("valid_from").asc(nulls_first=True),
            models.F("valid_until").asc(nulls_last=True),
            "pk",
        ]
        constraints = [
            models.UniqueConstraint(fields=["board", "name"], name="board_name_unique"),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_until__isnull=True)
                | models.Q(valid_from__lte=models.F("valid_until")),
                name="board_name_dates_in_order",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.board.unit.slug, self.name)

    natural_key.dependencies = ["provinces.board"]


class BoardLinkManager(models.Manager.from_queryset(ContentQuerySet)):
    def get_by_natural_key(self, unit_slug, url):
        return self.get(board__unit__slug=unit_slug, url=url)


DUPLICATE_LINK = "Ban đã có liên kết tới địa chỉ này."


def _link_image_size(image):
    if image and getattr(image, "size", 0) > settings.IMAGE_MAX_BYTES:
        limit = settings.IMAGE_MAX_BYTES / (1024 * 1024)
        raise ValidationError(
            f"Ảnh biểu ngữ quá lớn; tối đa {limit:.1f} MB. Hãy giảm kích thước ảnh.".replace(
                ".", ",", 1
            ),
            code="too_large",
        )


class BoardLink(models.Model):
    """A link from a board's site to another official site, in its footer: a banner
    image or, without one, its title as text. The board's chief orders them. The
    portal (no board's host) shows the central board's links."""

    board = models.ForeignKey(
        Board, verbose_name="ban", on_delete=models.CASCADE, related_name="links"
    )
    title = models.CharField(
        "tên trang",
        max_length=150,
        help_text="Tên trang được liên kết, ví dụ “Báo điện tử Đảng Cộng sản Việt Nam”. "
        "Với biểu ngữ, đây là mô tả ảnh cho người khiếm thị.",
    )
    url = models.URLField(
        "địa chỉ",
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Địa chỉ đầy đủ, bắt đầu bằng https://",
    )
    image = models.ImageField(
        "ảnh biểu ngữ",
        upload_to="links/%Y/",
        blank=True,
        width_field="width",
        height_field="height",
        validators=[_link_image_size],
        help_text="Không bắt buộc: ảnh JPEG, PNG hoặc WebP; để trống sẽ hiện tên trang.",
    )
    width = models.PositiveIntegerField("rộng", null=True, blank=True, editable=False)
    height = models.PositiveIntegerField("cao", null=True, blank=True, editable=False)
    position = models.PositiveSmallIntegerField("thứ tự", default=0, help_text="Số nhỏ hiện trước.")
    is_active = models.BooleanField("hiển thị", default=True)

    objects = BoardLinkManager()

    class Meta:
        verbose_name = "liên kết"
        verbose_name_plural = "liên kết, biểu ngữ"
        ordering = ["board", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "url"],
                name="board_link_url_unique",
                violation_error_message=DUPLICATE_LINK,
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.board.unit.slug, self.url)

    natural_key.dependencies = ["provinces.board"]


class Membership(models.Model):
    """A staff account's board and role. Scoping (what a user may see and touch) is
    decided from this row alone, in provinces.access."""

    class Role(models.TextChoices):
        EDITOR = "editor", "Biên tập viên"
        CHIEF = "chief", "Trưởng ban biên tập"
        ANALYST = "analyst", "Chuyên viên"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản",
        on_delete=models.CASCADE,
        related_name="membership",
    )
    board = models.ForeignKey(
        Board, verbose_name="ban", on_delete=models.PROTECT, related_name="members"
    )
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "thành viên ban"
        verbose_name_plural = "thành viên ban"
        ordering = ["board", "role", "user"]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.board}"
