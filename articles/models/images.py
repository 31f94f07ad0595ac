"""An article's images, their renditions and captions."""

from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver

from core.pagecache import ContentQuerySet
from core.text import nfc

from .articles import Article


class ArticleImageManager(models.Manager.from_queryset(ContentQuerySet)):
    def get_by_natural_key(self, article_slug, position):
        return self.get(article__slug=article_slug, position=position)


class Renditions:
    """The resized copies of an image model made by ``articles.images`` (its ``image``
    field), for templates: ``thumb``, ``medium``, ``large`` and ``srcset``."""

    def rendition(self, name):
        """A resized copy ("thumb" ~320px, "medium" ~800px, "large" ~1280px) as an object
        with url, width and height; the original when that copy does not exist (seed
        placeholders, images smaller than the size)."""
        from .. import images

        return images.rendition(self, name)

    @property
    def thumb(self):
        """~320px copy, for lists and the admin."""
        return self.rendition("thumb")

    @property
    def medium(self):
        """~800px copy, the article page's default."""
        return self.rendition("medium")

    @property
    def large(self):
        return self.rendition("large")

    @property
    def srcset(self):
        """srcset attribute value listing the resized copies (empty without any)."""
        from .. import images

        return images.srcset(self)


class ArticleImage(Renditions, models.Model):
    """An image of an article. The body places it with ``<figure data-image="N">``,
    N being its position; images the body does not place are shown after it."""

    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="images"
    )
    image = models.ImageField(
        "ảnh", upload_to="articles/%Y/%m/", width_field="width", height_field="height"
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
    position = models.PositiveSmallIntegerField("thứ tự", default=1)
    original_filename = models.CharField("tên tệp gốc", max_length=255, blank=True, editable=False)
    is_placeholder = models.BooleanField(
        "ảnh thay thế",
        default=False,
        help_text="Ảnh gốc không còn; đang hiển thị ảnh thay thế.",
    )
    renditions = models.JSONField(
        "bản thu nhỏ",
        default=dict,
        blank=True,
        editable=False,
        help_text="Các bản đã thu nhỏ: {tên: {name, width, height}}; tạo khi lưu ảnh.",
    )

    objects = ArticleImageManager()

    class Meta:
        verbose_name = "ảnh"
        verbose_name_plural = "ảnh"
        ordering = ["article", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="article_image_position_unique"
            ),
        ]

    def __str__(self):
        return self.caption[:80] or self.original_filename or f"Ảnh {self.position}"

    def save(self, *args, **kwargs):
        from .. import images  # the module imports this one

        self.caption = nfc(self.caption).strip()
        self.alt_text = nfc(self.alt_text).strip()
        new_upload = bool(self.image) and not getattr(self.image, "_committed", True)
        if new_upload:
            if not self.original_filename:
                self.original_filename = self.image.name.rsplit("/", 1)[-1][:255]
            images.normalise(self)
        if not self.original_filename and self.image:
            self.original_filename = self.image.name.rsplit("/", 1)[-1][:255]
        super().save(*args, **kwargs)
        if new_upload:
            images.make_renditions(self)

    def natural_key(self):
        return (self.article.slug, self.position)

    natural_key.dependencies = ["articles.article"]

    @property
    def alt(self):
        return self.alt_text or self.caption or self.article.title


@receiver(post_delete, sender=ArticleImage, dispatch_uid="articles_image_files")
def _delete_image_files(sender, instance, **kwargs):
    from .. import images

    images.delete_files(instance)
