"""What a reader of an old page hands to the rest of the importer.

Every input (scraped text, saved HTML, a feed entry, a WordPress post) is first turned
into a list of ``Block``s in reading order; ``importer.assemble`` then applies the
Vietnamese rules to those blocks, whatever the input was, and fills a ``Page``.
"""

import datetime
from dataclasses import dataclass, field


@dataclass
class Block:
    """One piece of a page in reading order.

    kind: "line" (a paragraph or any line of text), "heading" (marked as a heading by the
    source), "image" (``src``: the file or address the page named; ``text``: a caption
    the source attached to it, if any).
    """

    kind: str
    text: str = ""
    src: str = ""


@dataclass
class Picture:
    src: str  # as the page named it: "ly.png", "images/a.jpg", "https://…/a.jpg"
    caption: str = ""


@dataclass
class Page:
    """An article found on an old page, before it becomes an Article."""

    origin: str  # the file (and entry) it came from, for messages
    old_url: str = ""
    base_dir: str = ""  # the page's folder: relative picture addresses start here
    root_dir: str = ""  # the folder given to the importer: pictures must be inside it
    title: str = ""
    title_written: bool = False  # written from the first sentence: an editor should look
    section_name: str = ""
    published_at: datetime.datetime | None = None
    seen_on: datetime.date | None = None  # the site's "today" line: when it was saved
    views: int | None = None
    byline: str = ""
    source: str = ""
    summary: str = ""
    body: list = field(default_factory=list)  # ("p"|"h2", text) or ("image", n)
    pictures: list = field(default_factory=list)
    footer: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)  # why an editor should look

    def body_text(self):
        return "\n".join(text for kind, text in self.body if kind != "image")


class PageError(Exception):
    """A page that cannot be read or imported; the message says why (in Vietnamese)."""
