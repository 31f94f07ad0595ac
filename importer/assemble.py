"""Blocks in reading order → a Page: the same Vietnamese rules for every input.

The page is read in four parts: the header (section, title, the site's date line, the
publish date and view count), the summary (the first paragraph), the body (paragraphs,
headings, pictures and their captions in order) and the end (byline, source), after which
the site's chrome begins: nothing from there on is the article, but a footer there is
read for the board's profile.
"""

import re
import unicodedata

from . import rules
from .pages import Block, Page, Picture

IMAGE_FILE = re.compile(r"^[\w.%()-]+\.(?:png|jpe?g|gif|webp)$", re.IGNORECASE)
LONGEST_CAPTION = 250  # a longer line without a full stop is a paragraph cut short
_DASH = re.compile(r"^[–—-]\s+")
_SPACE = re.compile(r"[ \t\u00a0\u2007\u202f]+")


def clean(text):
    text = unicodedata.normalize("NFC", text or "").replace("\u200b", "")
    return _SPACE.sub(" ", text).strip()


def assemble(blocks, *, origin, loose_lines="paragraph", **known):
    """Read ``blocks`` into a Page. ``loose_lines``: what a short line without a full stop
    in the body is when no picture precedes it: "caption" (scraped text whose pictures
    were dropped, leaving their captions between blank lines), "heading" (scraped text
    written line by line) or "paragraph" (HTML, whose headings are marked). ``known``:
    Page fields the input already gave (title, published_at, old_url, …)."""
    page = Page(origin=origin, **{k: v for k, v in known.items() if k != "footer_lines"})
    blocks = [Block(b.kind, clean(b.text), b.src.strip()) for b in blocks]
    blocks = [b for b in blocks if b.text or b.kind == "image"]
    article, tail = _split_chrome(blocks)
    page.footer = rules.footer([b.text for b in tail] + list(known.get("footer_lines", ())))
    body = _read_header(page, article)
    body = _read_end(page, body)
    _read_body(page, body, loose_lines)
    _finish(page)
    return page


def _split_chrome(blocks):
    for i, block in enumerate(blocks):
        if block.kind == "image":
            continue
        if rules.is_chrome_line(block.text):
            return blocks[:i], blocks[i:]
        kept = rules.chrome_cut(block.text)
        if kept != block.text:
            rest = Block("line", block.text[len(kept) :])
            head = [Block(block.kind, kept.strip())] if kept.strip() else []
            return blocks[:i] + head, [rest, *blocks[i + 1 :]]
    return blocks, []


def _read_header(page, blocks):
    candidates = []
    i = 0
    for i, block in enumerate(blocks):  # noqa: B007 (i is used after the loop)
        text = block.text
        if block.kind == "image" or (rules.is_paragraph(text) and not _is_meta(text)):
            break
        if _read_meta(page, text, title_seen=bool(candidates or page.title)):
            continue
        if rules.is_noise(text):
            continue
        if len(text) > LONGEST_CAPTION:
            break
        candidates.append(text)
    else:
        i = len(blocks)
    rest = blocks[i:]
    if page.title:
        candidates = [c for c in candidates if rules.fold(c) != rules.fold(page.title)]
        if candidates and not page.section_name:
            page.section_name = _section(candidates[0])
    elif candidates:
        page.title = candidates[-1]
        if len(candidates) > 1 and not page.section_name:
            page.section_name = _section(candidates[-2])
    return rest


def _is_meta(text):
    return bool(
        rules.updated_on(text)
        or rules.date_line(text)
        or rules.weekday_line(text)
        or rules.views(text)
    )


def _read_meta(page, text, *, title_seen):
    """Take a date or view count from a header line; True if the line was one."""
    found = False
    weekday = rules.weekday_line(text)
    if weekday:
        # Before the title it is the site's "today" (when the page was saved); after the
        # title it is the article's date.
        if title_seen and page.published_at is None:
            page.published_at = weekday
        elif not title_seen:
            page.seen_on = weekday.date()
        found = True
    stamp = rules.updated_on(text) or rules.date_line(text)
    if stamp and not weekday:
        if page.published_at is None:
            page.published_at = stamp
        found = True
    count = rules.views(text)
    if count is not None:
        if page.views is None:
            page.views = count
        found = True
    return found


def _section(text):
    # "Ban Tuyên giáo Tỉnh ủy: Tin tức - sự kiện" (a breadcrumb) → "Tin tức - sự kiện"
    return text.rsplit(":", 1)[-1].strip() if ":" in text else text


def _read_end(page, blocks):
    """Take the byline and source off the end of the article."""
    blocks = list(blocks)
    for _ in range(3):
        while blocks and blocks[-1].kind != "image" and _is_meta(blocks[-1].text):
            _read_meta(page, blocks.pop().text, title_seen=True)
        if not blocks or blocks[-1].kind == "image":
            break
        text = blocks[-1].text
        if not page.source and rules.source(text):
            page.source = rules.source(text)
            blocks.pop()
            continue
        if not page.byline and rules.byline(text):
            page.byline = text
            blocks.pop()
            continue
        paragraph, name = rules.split_run_on_byline(text)
        if name and not page.byline:
            page.byline = name
            blocks[-1] = Block(blocks[-1].kind, paragraph)
        break
    return blocks


def _read_body(page, blocks, loose_lines):
    i = 0
    pending = None  # a picture still waiting for its caption
    while i < len(blocks):
        block = blocks[i]
        text = block.text
        i += 1
        if block.kind == "image" or (block.kind == "line" and IMAGE_FILE.match(text)):
            src = block.src if block.kind == "image" else text
            pending = _add_picture(page, src, block.text if block.kind == "image" else "")
            if pending.caption:
                pending = None
            continue
        if rules.is_noise(text) or (rules.views(text) is not None and len(text) < 40):
            page.views = page.views if page.views is not None else rules.views(text)
            continue
        loose = not rules.is_paragraph(text) and len(text) <= LONGEST_CAPTION
        if pending is not None and loose:
            pending.caption = text
            pending = None
            continue
        pending = None
        if not page.summary and block.kind == "line":
            page.summary = _DASH.sub("", text)
            continue
        if block.kind == "heading":
            page.body.append(("h2", text))
        elif loose and loose_lines == "caption":
            _add_picture(page, "", text)
        elif loose and loose_lines == "heading":
            page.body.append(("h2", text))
        else:
            page.body.append(("p", text))


def _add_picture(page, src, caption):
    picture = Picture(src=src, caption=caption)
    page.pictures.append(picture)
    page.body.append(("image", len(page.pictures)))
    return picture


def _finish(page):
    text = " ".join([page.summary, page.body_text()])
    if page.published_at is None:
        first = " ".join([page.summary] + [t for k, t in page.body[:2] if k == "p"])
        year = rules.page_year(text, page.seen_on)
        page.published_at = rules.dateline(first, year=year, seen_on=page.seen_on)
    if page.published_at is None:
        page.notes.append("không tìm thấy ngày đăng")
    if not page.title:
        page.title = rules.title_from_first_sentence(page.summary or page.body_text())
        page.title_written = True
        page.notes.append("trang không có tiêu đề: tiêu đề viết từ câu đầu")
    elif rules.is_shouting(page.title):
        page.title = rules.sentence_case(page.title, text)
        page.notes.append("tiêu đề viết hoa: đã chuyển về chữ thường, cần xem lại")
    if not page.summary and not page.body:
        page.notes.append("trang không có nội dung")
