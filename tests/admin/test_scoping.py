"""Scoping beyond the matrix: choices, autocomplete, the "view on site" redirector,
directives, sections, meetings and board profiles; and the article list as a product
(columns, filters, query count)."""

import json
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from articles.models import Article, ArticleImage, Section
from directives.models import Directive, Meeting
from provinces.models import Board
from tests.factories import make_article, make_meeting, make_section, make_unit

from .conftest import article_form_data, board_form_data


def options(page, name):
    """The option values of <select name=NAME> in ``page`` (and which one is selected)."""
    match = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', page, re.S)
    assert match, f"no select {name}"
    return {
        value: bool(selected)
        for value, selected in re.findall(r'<option value="([^"]*)"( selected)?', match[1])
        if value
    }


def test_an_editor_cannot_move_an_article_to_another_board(client, world):
    article = world["own"].draft
    client.force_login(world["users"]["editor"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_form_data(article, unit=str(world["other"].unit.pk)))
    assert response.status_code == 200
    assert (
        "Hãy chọn một lựa chọn hợp lệ" in response.text or "Select a valid choice" in response.text
    )
    article.refresh_from_db()
    assert article.unit == world["own"].unit


def test_the_form_offers_only_the_boards_units_sections_and_directives(client, world):
    own, other = world["own"], world["other"]
    merged = make_unit(name="Tỉnh Cũ", merged_into=own.unit, code=None)
    own_section = make_section(name="Chuyên mục Tỉnh Đông", unit=own.unit)
    other_section = make_section(name="Chuyên mục Tỉnh Tây", unit=other.unit)
    shared_section = make_section(name="Tin tức chung")
    client.force_login(world["users"]["editor"])
    page = client.get(reverse("admin:articles_article_add")).text
    units = options(page, "unit")
    assert units == {str(own.unit.pk): True, str(merged.pk): False}  # own unit preselected
    sections = options(page, "section")
    assert set(sections) == {str(own_section.pk), str(shared_section.pk)}
    assert str(other_section.pk) not in sections
    # Choosing another board's directive is refused like any invalid choice.
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form_data(
            title="Bài có văn bản lạ", unit=str(own.unit.pk), directives=[str(other.directive.pk)]
        ),
    )
    assert response.status_code == 200
    assert not Article.objects.filter(title="Bài có văn bản lạ").exists()


def autocomplete(client, model, field, term=""):
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles" if model == "article" else "directives",
            "model_name": model,
            "field_name": field,
            "term": term,
        },
    )
    assert response.status_code == 200
    return {item["text"] for item in json.loads(response.content)["results"]}


def test_autocomplete_answers_only_with_the_boards_and_central_rows(client, world):
    client.force_login(world["users"]["editor"])
    directives = autocomplete(client, "article", "directives")
    assert world["central_directive"].name in directives
    assert world["own"].directive.name in directives
    assert world["other"].directive.name not in directives
    articles = autocomplete(client, "meeting", "articles")
    assert world["own"].draft.title in articles
    assert not {a for a in articles if "Tỉnh Tây" in a}


def test_the_view_on_site_redirector_is_scoped(client, world):
    client.force_login(world["users"]["editor"])
    ct = ContentType.objects.get_for_model(Article).pk
    own = client.get(reverse("admin:view_on_site", args=[ct, world["own"].draft.pk]))
    assert own.status_code == 302 and own["Location"] == world["own"].draft.get_absolute_url()
    # Django's would redirect to the other board's draft address (its title, in the slug).
    other = client.get(reverse("admin:view_on_site", args=[ct, world["other"].draft.pk]))
    assert other.status_code == 404


