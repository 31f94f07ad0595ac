"""An old page's pictures → ArticleImage rows, through the project's image pipeline
(articles/images.py: checked, re-encoded without metadata, resized copies).

A picture whose file was saved next to the page is imported. One that is missing (the
scraped text kept only its caption, or the page names a remote address) gets a
placeholder that says so, as the seed fixtures do (scripts/make_placeholders.py draws
those; fixtures/README.md), with ``is_placeholder`` set so the site says so too.
"""

import io
import textwrap
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from PIL import Image, ImageDraw, ImageFont

from articles.images import check_upload
from articles.models import ArticleImage
from core.text import slugify_vi

SIZE = (960, 540)
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


def _font(name, size):
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size=size)


def placeholder_png(original, caption):
    """The placeholder of scripts/make_placeholders.py: it says it is one, names the
    missing original and repeats the caption."""
    image = Image.new("RGB", SIZE, (236, 231, 223))
    pen = ImageDraw.Draw(image)
    pen.rectangle([12, 12, SIZE[0] - 13, SIZE[1] - 13], outline=(165, 14, 14), width=4)
    bold, regular = _font("DejaVuSans-Bold.ttf", 40), _font("DejaVuSans.ttf", 26)
    pen.text((SIZE[0] // 2, 70), "ẢNH THAY THẾ", font=bold, fill=(165, 14, 14), anchor="mt")
    if original:
        lines = [f"Ảnh gốc “{original}” không có trong bản lưu của trang nguồn."]
    else:
        lines = ["Ảnh gốc không có trong bản lưu của trang nguồn."]
    lines += textwrap.wrap(f"Chú thích: {caption}", width=58)[:7]
    y = 150
    for line in lines:
        pen.text((SIZE[0] // 2, y), line, font=regular, fill=(40, 40, 40), anchor="mt")
        y += 40
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return out.getvalue()


def original_name(src):
    """The file name a page gave a picture: "ly.png", "a.jpg" of "images/a.jpg?w=1"."""
    if not src:
        return ""
    path = urlsplit(src).path if "://" in src else src.split("?", 1)[0]
    return unquote(PurePosixPath(path).name)[:255]


def local_file(src, base_dir, root_dir=""):
    """The saved file a picture names: relative to its page ("anh/a.jpg",
    "../../images/a.jpg") or to the saved site's root ("/images/a.jpg"), and only inside
    the folder the importer was given (a page cannot make it read any other file)."""
    if not src or not base_dir or "://" in src or src.startswith(("data:", "//")):
        return None
    root = Path(root_dir or base_dir).resolve()
    name = unquote(src.split("?", 1)[0].split("#", 1)[0])
    start = root if name.startswith("/") else Path(base_dir)
    path = (start / name.lstrip("/")).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path


def add_pictures(article, pictures, base_dir, root_dir=""):
    """Create the article's images in order; returns notes for the editor."""
    notes = []
    for position, picture in enumerate(pictures, 1):
        name = original_name(picture.src)
        image = ArticleImage(article=article, caption=picture.caption, position=position)
        path = local_file(picture.src, base_dir, root_dir)
        if path is not None:
            try:
                with path.open("rb") as handle:
                    upload = File(handle, name=path.name)
                    check_upload(upload)
                    image.image = ContentFile(handle.read(), name=path.name)
                    image.original_filename = name
                    image.save()
                continue
            except ValidationError as error:
                notes.append(f"ảnh {name}: {' '.join(error.messages)} (dùng ảnh thay thế)")
        elif picture.src:
            notes.append(
                f"ảnh {name or picture.src[:80]}: không có tệp bên cạnh trang (dùng ảnh thay thế)"
            )
        stem = slugify_vi(PurePosixPath(name).stem, max_length=60) or f"anh-{position}"
        image.image = ContentFile(placeholder_png(name, picture.caption), name=f"{stem}.png")
        image.is_placeholder = True
        image.original_filename = name
        image.save()
        if not name:
            # ArticleImage.save() names a file-less picture after the stored file; a
            # placeholder has no original file name to show.
            ArticleImage.objects.filter(pk=image.pk).update(original_filename="")
    return notes
