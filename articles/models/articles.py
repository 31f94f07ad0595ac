"""Articles: the one visibility rule (``published()``), the workflow's states, slugs."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from core.text import nfc, unique_slug
from provinces.models import Unit
from provinces.querysets import BoardContentQuerySet

from ..sanitize import sanitize_html
from .sections import Section


class ArticleQuerySet(BoardContentQuerySet):
    # Readers' views are counted with update(views=...): counting, not an edit.
    counter_fields = frozenset({"views"})

    def published(self):
        """The one visibility rule: status published and publish time reached. Every
        public list, page, feed, sitemap, search and related block starts here."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Approved and waiting for their publish time ("Hẹn giờ"): readers see them
        when the clock reaches it."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def of_unit(self, unit):
        """A unit's articles: for a unit in force, its own and those of the pre-2025 units
        merged into it; for a merged unit, its own."""
        if unit.merged_into_id:
            return self.filter(unit=unit)
        return self.filter(current_unit=unit)


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_by_natural_key(self, slug):
        # A slug names one claimed article, or drafts of different boards.
        return (
            self.filter(slug=slug)
            .order_by(
                models.Case(
                    models.When(status__in=["published", "unpublished"], then=0), default=1
                ),
                "pk",
            )[:1]
            .get()
        )


def latest_due_timestamp():
    """When the most recently due published article went live (a part of the content
    version, core.pagecache): it changes the moment a scheduled article's time comes,
    so cached pages roll over with no cron job."""
    latest = (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())
        .order_by("-published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return int(latest.timestamp()) if latest else 0


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Bản nháp"
        PENDING = "pending", "Chờ duyệt"
        PUBLISHED = "published", "Đã xuất bản"
        UNPUBLISHED = "unpublished", "Đã gỡ"

    title = models.CharField("tiêu đề", max_length=500)
    # Unique among claimed articles only (see Article.CLAIMED and the constraint in
    # Meta): a draft's slug is checked against what is public and against its own
    # board's articles, never against other boards' drafts, so no error, suffix or
    # redirect tells an editor what another board is writing.
    slug = models.SlugField(
        "đường dẫn",
        max_length=255,
        blank=True,
        help_text="Tạo tự động từ tiêu đề (không dấu, “đ” thành “d”).",
    )
    summary = models.TextField("sapo", blank=True, help_text="Đoạn tóm tắt in đậm đầu bài.")
    body = models.TextField("nội dung", blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị đăng",
        on_delete=models.PROTECT,
        related_name="articles",
    )
    current_unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị hiện nay",
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text="The unit whose board holds the article today (its unit, or the unit "
        "that unit merged into): one indexed column for a unit's page at any size.",
    )
    section = models.ForeignKey(
        Section,
        verbose_name="chuyên mục",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    directives = models.ManyToManyField(
        "directives.Directive",
        verbose_name="văn bản liên quan",
        blank=True,
        related_name="articles",
    )
    byline = models.CharField(
        "tác giả",
        max_length=250,
        blank=True,
        help_text="Ví dụ: Trần Thị Thùy Trang, Phó phòng KG-TH.",
    )
    source = models.CharField(
        "nguồn",
        max_length=250,
        blank=True,
        help_text="Ghi như muốn hiển thị, ví dụ: Theo Báo Bình Phước.",
    )
    status = models.CharField(
        "trạng thái", max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        "thời gian xuất bản",
        null=True,
        blank=True,
        help_text="Bài chỉ hiện từ thời điểm này; đặt thời gian trong tương lai để hẹn giờ.",
    )
    created_at = models.DateTimeField("tạo lúc", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    views = models.PositiveBigIntegerField("số lần xem", default=0)
    is_featured = models.BooleanField("tin nổi bật", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Search (core/search, articles/search.py). On SQLite: the accent-folded words of the title, summary
    # and body ("dang # ... @ ..."), filled on every save, raw fixture loads included. On
    # PostgreSQL it stays empty: the database keeps a generated, weighted tsvector column
    # ("search_vector", migration 0003, unknown to the ORM) with a GIN index instead.
    search_document = models.TextField(
        "nội dung tìm kiếm (không dấu)", blank=True, default="", editable=False
    )

    objects = ArticleManager()

    #: Statuses whose article owns its slug site-wide: published (or scheduled) and
    #: withdrawn ones, whose address has been public.
    CLAIMED = (Status.PUBLISHED, Status.UNPUBLISHED)

    class Meta:
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(status__in=["published", "unpublished"]),
                name="article_claimed_slug_unique",
            ),
        ]
        indexes = [
            # Public lists are "published, newest first", site-wide, per unit and per
            # section; partial indexes keep drafts out of them.
            models.Index(
                fields=["-published_at", "-id"],
                condition=models.Q(status="published"),
                name="article_pub_idx",
            ),
            models.Index(
                fields=["unit", "-published_at", "-id"],
                condition=models.Q(status="published"),
                name="article_unit_pub_idx",
            ),
            models.Index(
                fields=["current_unit", "-published_at", "-id"],
                condition=models.Q(status="published"),
                name="article_current_unit_pub_idx",
            ),
            models.Index(
                fields=["section", "-published_at", "-id"],
                condition=models.Q(status="published"),
                name="article_section_pub_idx",
            ),
            models.Index(
                fields=["-views", "-published_at"],
                condition=models.Q(status="published"),
                name="article_most_read_idx",
            ),
            models.Index(
                fields=["-published_at", "-id"],
                condition=models.Q(status="published", is_featured=True),
                name="article_featured_idx",
            ),
            models.Index(fields=["status", "unit"], name="article_status_unit_idx"),
            # The API's incremental sync (?updated_since=): public articles by last change.
            models.Index(
                fields=["updated_at", "id"],
                condition=models.Q(status="published"),
                name="article_pub_updated_idx",
            ),
            # ... and what left the public since (the API's withdrawn list): few rows.
            models.Index(
                fields=["updated_at", "id"],
                condition=~models.Q(status="published"),
                name="article_unpub_updated_idx",
            ),
            # Staff reports list articles newest first by this moment (drafts have no
            # publish time yet): one ordered index scan for any page of a big report.
            models.Index(
                Coalesce("published_at", "created_at").desc(),
                models.F("id").desc(),
                name="article_moment_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for field in ("title", "summary", "body", "byline", "source"):
            setattr(self, field, nfc(getattr(self, field)))
        self.title = self.title.strip()
        self.body = sanitize_html(self.body)
        if self.unit_id:
            self.current_unit_id = self.unit.successor_id
        if not self.slug:
            self.slug = unique_slug(self, self.title, max_length=120, queryset=self.slug_rivals())
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if not self._state.adding and kwargs.get("update_fields") is None and not args:
            # The view count belongs to readers: counts flushed since this instance was
            # read must not be written back over (an edit would lose them).
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "views"
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @classmethod
    def directive_model(cls):
        """The Directive model. The directives app builds on this one, so articles reach it
        through the relation and never import it."""
        return cls._meta.get_field("directives").related_model

    @classmethod
    def public_directives(cls):
        """Prefetch the public directives an article links to."""
        return models.Prefetch("directives", queryset=cls.directive_model().objects.published())

    def slug_rivals(self):
        """The articles whose slugs this one must not take: every claimed article, and
        the articles of its own board (the unit that holds its unit today). Other
        boards' drafts are not rivals: a clash with one would tell an editor what that
        board is writing."""
        holder = self.current_unit_id or self.unit.successor_id
        rivals = Article.objects.filter(
            models.Q(status__in=self.CLAIMED) | models.Q(current_unit_id=holder)
        )
        return rivals.exclude(pk=self.pk) if self.pk else rivals

    def claim_slug(self):
        """Before this article is published: a slug no claimed article has (a draft may
        share one with another board's draft). Returns the slug, changed or not."""
        claimed = Article.objects.filter(status__in=self.CLAIMED).exclude(pk=self.pk)
        if claimed.filter(slug=self.slug).exists():
            self.slug = unique_slug(self, self.slug, max_length=120, queryset=claimed)
        return self.slug

    def natural_key(self):
        return (self.slug,)

    @property
    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        """Published with a publish time still to come: readers see it at that moment
        (``published()`` compares with the clock; no job has to run)."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def state_label(self):
        """The status an editor reads: "Hẹn giờ" for a scheduled article."""
        return "Hẹn giờ" if self.is_scheduled else self.get_status_display()
