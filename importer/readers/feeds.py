"""RSS/Atom files (feedparser) and WordPress exports (WXR, read with defusedxml: an
export is a stranger's XML). Each entry becomes a page; its HTML goes through the same
blocks and rules as a saved page. An entry that cannot be read is reported alone."""

import datetime
import time

import feedparser
import lxml.html
from defusedxml import ElementTree
from django.utils import timezone

from .. import rules
from ..assemble import assemble
from ..pages import PageError
from .html import _blocks

WP = "{http://wordpress.org/export/1.2/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


def _html_blocks(html):
    if not html or not html.strip():
        return []
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    return _blocks(fragment)


def _entry_page(*, origin, base_dir, title, link, when, author, html, section=""):
    try:
        page = assemble(
            _html_blocks(html),
            origin=origin,
            base_dir=base_dir,
            old_url=link or "",
            title=" ".join((title or "").split()),
            published_at=when,
            section_name=section,
            loose_lines="paragraph",
        )
    except Exception as error:  # one bad entry must not stop the feed
        return PageError(f"{origin}: {error}")
    # a WordPress login ("admin") is not a byline; a person's name is
    if author and not page.byline and rules.byline(author):
        page.byline = author.strip()
    return page


def read_feed(data, *, origin, base_dir=""):
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        raise PageError(f"không đọc được tin nào trong nguồn tin{f': {reason}' if reason else ''}")
    for number, entry in enumerate(parsed.entries, 1):
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        when = None
        if stamp:
            when = datetime.datetime.fromtimestamp(time.mktime(stamp) - time.timezone, datetime.UTC)
        contents = entry.get("content") or []
        html = contents[0].get("value", "") if contents else entry.get("summary", "")
        tags = entry.get("tags") or []
        yield _entry_page(
            origin=f"{origin}#{number}",
            base_dir=base_dir,
            title=entry.get("title", ""),
            link=entry.get("link", ""),
            when=when,
            author=entry.get("author", ""),
            html=html,
            section=tags[0].get("term", "") if tags else "",
        )


def read_wxr(data, *, origin, base_dir=""):
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise PageError(f"tệp WordPress hỏng: {error}") from None
    channel = root.find("channel")
    if channel is None:
        raise PageError("tệp WordPress không có <channel>")
    number = 0
    for item in channel.iter("item"):
        if (item.findtext(f"{WP}post_type") or "post") != "post":
            continue  # pages, attachments, menu items
        if (item.findtext(f"{WP}status") or "publish") not in {"publish", "future"}:
            continue
        number += 1
        when = None
        stamp = item.findtext(f"{WP}post_date") or ""
        try:
            when = timezone.make_aware(datetime.datetime.fromisoformat(stamp.strip()))
        except ValueError:
            when = None
        categories = [
            c.text or "" for c in item.findall("category") if c.get("domain") == "category"
        ]
        yield _entry_page(
            origin=f"{origin}#{number}",
            base_dir=base_dir,
            title=item.findtext("title") or "",
            link=item.findtext("link") or "",
            when=when,
            author=item.findtext(DC_CREATOR) or "",
            html=item.findtext(CONTENT) or "",
            section=categories[0] if categories else "",
        )
    if number == 0:
        raise PageError("tệp WordPress không có bài viết nào")
