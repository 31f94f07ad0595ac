"""Reader comments, shown once a chief approves them."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.pagecache import ContentQuerySet
from core.text import nfc

from .articles import Article


class CommentQuerySet(ContentQuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Chờ duyệt"
        APPROVED = "approved", "Đã duyệt"
        REJECTED = "rejected", "Từ chối"

    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField("họ tên", max_length=100)
    email = models.EmailField("thư điện tử", blank=True)
    text = models.TextField("ý kiến", max_length=3000)
    status = models.CharField(
        "trạng thái", max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField("gửi lúc", default=timezone.now)
    visitor_id = models.CharField("mã người đọc", max_length=64, blank=True, editable=False)
    ip_address = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người duyệt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    moderated_at = models.DateTimeField("duyệt lúc", null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = "ý kiến bạn đọc"
        verbose_name_plural = "ý kiến bạn đọc"
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_idx"),
            models.Index(fields=["status", "-created_at"], name="comment_status_idx"),
        ]

    def __str__(self):
        return f"{self.name}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        self.text = nfc(self.text).strip()
        super().save(*args, **kwargs)
