"""Saved HTML pages of board sites. trafilatura finds the main text (dropping menus,
sidebars, "Tin khác" lists and footers) and keeps pictures where they stood; htmldate
finds a date where the page's own Vietnamese date lines do not give one. The footer is
read separately, for the board's profile."""

import datetime

import htmldate
import lxml.etree
import lxml.html
import trafilatura

from .. import rules
from ..assemble import assemble
from ..pages import Block, PageError

FOOTER_HINTS = ("footer", "chan-trang", "chantrang", "bottom", "copyright")


def read_html(data, *, origin, base_dir="", old_url=""):
    try:
        tree = lxml.html.fromstring(data)
    except (lxml.etree.ParserError, ValueError) as error:
        raise PageError(f"không đọc được HTML: {error}") from None
    text = tree.text_content() if tree is not None else ""
    if not text.strip():
        raise PageError("trang HTML không có chữ")
    old_url = old_url or _meta(
        tree, "//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"
    )
    title = _title(tree)
    published_at, seen_on = _explicit_date(tree, title)
    captions = _captions(tree)
    extracted = trafilatura.extract(
        data,
        output_format="xml",
        include_images=True,
        include_formatting=False,
        include_comments=False,
        include_tables=True,
        include_links=False,
        favor_recall=True,
    )
    if extracted:
        blocks = _blocks(lxml.etree.fromstring(extracted.encode()).find("main"))
    else:
        blocks = _blocks(tree.find("body") if tree.find("body") is not None else tree)
    blocks = _with_captions(_restore_pictures(blocks, tree), captions)
    if not any(b.text.strip() for b in blocks if b.kind != "image"):
        raise PageError("không tìm thấy nội dung bài viết trong trang")
    page = assemble(
        blocks,
        origin=origin,
        base_dir=base_dir,
        old_url=old_url,
        title=title,
        published_at=published_at,
        seen_on=seen_on,
        footer_lines=_footer_lines(tree),
        loose_lines="paragraph",
    )
    if page.views is None:
        page.views = rules.views(text)
    if page.published_at is None:
        _date_from_page(page, tree, data)
    return page


def _meta(tree, *xpaths):
    for xpath in xpaths:
        found = tree.xpath(xpath)
        if found and found[0].strip():
            return found[0].strip()
    return ""


TITLE_CLASSES = "//*[contains(translate(@class, 'TITLE', 'title'), 'title')]"


def _title(tree):
    for element in tree.xpath("//h1") + tree.xpath(TITLE_CLASSES):
        text = " ".join(element.text_content().split())
        if 10 <= len(text) <= 300:
            return text
    title = _meta(tree, "//meta[@property='og:title']/@content", "//title/text()")
    # "Tên bài | Ban Tuyên giáo Tỉnh ủy …": the site's name is not the title
    for separator in (" | ", " - ", " :: "):
        if separator in title:
            title = title.split(separator)[0]
    return " ".join(title.split())


def _footer_lines(tree):
    lines = []
    for element in tree.iter("footer", "div", "section", "table", "td"):
        marks = f"{element.get('id', '')} {element.get('class', '')}".lower()
        if element.tag == "footer" or any(hint in marks for hint in FOOTER_HINTS):
            lines.extend(line for line in _lines(element) if line.strip())
    return lines


def _lines(element):
    """Text of an element, one line per block element or <br>."""
    parts = []
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag in {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "td"}:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        if node.tail:
            parts.append(node.tail)
    return "".join(parts).splitlines()


def _explicit_date(tree, title):
    """(publish time, the day the page was saved) from the page's own date lines: a
    weekday line before the title is the site's "today", one after it the article's
    date; "Cập nhật lúc …", "Ngày đăng: …" and bare date lines are the article's."""
    seen_on = None
    title_seen = False
    body = tree.find("body")
    for line in _lines(body if body is not None else tree):
        line = " ".join(line.split())
        if not line:
            continue
        if title and rules.fold(line) == rules.fold(title):
            title_seen = True
            continue
        weekday = rules.weekday_line(line)
        if weekday and not title_seen:
            seen_on = weekday.date()
            continue
        stamp = weekday or rules.updated_on(line) or rules.date_line(line)
        if stamp:
            return stamp, seen_on
    return None, seen_on


