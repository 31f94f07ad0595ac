"""What a reader typed, parsed into terms: every word required, quoted phrases kept
together, overlong input cut (and saying so)."""

import re
from dataclasses import dataclass, field

from core.text import nfc

from .words import MAX_QUERY_LENGTH, MAX_TERMS, MAX_WORD_LENGTH, words

_QUOTES = '"“”„«»'
_QUOTED = re.compile(rf"[{_QUOTES}]([^{_QUOTES}]*)(?:[{_QUOTES}]|$)")


@dataclass(frozen=True)
class Term:
    """A word, or a phrase of consecutive words (a quoted phrase, or a word that had
    punctuation inside: "35-NQ/TW" is the phrase 35 nq tw)."""

    tokens: tuple

    @property
    def is_phrase(self):
        return len(self.tokens) > 1

    def __str__(self):
        return " ".join(self.tokens)


@dataclass
class Query:
    """A parsed search: the terms every result must contain (AND)."""

    text: str = ""
    terms: list = field(default_factory=list)
    #: the query was cut to MAX_QUERY_LENGTH characters
    truncated: bool = False
    #: terms beyond MAX_TERMS were dropped
    dropped_terms: bool = False
    #: match words by their beginning ("tuyen gi" finds "tuyên giáo"): the admin's mode
    prefix: bool = False

    def __bool__(self):
        return bool(self.terms)

    @property
    def words(self):
        """Every folded word of the query, for highlighting."""
        return {token for term in self.terms for token in term.tokens}


def _cut(text, limit):
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > limit // 2 else cut


def parse_query(text, *, prefix=False):
    """Parse what a reader typed. Never fails: punctuation-only or empty input gives an
    empty Query; overlong input is cut and says so."""
    text = nfc(text or "").strip()
    query = Query(prefix=prefix)
    if len(text) > MAX_QUERY_LENGTH:
        text = _cut(text, MAX_QUERY_LENGTH)
        query.truncated = True
    query.text = text
    terms = []

    def add(chunk, *, phrase):
        groups = [chunk] if phrase else chunk.split()
        for group in groups:
            tokens = tuple(t for t in words(group) if len(t) <= MAX_WORD_LENGTH)
            if tokens and Term(tokens) not in terms:
                terms.append(Term(tokens))

    position = 0
    for match in _QUOTED.finditer(text):
        add(text[position : match.start()], phrase=False)
        add(match.group(1), phrase=True)
        position = match.end()
    add(text[position:], phrase=False)
    if len(terms) > MAX_TERMS:
        terms = terms[:MAX_TERMS]
        query.dropped_terms = True
    query.terms = terms
    return query
