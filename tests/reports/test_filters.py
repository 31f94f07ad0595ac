"""Filtering the report over the seed fixtures: by directive (with and without the
documents that continue it), by unit (a current unit includes the units merged into it),
by period, kind, section and words. Expected rows are derived from fixtures/*.json."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Section
from directives.models import Directive, Meeting
from provinces.models import Unit
from tests.factories import make_article, make_meeting, make_unit

from .conftest import (
    make_member,
    seed_articles_linked_to,
    seed_meetings_linked_to,
    seed_of_units,
    slugs,
)

URL = reverse("directives:reports")
NQ35, CT05, KL01, KH30 = (
    "nghi-quyet-35-nq-tw",
    "chi-thi-05-ct-tw",
    "ket-luan-01-kl-tw",
    "ke-hoach-30-kh-tu-hai-duong",
)


@pytest.fixture
def staff_client(client, seeds):
    client.force_login(make_member(role="analyst", unit=Unit.objects.get(slug="trung-uong")))
    return client


def _get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response


def test_no_filter_lists_every_seed_article_and_meeting(staff_client):
    response = _get(staff_client)
    assert slugs(response, "bai-viet") == set(Article.objects.values_list("slug", flat=True))
    assert slugs(response, "hoi-nghi") == set(Meeting.objects.values_list("slug", flat=True))
    assert "Chưa lọc" in response.content.decode()


def test_resolution_35_gives_its_seed_articles_and_meetings(staff_client):
    response = _get(staff_client, van_ban=NQ35)
    assert slugs(response, "bai-viet") == seed_articles_linked_to(NQ35)
    assert slugs(response, "hoi-nghi") == seed_meetings_linked_to(NQ35)
    # The four boards that linked it: Hậu Giang, Bình Phước, Trà Vinh, Hải Dương.
    assert len(seed_articles_linked_to(NQ35)) == 4


def test_conclusion_01_gives_the_hau_giang_lang_son_and_hai_duong_articles(staff_client):
    response = _get(staff_client, van_ban=KL01)
    found = slugs(response, "bai-viet")
    assert found == seed_articles_linked_to(KL01)
    assert {Article.objects.get(slug=s).unit.slug for s in found} == {
        "hau-giang",
        "lang-son",
        "hai-duong",
    }
    assert slugs(response, "hoi-nghi") == seed_meetings_linked_to(KL01)


def test_directive_05_without_continuations_is_only_what_names_it(staff_client):
    response = _get(staff_client, van_ban=CT05)
    assert slugs(response, "bai-viet") == seed_articles_linked_to(CT05)
    assert slugs(response, "hoi-nghi") == seed_meetings_linked_to(CT05)
    assert "gồm cả văn bản tiếp nối" not in response.content.decode()


def test_directive_05_with_continuations_brings_in_01_kl_and_30_kh(staff_client):
    # The seeds link every 01-KL/TW and 30-KH/TU article to 05-CT/TW as well; material
    # linked only to the continuing documents is what "tiếp nối" must add.
    hai_duong = Unit.objects.get(slug="hai-duong")
    only_kl01 = make_article(
        unit=Unit.objects.get(slug="lang-son"),
        title="Chỉ nêu Kết luận 01",
        directives=[Directive.objects.get(slug=KL01)],
    )
    only_kh30 = make_article(
        unit=hai_duong, title="Chỉ nêu Kế hoạch 30", directives=[Directive.objects.get(slug=KH30)]
    )
    meeting_kl01 = make_meeting(
        unit=hai_duong,
        title="Hội nghị về Kết luận 01",
        directives=[Directive.objects.get(slug=KL01)],
    )

    without = _get(staff_client, van_ban=CT05)
    assert only_kl01.slug not in slugs(without, "bai-viet")
    assert meeting_kl01.slug not in slugs(without, "hoi-nghi")

    with_them = _get(staff_client, van_ban=CT05, tiep_noi="on")
    assert slugs(with_them, "bai-viet") == seed_articles_linked_to(CT05, KL01, KH30) | {
        only_kl01.slug,
        only_kh30.slug,
    }
    assert slugs(with_them, "hoi-nghi") == seed_meetings_linked_to(CT05, KL01, KH30) | {
        meeting_kl01.slug
    }
    text = with_them.content.decode()
    assert "gồm cả văn bản tiếp nối: Kết luận 01-KL/TW, Kế hoạch 30-KH/TU (Hải Dương)" in text
    # The summary table has a column for each of the three documents.
    names = [d.name for d in with_them.context["report"].summary.directives]
    assert names == ["Chỉ thị 05-CT/TW", "Kết luận 01-KL/TW", "Kế hoạch 30-KH/TU"]


def test_continuations_of_01_kl_bring_in_30_kh_but_not_05_ct(staff_client):
    response = _get(staff_client, van_ban=KL01, tiep_noi="on")
    assert slugs(response, "bai-viet") == seed_articles_linked_to(KL01, KH30)


def test_a_current_unit_includes_the_units_merged_into_it(staff_client):
    response = _get(staff_client, don_vi="can-tho")
    assert slugs(response, "bai-viet") == seed_of_units(
        "articles.json", "articles.article", "hau-giang"
    )
    assert slugs(response, "hoi-nghi") == seed_of_units(
        "meetings.json", "directives.meeting", "hau-giang"
    )
    assert slugs(response, "bai-viet")  # Hậu Giang's seed article is there
    text = response.content.decode()
    assert "Hậu Giang (nay thuộc Cần Thơ)" in text
    assert "Cần Thơ, gồm cả" in text and "Hậu Giang" in text


def test_a_merged_unit_alone_gives_only_its_own_material(staff_client):
    response = _get(staff_client, don_vi="hau-giang")
    assert slugs(response, "bai-viet") == seed_of_units(
        "articles.json", "articles.article", "hau-giang"
    )


def test_directive_and_unit_together(staff_client):
    response = _get(staff_client, van_ban=KL01, don_vi="hai-phong")
    assert slugs(response, "bai-viet") == seed_articles_linked_to(KL01) & seed_of_units(
        "articles.json", "articles.article", "hai-duong"
    )
    assert slugs(response, "hoi-nghi") == seed_meetings_linked_to(KL01) & seed_of_units(
        "meetings.json", "directives.meeting", "hai-duong"
    )


def test_day_first_dates_filter_articles_by_publication_day(staff_client):
    # 16/07/2021 (Lạng Sơn) .. 29/07/2021 (Hậu Giang); 01/07/2021 (Trà Vinh) is outside.
    response = _get(staff_client, tu_ngay="05/07/2021", den_ngay="29/07/2021", loai="bai-viet")
    units = {Article.objects.get(slug=s).unit.slug for s in slugs(response, "bai-viet")}
    assert units == {"lang-son", "hau-giang"}
    assert "từ 05/07/2021 đến 29/07/2021" in response.content.decode()


def test_the_end_day_is_included_whole(staff_client):
    # Hải Dương's article was published at 10:03 on 17/01/2022.
    response = _get(staff_client, tu_ngay="17/01/2022", den_ngay="17/01/2022", loai="bai-viet")
    assert {Article.objects.get(slug=s).unit.slug for s in slugs(response, "bai-viet")} == {
        "hai-duong"
    }


def test_meetings_without_a_day_are_placed_by_the_period_they_reviewed(staff_client):
    response = _get(staff_client, tu_ngay="01/01/2020", den_ngay="31/12/2020", loai="hoi-nghi")
    # Only Trà Vinh's review of 2020 (no day given; period "năm 2020").
    assert slugs(response, "hoi-nghi") == {"tong-ket-cong-tac-tuyen-giao-nam-2020-tra-vinh"}
    assert "Không rõ ngày" in response.content.decode()


def test_kind_filters(staff_client):
    articles_only = _get(staff_client, loai="bai-viet")
    assert slugs(articles_only, "hoi-nghi") == set()
    assert len(slugs(articles_only, "bai-viet")) == Article.objects.count()

    meetings_only = _get(staff_client, loai="hoi-nghi")
    assert slugs(meetings_only, "bai-viet") == set()
    assert len(slugs(meetings_only, "hoi-nghi")) == Meeting.objects.count()

    reviews = _get(staff_client, loai="tong-ket")
    assert slugs(reviews, "hoi-nghi") == set(
        Meeting.objects.filter(kind="tong-ket").values_list("slug", flat=True)
    )
    assert len(slugs(reviews, "hoi-nghi")) == 2


def test_section_narrows_to_articles(staff_client):
    section = Section.objects.get(slug="chinh-tri-kinh-te")
    response = _get(staff_client, chuyen_muc=section.slug)
    assert slugs(response, "bai-viet") == set(
        Article.objects.filter(section=section).values_list("slug", flat=True)
    )
    assert slugs(response, "hoi-nghi") == set()


def test_words_are_looked_up_in_titles_and_summaries(staff_client):
    response = _get(staff_client, q="8 nhiệm vụ trọng tâm")
    assert slugs(response, "bai-viet") == {
        "hai-duong-xac-dinh-8-nhiem-vu-trong-tam-trong-cong-tac-tuyen-giao-nam-2022"
    }
    assert "“8 nhiệm vụ trọng tâm”" in response.content.decode()


def test_no_match_explains_what_to_try(staff_client):
    response = _get(staff_client, van_ban=NQ35, loai="tap-huan", q="không có chữ này")
    text = response.content.decode()
    assert "Không có bài viết hay hội nghị nào khớp với bộ lọc" in text
    assert "Vì sao không có kết quả?" in text
    assert "Tải về Excel" not in text


def test_sorting_by_whitelisted_keys_and_falling_back_otherwise(staff_client):
    by_views = _get(staff_client, loai="bai-viet", sap_xep="-luot-xem")
    assert by_views.context["rows"][0].obj.views == 902  # Hậu Giang's seed article
    by_title = _get(staff_client, loai="bai-viet", sap_xep="tieu-de")
    titles = [r.title for r in by_title.context["rows"]]
    assert titles[0].startswith("Ban Tuyên giáo Trung ương")
    oldest = _get(staff_client, sap_xep="ngay")
    newest = _get(staff_client, sap_xep="-ngay")
    assert oldest.context["rows"][0].obj.slug != newest.context["rows"][0].obj.slug
    for junk in ["drop table", "-", "title", "ngay;--", "ngay,tieu-de"]:
        response = _get(staff_client, sap_xep=junk)
        assert response.context["sort"] == "-ngay"


def test_a_period_holds_its_days_whole_in_vietnams_time_zone(client, db):
    """From the first instant of "Từ ngày" to the last microsecond of "Đến ngày", local
    time (core.dates.day_bounds); a draft counts by its creation time."""
    tz = timezone.get_default_timezone()
    unit = make_unit()
    inside = {
        "first instant": datetime(2024, 3, 1, 0, 0, tzinfo=tz),
        "last instant": datetime(2024, 3, 31, 23, 59, 59, 999999, tzinfo=tz),
    }
    outside = {
        "the evening before": datetime(2024, 2, 29, 23, 59, 59, 999999, tzinfo=tz),
        "the next midnight": datetime(2024, 4, 1, 0, 0, tzinfo=tz),
    }
    for title, moment in {**inside, **outside}.items():
        make_article(unit=unit, title=title, published_at=moment)
        draft = make_article(unit=unit, title=f"draft, {title}", status=Article.Status.DRAFT)
        Article.objects.filter(pk=draft.pk).update(created_at=moment)
    client.force_login(make_member(role="superuser"))
    response = _get(client, don_vi=unit.slug, tu_ngay="01/03/2024", den_ngay="31/03/2024")
    assert {row.title for row in response.context["rows"]} == {
        *inside,
        *(f"draft, {title}" for title in inside),
    }