def test_the_article_page_links_its_preview_and_the_preview_shows_the_draft(client, world):
    draft = world["own"].draft
    client.force_login(world["users"]["editor"])
    page = client.get(reverse("admin:articles_article_change", args=[draft.pk])).text
    assert f'href="{draft.get_absolute_url()}"' in page and "Xem trước" in page
    preview = client.get(draft.get_absolute_url())
    assert preview.status_code == 200 and "Bản nháp" in preview.text
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_slug_prefill_uses_the_vietnamese_rule(client, world):
    client.force_login(world["users"]["editor"])
    response = client.get(
        reverse("admin:articles_article_slug"), {"title": "Đảng bộ tỉnh Hải Dương"}
    )
    assert json.loads(response.content) == {"slug": "dang-bo-tinh-hai-duong"}
    client.post(
        reverse("admin:articles_article_add"),
        article_form_data(
            title="Đồng chí Bí thư làm việc với Ban Tuyên giáo", unit=str(world["own"].unit.pk)
        ),
    )
    article = Article.objects.get(title__startswith="Đồng chí Bí thư")
    assert article.slug == "dong-chi-bi-thu-lam-viec-voi-ban-tuyen-giao"
    assert article.created_by == world["users"]["editor"]
    assert article.events.get().action == "created"


