"""Sections ("chuyên mục"): shared ones, and a board's own."""

from django.db import models
from django.urls import reverse

from core.pagecache import ContentQuerySet
from core.text import nfc, unique_slug
from provinces.models import Unit


class SectionManager(models.Manager.from_queryset(ContentQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Section(models.Model):
    """A chuyên mục: "Tin tức - sự kiện", "Chính trị - Kinh tế", ..."""

    name = models.CharField("tên chuyên mục", max_length=150, unique=True)
    slug = models.SlugField("đường dẫn", max_length=150, unique=True, blank=True)
    description = models.TextField("mô tả", blank=True)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("hiển thị trên menu", default=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name="chuyên mục riêng của",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sections",
        help_text="Để trống nếu là chuyên mục chung của mọi ban.",
    )

    objects = SectionManager()

    class Meta:
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)
