import unicodedata

import pytest

from core.text import fold, nfc, slugify_vi, unique_slug
from tests.factories import make_section


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đảng bộ tỉnh Hải Dương", "dang-bo-tinh-hai-duong"),
        ("Đồng chí Nguyễn Trọng Nghĩa", "dong-chi-nguyen-trong-nghia"),
        ("ĐẢNG CỘNG SẢN VIỆT NAM", "dang-cong-san-viet-nam"),
        ("Hậu Giang", "hau-giang"),
        ("Trà Vinh", "tra-vinh"),
        ("Lạng Sơn", "lang-son"),
        ("Thừa Thiên Huế", "thua-thien-hue"),
        ("Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"),
        ("Nghị quyết 35-NQ/TW", "nghi-quyet-35-nq-tw"),
        ("Ủy ban   nhân dân  ", "uy-ban-nhan-dan"),
        ("Tư tưởng, đạo đức, phong cách", "tu-tuong-dao-duc-phong-cach"),
    ],
)
def test_slugs_keep_vietnamese_words_readable_and_map_d(text, slug):
    assert slugify_vi(text) == slug


def test_slug_of_decomposed_text_equals_slug_of_precomposed_text():
    decomposed = unicodedata.normalize("NFD", "Đảng bộ tỉnh Hải Dương")
    assert decomposed != "Đảng bộ tỉnh Hải Dương"
    assert slugify_vi(decomposed) == "dang-bo-tinh-hai-duong"


def test_long_slugs_are_cut_on_a_word_boundary():
    slug = slugify_vi("Công tác tuyên giáo 6 tháng đầu năm 2021 đảm bảo nội dung", max_length=30)
    assert len(slug) <= 30
    assert slug == "cong-tac-tuyen-giao-6-thang"


def test_fold_ignores_case_accents_and_maps_d():
    assert fold("Tuyên Giáo ĐẢNG") == "tuyen giao dang"
    assert fold("đảng") == fold("Đảng") == fold("dang")
    assert fold(unicodedata.normalize("NFD", "Tuyên giáo")) == "tuyen giao"


def test_nfc_composes_decomposed_input():
    decomposed = unicodedata.normalize("NFD", "Tuyên giáo")
    assert nfc(decomposed) == "Tuyên giáo"
    assert len(nfc(decomposed)) == len("Tuyên giáo")


@pytest.mark.django_db
def test_unique_slug_numbers_repeats():
    first = make_section(name="Tin tức")
    assert first.slug == "tin-tuc"
    second = make_section(name="Tin tuc")
    assert second.slug == "tin-tuc-2"
    third = make_section(name="TIN TỨC!")
    assert third.slug == "tin-tuc-3"
    # Re-saving keeps a row's own slug.
    assert unique_slug(first, "Tin tức") == "tin-tuc"


@pytest.mark.parametrize("number", [0, 7, 999, 1000, 902, 8_756_173, -1234567, 10**12])
def test_numbers_are_grouped_the_vietnamese_way_on_every_path(number):
    """Django's localisation in templates, the hit path's fast copy, and code running
    with no language active (commands, exports) all print 8.756.173."""
    from django.utils import translation

    from core.templatetags.vi import so, so_fast

    expected = f"{number:,}".replace(",", ".")
    assert so(number) == expected
    assert so_fast(number) == expected
    with translation.override(None):
        assert so(number) == expected


def test_dates_are_day_month_year_in_vietnam():
    from datetime import UTC, date, datetime

    from django.utils import translation

    from core.templatetags.vi import ngay, ngay_gio

    moment = datetime(2026, 3, 4, 18, 5, tzinfo=UTC)  # 01:05 on the 5th in Hà Nội
    assert ngay(moment) == "05/03/2026"
    assert ngay_gio(moment) == "05/03/2026 01:05"
    assert ngay(date(2021, 7, 29)) == "29/07/2021"
    with translation.override(None):
        assert ngay_gio(moment) == "05/03/2026 01:05"
