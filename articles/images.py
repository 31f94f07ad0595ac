"""Article image uploads: what is accepted, how it is cleaned, and the resized copies.

An upload is accepted only when Pillow decodes it as a JPEG, PNG, WebP or GIF within
the size and pixel limits (settings.IMAGE_MAX_BYTES / IMAGE_MAX_PIXELS). The pixel
limit is checked from the header, before the image is decoded, and Pillow's own
decompression-bomb guard is set to the same limit and turned into an error, so a small
file that would expand to gigabytes of pixels is refused without being decoded. SVG is
refused: it is a document that can carry script, not a picture.

On save the stored file is re-encoded with its EXIF orientation applied and its metadata
(EXIF with GPS position and camera serials, XMP, comments) dropped; the colour profile
is kept. Resized copies ("renditions") are then written next to it and described in
``ArticleImage.renditions``; templates ask ``image.rendition("thumb")`` and get the
original back when a copy does not exist (seed placeholders, small images).
"""

import io
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps, UnidentifiedImageError

from core.text import slugify_vi

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
ACCEPTED_LABEL = "JPEG, PNG, WebP hoặc GIF"

# Pillow warns above MAX_IMAGE_PIXELS and raises above twice that; the guard below turns
# the warning into an error too, so the effective limit is IMAGE_MAX_PIXELS.
Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int | None
    height: int | None


def _max_bytes():
    return settings.IMAGE_MAX_BYTES


def _max_pixels():
    return settings.IMAGE_MAX_PIXELS