def test_a_typed_slug_is_made_safe_on_the_server(client, world):
    article = world["own"].draft
    client.force_login(world["users"]["editor"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.post(url, article_form_data(article, slug="Điểm cầu Đồng Nai"))
    article.refresh_from_db()
    assert article.slug == "diem-cau-dong-nai"
    # A public address is taken; another board's draft's is not (that would be an oracle
    # on its unpublished work: tests/admin/test_editorial_hardening.py).
    response = client.post(url, article_form_data(article, slug=world["other"].published.slug))
    assert "đã được dùng" in response.text


# --- Directives, sections, meetings, board profiles ----------------------------------


def test_central_directives_are_read_only_to_boards(client, world):
    client.force_login(world["users"]["chief"])
    central = world["central_directive"]
    url = reverse("admin:directives_directive_change", args=[central.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"title": "Sửa"}).status_code == 403
    assert (
        client.get(
            reverse("admin:directives_directive_change", args=[world["other"].directive.pk])
        ).status_code
        == 404
    )
    listing = client.get(reverse("admin:directives_directive_changelist")).text
    assert world["own"].directive.name in listing and world["other"].directive.name not in listing


def test_a_chief_files_sections_only_under_their_board(client, world):
    client.force_login(world["users"]["chief"])
    page = client.get(reverse("admin:articles_section_add")).text
    assert set(options(page, "unit")) == {str(world["own"].unit.pk)}
    response = client.post(
        reverse("admin:articles_section_add"),
        {"name": "Chuyên mục chung lậu", "unit": "", "position": 0, "is_active": "on"},
    )
    assert response.status_code == 200
    assert not Section.objects.filter(name="Chuyên mục chung lậu").exists()
    client.post(
        reverse("admin:articles_section_add"),
        {
            "name": "Dân vận khéo",
            "unit": str(world["own"].unit.pk),
            "position": 0,
            "is_active": "on",
        },
    )
    assert Section.objects.get(name="Dân vận khéo").slug == "dan-van-kheo"


def test_meetings_are_scoped_but_connection_points_may_be_any_province(client, world):
    # Not public yet: an editor may still edit it.
    own_meeting = make_meeting(
        unit=world["own"].unit, title="Hội nghị Tỉnh Đông", is_published=False
    )
    other_meeting = make_meeting(unit=world["other"].unit, title="Hội nghị Tỉnh Tây")
    client.force_login(world["users"]["editor"])
    listing = client.get(reverse("admin:directives_meeting_changelist")).text
    assert own_meeting.title in listing and other_meeting.title not in listing
    assert (
        client.get(reverse("admin:directives_meeting_change", args=[other_meeting.pk])).status_code
        == 404
    )
    page = client.get(reverse("admin:directives_meeting_change", args=[own_meeting.pk])).text
    assert str(world["other"].unit.pk) in options(page, "connection_points-0-unit")
    assert set(options(page, "unit")) == {str(world["own"].unit.pk)}
    assert Meeting.objects.count() == 2


def test_a_chief_edits_only_their_board_profile_and_not_its_unit_or_counters(client, world):
    client.force_login(world["users"]["chief"])
    listing = client.get(reverse("admin:provinces_board_changelist")).text
    assert world["own"].unit.board.name in listing and world["other"].unit.board.name not in listing
    board = world["own"].unit.board
    client.post(
        reverse("admin:provinces_board_change", args=[board.pk]),
        board_form_data(
            board, phone="0270 1", unit=str(world["other"].unit.pk), visits_baseline="999"
        ),
    )
    board.refresh_from_db()
    assert board.phone == "0270 1"
    assert board.unit == world["own"].unit and board.visits_baseline == 0


def test_editors_have_no_board_profile_or_unit_admin(client, world):
    client.force_login(world["users"]["editor"])
    board = world["own"].unit.board
    assert client.get(reverse("admin:provinces_board_change", args=[board.pk])).status_code == 403
    assert client.get(reverse("admin:provinces_unit_changelist")).status_code == 403
    assert client.get(reverse("admin:provinces_membership_changelist")).status_code == 403
    assert Board.objects.get(pk=board.pk).phone == board.phone


def test_a_board_that_absorbed_a_province_edits_its_archive(client, world):
    merged = make_unit(name="Tỉnh Cũ", merged_into=world["own"].unit, code=None)
    old = make_article(unit=merged, status="draft", title="Bài cũ của Tỉnh Cũ")
    client.force_login(world["users"]["editor"])
    assert client.get(reverse("admin:articles_article_change", args=[old.pk])).status_code == 200


def test_superusers_see_every_board(client, world):
    client.force_login(world["users"]["superuser"])
    listing = client.get(reverse("admin:articles_article_changelist")).text
    assert world["own"].draft.title in listing and world["other"].draft.title in listing


# --- The article list as a product -----------------------------------------------------


def test_the_list_shows_status_unit_section_time_views_and_thumbnail(client, world):
    client.force_login(world["users"]["chief"])
    article = world["own"].published
    ArticleImage.objects.bulk_create(
        [ArticleImage(article=article, image="x/a.png", width=400, height=300, position=1)]
    )
    make_section(name="Thời sự", unit=None)  # a filter shows only with something to pick
    page = client.get(reverse("admin:articles_article_changelist")).text
    for header in (
        "Ảnh",
        "Tiêu đề",
        "Trạng thái",
        "Đơn vị đăng",
        "Chuyên mục",
        "Thời gian xuất bản",
        "Số lần xem",
    ):
        assert header in page
    assert 'class="ed-list-thumb"' in page and "/media/x/a.png" in page
    assert "ed-status-pending" in page and "Chờ duyệt" in page
    # The filters of the sidebar (not the column headers, which share some names).
    for filter_title in ("trạng thái", "chuyên mục", "văn bản liên quan"):
        assert f'data-filter-title="{filter_title}"' in page
    assert "published_at__year=" in page  # the date hierarchy of the publish time


def test_filters_by_directive_and_section_stay_within_the_board(client, world):
    client.force_login(world["users"]["editor"])
    own_article = world["own"].draft
    own_article.directives.add(world["central_directive"])
    other_article = world["other"].draft
    other_article.directives.add(world["central_directive"])
    page = client.get(
        reverse("admin:articles_article_changelist"), {"van_ban": world["central_directive"].pk}
    ).text
    assert own_article.title in page and other_article.title not in page
    # A filter value pointing at another board's rows finds nothing, and is no error.
    page = client.get(
        reverse("admin:articles_article_changelist"), {"van_ban": world["other"].directive.pk}
    )
    assert page.status_code == 200 and own_article.title not in page.text


@pytest.mark.parametrize("role", ["editor", "superuser"])
def test_the_article_list_query_count_does_not_grow_with_articles(
    client, world, role, django_assert_max_num_queries
):
    unit = world["own"].unit
    section = make_section(name="Thời sự")
    client.force_login(world["users"][role])
    url = reverse("admin:articles_article_changelist")

    def add(n):
        for _ in range(n):
            article = make_article(unit=unit, section=section)
            ArticleImage.objects.bulk_create(
                [
                    ArticleImage(
                        article=article,
                        image=f"x/{article.pk}-{i}.png",
                        width=400,
                        height=300,
                        position=i,
                    )
                    for i in (1, 2)
                ]
            )
            article.directives.add(world["central_directive"])

    add(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert response.text.count('class="ed-list-thumb"') >= 42


def test_pending_directive_filter_lists_only_visible_directives(client, world):
    client.force_login(world["users"]["editor"])
    page = client.get(reverse("admin:articles_article_changelist")).text
    assert world["central_directive"].name in page
    assert world["other"].directive.name not in page
    assert Directive.objects.count() == 3
