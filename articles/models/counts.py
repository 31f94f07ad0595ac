"""Visit statistics per day and board, and the record of counter flushes."""

from django.db import models

from provinces.models import Unit


class DailyVisits(models.Model):
    """Visits per Vietnamese calendar day, for one unit's board or (unit empty) the whole
    site. A visit is a visitor's first request in 30 minutes. Kept in the database so a
    restart loses nothing and history can be charted."""

    unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="daily_visits",
        help_text="Để trống: toàn trang.",
    )
    date = models.DateField("ngày")
    visits = models.PositiveBigIntegerField("lượt truy cập", default=0)

    class Meta:
        verbose_name = "lượt truy cập theo ngày"
        verbose_name_plural = "lượt truy cập theo ngày"
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "date"], name="daily_visits_unit_date"),
            models.UniqueConstraint(
                fields=["date"],
                condition=models.Q(unit__isnull=True),
                name="daily_visits_site_date",
            ),
        ]

    def __str__(self):
        return f"{self.unit or 'Toàn trang'} {self.date:%d/%m/%Y}: {self.visits}"


class CounterFlush(models.Model):
    """A batch of buffered counts applied to the database. Recording the batch in the
    same transaction as its increments makes a flush exactly-once, even when a worker
    dies between applying a batch and deleting it from Redis."""

    batch = models.CharField(max_length=64, unique=True)
    applied_at = models.DateTimeField(auto_now_add=True)
    views = models.PositiveBigIntegerField(default=0)
    visits = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "lần ghi bộ đếm"
        verbose_name_plural = "các lần ghi bộ đếm"

    def __str__(self):
        return self.batch