@contextmanager
def _bomb_guard():
    """Pillow's DecompressionBombWarning becomes an error inside this block."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        yield


def _megabytes(n):
    return f"{n / (1024 * 1024):.1f}".replace(".", ",")


def _looks_like_svg(head, name):
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return (
        name.lower().endswith((".svg", ".svgz"))
        or text.startswith(b"<svg")
        or (text.startswith(b"<?xml") and b"<svg" in text)
        or b"<svg" in text[:2048]
    )


def check_upload(uploaded):
    """Raise ValidationError (in Vietnamese, saying what to do) unless ``uploaded`` is a
    JPEG, PNG, WebP or GIF within the limits. Leaves the file positioned at 0."""
    name = getattr(uploaded, "name", "") or ""
    size = getattr(uploaded, "size", None)
    if size is not None and size > _max_bytes():
        raise ValidationError(
            f"Tệp ảnh quá lớn ({_megabytes(size)} MB); tối đa {_megabytes(_max_bytes())} MB. "
            "Hãy giảm kích thước ảnh rồi tải lên lại.",
            code="too_large",
        )
    uploaded.seek(0)
    head = uploaded.read(4096)
    uploaded.seek(0)
    if _looks_like_svg(head, name):
        raise ValidationError(
            f"Không nhận ảnh SVG (ảnh SVG có thể chứa mã chạy được). Hãy dùng ảnh {ACCEPTED_LABEL}.",
            code="svg",
        )
    try:
        with _bomb_guard():
            with Image.open(uploaded) as img:
                fmt = img.format
                width, height = img.size
                if fmt not in FORMATS:
                    raise ValidationError(
                        f"Định dạng ảnh {fmt or 'không rõ'} không được nhận. "
                        f"Hãy dùng ảnh {ACCEPTED_LABEL}.",
                        code="format",
                    )
                _check_pixels(width, height, getattr(img, "n_frames", 1))
                img.verify()
            # verify() leaves the image unusable; decode it for real to catch truncated
            # or corrupt data.
            uploaded.seek(0)
            with Image.open(uploaded) as img:
                img.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except UnidentifiedImageError as exc:
        raise ValidationError(
            f"Tệp này không phải là ảnh. Hãy chọn ảnh {ACCEPTED_LABEL}.", code="not_image"
        ) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationError(
            "Tệp ảnh bị hỏng hoặc không đọc được. Hãy mở lại ảnh trên máy, lưu lại rồi tải lên.",
            code="broken",
        ) from exc
    finally:
        uploaded.seek(0)
    return fmt, width, height


def _too_many_pixels():
    return ValidationError(
        f"Ảnh có quá nhiều điểm ảnh (tối đa {_max_pixels() // 1_000_000} triệu điểm ảnh). "
        "Hãy giảm kích thước ảnh rồi tải lên lại.",
        code="too_many_pixels",
    )


def _check_pixels(width, height, frames=1):
    if width * height > _max_pixels() or width * height * max(frames, 1) > 4 * _max_pixels():
        raise _too_many_pixels()


def _clean_name(filename, fmt):
    stem = slugify_vi(PurePosixPath(filename).stem, max_length=80) or "anh"
    return f"{stem}.{FORMATS[fmt]}"


def normalise(image_obj):
    """Re-encode ``image_obj.image`` (an upload not yet stored): orientation applied,
    metadata dropped, an ASCII file name. Sets width and height."""
    upload = image_obj.image
    upload.open("rb")
    upload.seek(0)
    out = io.BytesIO()
    with _bomb_guard(), Image.open(upload) as src:
        fmt = src.format
        if fmt not in FORMATS:  # check_upload ran in the form; models saved elsewhere too
            raise ValidationError(f"Hãy dùng ảnh {ACCEPTED_LABEL}.", code="format")
        _check_pixels(*src.size, getattr(src, "n_frames", 1))
        icc = src.info.get("icc_profile")
        if fmt == "GIF" and getattr(src, "is_animated", False):
            # Keep the animation; GIF carries no EXIF, and comments are not copied.
            src.save(out, "GIF", save_all=True, loop=src.info.get("loop", 0), optimize=False)
            width, height = src.size
        else:
            img = ImageOps.exif_transpose(src)
            img.load()
            width, height = img.size
            params = {"icc_profile": icc} if icc else {}
            if fmt == "JPEG":
                if img.mode not in {"RGB", "L", "CMYK"}:
                    img = img.convert("RGB")
                img.save(out, "JPEG", quality=88, optimize=True, progressive=True, **params)
            elif fmt == "WEBP":
                img.save(out, "WEBP", quality=88, method=4, **params)
            elif fmt == "PNG":
                img.save(out, "PNG", **params)
            else:
                img.save(out, "GIF")
    image_obj.image = ContentFile(out.getvalue(), name=_clean_name(upload.name, fmt))
    image_obj.width, image_obj.height = width, height


def make_renditions(image_obj):
    """Write the resized copies of a stored image and record them on the row. Sizes at
    least as wide as the original are skipped: the original serves them."""
    storage = image_obj.image.storage
    old = dict(image_obj.renditions or {})
    made = {}
    base = PurePosixPath(image_obj.image.name)
    folder = PurePosixPath("renditions") / base.parent
    fmt = settings.IMAGE_RENDITION_FORMAT
    ext = {"WEBP": "webp", "JPEG": "jpg"}[fmt]
    with image_obj.image.open("rb") as handle, _bomb_guard(), Image.open(handle) as src:
        src.seek(0)
        frame = src.convert("RGBA" if _has_alpha(src) else "RGB")
        for name, target in settings.IMAGE_RENDITIONS.items():
            if frame.width <= target:
                continue
            copy = frame.copy()
            copy.thumbnail((target, target * 10), Image.Resampling.LANCZOS)
            if fmt == "JPEG" and copy.mode != "RGB":
                copy = copy.convert("RGB")
            out = io.BytesIO()
            copy.save(out, fmt, quality=80)
            stored = storage.save(
                str(folder / f"{base.stem}-{name}.{ext}"), ContentFile(out.getvalue())
            )
            made[name] = {"name": stored, "width": copy.width, "height": copy.height}
    image_obj.renditions = made
    type(image_obj)._default_manager.filter(pk=image_obj.pk).update(renditions=made)
    stale = [r["name"] for r in old.values() if r["name"] not in {m["name"] for m in made.values()}]
    _delete_later(storage, stale)


def _has_alpha(img):
    return img.mode in {"RGBA", "LA", "PA"} or (img.mode == "P" and "transparency" in img.info)


def _delete_later(storage, names):
    names = [n for n in names if n]
    if names:
        transaction.on_commit(lambda: [storage.delete(n) for n in names])


def delete_files(image_obj):
    """Remove the stored file and its copies once the deleting transaction commits.
    Seed files (``seeds/``) are kept: loading the demo data again expects them."""
    names = [r.get("name") for r in (image_obj.renditions or {}).values()]
    if image_obj.image and not image_obj.image.name.startswith("seeds/"):
        names.append(image_obj.image.name)
    _delete_later(image_obj.image.storage, names)


def rendition(image_obj, name):
    data = (image_obj.renditions or {}).get(name)
    if data:
        return Rendition(image_obj.image.storage.url(data["name"]), data["width"], data["height"])
    return Rendition(
        image_obj.image.url if image_obj.image else "", image_obj.width, image_obj.height
    )


def srcset(image_obj):
    items = sorted((image_obj.renditions or {}).values(), key=lambda r: r["width"])
    if not items:
        return ""
    storage = image_obj.image.storage
    parts = [f"{storage.url(r['name'])} {r['width']}w" for r in items]
    if image_obj.width and image_obj.width > items[-1]["width"] and image_obj.width <= 2000:
        parts.append(f"{image_obj.image.url} {image_obj.width}w")
    return ", ".join(parts)
