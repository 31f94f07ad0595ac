"""Directives (with their relations), meetings (with connection points), units (34 +
63, NSO codes, the merger map), boards and sections: public rows only."""

from datetime import date

import pytest
from django.test import Client

from articles.models import Article
from directives.models import ConnectionPoint, DirectiveRelation
from provinces.models import Unit
from tests.factories import make_article, make_directive, make_meeting, make_section, make_unit

pytestmark = pytest.mark.django_db


def items(path, params=None):
    response = Client().get(path, params or {})
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_directives_are_public_ones_with_their_public_relations():
    ct05 = make_directive(symbol="05-CT/TW", kind="chi-thi")
    kl01 = make_directive(symbol="01-KL/TW", kind="ket-luan")
    hidden = make_directive(symbol="02-KL/TW", kind="ket-luan", is_published=False)
    DirectiveRelation.objects.create(source=kl01, target=ct05, kind="continues")
    DirectiveRelation.objects.create(source=hidden, target=ct05, kind="continues")
    listed = {d["symbol"]: d for d in items("/api/v1/directives")}
    assert set(listed) == {"05-CT/TW", "01-KL/TW"}
    assert [r["directive"]["symbol"] for r in listed["05-CT/TW"]["related_by"]] == ["01-KL/TW"]
    relation = listed["01-KL/TW"]["relations"][0]
    assert relation["kind"] == "continues" and relation["kind_label"] == "Tiếp tục thực hiện"
    one = Client().get(f"/api/v1/directives/{kl01.slug}").json()
    assert one["name"] == "Kết luận 01-KL/TW"
    assert Client().get(f"/api/v1/directives/{hidden.slug}").status_code == 404
    assert [d["symbol"] for d in items("/api/v1/directives", {"kind": "chi-thi"})] == ["05-CT/TW"]
    assert [d["symbol"] for d in items("/api/v1/directives", {"q": "05 CT/TW"})] == ["05-CT/TW"]


def test_meetings_are_public_ones_with_connection_points_and_public_links():
    current = make_unit(name="Đồng Nai thử")
    merged = make_unit(name="Bình Phước thử", merged_into=current, code=None)
    ct05 = make_directive(symbol="05-CT/TW", kind="chi-thi")
    kl01 = make_directive(symbol="01-KL/TW", kind="ket-luan")
    DirectiveRelation.objects.create(source=kl01, target=ct05, kind="continues")
    hidden_directive = make_directive(is_published=False)
    public = make_article(unit=merged, title="Bài công khai")
    draft = make_article(unit=merged, title="Bản nháp", status=Article.Status.DRAFT)
    meeting = make_meeting(
        unit=merged,
        title="Hội nghị sơ kết",
        date=date(2021, 7, 2),
        directives=[kl01, hidden_directive],
        articles=[public, draft],
    )
    ConnectionPoint.objects.create(meeting=meeting, level="huyen", label="Các huyện", count=11)
    ConnectionPoint.objects.create(
        meeting=meeting, level="tinh", label="Tỉnh", unit=merged, count=1
    )
    make_meeting(title="Chưa công khai", is_published=False, unit=merged)
    make_meeting(title="Nơi khác", date=date(2024, 1, 1))
    listed = items("/api/v1/meetings", {"unit": current.slug})
    assert [m["title"] for m in listed] == ["Hội nghị sơ kết"]
    found = listed[0]
    assert [d["symbol"] for d in found["directives"]] == ["01-KL/TW"]
    assert [a["title"] for a in found["articles"]] == ["Bài công khai"]
    assert [p["label"] for p in found["connection_points"]] == ["Các huyện", "Tỉnh"]
    assert found["total_connection_points"] == 12
    assert found["connection_points"][1]["unit"]["slug"] == merged.slug
    by_directive = items("/api/v1/meetings", {"directive": ct05.slug})
    assert [m["title"] for m in by_directive] == ["Hội nghị sơ kết"]
    assert items("/api/v1/meetings", {"directive": ct05.slug, "continuations": "0"}) == []
    in_2024 = items("/api/v1/meetings", {"date_from": "2024-01-01", "date_to": "2024-12-31"})
    assert [m["title"] for m in in_2024] == ["Nơi khác"]
    assert Client().get(f"/api/v1/meetings/{meeting.slug}").json()["title"] == "Hội nghị sơ kết"


def test_units_boards_and_the_merger_map_of_the_demo_data(seeds):
    response = Client().get("/api/v1/units")
    data = response.json()
    units = {u["slug"]: u for u in data["items"]}
    provincial = [u for u in units.values() if u["kind"] != Unit.Kind.CENTRAL]
    assert sum(1 for u in provincial if u["code"] is not None) == 34
    assert sum(1 for u in provincial if u["legacy_code"] is not None) == 63
    assert data["mergers"]["hau-giang"] == "can-tho"
    assert data["mergers"]["tra-vinh"] == "vinh-long"
    assert units["hau-giang"]["merged_into"] == "can-tho"
    assert "hau-giang" in units["can-tho"]["merged_units"]
    assert "lang-son" not in data["mergers"]
    current = Client().get("/api/v1/units", {"current": "true"}).json()["items"]
    assert len(current) == Unit.objects.current().count() + 1  # and the central level
    boards = Client().get("/api/v1/boards").json()["items"]
    assert {b["unit"] for b in boards} >= {"tra-vinh", "vinh-long", "trung-uong"}


def test_sections_are_listed_with_a_boards_own():
    unit = make_unit()
    make_section(name="Chung")
    make_section(name="Riêng", unit=unit)
    listed = {s["name"]: s for s in items("/api/v1/sections")}
    assert listed["Chung"]["unit"] is None
    assert listed["Riêng"]["unit"] == unit.slug
