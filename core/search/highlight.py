"""The query's words marked in titles and snippets, whatever their accents and case."""

import re
from bisect import bisect_left

from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.text import fold_text, nfc

_SPACES = re.compile(r"\s+")
_LETTER = r"[^\W_]"


def _letter_variants():
    """Every Latin letter that folds to each ASCII letter: "d" → "dDđĐ", "a" → "aAàÀáÁ…"."""
    variants = {}
    for code in [
        *range(0x41, 0x5B),
        *range(0x61, 0x7B),
        *range(0xC0, 0x250),
        *range(0x1E00, 0x1F00),
    ]:
        char = chr(code)
        folded = fold_text(char)
        if len(folded) == 1 and folded.isascii() and folded.isalpha():
            variants.setdefault(folded, []).append(char)
    return {letter: "[" + "".join(chars) + "]" for letter, chars in variants.items()}


_VARIANTS = _letter_variants()
_PATTERNS = {}


def _hit_pattern(query):
    """A regex finding the query's words in the original (NFC) text, whatever their
    accents and case, whole words only (or word beginnings in prefix mode): folding a
    whole body to search it would cost more than the database query."""
    key = (frozenset(query.words), query.prefix)
    if key not in _PATTERNS:
        alternatives = []
        for word in sorted(query.words, key=len, reverse=True):
            if word.isascii():
                alternatives.append("".join(_VARIANTS.get(ch, re.escape(ch)) for ch in word))
            else:
                alternatives.append(re.escape(word))
        end = f"{_LETTER}*" if query.prefix else f"(?!{_LETTER})"
        if len(_PATTERNS) > 500:
            _PATTERNS.clear()
        _PATTERNS[key] = re.compile(
            f"(?<!{_LETTER})(?:{'|'.join(alternatives)}){end}", re.IGNORECASE
        )
    return _PATTERNS[key]


def _hits(text, query):
    """[(start, end, folded word)] of the query's words in ``text`` (NFC)."""
    if not query.terms:
        return []
    hits = [(m.start(), m.end(), fold_text(m.group())) for m in _hit_pattern(query).finditer(text)]
    # A letter outside the table (another script) may fold differently: check.
    return [hit for hit in hits if _is_hit(hit[2], query)]


def _is_hit(word, query):
    if query.prefix:
        return any(word.startswith(w) for w in query.words)
    return word in query.words


def _render(text, hits):
    out, position = [], 0
    for start, end, _ in hits:
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def highlight(text, query):
    """``text`` escaped, with the query's words wrapped in <mark>."""
    text = nfc(text or "")
    return mark_safe(_render(text, _hits(text, query)))  # noqa: S308 (escaped)


def snippet(text, query, *, size=240):
    """About ``size`` characters of ``text`` around the densest cluster of the query's
    words, cut at spaces, escaped, matches in <mark>, "…" where text was cut."""
    text = nfc(_SPACES.sub(" ", text or "").strip())
    if not text:
        return ""
    hits = _hits(text, query)
    begin, best = 0, 0
    starts = [start for start, _, _ in hits]
    for start in starts[:40]:  # the first matches are enough to find a good window
        left = max(0, start - size // 4)
        inside = hits[bisect_left(starts, left) : bisect_left(starts, left + size)]
        distinct = len({word for _, _, word in inside})
        if distinct > best:
            best, begin = distinct, left
    end = min(len(text), begin + size)
    if begin:  # start after a space, never inside a word
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < begin + size // 4 else begin
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin else end
    shown = [(s - begin, e - begin, w) for s, e, w in hits if s >= begin and e <= end]
    return mark_safe(  # noqa: S308 (escaped by _render)
        ("… " if begin else "")
        + _render(text[begin:end], shown)
        + (" …" if end < len(text) else "")
    )
