"""What a video upload may be: MP4 or WebM by its content (never its name), WebVTT
captions, a poster image (articles.images' checks), or a YouTube address, which is
played through YouTube's privacy-enhanced host only.

Stored names are generated and carry the extension of what the content is, like
documents' (core.uploads): an editor's "x.html" is never stored as such."""

import re
import uuid
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

#: The one host a video may be embedded from (the page's CSP admits it for that page).
YOUTUBE_EMBED = "https://www.youtube-nocookie.com"
_YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtu.be",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")

VIDEO_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}
_EBML = b"\x1a\x45\xdf\xa3"


def _limit(name, default):
    return getattr(settings, name, default)


def video_max_bytes():
    return _limit("VIDEO_MAX_BYTES", 200 * 1024 * 1024)


def captions_max_bytes():
    return _limit("CAPTIONS_MAX_BYTES", 1024 * 1024)


def _head(file, size):
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def detect_video(file):
    """ "mp4", "webm" or None, from the first bytes of ``file``."""
    head = _head(file, 64)
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(_EBML) and b"webm" in head:
        return "webm"
    return None


def video_type(name):
    return VIDEO_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def _megabytes(n):
    return f"{n // (1024 * 1024)} MB"


def validate_video(file):
    if file.size > video_max_bytes():
        raise ValidationError(
            f"Tệp video quá lớn: tối đa {_megabytes(video_max_bytes())}. "
            "Hãy nén video hoặc đăng lên YouTube rồi dán địa chỉ.",
            code="too_large",
        )
    if detect_video(file) is None:
        raise ValidationError(
            "Chỉ nhận video MP4 hoặc WebM; nội dung tệp này không phải một trong hai dạng đó.",
            code="not_a_video",
        )


def validate_captions(file):
    if file.size > captions_max_bytes():
        raise ValidationError(
            f"Tệp phụ đề quá lớn: tối đa {_megabytes(captions_max_bytes())}.", code="too_large"
        )
    head = _head(file, 4096)
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        # The cut may split a character; only the start matters.
        text = head[:64].decode("utf-8-sig", errors="replace")
    if not re.match(r"WEBVTT(?:[ \t\r\n]|$)", text):
        raise ValidationError(
            "Tệp phụ đề phải là WebVTT (.vtt): dòng đầu tiên là “WEBVTT”.", code="not_webvtt"
        )


def video_path(instance, filename):
    """videos/YYYY/<random>.<mp4|webm by content>."""
    kind = detect_video(instance.file.file) or "bin"
    return f"videos/{timezone.now():%Y}/{uuid.uuid4().hex}.{kind}"


def captions_path(instance, filename):
    return f"videos/captions/{timezone.now():%Y}/{uuid.uuid4().hex}.vtt"


def youtube_id(address):
    """The video id of a YouTube address (watch, youtu.be, embed, shorts; the
    privacy-enhanced host too), or a bare 11-character id; ValidationError otherwise."""
    address = (address or "").strip()
    if _YOUTUBE_ID.fullmatch(address):
        return address
    error = ValidationError(
        "Địa chỉ này không phải một video YouTube (ví dụ: "
        "https://www.youtube.com/watch?v=…, https://youtu.be/…).",
        code="not_youtube",
    )
    parts = urlsplit(address if "//" in address else f"https://{address}")
    if parts.scheme not in {"http", "https"} or (parts.hostname or "") not in _YOUTUBE_HOSTS:
        raise error
    candidate = ""
    segments = [s for s in parts.path.split("/") if s]
    if parts.hostname == "youtu.be" and segments:
        candidate = segments[0]
    elif segments[:1] == ["watch"]:
        candidate = (parse_qs(parts.query).get("v") or [""])[0]
    elif len(segments) >= 2 and segments[0] in {"embed", "shorts", "live", "v"}:
        candidate = segments[1]
    if not _YOUTUBE_ID.fullmatch(candidate):
        raise error
    return candidate
