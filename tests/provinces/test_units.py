"""The 34 current units, the 63 before 1/7/2025, the merger map, the central level;
merged units' archives on their successor's page, cold and warm (the `reader` fixture)."""

import pytest

from provinces.models import MERGER_DATE, Board, Unit
from tests.factories import make_article, make_unit

pytestmark = pytest.mark.django_db


def test_there_are_34_current_and_63_pre_2025_provincial_units(seeds):
    assert Unit.objects.current().count() == 34
    assert Unit.objects.pre_2025().count() == 63
    assert Unit.objects.merged().count() == 63 - 34
    assert Unit.objects.central().slug == "trung-uong"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hau-giang", "can-tho"),
        ("tra-vinh", "vinh-long"),
        ("binh-phuoc", "dong-nai"),
        ("hai-duong", "hai-phong"),
        ("yen-bai", "lao-cai"),
    ],
)
def test_merged_units_point_to_their_successor(seeds, old, new):
    unit = Unit.objects.get(slug=old)
    assert unit.merged_into.slug == new
    assert unit.merged_on == MERGER_DATE
    assert unit.code is None
    assert unit.successor.slug == new
    assert unit in Unit.objects.get(slug=new).merged_units.all()


def test_lang_son_is_unchanged(seeds):
    lang_son = Unit.objects.get(slug="lang-son")
    assert lang_son.merged_into is None
    assert lang_son.code == 20 and lang_son.legacy_code == 20
    assert lang_son.merged_units.count() == 0
    assert lang_son.successor == lang_son


def test_a_current_unit_keeps_the_pre_2025_unit_of_its_name(seeds):
    """The new Lào Cai carries Yên Bái's old code 15; the old Lào Cai (10) is the same
    row, so /tinh/lao-cai/ is one page with both histories."""
    lao_cai = Unit.objects.get(slug="lao-cai")
    assert (lao_cai.code, lao_cai.legacy_code) == (15, 10)
    assert Unit.objects.get(legacy_code=15).slug == "yen-bai"


def test_nso_codes_and_kinds(seeds):
    can_tho = Unit.objects.get(slug="can-tho")
    assert can_tho.code == 92
    assert can_tho.kind == Unit.Kind.CITY
    assert can_tho.full_name == "Thành phố Cần Thơ"
    hau_giang = Unit.objects.get(slug="hau-giang")
    assert hau_giang.legacy_code == 93
    assert hau_giang.kind == Unit.Kind.PROVINCE
    assert hau_giang.full_name == "Tỉnh Hậu Giang"


def test_slugs_drop_the_tinh_and_thanh_pho_prefix(seeds):
    slugs = set(Unit.objects.values_list("slug", flat=True))
    assert {"hau-giang", "tra-vinh", "can-tho", "lang-son", "trung-uong", "ho-chi-minh"} <= slugs
    assert not any(s.startswith(("tinh-", "thanh-pho-")) for s in slugs)
    assert all(s.isascii() for s in slugs)


def test_history_of_a_current_unit_includes_its_merged_units(seeds):
    can_tho = Unit.objects.get(slug="can-tho")
    ids = set(can_tho.history_unit_ids())
    expected = set(
        Unit.objects.filter(slug__in=["can-tho", "hau-giang", "soc-trang"]).values_list(
            "pk", flat=True
        )
    )
    assert ids == expected


@pytest.mark.django_db(transaction=True)  # the new article's content version starts on commit
def test_a_merged_units_new_article_shows_on_the_successors_cached_page(reader):
    """The archive of a merged unit on its successor's page, labelled with its province,
    cold and warm: a page cached before the article was published shows it."""
    current = make_unit(name="Cần Thơ thử")
    merged = make_unit(name="Hậu Giang thử", merged_into=current, merged_on=MERGER_DATE)
    make_article(unit=current, title="Tin của Cần Thơ thử")
    browser = reader()
    for url in (current.get_absolute_url(), merged.get_absolute_url()):
        assert browser.prime(url).status_code == 200
    article = make_article(unit=merged, title="Tin lưu trữ của Hậu Giang thử")
    text = browser.get(current.get_absolute_url()).content.decode()
    assert article.get_absolute_url() in text
    assert '<span class="label"' in text and ">Hậu Giang thử</span>" in text
    text = browser.get(merged.get_absolute_url()).content.decode()
    assert article.get_absolute_url() in text
    assert f'href="{current.get_absolute_url()}"' in text  # where it went


def test_every_unit_has_a_board_with_its_names(seeds):
    assert Board.objects.count() == Unit.objects.count()
    vinh_long = Board.objects.get(unit__slug="vinh-long")
    assert vinh_long.name == "Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Long"
    assert [n.name for n in vinh_long.names.all()] == [
        "Ban Tuyên giáo Tỉnh ủy Vĩnh Long",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Long",
    ]
    can_tho = Board.objects.get(unit__slug="can-tho")
    assert can_tho.name == "Ban Tuyên giáo và Dân vận Thành ủy Cần Thơ"
    central = Board.objects.get(unit__slug="trung-uong")
    assert [n.name for n in central.names.all()] == [
        "Ban Tuyên giáo Trung ương",
        "Ban Tuyên giáo và Dân vận Trung ương",
    ]


def test_tra_vinh_board_profile_is_the_footer_of_its_site(seeds):
    board = Board.objects.get(unit__slug="tra-vinh")
    assert board.name == "Ban Tuyên giáo Tỉnh ủy Trà Vinh"
    assert board.editor_in_chief == "Trần Quốc Tuấn"
    assert board.editor_in_chief_title == "Ủy viên Thường vụ Tỉnh ủy, Trưởng Ban Tuyên giáo Tỉnh ủy"
    assert board.address == "Số 4, Nguyễn Thái Học, Khóm 4, Phường 1, Thành phố Trà Vinh"
    assert board.phone == "02943.853574"
    assert board.email == "btgtutravinh@travinh.gov.vn"
    assert board.website_url == "https://tuyengiao.travinh.gov.vn"
    assert "Trang tin điện tử Ban Tuyên giáo Tỉnh ủy Trà Vinh" in board.reprint_notice
    assert board.visits_baseline == 8_756_173
    assert board.trust_badge is True
