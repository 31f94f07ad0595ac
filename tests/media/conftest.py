"""Small makers for albums, videos and documents, with real (tiny) files."""

import io
import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from media.models import Album, Document, Photo, Video
from tests.factories import make_unit

_seq = itertools.count(1)

PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
#: The first bytes of an MP4 (an ftyp box) and of a WebM (an EBML header naming webm).
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\x00" * 64
VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nXin chào.\n".encode()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def jpeg(width=64, height=48, color=(180, 30, 30)):
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, "JPEG")
    return out.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def make_album(*, photos=2, **fields):
    n = next(_seq)
    fields.setdefault("title", f"Album thử {n}")
    if "unit" not in fields:
        fields["unit"] = make_unit()
    fields.setdefault("is_published", True)
    album = Album.objects.create(**fields)
    for position in range(1, photos + 1):
        Photo.objects.create(
            album=album,
            image=upload(f"anh-{position}.jpg", jpeg()),
            caption=f"Chú thích ảnh {position} của {album.title}",
            credit="Phóng viên thử",
            position=position,
        )
    return album


def make_video(**fields):
    n = next(_seq)
    fields.setdefault("title", f"Video thử {n}")
    if "unit" not in fields:
        fields["unit"] = make_unit()
    fields.setdefault("is_published", True)
    if "youtube_id" not in fields:
        fields.setdefault("file", upload("video.mp4", MP4))
        fields.setdefault("captions", upload("phu-de.vtt", VTT))
    return Video.objects.create(**fields)


def make_document(**fields):
    n = next(_seq)
    fields.setdefault("title", f"Tài liệu thử {n}")
    if "unit" not in fields:
        fields["unit"] = make_unit()
    fields.setdefault("issuer", "Ban Tuyên giáo và Dân vận Tỉnh ủy")
    fields.setdefault("is_published", True)
    fields.setdefault("file", upload("tai-lieu.pdf", PDF))
    return Document.objects.create(**fields)
