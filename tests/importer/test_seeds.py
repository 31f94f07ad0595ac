"""The five seed pages through the importer (with the editor's decisions in
fixtures/seeds/overrides.json) give the articles of fixtures/articles.json, field by field."""

import datetime
import json

import pytest

from articles.models import Article
from importer.models import ImportedPage

from .conftest import ROOT, SEEDS, run

pytestmark = pytest.mark.django_db

FIXTURE = json.loads((ROOT / "fixtures" / "articles.json").read_text(encoding="utf-8"))
EXPECTED = [row["fields"] for row in FIXTURE if row["model"] == "articles.article"]
IMAGES = [row["fields"] for row in FIXTURE if row["model"] == "articles.articleimage"]
FIELDS = ("title", "summary", "body", "byline", "source", "views", "status")


def import_seeds(*extra):
    return run(
        "--unit",
        "hau-giang",
        "--section",
        "tin-tuc-su-kien",
        "--overrides",
        SEEDS / "overrides.json",
        *extra,
        *sorted(SEEDS.glob("*.txt")),
    )


@pytest.fixture
def imported(register, chief):
    import_seeds("--publish", "--by", chief.username)
    return {a.slug: a for a in Article.objects.all()}


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: e["unit"][0])
def test_seed_gives_the_fixture_article(imported, expected):
    article = imported[expected["slug"]]
    for name in FIELDS:
        assert getattr(article, name) == expected[name], name
    assert article.unit.slug == expected["unit"][0]
    assert article.current_unit.slug == expected["current_unit"][0]
    assert article.section.slug == expected["section"][0]
    assert article.published_at == datetime.datetime.fromisoformat(expected["published_at"])
    assert {d.slug for d in article.directives.all()} == {s for (s,) in expected["directives"]}


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: e["unit"][0])
def test_seed_pictures_are_placeholders_with_the_fixture_captions(imported, expected):
    article = imported[expected["slug"]]
    want = [i for i in IMAGES if i["article"] == [expected["slug"]]]
    got = list(article.images.order_by("position"))
    assert [(i.position, i.caption, i.original_filename, i.is_placeholder) for i in got] == [
        (i["position"], i["caption"], i["original_filename"], i["is_placeholder"]) for i in want
    ]
    assert all(i.width == 960 and i.height == 540 for i in got)


def test_running_again_changes_nothing(imported, chief):
    before = list(Article.objects.order_by("pk").values())
    out = import_seeds("--publish", "--by", chief.username)
    assert "Created 0, updated 0, unchanged 5" in out
    assert list(Article.objects.order_by("pk").values()) == before
    assert ImportedPage.objects.count() == 5


def test_dry_run_writes_nothing(register):
    out = import_seeds("--dry-run")
    assert "Would create 5" in out
    assert "Dry run: nothing was written." in out
    assert Article.objects.count() == 0
    assert ImportedPage.objects.count() == 0


def test_without_the_editors_decisions_the_gaps_are_flagged(register):
    out = run(
        "--unit",
        "binh-phuoc",
        SEEDS / "002_33f196b0544b334b.txt",
        SEEDS / "003_4f0ec5055aa34f4f.txt",
    )
    assert "needing an editor's look 2" in out
    assert "trang không có tiêu đề: tiêu đề viết từ câu đầu" in out
    assert "không tìm thấy ngày đăng" in out
    written = Article.objects.get(
        unit__slug="binh-phuoc", title__startswith="Ban Tuyên giáo các cấp"
    )
    assert written.status == Article.Status.DRAFT
    assert ImportedPage.objects.get(article=written).needs_review


def test_footer_is_offered_as_the_board_profile_and_applied_only_on_request(register):
    from provinces.models import Board

    board = Board.objects.get(unit__slug="tra-vinh")
    board.editor_in_chief = ""
    board.visits_baseline = 0
    board.save()
    out = run("--unit", "tra-vinh", "--dry-run", SEEDS / "003_4f0ec5055aa34f4f.txt")
    assert "editor_in_chief: '' → 'Trần Quốc Tuấn'" in out
    assert "visits_baseline: 0 → 8756173" in out
    board.refresh_from_db()
    assert board.editor_in_chief == ""
    run("--unit", "tra-vinh", "--update-profile", SEEDS / "003_4f0ec5055aa34f4f.txt")
    board.refresh_from_db()
    assert board.editor_in_chief == "Trần Quốc Tuấn"
    assert board.visits_baseline == 8756173
    assert board.email == "btgtutravinh@travinh.gov.vn"
