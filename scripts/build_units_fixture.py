#!/usr/bin/env python3
"""Build fixtures/units.json (units, boards, board names) from provinces.json.

    python scripts/build_units_fixture.py path/to/provinces.json > fixtures/units.json

provinces.json holds the 34 units in force since 1/7/2025 ("current", NSO codes) and
the 63 before ("legacy", each with ``merged_into_code``). A current unit and the
pre-2025 unit of the same name are one row (the new Lào Cai continues the old Lào Cai,
although it carries Yên Bái's old code); Huế, whose pre-2025 name was Thừa Thiên Huế,
is matched by code. Board profiles seen on the seed pages are added by hand below.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.text import slugify_vi

MERGER_DATE = "2025-07-01"
# Loading a fixture skips auto_now, so rows carry the time the fixture was written.
FIXTURE_TIME = "2026-11-22T08:00:00+07:00"
NOTE_BEFORE = "Trước khi hợp nhất với Ban Dân vận (năm 2025)."
NOTE_AFTER = (
    "Từ năm 2025, sau khi hợp nhất Ban Tuyên giáo và Ban Dân vận. Ngày bắt đầu lấy theo "
    "ngày hợp nhất ở Trung ương (03/02/2025); ngày của tỉnh có thể muộn hơn vài tuần."
)
#: The day the new names are counted from, where the province's own day is not known.
MERGED_WITH_DAN_VAN = "2025-02-03"

# What the seed pages' footers show (003: Trà Vinh's board site).
PROFILES = {
    "tra-vinh": {
        "name": "Ban Tuyên giáo Tỉnh ủy Trà Vinh",
        "site_name": "Trang tin điện tử Ban Tuyên giáo Tỉnh ủy Trà Vinh",
        "editor_in_chief": "Trần Quốc Tuấn",
        "editor_in_chief_title": "Ủy viên Thường vụ Tỉnh ủy, Trưởng Ban Tuyên giáo Tỉnh ủy",
        "address": "Số 4, Nguyễn Thái Học, Khóm 4, Phường 1, Thành phố Trà Vinh",
        "phone": "02943.853574",
        "email": "btgtutravinh@travinh.gov.vn",
        "website": "tuyengiao.travinh.gov.vn",
        "reprint_notice": "Ghi rõ nguồn “Trang tin điện tử Ban Tuyên giáo Tỉnh ủy Trà Vinh” "
        "khi phát hành lại thông tin từ website này.",
        "trust_badge": True,
        "visits_baseline": 8756173,
    },
}


# The seed boards' old websites (the seeds' footers). Trà Vinh's board was merged into
# Vĩnh Long's on 1/7/2025: its domain redirects to Vĩnh Long's site (provinces.sites).
DOMAINS = [
    {"board": ["tra-vinh"], "host": "tuyengiao.travinh.gov.vn", "kind": "legacy"},
]


def short_name(full):
    for prefix in ("Thành phố ", "Tỉnh "):
        if full.startswith(prefix):
            return full[len(prefix) :]
    return full


def committee(kind):
    return "Thành ủy" if kind == "thanh-pho" else "Tỉnh ủy"


def board_rows(slug, unit_name, kind, *, current, legacy_name=None, successor=None):
    """The board of a unit and the names it carried."""
    old_kind_name = legacy_name or unit_name
    old_committee = "Tỉnh ủy" if legacy_name else committee(kind)
    old = f"Ban Tuyên giáo {old_committee} {old_kind_name}"
    new = f"Ban Tuyên giáo và Dân vận {committee(kind)} {unit_name}"
    names = [{"name": old, "valid_from": None, "valid_until": None, "note": NOTE_BEFORE}]
    if current:
        names.append(
            {
                "name": new,
                "valid_from": MERGED_WITH_DAN_VAN,
                "valid_until": None,
                "note": NOTE_AFTER,
            }
        )
        display = new
    else:
        names.append(
            {
                "name": new,
                "valid_from": MERGED_WITH_DAN_VAN,
                "valid_until": "2025-06-30",
                "note": f"Từ năm 2025 đến khi tỉnh sáp nhập vào {successor} (01/7/2025); "
                "ngày bắt đầu lấy theo ngày hợp nhất ở Trung ương (03/02/2025).",
            }
        )
        display = old
    board = {
        "unit": [slug],
        "name": display,
        "site_name": "",
        "editor_in_chief": "",
        "editor_in_chief_title": "",
        "address": "",
        "phone": "",
        "email": "",
        "website": "",
        "reprint_notice": "",
        "trust_badge": False,
        "visits_baseline": 0,
        "visits_baseline_on": None,
        "updated_at": FIXTURE_TIME,
    }
    board.update(PROFILES.get(slug, {}))
    return board, names


def build(data):
    current = {u["code"]: u for u in data["current"]}
    legacy = data["legacy"]
    units, boards, names = [], [], []

    def add_names(slug, rows):
        names.extend({"board": [slug], **row} for row in rows)

    # The central level.
    units.append(
        {
            "slug": "trung-uong",
            "name": "Trung ương",
            "full_name": "Trung ương",
            "kind": "trung-uong",
            "code": None,
            "legacy_code": None,
            "legacy_name": "",
            "legacy_slug": None,
            "merged_into": None,
            "merged_on": None,
            "position": 0,
        }
    )
    boards.append(
        {
            "unit": ["trung-uong"],
            "name": "Ban Tuyên giáo và Dân vận Trung ương",
            "site_name": "",
            "editor_in_chief": "",
            "editor_in_chief_title": "",
            "address": "",
            "phone": "",
            "email": "",
            "website": "",
            "reprint_notice": "",
            "trust_badge": False,
            "visits_baseline": 0,
            "visits_baseline_on": None,
            "updated_at": FIXTURE_TIME,
        }
    )
    add_names(
        "trung-uong",
        [
            {
                "name": "Ban Tuyên giáo Trung ương",
                "valid_from": None,
                "valid_until": "2025-02-02",
                "note": "",
            },
            {
                "name": "Ban Tuyên giáo và Dân vận Trung ương",
                "valid_from": "2025-02-03",
                "valid_until": None,
                "note": "Hợp nhất Ban Tuyên giáo Trung ương và Ban Dân vận Trung ương "
                "(công bố ngày 03/02/2025).",
            },
        ],
    )

    continuing = {}  # current code -> the legacy unit it continues
    for code, unit in current.items():
        name = short_name(unit["name"])
        into = [u for u in legacy if u["merged_into_code"] == code]
        same = [u for u in into if u["short_name"] == name] or [
            u for u in into if u["code"] == code
        ]
        if len(same) != 1:
            raise SystemExit(f"cannot tell which pre-2025 unit {name} continues: {same}")
        continuing[code] = same[0]

    for code in sorted(current):
        unit, old = current[code], continuing[code]
        name = short_name(unit["name"])
        kind = "thanh-pho" if unit["division_type"] == "thành phố trung ương" else "tinh"
        slug = slugify_vi(name)
        legacy_name = old["name"] if old["short_name"] != name else ""
        units.append(
            {
                "slug": slug,
                "name": name,
                "full_name": unit["name"] if unit["name"] != name else f"Tỉnh {name}",
                "kind": kind,
                "code": code,
                "legacy_code": old["code"],
                "legacy_name": legacy_name,
                "legacy_slug": slugify_vi(old["short_name"]) if legacy_name else None,
                "merged_into": None,
                "merged_on": None,
                "position": code,
            }
        )
        board, rows = board_rows(
            slug, name, kind, current=True, legacy_name=old["short_name"] if legacy_name else None
        )
        boards.append(board)
        add_names(slug, rows)

    continuing_codes = {u["code"] for u in continuing.values()}
    for old in sorted(legacy, key=lambda u: u["code"]):
        if old["code"] in continuing_codes:
            continue
        successor = current[old["merged_into_code"]]
        successor_name = short_name(successor["name"])
        slug = slugify_vi(old["short_name"])
        units.append(
            {
                "slug": slug,
                "name": old["short_name"],
                "full_name": old["name"],
                "kind": "thanh-pho" if old["name"].startswith("Thành phố") else "tinh",
                "code": None,
                "legacy_code": old["code"],
                "legacy_name": "",
                "legacy_slug": None,
                "merged_into": [slugify_vi(successor_name)],
                "merged_on": MERGER_DATE,
                "position": 100 + old["code"],
            }
        )
        board, rows = board_rows(
            slug, old["short_name"], "tinh", current=False, successor=successor["name"]
        )
        boards.append(board)
        add_names(slug, rows)

    return (
        [{"model": "provinces.unit", "fields": u} for u in units]
        + [{"model": "provinces.board", "fields": b} for b in boards]
        + [{"model": "provinces.boardname", "fields": n} for n in names]
        + [{"model": "provinces.boarddomain", "fields": d} for d in DOMAINS]
    )


if __name__ == "__main__":
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/provinces.json")
    rows = build(json.loads(source.read_text(encoding="utf-8")))
    json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