def _captions(tree):
    """{picture address: caption} from the usual markups: <figure><figcaption>, a
    picture table's caption row, a short italic line right after the picture."""
    found = {}
    for img in tree.iter("img"):
        src = img.get("src") or img.get("data-src") or ""
        caption = ""
        figure = next((a for a in img.iterancestors("figure")), None)
        table = next((a for a in img.iterancestors("table")), None)
        if figure is not None and figure.find(".//figcaption") is not None:
            caption = figure.find(".//figcaption").text_content()
        elif table is not None:
            cells = [c for c in table.iter("td", "th") if c.find(".//img") is None]
            caption = " ".join(c.text_content() for c in cells)
        else:
            holder = img.getparent()
            after = holder.getnext() if holder is not None else None
            if after is not None and after.tag == "p" and after.find(".//em") is not None:
                caption = after.text_content()
        caption = " ".join(caption.split())
        if src and caption and len(caption) <= 300:
            found[src] = caption
    return found


def _key(text):
    return rules.fold(" ".join(text.split()))[:60]


def _restore_pictures(blocks, tree):
    """Pictures inside the article that the main-text extractor dropped (it keeps some
    and not others), put back after the paragraph they follow on the page. Only pictures
    between two of the article's paragraphs count: logos and sidebar pictures are not."""
    have = {b.src for b in blocks if b.kind == "image"}
    keys = {_key(b.text): i for i, b in enumerate(blocks) if b.kind != "image" and b.text.strip()}
    body = tree.find("body")
    events = []  # ("text", block index) or ("image", src), in page order
    for node in (body if body is not None else tree).iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag == "img":
            src = node.get("src") or node.get("data-src") or ""
            if src and src not in have:
                events.append(("image", src))
        elif node.tag in {"p", "h2", "h3", "h4", "li", "td", "div", "span"}:
            own = " ".join((node.text or "").split())
            index = keys.get(_key(node.text_content())) if own else None
            if index is not None and (not events or events[-1] != ("text", index)):
                events.append(("text", index))
    inserts = {}  # block index → [src, …] to put after it
    for i, (kind, value) in enumerate(events):
        if kind != "image":
            continue
        before = next((v for k, v in reversed(events[:i]) if k == "text"), None)
        after = next((v for k, v in events[i + 1 :] if k == "text"), None)
        if before is not None and after is not None:
            inserts.setdefault(before, []).append(value)
    if not inserts:
        return blocks
    out = []
    for i, block in enumerate(blocks):
        out.append(block)
        out.extend(Block("image", "", src) for src in inserts.get(i, ()))
    return out


def _with_captions(blocks, captions):
    out = []
    for block in blocks:
        if block.kind == "image" and not block.text:
            block.text = captions.get(block.src, "")
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.kind == "image"
            and previous.text
            and " ".join(block.text.split()) == " ".join(previous.text.split())
        ):
            continue  # the caption, already the picture's
        out.append(block)
    return out


def _date_from_page(page, tree, data):
    found = htmldate.find_date(data, original_date=True, extensive_search=False)
    if found:
        page.published_at = rules.local(datetime.date.fromisoformat(found))
    if page.published_at is not None and "không tìm thấy ngày đăng" in page.notes:
        page.notes.remove("không tìm thấy ngày đăng")


TEXT_TAGS = {"p", "cell", "item", "quote", "td", "li", "blockquote"}
HEADINGS = {"head", "h2", "h3", "h4", "h5", "h6"}
IMAGES = {"graphic", "img"}


def _blocks(root):
    """Blocks in reading order from trafilatura's XML (or, failing it, plain HTML)."""
    blocks = []
    if root is None:
        return blocks

    def walk(node):
        for child in node:
            if not isinstance(child.tag, str):
                continue
            tag = child.tag.lower()
            if tag in IMAGES:
                src = child.get("src") or child.get("data-src") or ""
                blocks.append(Block("image", "", src))
            elif tag in HEADINGS or tag == "h1":
                blocks.append(Block("heading", " ".join(child.itertext())))
            elif tag in TEXT_TAGS and not child.xpath(".//graphic|.//img"):
                blocks.append(Block("line", " ".join(child.itertext())))
            elif tag in {"script", "style", "noscript"}:
                pass
            else:
                if child.text and child.text.strip():
                    blocks.append(Block("line", child.text))
                walk(child)
            if child.tail and child.tail.strip():
                # trafilatura leaves a <figcaption> as the text after its picture
                if blocks and blocks[-1].kind == "image" and not blocks[-1].text:
                    blocks[-1].text = child.tail
                else:
                    blocks.append(Block("line", child.tail))

    walk(root)
    return blocks
