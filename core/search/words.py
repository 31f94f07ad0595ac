"""Words as search sees them: folded, split on anything that is not a letter or digit,
and the folded documents the LIKE engine matches."""

import html
import re

from core.text import fold_text

#: PostgreSQL text search configuration: a copy of "simple" whose word mappings run
#: "unaccent" first (migration articles/0003).
TS_CONFIG = "public.tg_vi"

#: ASCII punctuation the generated column turns into spaces before parsing. "&", ";",
#: "<" and ">" stay: the body's HTML tags are removed first and entities ("&amp;") are
#: left for the parser, which skips them. Keep in step with migration 0003.
PUNCTUATION = "!\"#$%'()*+,-./:=?@[\\]^_`{|}~"

_WORD = re.compile(r"[^\W_]+")
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")

#: A query longer than this is cut (at a space) and the reader is told so.
MAX_QUERY_LENGTH = 200
#: At most this many terms (words or phrases) are searched for; the rest are dropped.
MAX_TERMS = 10
#: Longer "words" are not words (nobody types them): they are dropped.
MAX_WORD_LENGTH = 60


def words(value):
    """The folded words of ``value``: "Nghị quyết 35-NQ/TW" → ["nghi", "quyet", "35",
    "nq", "tw"]."""
    return _WORD.findall(fold_text(value))


def html_to_text(value):
    """Plain text of sanitised HTML: tags become spaces (as in the generated column, so
    both engines see the same words), entities are decoded."""
    if not value:
        return ""
    return _SPACES.sub(" ", html.unescape(_TAG.sub(" ", value))).strip()


_BLOCK_TAG = re.compile(
    r"</?(?:p|br|hr|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|figure|figcaption|table|caption"
    r"|thead|tbody|tfoot|tr|th|td|div|section|article)\b[^>]*>",
    re.IGNORECASE,
)


def html_to_display_text(value):
    """Plain text of sanitised HTML for reading (snippets): block tags become spaces,
    inline tags vanish ("<strong>vụ</strong>." → "vụ.")."""
    if not value:
        return ""
    text = _TAG.sub("", _BLOCK_TAG.sub(" ", value))
    return _SPACES.sub(" ", html.unescape(text)).strip()


def folded_document(title="", summary="", body=""):
    """The ``search_document`` value: folded words per part, parts separated by "#" and
    "@" (never part of a word), padded with spaces so " word " matches whole words."""
    parts = (" ".join(words(part)) for part in (title, summary, body))
    return " {} # {} @ {} ".format(*parts)
