"""What happened to an article (workflow events) and its content revisions."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .articles import Article


class ArticleEvent(models.Model):
    """One step of an article's workflow: who moved it from which status to which, and
    when. Written by articles.workflow only."""

    class Action(models.TextChoices):
        CREATED = "created", "Tạo bài"
        SUBMITTED = "submitted", "Gửi duyệt"
        RETURNED = "returned", "Trả lại biên tập"
        PUBLISHED = "published", "Duyệt và xuất bản"
        SCHEDULED = "scheduled", "Duyệt, hẹn giờ xuất bản"
        RESCHEDULED = "rescheduled", "Đổi thời gian xuất bản"
        UNPUBLISHED = "unpublished", "Gỡ bài"
        RESTORED = "restored", "Khôi phục phiên bản"

    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField("thao tác", max_length=20, choices=Action.choices)
    from_status = models.CharField(
        "từ trạng thái", max_length=20, choices=Article.Status.choices, blank=True
    )
    to_status = models.CharField("sang trạng thái", max_length=20, choices=Article.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("lúc", default=timezone.now)
    publish_at = models.DateTimeField(
        "thời gian xuất bản", null=True, blank=True, help_text="Với bước xuất bản, hẹn giờ."
    )
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "bước duyệt bài"
        verbose_name_plural = "các bước duyệt bài"
        ordering = ["article", "at", "pk"]
        indexes = [models.Index(fields=["article", "at"], name="article_event_idx")]

    def __str__(self):
        return f"{self.get_action_display()} — {self.article}"


class ArticleRevision(models.Model):
    """A snapshot of an article's editable fields (directives included), stored at each
    save through the admin. Written by articles.revisions only."""

    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField("phiên bản số")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người sửa",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("lúc", default=timezone.now)
    data = models.JSONField("nội dung")
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        verbose_name = "phiên bản bài viết"
        verbose_name_plural = "các phiên bản bài viết"
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="article_revision_number_unique"
            ),
        ]

    def __str__(self):
        return f"Phiên bản {self.number} — {self.article}"
