#!/usr/bin/env python3
"""Draw the placeholder images for seed photos the scraped pages named but did not keep.

    python scripts/make_placeholders.py

Writes fixtures/media/seeds/<unit>/<name>.png. Each image says it is a placeholder,
names the missing original and repeats its caption. Needs a font with Vietnamese
glyphs (DejaVu Sans, Debian's fonts-dejavu-core); the PNGs are committed, so loading
the demo data does not need the font.
"""

import json
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
SIZE = (960, 540)


def font(name, size):
    for folder in FONT_DIRS:
        path = folder / name
        if path.exists():
            return ImageFont.truetype(str(path), size)
    raise SystemExit(f"{name} not found: install fonts-dejavu-core")


def draw(path, original, caption):
    image = Image.new("RGB", SIZE, (236, 231, 223))
    pen = ImageDraw.Draw(image)
    pen.rectangle([12, 12, SIZE[0] - 13, SIZE[1] - 13], outline=(165, 14, 14), width=4)
    bold, regular = font("DejaVuSans-Bold.ttf", 40), font("DejaVuSans.ttf", 26)
    y = 70
    pen.text((SIZE[0] // 2, y), "ẢNH THAY THẾ", font=bold, fill=(165, 14, 14), anchor="mt")
    y += 80
    if original:
        lines = [f"Ảnh gốc “{original}” không có trong bản lưu của trang nguồn."]
    else:
        lines = ["Ảnh gốc không có trong bản lưu của trang nguồn."]
    lines += textwrap.wrap(f"Chú thích: {caption}", width=58)
    for line in lines:
        pen.text((SIZE[0] // 2, y), line, font=regular, fill=(40, 40, 40), anchor="mt")
        y += 40
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)


def main():
    fixture = json.loads((ROOT / "fixtures" / "articles.json").read_text(encoding="utf-8"))
    for row in fixture:
        if row["model"] != "articles.articleimage":
            continue
        fields = row["fields"]
        target = ROOT / "fixtures" / "media" / fields["image"]
        draw(target, fields["original_filename"], fields["caption"])
        print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
