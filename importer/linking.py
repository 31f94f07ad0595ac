"""Directives named in an article's text → rows of the register (directives.Directive).

Pages name directives in several ways: by symbol ("35-NQ/TW", "Chỉ thị 05-CT/TW"), by
kind and number with the issuer ("Nghị quyết số 35 của Bộ Chính trị"), by the steering
committee of a resolution ("Ban Chỉ đạo 35": the committee for Resolution 35), and party
congress resolutions by their numeral ("Nghị quyết Đại hội XIII của Đảng", "Nghị quyết
Đại hội Đảng bộ tỉnh lần thứ XVII"). A name the register does not hold is listed, never
invented.
"""

import re
from dataclasses import dataclass

from core.text import fold
from directives.models import Directive
from provinces.models import Unit

SYMBOL = re.compile(r"(?<![\w/])(\d{1,4})\s?-\s?([A-ZĐ]{2,4})\s?/\s?([A-ZĐƯ]{2,8})(?!\w)")
BY_NUMBER = re.compile(
    r"(Nghị quyết|Chỉ thị|Kết luận|Kế hoạch|Quy định)\s+(?:số\s+)?(\d{1,4})(?![\d/-])"
    r"[^.;]{0,30}?của\s+(?:Bộ Chính trị|Ban Bí thư|Ban Chấp hành Trung ương)"
)
STEERING = re.compile(r"(?:Ban Chỉ đạo|BCĐ)\s+(\d{1,4})(?!\d)")
# the steering committees named by the resolution they serve
STEERING_FOR = {"35": "35-NQ/TW"}
CONGRESS = re.compile(r"Nghị quyết Đại hội(?P<rest>[^,;.()“”]{0,70})")
ROMAN = re.compile(r"(?<!\w)([IVXL]{1,6})(?!\w)")
KINDS = {
    "Nghị quyết": Directive.Kind.NGHI_QUYET,
    "Chỉ thị": Directive.Kind.CHI_THI,
    "Kết luận": Directive.Kind.KET_LUAN,
    "Kế hoạch": Directive.Kind.KE_HOACH,
    "Quy định": Directive.Kind.QUY_DINH,
}


@dataclass(frozen=True)
class Known:
    pk: int
    symbol: str
    kind: str
    number: str
    unit_id: int
    central: bool
    short_title: str  # folded


class Register:
    """The directives register, read once per import run."""

    def __init__(self):
        rows = Directive.objects.values_list(
            "pk", "symbol", "kind", "number", "unit_id", "unit__kind", "short_title"
        )
        self.known = [
            Known(
                pk,
                _symbol(symbol),
                kind,
                _num(number),
                unit,
                ukind == Unit.Kind.CENTRAL,
                fold(short),
            )
            for pk, symbol, kind, number, unit, ukind, short in rows
        ]

    def find(self, text, *, unit_ids):
        """(directive ids, unknown names) for ``text`` of an article of the units
        ``unit_ids`` (its unit and the units of the same board family)."""
        found, unknown = [], []

        def add(pk):
            if pk not in found:
                found.append(pk)

        for match in SYMBOL.finditer(text):
            symbol = _symbol(match.group(0))
            hit = self._by_symbol(symbol, unit_ids)
            if hit:
                add(hit.pk)
            elif match.group(0) not in unknown:
                unknown.append(match.group(0))
        for match in BY_NUMBER.finditer(text):
            hit = self._central(KINDS[match.group(1)], _num(match.group(2)))
            if hit:
                add(hit.pk)
        for match in STEERING.finditer(text):
            symbol = STEERING_FOR.get(_num(match.group(1)))
            hit = self._by_symbol(_symbol(symbol), unit_ids) if symbol else None
            if hit:
                add(hit.pk)
        for match in CONGRESS.finditer(text):
            rest = match.group("rest").split(" và ")[0]
            numeral = ROMAN.search(rest)
            if not numeral:
                continue
            provincial = "Đảng bộ tỉnh" in rest or "Đảng bộ thành phố" in rest
            hit = self._congress(numeral.group(1), provincial=provincial, unit_ids=unit_ids)
            if hit:
                add(hit.pk)
            else:
                name = f"Nghị quyết Đại hội {numeral.group(1)}" + (
                    " Đảng bộ tỉnh" if provincial else " của Đảng"
                )
                if name not in unknown:
                    unknown.append(name)
        return found, unknown

    def _by_symbol(self, symbol, unit_ids):
        hits = [k for k in self.known if k.symbol == symbol]
        if symbol.endswith("/TW"):
            hits = [k for k in hits if k.central]
        else:
            hits = [k for k in hits if k.unit_id in unit_ids]
        return hits[0] if hits else None

    def _central(self, kind, number):
        hits = [k for k in self.known if k.central and k.kind == kind and k.number == number]
        return hits[0] if hits else None

    def _congress(self, numeral, *, provincial, unit_ids):
        wanted = f"dai hoi {numeral.lower()} "
        for k in self.known:
            if k.symbol or k.kind != Directive.Kind.NGHI_QUYET:
                continue
            title = k.short_title + " "
            if wanted not in title:
                continue
            if provincial and k.unit_id in unit_ids and "dang bo" in title:
                return k
            if not provincial and k.central and "cua dang" in title:
                return k
        return None


def _num(number):
    """ "05" and "5" are the same number."""
    return (number or "").lstrip("0") or "0"


def _symbol(text):
    """A symbol written one way: "05-CT/TW", "5-CT/TW" and "05 - CT/TƯ" are one symbol."""
    match = SYMBOL.search((text or "").upper())
    if not match:
        return (text or "").upper()
    number, kind, issuer = match.groups()
    return f"{_num(number)}-{kind}/{issuer.replace('TƯ', 'TW')}"
