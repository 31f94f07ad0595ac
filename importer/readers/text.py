"""Scraped text pages like the seeds: one paragraph a line, the site's chrome around it."""

import re

from ..assemble import assemble
from ..pages import Block, PageError

# after a paragraph (a long line ending a sentence): a blank line, or straight on
_AFTER_PARAGRAPH = re.compile(
    r"[^\n]{80,}[.…!?:;”\"]([ \t\u00a0]*\n[ \t\u00a0]*)(\n?)[ \t\u00a0]*\S"
)


def decode(data):
    """Text of a saved file: UTF-8 (with or without BOM), else Windows-1258, the
    Vietnamese code page old sites were saved in."""
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PageError("tệp không phải văn bản UTF-8 hay Windows-1258")


def read_text(data, *, origin, base_dir="", **known):
    text = decode(data)
    if "\x00" in text:
        raise PageError("tệp không phải văn bản (có byte 0)")
    if not text.strip():
        raise PageError("tệp rỗng")
    # Pages whose paragraphs are separated by blank lines lost their pictures and kept
    # the captions as lines of their own; pages written line by line kept their headings.
    gaps = [bool(blank) for _gap, blank in _AFTER_PARAGRAPH.findall(text)]
    spaced = sum(gaps) > len(gaps) - sum(gaps)
    blocks = [Block("line", line) for line in text.splitlines()]
    return assemble(
        blocks,
        origin=origin,
        base_dir=base_dir,
        loose_lines="caption" if spaced else "heading",
        **known,
    )
