from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    """One thing a person did that an auditor may ask about: signing in (or failing to),
    every workflow step, every moderation and every change made in the admin."""

    class Action(models.TextChoices):
        LOGIN = "login", "Đăng nhập"
        LOGIN_FAILED = "login_failed", "Đăng nhập sai"
        LOGIN_LOCKED = "login_locked", "Tạm khóa đăng nhập"
        LOGOUT = "logout", "Đăng xuất"
        WORKFLOW = "workflow", "Duyệt bài"
        MODERATION = "moderation", "Duyệt ý kiến"
        ADMIN_ADD = "admin_add", "Thêm trong trang quản trị"
        ADMIN_CHANGE = "admin_change", "Sửa trong trang quản trị"
        ADMIN_DELETE = "admin_delete", "Xóa trong trang quản trị"
        ACCOUNT = "account", "Tài khoản"

    at = models.DateTimeField("lúc", default=timezone.now, db_index=True)
    action = models.CharField("hành động", max_length=20, choices=Action.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField("tên đăng nhập", max_length=150, blank=True)
    ip_address = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    user_agent = models.CharField("trình duyệt", max_length=300, blank=True)
    object_type = models.CharField("loại đối tượng", max_length=100, blank=True)
    object_id = models.CharField("mã đối tượng", max_length=64, blank=True)
    object_repr = models.CharField("đối tượng", max_length=300, blank=True)
    unit = models.ForeignKey(
        "provinces.Unit",
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    details = models.JSONField("chi tiết", default=dict, blank=True)

    class Meta:
        verbose_name = "nhật ký hoạt động"
        verbose_name_plural = "nhật ký hoạt động"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["actor", "-at"], name="audit_actor_idx")]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.username}: {self.get_action_display()} {self.object_repr}"
