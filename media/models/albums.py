"""Photo albums: ordered photos with captions, credits and dates."""

from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse

from articles import images
from articles.models.images import Renditions
from core.pagecache import ContentQuerySet
from core.text import nfc

from ..querysets import MediaManager
from .common import BoardMedia


class Album(BoardMedia):
    taken_on = models.DateField(
        "ngày chụp", null=True, blank=True, help_text="Ngày của sự kiện trong album."
    )
    articles = models.ManyToManyField(
        "articles.Article", verbose_name="tin bài", blank=True, related_name="albums"
    )
    directives = models.ManyToManyField(
        "directives.Directive", verbose_name="văn bản", blank=True, related_name="albums"
    )
    meetings = models.ManyToManyField(
        "directives.Meeting", verbose_name="hội nghị", blank=True, related_name="albums"
    )

    objects = MediaManager()

    class Meta:
        verbose_name = "album ảnh"
        verbose_name_plural = "album ảnh"
        ordering = [models.F("taken_on").desc(nulls_last=True), "-pk"]
        indexes = [models.Index(fields=["unit", "is_published"], name="album_unit_public_idx")]

    def get_absolute_url(self):
        return reverse("media:album", kwargs={"slug": self.slug})

    @property
    def cover(self):
        """The first photo (from the list's prefetched ``cover_photos`` when there)."""
        photos = getattr(self, "cover_photos", None)
        if photos is None:
            photos = self.photos.order_by("position", "pk")[:1]
        return next(iter(photos), None)


class PhotoManager(models.Manager.from_queryset(ContentQuerySet)):
    def get_by_natural_key(self, album_slug, position):
        return self.get(album__slug=album_slug, position=position)


class Photo(Renditions, models.Model):
    """A photo of an album. Uploads pass the article images' checks and cleaning
    (articles.images: decoded by Pillow, EXIF position dropped, resized copies)."""

    album = models.ForeignKey(
        Album, verbose_name="album", on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        "ảnh", upload_to="albums/%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField("rộng", null=True, blank=True, editable=False)
    height = models.PositiveIntegerField("cao", null=True, blank=True, editable=False)
    caption = models.TextField("chú thích", blank=True)
    alt_text = models.CharField(
        "mô tả ảnh (alt)",
        max_length=300,
        blank=True,
        help_text="Mô tả nội dung ảnh cho người khiếm thị; để trống sẽ dùng chú thích.",
    )
    credit = models.CharField("tác giả ảnh", max_length=150, blank=True)
    taken_on = models.DateField("ngày chụp", null=True, blank=True)
    position = models.PositiveSmallIntegerField("thứ tự", default=1)
    original_filename = models.CharField("tên tệp gốc", max_length=255, blank=True, editable=False)
    renditions = models.JSONField("bản thu nhỏ", default=dict, blank=True, editable=False)

    objects = PhotoManager()

    class Meta:
        verbose_name = "ảnh"
        verbose_name_plural = "ảnh trong album"
        ordering = ["album", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["album", "position"], name="photo_position_unique"),
        ]

    def __str__(self):
        return self.caption[:80] or self.original_filename or f"Ảnh {self.position}"

    def save(self, *args, **kwargs):
        self.caption = nfc(self.caption).strip()
        self.alt_text = nfc(self.alt_text).strip()
        self.credit = nfc(self.credit).strip()
        new_upload = bool(self.image) and not getattr(self.image, "_committed", True)
        if new_upload:
            self.original_filename = self.image.name.rsplit("/", 1)[-1][:255]
            images.normalise(self)
        super().save(*args, **kwargs)
        if new_upload:
            images.make_renditions(self)

    def natural_key(self):
        return (self.album.slug, self.position)

    natural_key.dependencies = ["media.album"]

    @property
    def alt(self):
        return self.alt_text or self.caption or self.album.title


@receiver(post_delete, sender=Photo, dispatch_uid="media_photo_files")
def _delete_photo_files(sender, instance, **kwargs):
    images.delete_files(instance)
