"""Each save of an article through the admin stores a revision (author, time, the
editable fields with directives); the admin lists them and restores one, which is saved
as a new revision."""

import pytest
from django.urls import reverse

from articles import revisions
from articles.models import ArticleRevision

from .conftest import article_form_data


def save(client, article, **changes):
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_form_data(article, **changes))
    assert response.status_code == 302, response.text[:1500]
    article.refresh_from_db()
    return response


def test_each_admin_save_stores_a_revision_with_author_and_directives(client, world):
    article, editor = world["own"].draft, world["users"]["editor"]
    client.force_login(editor)
    directive = world["central_directive"]
    save(client, article, title="Bản một", directives=[str(directive.pk)])
    save(client, article, title="Bản hai", body="<h2>Mục</h2><p>Sửa lần hai</p>")
    first, second = article.revisions.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert first.created_by == editor and second.created_by == editor
    assert first.data["title"] == "Bản một" and first.data["directive_ids"] == [directive.pk]
    assert second.data["body"] == "<h2>Mục</h2><p>Sửa lần hai</p>"


def test_the_admin_lists_revisions_and_restores_one_as_a_new_revision(client, world):
    article = world["own"].draft
    client.force_login(world["users"]["editor"])
    directive = world["central_directive"]
    save(
        client,
        article,
        title="Tiêu đề gốc",
        body="<p>Nội dung gốc</p>",
        directives=[str(directive.pk)],
    )
    save(client, article, title="Tiêu đề mới", body="<p>Nội dung mới</p>", directives=[])

    listing = client.get(reverse("admin:articles_article_revisions", args=[article.pk]))
    assert listing.status_code == 200
    assert (
        "Phiên bản 1" in listing.text
        and "Phiên bản 2" in listing.text
        and "bientap" in listing.text
    )

    detail_url = reverse("admin:articles_article_revision", args=[article.pk, 1])
    detail = client.get(detail_url)
    assert "Nội dung gốc" in detail.text and "Khôi phục phiên bản 1" in detail.text

    response = client.post(detail_url, follow=True)
    assert "Đã khôi phục phiên bản 1" in response.text
    article.refresh_from_db()
    assert article.title == "Tiêu đề gốc" and article.body == "<p>Nội dung gốc</p>"
    assert list(article.directives.all()) == [directive]
    newest = article.revisions.order_by("-number").first()
    assert newest.number == 3 and "Khôi phục từ phiên bản 1" in newest.note
    assert newest.data["title"] == "Tiêu đề gốc"
    assert article.events.filter(action="restored").exists()


def test_restoring_never_changes_the_status(client, world):
    article, chief = world["own"].published, world["users"]["chief"]
    client.force_login(chief)
    save(client, article, title="Trước")
    save(client, article, title="Sau")
    revisions.restore(revision=article.revisions.get(number=1), by=chief)
    article.refresh_from_db()
    assert article.title == "Trước" and article.is_published


def test_restore_drops_what_is_outside_the_users_board(world):
    article, chief = world["own"].draft, world["users"]["chief"]
    other_directive = world["other"].directive
    revision = ArticleRevision.objects.create(
        article=article,
        number=1,
        data={
            **revisions.snapshot(article),
            "unit_id": world["other"].unit.pk,
            "directive_ids": [other_directive.pk, world["central_directive"].pk],
        },
    )
    _new, dropped = revisions.restore(revision=revision, by=chief)
    article.refresh_from_db()
    assert article.unit == world["own"].unit
    assert list(article.directives.all()) == [world["central_directive"]]
    assert len(dropped) == 2


@pytest.mark.parametrize("role", ["editor", "chief"])
def test_other_boards_revisions_answer_404(client, world, role):
    other = world["other"].draft
    revisions.record(article=other, by=world["users"]["superuser"])
    client.force_login(world["users"][role])
    assert (
        client.get(reverse("admin:articles_article_revisions", args=[other.pk])).status_code == 404
    )
    url = reverse("admin:articles_article_revision", args=[other.pk, 1])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert other.revisions.count() == 1


def test_editors_cannot_restore_a_published_article(client, world):
    article = world["own"].published
    revisions.record(article=article, by=world["users"]["chief"])
    client.force_login(world["users"]["editor"])
    url = reverse("admin:articles_article_revision", args=[article.pk, 1])
    assert "Khôi phục phiên bản" not in client.get(url).text
    assert client.post(url).status_code == 403
    assert article.revisions.count() == 1
