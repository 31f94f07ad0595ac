"""/api/v1/articles: what is public and only that, every filter, the article's fields,
cursor pages equal to the whole ordered list (also with rows added between pages)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from directives.models import DirectiveRelation
from provinces.models import BoardDomain, BoardName
from tests.factories import make_article, make_directive, make_section, make_unit

pytestmark = pytest.mark.django_db

LIST = "/api/v1/articles"


def titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def walk(client, url, **params):
    """Every item of a list, following next_cursor page by page."""
    items, cursor = [], None
    while True:
        data = client.get(url, {**params, **({"cursor": cursor} if cursor else {})}).json()
        items += data["items"]
        cursor = data["next_cursor"]
        if not cursor:
            return items


def test_lists_only_what_readers_see(reader):
    unit = make_unit()
    visible = make_article(unit=unit, title="Công khai")
    past = timezone.now() - timedelta(hours=2)
    for status in (Article.Status.DRAFT, Article.Status.PENDING, Article.Status.UNPUBLISHED):
        make_article(unit=unit, status=status, published_at=past, title=f"Ẩn {status}")
    make_article(unit=unit, title="Hẹn giờ", published_at=timezone.now() + timedelta(hours=1))
    client = reader()
    assert titles(client.get(LIST)) == ["Công khai"]
    for hidden in Article.objects.exclude(pk=visible.pk):
        assert client.get(f"{LIST}/{hidden.pk}").status_code == 404


def test_a_withdrawn_article_leaves_the_list_and_its_page_at_once(reader):
    article = make_article(title="Sắp gỡ")
    client = reader()
    assert titles(client.get(LIST)) == ["Sắp gỡ"]
    assert client.get(f"{LIST}/{article.pk}").status_code == 200
    article.status = Article.Status.UNPUBLISHED
    article.save()
    assert titles(client.get(LIST)) == []
    response = client.get(f"{LIST}/{article.pk}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_an_article_has_its_fields_and_canonical_address_on_its_boards_host(client):
    current = make_unit(name="Cần Thơ thử", slug="can-tho-thu")
    merged = make_unit(name="Hậu Giang thử", slug="hau-giang-thu", merged_into=current, code=None)
    BoardDomain.objects.create(board=current.board, host="tuyengiao.cantho.example.vn")
    BoardName.objects.create(
        board=merged.board, name="Ban Tuyên giáo Tỉnh ủy Hậu Giang", valid_until=date(2025, 6, 30)
    )
    directive = make_directive(symbol="35-NQ/TW")
    hidden = make_directive(symbol="99-NQ/TW", is_published=False)
    section = make_section(name="Tin tức thử")
    article = make_article(
        unit=merged,
        section=section,
        title="Giao ban công tác",
        body="<p>Nội dung <strong>đậm</strong>.</p>",
        byline="Thu Trang",
        source="Theo Báo Hậu Giang",
        published_at=timezone.make_aware(timezone.datetime(2021, 3, 5, 9, 0)),
        directives=[directive, hidden],
    )
    item = client.get(LIST).json()["items"][0]
    assert item["unit"]["slug"] == "hau-giang-thu"
    assert item["successor_unit"]["slug"] == "can-tho-thu"
    assert item["board"]["name"] == "Ban Tuyên giáo Tỉnh ủy Hậu Giang"  # the name of 2021
    assert item["section"] == {"slug": section.slug, "name": "Tin tức thử"}
    assert [d["name"] for d in item["directives"]] == ["Nghị quyết 35-NQ/TW"]
    assert item["byline"] == "Thu Trang" and item["source"] == "Theo Báo Hậu Giang"
    assert item["published_at"].startswith("2021-03-05T")
    assert item["url"] == f"http://tuyengiao.cantho.example.vn/bai-viet/{article.slug}/"
    assert "body" not in item
    detail = client.get(f"{LIST}/{article.pk}").json()
    assert detail["body"] == "<p>Nội dung <strong>đậm</strong>.</p>"
    assert detail["text"] == "Nội dung đậm."
    assert client.get(item["api_url"]).json()["id"] == article.pk


def test_reading_through_the_api_never_counts_a_view(client):
    article = make_article()
    for _ in range(3):
        client.get(f"{LIST}/{article.pk}")
        client.get(LIST)
    from articles import counters

    counters.get_store().flush()
    article.refresh_from_db()
    assert article.views == 0


def test_filters_by_unit_board_and_section():
    current = make_unit(name="Vĩnh Long thử")
    merged = make_unit(name="Trà Vinh thử", merged_into=current, code=None)
    other = make_unit(name="Lạng Sơn thử")
    section = make_section()
    make_article(unit=current, title="Vĩnh Long", section=section)
    make_article(unit=merged, title="Trà Vinh")
    make_article(unit=other, title="Lạng Sơn", section=section)
    from django.test import Client

    client = Client()
    assert set(titles(client.get(LIST, {"unit": current.slug}))) == {"Vĩnh Long", "Trà Vinh"}
    assert titles(client.get(LIST, {"unit": merged.slug})) == ["Trà Vinh"]
    assert set(titles(client.get(LIST, {"board": current.slug}))) == {"Vĩnh Long", "Trà Vinh"}
    assert set(titles(client.get(LIST, {"section": section.slug}))) == {"Vĩnh Long", "Lạng Sơn"}
    assert titles(client.get(LIST, {"section": section.slug, "unit": other.slug})) == ["Lạng Sơn"]


def test_filters_by_directive_with_its_continuations_as_the_staff_report_does(client):
    ct05 = make_directive(symbol="05-CT/TW", kind="chi-thi")
    kl01 = make_directive(symbol="01-KL/TW", kind="ket-luan")
    kh30 = make_directive(symbol="30-KH/TU", kind="ke-hoach")
    draft = make_directive(symbol="31-KH/TU", kind="ke-hoach", is_published=False)
    DirectiveRelation.objects.create(source=kl01, target=ct05, kind="continues")
    DirectiveRelation.objects.create(source=kh30, target=kl01, kind="implements")
    DirectiveRelation.objects.create(source=draft, target=ct05, kind="implements")
    make_article(title="Chỉ thị 05", directives=[ct05])
    make_article(title="Kết luận 01", directives=[kl01, ct05])
    make_article(title="Kế hoạch 30", directives=[kh30])
    make_article(title="Kế hoạch chưa công khai", directives=[draft])
    make_article(title="Khác")
    found = titles(client.get(LIST, {"directive": ct05.slug}))
    assert sorted(found) == ["Chỉ thị 05", "Kế hoạch 30", "Kết luận 01"]  # each once
    only = titles(client.get(LIST, {"directive": ct05.slug, "continuations": "false"}))
    assert sorted(only) == ["Chỉ thị 05", "Kết luận 01"]
    assert client.get(LIST, {"directive": draft.slug}).status_code == 400


def test_filters_by_whole_local_days(client):
    local = timezone.get_default_timezone()
    for day, hour in ((4, 23), (5, 0), (6, 23), (7, 0)):
        make_article(
            title=f"{day}/{hour}",
            published_at=timezone.datetime(2024, 3, day, hour, 30, tzinfo=local),
        )
    found = titles(client.get(LIST, {"date_from": "2024-03-05", "date_to": "2024-03-06"}))
    assert found == ["6/23", "5/0"]


def test_text_search_is_folded_vietnamese(client):
    make_article(title="Hội nghị Tuyên giáo tỉnh Đồng Nai")
    make_article(title="Đại hội Đảng bộ", body="<p>Không liên quan.</p>")
    assert titles(client.get(LIST, {"q": "tuyen giao dong nai"})) == [
        "Hội nghị Tuyên giáo tỉnh Đồng Nai"
    ]
    assert titles(client.get(LIST, {"q": "ĐẢNG"})) == ["Đại hội Đảng bộ"]
    assert titles(client.get(LIST, {"q": "không có từ này"})) == []


def test_updated_since_lists_changes_oldest_first(client):
    old = make_article(title="Cũ")
    newer = make_article(title="Mới sửa")
    Article.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=3))
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert titles(client.get(LIST, {"updated_since": since})) == ["Mới sửa"]
    newer.title = "Mới sửa lần hai"
    newer.save()
    old.title = "Cũ, sửa sau cùng"
    old.save()
    assert titles(client.get(LIST, {"updated_since": since})) == [
        "Mới sửa lần hai",
        "Cũ, sửa sau cùng",
    ]


def test_cursor_pages_equal_the_whole_ordered_list(client):
    unit = make_unit()
    moment = timezone.now() - timedelta(days=1)
    for i in range(23):
        # Some share their publish time: the id breaks the tie.
        make_article(unit=unit, title=f"Bài {i}", published_at=moment - timedelta(hours=i // 3))
    expected = list(Article.objects.published().order_by("-published_at", "-id"))
    walked = walk(client, LIST, limit=4)
    assert [a["id"] for a in walked] == [a.pk for a in expected]
    first = client.get(LIST, {"limit": 4})
    assert first["Link"] == f'<{first.json()["next"]}>; rel="next"'


def test_cursor_pages_are_stable_when_articles_arrive_between_pages(client):
    for i in range(9):
        make_article(title=f"Bài {i}", published_at=timezone.now() - timedelta(hours=i + 1))
    expected = [a.pk for a in Article.objects.published().order_by("-published_at", "-id")]
    seen, cursor = [], None
    while True:
        data = client.get(LIST, {"limit": 2, **({"cursor": cursor} if cursor else {})}).json()
        seen += [item["id"] for item in data["items"]]
        make_article(title="Vừa đăng")  # newest: before the cursor, so never seen
        cursor = data["next_cursor"]
        if not cursor:
            break
    assert seen == expected


def test_updated_since_pages_follow_the_change_order(client):
    for i in range(7):
        make_article(title=f"Bài {i}")
    since = (timezone.now() - timedelta(days=1)).isoformat()
    walked = walk(client, LIST, limit=3, updated_since=since)
    expected = Article.objects.published().order_by("updated_at", "id")
    assert [a["id"] for a in walked] == [a.pk for a in expected]


def test_a_boards_host_lists_that_boards_articles_only(client):
    own = make_unit(name="Lạng Sơn thử")
    BoardDomain.objects.create(board=own.board, host="tuyengiao.langson.example.vn")
    make_article(unit=own, title="Của Lạng Sơn")
    make_article(title="Của nơi khác")
    on_board = titles(client.get(LIST, HTTP_HOST="tuyengiao.langson.example.vn"))
    assert on_board == ["Của Lạng Sơn"]
    assert len(titles(client.get(LIST))) == 2


def test_seed_articles_are_listed_with_their_images(client, seeds):
    items = walk(client, LIST, limit=100)
    assert len(items) == Article.objects.published().count() == 5
    with_images = [i for i in items if i["images"]]
    assert with_images
    image = with_images[0]["images"][0]
    assert image["url"].startswith("http://testserver/media/")
    assert image["alt"]


def test_a_page_costs_the_same_few_queries_however_many_items_it_has(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    directive = make_directive()
    unit = make_unit()

    def queries(n):
        Article.objects.all().delete()
        for i in range(n):
            make_article(unit=unit, title=f"Bài {i}", directives=[directive])
        with CaptureQueriesContext(connection) as captured:
            assert len(client.get(LIST, {"limit": 50}).json()["items"]) == n
        return len(captured)

    queries(1)  # the first request reads the host map once
    assert queries(2) == queries(20) <= 6


def test_a_cursor_of_another_order_is_refused(client):
    for i in range(3):
        make_article(title=f"Bài {i}")
    cursor = client.get(LIST, {"limit": 1}).json()["next_cursor"]
    since = (timezone.now() - timedelta(days=1)).isoformat()
    response = client.get(LIST, {"cursor": cursor, "updated_since": since})
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "cursor"


def test_a_nul_byte_in_a_parameter_is_refused_not_a_500(client):
    assert client.get(LIST, {"q": "a\x00b"}).status_code == 400


def test_signed_in_editors_get_only_what_the_public_gets(client):
    """Their own board's drafts and previews never come through the API, and what they
    are answered is theirs alone (private, never kept by a shared cache)."""
    from django.contrib.auth import get_user_model

    from provinces.models import Membership

    unit = make_unit()
    make_article(unit=unit, title="Công khai")
    make_article(unit=unit, title="Bản nháp của ban", status=Article.Status.DRAFT)
    make_article(unit=unit, title="Chờ duyệt của ban", status=Article.Status.PENDING)
    editor = get_user_model().objects.create_user("bientapvien", password="x-Password-123")
    Membership.objects.create(user=editor, board=unit.board, role=Membership.Role.EDITOR)
    client.force_login(editor)
    response = client.get(LIST)
    assert titles(response) == ["Công khai"]
    assert "private" in response["Cache-Control"]


def test_a_synced_copy_learns_which_articles_were_withdrawn(client):
    """updated_since brings changes; /articles/withdrawn the ids to take down: withdrawn
    ones (also when then sent back to the editors), never drafts that were never public."""
    from articles import workflow
    from provinces.models import Membership
    from tests.admin.conftest import make_member

    unit = make_unit()
    chief = make_member(unit, Membership.Role.CHIEF, "truongban")
    kept = make_article(unit=unit, title="Còn đăng")
    withdrawn = make_article(unit=unit, title="Gỡ")
    sent_back = make_article(unit=unit, title="Gỡ rồi trả lại")
    make_article(unit=unit, title="Nháp", status=Article.Status.DRAFT)
    since = timezone.now() - timedelta(seconds=1)
    synced = {item["id"] for item in walk(client, LIST, updated_since=since.isoformat())}
    assert {kept.pk, withdrawn.pk, sent_back.pk} == synced

    workflow.unpublish(article=withdrawn, by=chief)
    workflow.unpublish(article=sent_back, by=chief)
    workflow.return_to_draft(article=sent_back, by=chief)
    gone = walk(client, f"{LIST}/withdrawn", since=since.isoformat(), limit=1)
    assert [item["id"] for item in gone] == [withdrawn.pk, sent_back.pk]  # oldest first
    assert all(item["withdrawn_at"] for item in gone)
    assert {i["id"] for i in walk(client, LIST, updated_since=since.isoformat())} == {kept.pk}
    later = (timezone.now() + timedelta(seconds=1)).isoformat()
    assert walk(client, f"{LIST}/withdrawn", since=later) == []


@pytest.mark.parametrize("since", ["", "hôm qua", "0001-01-01T00:00:00", "2026-13-01"])
def test_the_withdrawn_list_refuses_a_bad_moment(client, since):
    response = client.get(f"{LIST}/withdrawn", {"since": since})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "since" in response.json()["detail"]
