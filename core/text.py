"""Vietnamese text rules shared by every app: slugs, accent folding, normalisation.

Django's ``slugify`` drops "đ"/"Đ" (it has no ASCII decomposition), so
"Đảng bộ" would become "ang-bo". Everything here maps đ→d, Đ→D first.
"""

import re
import unicodedata

from django.utils.text import slugify

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_SPACES = re.compile(r"\s+")
# Punctuation inside a name separates words in its slug: "35-NQ/TW" → "35-nq-tw".
_SEPARATORS = re.compile(r"[^\w\s-]")


def nfc(value):
    """Return ``value`` in Unicode NFC: text typed on some keyboards arrives decomposed
    (a letter followed by combining marks) and would not match precomposed text."""
    if value is None:
        return value
    return unicodedata.normalize("NFC", str(value))


def strip_accents(value):
    """Remove Vietnamese diacritics, keeping letter case: "Đảng Cộng sản" → "Dang Cong san"."""
    decomposed = unicodedata.normalize("NFD", str(value).translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped)


# code point → folded text: ASCII capitals from the start, others filled as they are met
_FOLDED = {ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def fold_text(value):
    """Accent- and case-folded text, the one fold of the project (search documents and
    queries, matching, sorting Vietnamese names): "Đảng" → "dang". The same length as
    ``value`` for Vietnamese (each precomposed letter folds to one letter), and the same
    result as ``strip_accents(nfc(value)).casefold()``, with one ``str.translate``
    instead of a Python loop over every character."""
    text = nfc(value or "")
    if text.isascii():
        return text.lower()
    for char in set(text):
        if ord(char) > 127 and ord(char) not in _FOLDED:
            _FOLDED[ord(char)] = strip_accents(char).casefold()
    # No .lower() after the table: casefold() and lower() disagree on a few scripts
    # (Cherokee capitals casefold to themselves).
    return text.translate(_FOLDED)


def fold(value):
    """fold_text() with runs of white space made one space: "Tuyên  Giáo ĐẢNG" → "tuyen
    giao dang"."""
    return _SPACES.sub(" ", fold_text(value)).strip()


def slugify_vi(value, max_length=None):
    """ASCII slug that keeps Vietnamese words readable: "Đảng bộ tỉnh Hải Dương" →
    "dang-bo-tinh-hai-duong". Truncates on a word boundary when ``max_length`` is given."""
    slug = slugify(_SEPARATORS.sub(" ", strip_accents(value)))
    if max_length and len(slug) > max_length:
        cut = slug[:max_length]
        if "-" in cut and slug[max_length] != "-":
            cut = cut.rsplit("-", 1)[0]
        slug = cut.strip("-")
    return slug


def unique_slug(instance, value, *, field="slug", max_length=None, queryset=None):
    """A slug for ``instance`` built from ``value`` that no other row uses: "ten-bai",
    then "ten-bai-2", "ten-bai-3", ... ``queryset`` narrows the uniqueness scope."""
    model = type(instance)
    if max_length is None:
        max_length = model._meta.get_field(field).max_length
    base = slugify_vi(value, max_length=max_length) or model._meta.model_name
    qs = queryset if queryset is not None else model._default_manager.all()
    if instance.pk:
        qs = qs.exclude(pk=instance.pk)
    taken = set(qs.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    if base not in taken:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
        n += 1
