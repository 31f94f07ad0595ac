"""Videos: a file uploaded here (MP4 or WebM, with a poster and WebVTT captions) or a
video on YouTube, shown through its privacy-enhanced player."""

from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from articles import images

from .. import uploads
from ..querysets import MediaManager
from .common import BoardMedia


class Video(BoardMedia):
    file = models.FileField(
        "tệp video",
        upload_to=uploads.video_path,
        blank=True,
        validators=[uploads.validate_video],
        help_text="MP4 hoặc WebM, kiểm tra theo nội dung tệp. Để trống nếu dùng video YouTube.",
    )
    poster = models.ImageField(
        "ảnh đại diện",
        upload_to="videos/posters/%Y/",
        blank=True,
        width_field="poster_width",
        height_field="poster_height",
        help_text="Ảnh hiện trước khi phát (JPEG, PNG, WebP hoặc GIF).",
    )
    poster_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    poster_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    captions = models.FileField(
        "phụ đề (WebVTT)",
        upload_to=uploads.captions_path,
        blank=True,
        validators=[uploads.validate_captions],
        help_text="Tệp .vtt bắt đầu bằng dòng WEBVTT; cần cho người khiếm thính.",
    )
    youtube_id = models.CharField(
        "video YouTube",
        max_length=11,
        blank=True,
        editable=False,  # set from the address an editor pastes (media.forms.VideoForm)
        help_text="Mã video YouTube; trang phát qua youtube-nocookie.com.",
    )
    duration = models.PositiveIntegerField(
        "thời lượng (giây)", null=True, blank=True, help_text="Ví dụ: 95 cho 1 phút 35 giây."
    )
    recorded_on = models.DateField("ngày quay", null=True, blank=True)
    articles = models.ManyToManyField(
        "articles.Article", verbose_name="tin bài", blank=True, related_name="videos"
    )
    directives = models.ManyToManyField(
        "directives.Directive", verbose_name="văn bản", blank=True, related_name="videos"
    )

    objects = MediaManager()

    class Meta:
        verbose_name = "video"
        verbose_name_plural = "video"
        ordering = [models.F("recorded_on").desc(nulls_last=True), "-pk"]
        indexes = [models.Index(fields=["unit", "is_published"], name="video_unit_public_idx")]

    def clean(self):
        super().clean()
        if bool(self.file) == bool(self.youtube_id):
            raise ValidationError(
                "Hãy tải lên một tệp video hoặc dán địa chỉ YouTube (chỉ một trong hai)."
            )

    def save(self, *args, **kwargs):
        if self.poster and not getattr(self.poster, "_committed", True):
            # The article images' cleaning: orientation applied, camera/GPS data dropped.
            cleaned = SimpleNamespace(image=self.poster)
            images.normalise(cleaned)
            self.poster = cleaned.image
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("media:video", kwargs={"slug": self.slug})

    @property
    def embed_url(self):
        if not self.youtube_id:
            return ""
        return f"{uploads.YOUTUBE_EMBED}/embed/{self.youtube_id}"

    @property
    def watch_url(self):
        return f"https://www.youtube.com/watch?v={self.youtube_id}" if self.youtube_id else ""

    @property
    def content_type(self):
        return uploads.video_type(self.file.name) if self.file else ""

    @property
    def duration_text(self):
        if not self.duration:
            return ""
        minutes, seconds = divmod(self.duration, 60)
        return f"{minutes}:{seconds:02d}"
