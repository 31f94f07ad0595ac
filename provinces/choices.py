"""The options of every unit filter (the search page, the meetings list, the staff report):
one builder, so each lists the same units in the same groups and order."""

from core.text import fold_text

from .models import Unit

CURRENT_GROUP = "Tỉnh, thành phố (từ 1/7/2025)"
MERGED_GROUP = "Tỉnh đã sáp nhập (trước 1/7/2025)"


def _vietnamese_order(choice):
    """ "Đồng Nai" between "Điện Biên" and "Gia Lai", not after "Yên Bái" as code points
    would have it."""
    return (fold_text(choice[1]), choice[1])


def unit_choices(*, blank="Tất cả", merger_notes=False, units=None):
    """(slug, label) options grouped as a <select> shows them: the blank option, the central
    level, the 34 current units, then the pre-2025 units merged into them, each group in
    Vietnamese order. With ``merger_notes`` a current unit names the units it includes
    ("Vĩnh Long (gồm cả Bến Tre, Trà Vinh)") and a merged unit its successor."""
    if units is None:
        units = list(Unit.objects.only("pk", "name", "slug", "code", "kind", "merged_into_id"))
    by_id = {unit.pk: unit for unit in units}
    merged = {}
    for unit in units:
        if unit.merged_into_id:
            merged.setdefault(unit.merged_into_id, []).append(unit.name)
    central, current, former = [], [], []
    for unit in units:
        label = unit.name
        if unit.is_central:
            central.append((unit.slug, label))
        elif unit.merged_into_id:
            if merger_notes:
                label += f" (nay thuộc {by_id[unit.merged_into_id].name})"
            former.append((unit.slug, label))
        else:
            if merger_notes and merged.get(unit.pk):
                label += f" (gồm cả {', '.join(sorted(merged[unit.pk], key=fold_text))})"
            current.append((unit.slug, label))
    return [
        ("", blank),
        *central,
        (CURRENT_GROUP, sorted(current, key=_vietnamese_order)),
        (MERGED_GROUP, sorted(former, key=_vietnamese_order)),
    ]


def history_ids_by_slug(units):
    """{slug: [the unit's id, then the ids of the pre-2025 units merged into it]}: what a
    filter on one unit covers, for every unit at once (Unit.history_unit_ids() per unit)."""
    merged = {}
    for unit in units:
        if unit.merged_into_id:
            merged.setdefault(unit.merged_into_id, []).append(unit.pk)
    return {unit.slug: [unit.pk, *merged.get(unit.pk, [])] for unit in units}
