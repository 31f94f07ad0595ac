"""The redirect table: where the addresses of the boards' old sites lead today, and the
old addresses readers asked for that lead nowhere yet.

Neither model is watched by core.pagecache: no page readers are served from the page
cache shows them. A redirect is looked up afresh on every request that needs one (a
404 on a board's host or the portal, any request on a legacy domain), so a row added in
the admin works at once.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower

from core.hosts import normalise_host
from provinces.models import Board, BoardDomain

from .addresses import MAX_PATH, match_key, normalise_path, normalise_target_path


class AddressQuerySet(models.QuerySet):
    def at(self, host, full_path):
        """The row for this host and address, matched without regard to case (the
        unique index is on host and LOWER(path), so this is one index lookup)."""
        return self.alias(path_key=Lower("path")).filter(host=host, path_key=match_key(full_path))


def _family(board):
    """The unit that holds a board's history today: a board and the boards merged into
    its unit are one family (Vĩnh Long's board keeps Trà Vinh's old site)."""
    return board.unit.successor_id


class OldAddress(models.Model):
    """One address of a board's old site and the page it leads to now: an article, or a
    path on the site that answers for the old host today."""

    board = models.ForeignKey(
        Board,
        verbose_name="ban",
        on_delete=models.CASCADE,
        related_name="old_addresses",
        help_text="Ban có trang cũ mang địa chỉ này.",
    )
    host = models.CharField(
        "tên miền cũ",
        max_length=253,
        help_text="Tên miền của trang cũ, ví dụ tuyengiao.travinh.gov.vn (không có http://).",
    )
    path = models.CharField(
        "đường dẫn cũ",
        max_length=MAX_PATH,
        help_text="Phần sau tên miền, kể cả dấu ? và các tham số, ví dụ "
        "/tin-tuc/chi-tiet.aspx?id=123. Không phân biệt chữ hoa, chữ thường.",
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name="bài viết đích",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="old_addresses",
        help_text="Bài viết mà địa chỉ cũ chuyển tới. Chọn bài viết hoặc nhập đường dẫn "
        "đích, không cả hai.",
    )
    target_path = models.CharField(
        "đường dẫn đích",
        max_length=MAX_PATH,
        blank=True,
        help_text="Một trang của trang mới, ví dụ /tinh/tra-vinh/ hoặc /chuyen-muc/tin-tuc/.",
    )
    hits = models.PositiveBigIntegerField("số lần dùng", default=0, editable=False)
    last_hit_at = models.DateTimeField("lần dùng gần nhất", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    objects = AddressQuerySet.as_manager()

    class Meta:
        verbose_name = "địa chỉ cũ"
        verbose_name_plural = "địa chỉ cũ (chuyển hướng)"
        ordering = ["host", "path"]
        constraints = [
            models.UniqueConstraint(
                "host",
                Lower("path"),
                name="old_address_unique",
                violation_error_message="Địa chỉ cũ này đã có trong bảng chuyển hướng.",
            ),
            # At most one target; "exactly one" is checked in clean(): deleting the
            # article leaves a row without one (shown in the admin as such).
            models.CheckConstraint(
                condition=models.Q(article__isnull=True) | models.Q(target_path=""),
                name="old_address_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.host}{self.path}"

    def save(self, *args, **kwargs):
        self.normalise()
        super().save(*args, **kwargs)
        # The address leads somewhere now: it is no longer missing.
        MissingAddress.objects.at(self.host, self.path).delete()

    def normalise(self):
        self.host = normalise_host(self.host)
        self.path = normalise_path(self.path)
        if self.target_path:
            self.target_path = normalise_target_path(self.target_path)

    def clean(self):
        errors = {}
        for field, normalise in (
            ("host", normalise_host),
            ("path", normalise_path),
            ("target_path", normalise_target_path),
        ):
            value = getattr(self, field)
            if not value:
                continue  # a required field's own error says so
            try:
                setattr(self, field, normalise(value))
            except ValidationError as error:
                errors[field] = error.messages
        if errors:
            raise ValidationError(errors)
        if (self.article_id is None) == (not self.target_path):
            raise ValidationError(
                "Chọn một bài viết đích hoặc nhập một đường dẫn đích (chỉ một trong hai)."
            )
        if self.target_path and self.host and match_key(self.target_path) == match_key(self.path):
            raise ValidationError({"target_path": "Đường dẫn đích trùng với đường dẫn cũ."})
        self.check_host_belongs_to_board()

    def check_host_belongs_to_board(self):
        """A host registered to a board holds only that board family's old addresses:
        one board cannot redirect readers of another board's site."""
        if self.board_id is None or not self.host:
            return
        domain = BoardDomain.objects.filter(host=self.host).select_related("board__unit").first()
        if domain is not None and _family(domain.board) != _family(self.board):
            raise ValidationError(
                {"host": f"Tên miền {self.host} thuộc {domain.board.name}, không thuộc ban này."}
            )


class MissingAddress(models.Model):
    """An address asked for on a board's host (primary, alias or legacy) that led
    nowhere: the list a board works through to map its old site. Recorded only for
    board domains, for addresses up to MAX_PATH long, and at most
    ``services.MISSING_PER_BOARD`` rows per board (past that, only the rows already there
    are counted), so strangers cannot fill the table."""

    board = models.ForeignKey(
        Board, verbose_name="ban", on_delete=models.CASCADE, related_name="missing_addresses"
    )
    host = models.CharField("tên miền", max_length=253)
    path = models.CharField("đường dẫn", max_length=MAX_PATH)
    hits = models.PositiveBigIntegerField("số lần", default=0)
    first_seen = models.DateTimeField("lần đầu")
    last_seen = models.DateTimeField("lần gần nhất")

    objects = AddressQuerySet.as_manager()

    class Meta:
        verbose_name = "địa chỉ không tìm thấy"
        verbose_name_plural = "địa chỉ không tìm thấy"
        ordering = ["-hits", "-last_seen"]
        constraints = [
            models.UniqueConstraint("host", Lower("path"), name="missing_address_unique"),
        ]

    def __str__(self):
        return f"{self.host}{self.path}"
