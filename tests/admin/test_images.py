"""Image uploads: only real JPEG/PNG/WebP/GIF within the size and pixel limits; EXIF
orientation applied and metadata dropped; resized copies served with width, height,
srcset and lazy loading; placeholders (no copies) fall back to the original."""

import io
import os
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from PIL import Image

from articles import images
from articles.models import ArticleImage

from .conftest import article_form_data

ORIENTATION = 0x0112
MAKE = 0x010F
GPS_IFD = 0x8825


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def jpeg_with_exif(width=1600, height=900, orientation=6):
    """A photo as a phone stores it: pixels landscape, EXIF saying "rotate 90° clockwise",
    with the camera make and a GPS position. Left half red, right half blue."""
    img = Image.new("RGB", (width, height), "red")
    img.paste(Image.new("RGB", (width // 2, height), "blue"), (width // 2, 0))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (10.0, 2.0, 3.0)})
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def png_bomb(side):
    """A valid greyscale PNG of side × side black pixels: a few hundred KB on disk,
    side² bytes once decoded."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    compressor = zlib.compressobj(9)
    row = b"\x00" * (side + 1)
    idat = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def check(name, content):
    images.check_upload(upload(name, content))


# --- What is refused ---------------------------------------------------------------------


@pytest.mark.parametrize("side", [7_000, 12_000], ids=["49-megapixels", "144-megapixels"])
def test_a_png_bomb_is_refused_before_it_is_decoded(side):
    data = png_bomb(side)
    assert len(data) < 1_000_000  # tiny file, huge image
    with pytest.raises(ValidationError) as caught:
        check("bom.png", data)
    assert caught.value.code == "too_many_pixels"
    assert "quá nhiều điểm ảnh" in caught.value.messages[0]


def test_a_text_file_renamed_to_jpg_is_refused():
    with pytest.raises(ValidationError) as caught:
        check("anh-hoi-nghi.jpg", "Đây là văn bản, không phải ảnh.\n".encode() * 20)
    assert caught.value.code == "not_image"


@pytest.mark.parametrize("name", ["logo.svg", "logo.png"], ids=["svg", "svg-renamed-png"])
def test_svg_is_refused_even_under_another_name(name):
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
    with pytest.raises(ValidationError) as caught:
        check(name, svg)
    assert caught.value.code == "svg"
    assert "SVG" in caught.value.messages[0]


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.IMAGE_MAX_BYTES = 10_000
    with pytest.raises(ValidationError) as caught:
        check("lon.jpg", jpeg_with_exif())
    assert caught.value.code == "too_large"


def test_other_image_formats_are_refused():
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "BMP")
    with pytest.raises(ValidationError) as caught:
        check("anh.bmp", out.getvalue())
    assert caught.value.code == "format"


def test_a_truncated_jpeg_is_refused():
    data = jpeg_with_exif()
    with pytest.raises(ValidationError) as caught:
        check("hong.jpg", data[: len(data) // 2])
    assert caught.value.code == "broken"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_the_four_formats_are_accepted(fmt):
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(out, fmt)
    assert images.check_upload(upload(f"anh.{fmt.lower()}", out.getvalue()))[0] == fmt


# --- Through the admin ------------------------------------------------------------------


def post_image(client, article, content, name="Ảnh hội nghị.jpg", caption="Quang cảnh hội nghị"):
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = article_form_data(
        article,
        **{
            "images-TOTAL_FORMS": "1",
            "images-0-image": upload(name, content),
            "images-0-caption": caption,
            "images-0-alt_text": "",
            "images-0-credit": "Văn Hùng",
            "images-0-position": "",
        },
    )
    return client.post(url, data)


def test_a_phone_photo_is_turned_upright_stripped_and_resized(client, world):
    article = world["own"].draft
    client.force_login(world["users"]["editor"])
    response = post_image(client, article, jpeg_with_exif())
    assert response.status_code == 302, response.text[:2000]
    image = article.images.get()
    assert image.position == 1 and image.caption == "Quang cảnh hội nghị"
    # Rotated 90° clockwise: portrait now, the red half on top.
    assert (image.width, image.height) == (900, 1600)
    assert image.image.name.endswith("anh-hoi-nghi.jpg")
    with Image.open(image.image.path) as stored:
        assert stored.size == (900, 1600)
        assert not stored.getexif()  # no orientation, camera or GPS left
        assert "exif" not in stored.info
        top, bottom = stored.getpixel((450, 100)), stored.getpixel((450, 1500))
        assert top[0] > 200 and top[2] < 60  # red
        assert bottom[2] > 200 and bottom[0] < 60  # blue
    # 320 and 800 px copies; 1280 px would be wider than the original.
    assert set(image.renditions) == {"thumb", "medium"}
    thumb = image.rendition("thumb")
    assert (thumb.width, thumb.height) == (320, 569)
    with Image.open(image.image.storage.path(image.renditions["medium"]["name"])) as copy:
        assert copy.format == "WEBP" and copy.size == (800, 1422)
    assert image.rendition("large").url == image.image.url  # falls back to the original


def test_a_refused_upload_says_why_and_saves_nothing(client, world):
    article = world["own"].draft
    client.force_login(world["users"]["editor"])
    response = post_image(client, article, png_bomb(12_000), name="bom.png")
    assert response.status_code == 200
    assert "quá nhiều điểm ảnh" in response.text
    assert not article.images.exists()


def test_the_public_page_serves_copies_with_dimensions_and_lazy_loading(client, world):
    article = world["own"].published
    client.force_login(world["users"]["chief"])
    post_image(client, article, jpeg_with_exif(2600, 1400, orientation=1))
    image = article.images.get()
    html = render_to_string("articles/includes/figure.html", {"image": image})
    medium = image.rendition("medium")
    assert f'src="{medium.url}"' in html
    assert 'width="800" height="431"' in html
    assert 'loading="lazy"' in html and "srcset=" in html and " 1280w" in html
    page = client.get(article.get_absolute_url()).text
    assert "Quang cảnh hội nghị" in page and medium.url in page


def test_placeholders_without_copies_fall_back_to_the_original(world, settings):
    article = world["own"].published
    out = io.BytesIO()
    Image.new("RGB", (960, 540), "grey").save(out, "PNG")
    path = settings.MEDIA_ROOT / "seeds" / "thu" / "anh.png"
    path.parent.mkdir(parents=True)
    path.write_bytes(out.getvalue())
    # As loaddata stores the seed images: raw, no processing, no copies.
    ArticleImage.objects.bulk_create(
        [
            ArticleImage(
                article=article,
                image="seeds/thu/anh.png",
                width=960,
                height=540,
                caption="Ảnh thay thế",
                position=1,
                is_placeholder=True,
            )
        ]
    )
    image = article.images.get()
    assert image.rendition("thumb") == images.Rendition(image.image.url, 960, 540)
    assert image.srcset == ""
    html = render_to_string("articles/includes/figure.html", {"image": image})
    assert 'width="960" height="540"' in html and "srcset" not in html


def test_deleting_an_image_removes_its_files(client, world, django_capture_on_commit_callbacks):
    article = world["own"].draft
    client.force_login(world["users"]["editor"])
    post_image(client, article, jpeg_with_exif())
    image = article.images.get()
    paths = [image.image.path] + [
        image.image.storage.path(r["name"]) for r in image.renditions.values()
    ]
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not any(os.path.exists(p) for p in paths)
