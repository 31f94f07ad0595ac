"""The workflow: draft → chờ duyệt → xuất bản → gỡ bài, who may take each step, and
that each step is recorded with who and when; scheduling with no job."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleEvent, Comment

from .conftest import article_form_data

Status = Article.Status


def test_editor_submits_a_draft_and_the_step_is_recorded(world):
    article, editor = world["own"].draft, world["users"]["editor"]
    event = workflow.submit(article=article, by=editor, note="Nhờ anh duyệt")
    article.refresh_from_db()
    assert article.status == Status.PENDING
    assert (event.action, event.from_status, event.to_status) == ("submitted", "draft", "pending")
    assert event.actor == editor and event.note == "Nhờ anh duyệt"
    assert abs(event.at - timezone.now()) < timedelta(seconds=5)


@pytest.mark.parametrize("step", ["publish", "unpublish", "return"])
def test_editors_cannot_approve_publish_or_unpublish(world, step):
    article = world["own"].pending if step != "unpublish" else world["own"].published
    before = article.status
    with pytest.raises(PermissionDenied):
        workflow.run(step, article=article, by=world["users"]["editor"])
    article.refresh_from_db()
    assert article.status == before
    assert not ArticleEvent.objects.filter(article=article).exists()


def test_a_chief_cannot_publish_another_boards_article(world):
    other = world["other"].pending
    with pytest.raises(PermissionDenied):
        workflow.publish(article=other, by=world["users"]["chief"])
    other.refresh_from_db()
    assert other.status == Status.PENDING


def test_chief_publishes_now_and_readers_see_it(world, client):
    article = world["own"].pending
    Article.objects.filter(pk=article.pk).update(published_at=None)
    article.refresh_from_db()
    event = workflow.publish(article=article, by=world["users"]["chief"])
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.is_published
    assert event.action == "published" and event.actor == world["users"]["chief"]
    assert client.get(article.get_absolute_url()).status_code == 200


def test_scheduled_article_appears_at_its_time_without_any_job(world, client, monkeypatch):
    article = world["own"].pending
    at = timezone.now() + timedelta(hours=3)
    event = workflow.publish(article=article, by=world["users"]["chief"], at=at)
    article.refresh_from_db()
    assert event.action == "scheduled" and event.publish_at == at
    assert article.is_scheduled and article.state_label == "Hẹn giờ"
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert client.get(article.get_absolute_url()).status_code == 404

    # Three hours and a minute later, nothing has run; the clock alone makes it visible.
    later = at + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_unpublish_hides_and_republish_keeps_the_original_time(world, client):
    article, chief = world["own"].published, world["users"]["chief"]
    original = article.published_at
    workflow.unpublish(article=article, by=chief, note="Sai số liệu")
    assert client.get(article.get_absolute_url()).status_code == 404
    workflow.publish(article=article, by=chief)
    article.refresh_from_db()
    assert article.is_published and article.published_at == original
    actions = list(article.events.values_list("action", flat=True))
    assert actions == ["unpublished", "published"]


def test_chief_returns_a_pending_article_with_a_reason(world):
    article = world["own"].pending
    workflow.return_to_draft(article=article, by=world["users"]["chief"], note="Thiếu nguồn")
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.events.get().note == "Thiếu nguồn"


@pytest.mark.parametrize(
    ("which", "step"),
    [
        ("published", "submit"),
        ("draft", "unpublish"),
        ("published", "publish"),
        ("draft", "return"),
    ],
)
def test_impossible_steps_are_refused_and_change_nothing(world, which, step):
    article = getattr(world["own"], which)
    before = article.status
    with pytest.raises(workflow.WorkflowError):
        workflow.run(step, article=article, by=world["users"]["superuser"])
    article.refresh_from_db()
    assert article.status == before


# --- Through the admin ----------------------------------------------------------------


def test_editor_saves_and_submits_from_the_change_form(client, world):
    article = world["own"].draft
    client.force_login(world["users"]["editor"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(
        url,
        article_form_data(article, _workflow="submit", workflow_note="Bài hội nghị"),
        follow=True,
    )
    assert "Đã gửi bài cho trưởng ban biên tập duyệt." in response.text
    article.refresh_from_db()
    assert article.status == Status.PENDING
    page = client.get(url).text
    assert "Lịch sử duyệt bài" in page and "Gửi duyệt" in page and "bientap" in page
    assert "Bài hội nghị" in page


def test_editor_cannot_publish_with_a_crafted_button(client, world):
    article = world["own"].draft
    client.force_login(world["users"]["editor"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_form_data(article, _workflow="publish"), follow=True)
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert not article.events.filter(action="published").exists()


def test_editor_cannot_set_a_publish_time(client, world):
    article = world["own"].draft
    client.force_login(world["users"]["editor"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(
        url,
        article_form_data(
            article, title="Đã lưu", published_at_0="01/01/2020", published_at_1="08:00"
        ),
    )
    assert response.status_code == 302  # the form was saved ...
    article.refresh_from_db()
    assert article.title == "Đã lưu"
    # ... without the publish time, which only a chief sets
    assert article.published_at is None or article.published_at.year != 2020


def test_chief_schedules_from_the_form_and_the_list_says_hen_gio(client, world):
    article = world["own"].pending
    client.force_login(world["users"]["chief"])
    when = timezone.localtime() + timedelta(days=2)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(
        url,
        article_form_data(
            article,
            published_at_0=when.strftime("%d/%m/%Y"),
            published_at_1="08:30",
            _workflow="publish",
        ),
        follow=True,
    )
    assert "bài sẽ tự xuất bản lúc" in response.text
    article.refresh_from_db()
    assert article.is_scheduled
    assert timezone.localtime(article.published_at).strftime("%d/%m/%Y %H:%M") == (
        when.strftime("%d/%m/%Y") + " 08:30"
    )
    listing = client.get(reverse("admin:articles_article_changelist") + "?trang_thai=hen-gio")
    assert article.title in listing.text and "Hẹn giờ" in listing.text
    assert world["own"].published.title not in listing.text


def test_editors_see_published_articles_read_only(client, world):
    article = world["own"].published
    client.force_login(world["users"]["editor"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="title"' not in page.text  # no editable field
    assert client.post(url, article_form_data(article, title="Sửa")).status_code == 403
    article.refresh_from_db()
    assert article.title != "Sửa"


def test_chief_changing_a_live_articles_time_is_recorded(client, world):
    article = world["own"].published
    client.force_login(world["users"]["chief"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.post(
        url, article_form_data(article, published_at_0="02/01/2026", published_at_1="09:00")
    )
    event = article.events.get(action="rescheduled")
    assert event.actor == world["users"]["chief"]


def test_chiefs_see_what_waits_for_their_approval(client, world):
    client.force_login(world["users"]["chief"])
    index = client.get(reverse("admin:index")).text
    assert "Việc cần làm" in index and "bài chờ duyệt" in index
    waiting = client.get(reverse("admin:articles_article_changelist") + "?trang_thai=pending").text
    assert world["own"].pending.title in waiting
    assert world["other"].pending.title not in waiting
    assert world["own"].draft.title not in waiting


def test_bulk_publish_reports_what_it_could_not_do(client, world):
    client.force_login(world["users"]["chief"])
    own = world["own"]
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [own.pending.pk, own.published.pk]},
        follow=True,
    )
    assert "Duyệt và xuất bản: 1 bài." in response.text
    assert "Không thể" in response.text


def test_editor_cannot_bulk_delete_a_pending_article(client, world):
    client.force_login(world["users"]["editor"])
    pending = world["own"].pending
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", "_selected_action": [pending.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert Article.objects.filter(pk=pending.pk).exists()


# --- Comment moderation ---------------------------------------------------------------


def test_chief_approves_and_rejects_comments_and_who_is_recorded(client, world):
    chief = world["users"]["chief"]
    client.force_login(chief)
    comment = world["own"].comment
    client.post(
        reverse("admin:articles_comment_changelist"),
        {"action": "reject_selected", "_selected_action": [comment.pk]},
    )
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    assert comment.moderated_by == chief and comment.moderated_at is not None


def test_moderation_service_leaves_other_boards_comments_alone(world):
    both = Comment.objects.filter(pk__in=[world["own"].comment.pk, world["other"].comment.pk])
    changed = workflow.moderate_comments(
        comments=both, status=Comment.Status.APPROVED, by=world["users"]["chief"]
    )
    assert changed == 1
    world["other"].comment.refresh_from_db()
    assert world["other"].comment.status == Comment.Status.PENDING


def test_editors_do_not_moderate(client, world):
    client.force_login(world["users"]["editor"])
    assert client.get(reverse("admin:articles_comment_changelist")).status_code == 403
    with pytest.raises(PermissionDenied):
        workflow.moderate_comments(
            comments=Comment.objects.all(), status="approved", by=world["users"]["editor"]
        )


def test_changing_a_comments_status_on_its_page_records_the_moderator(client, world):
    chief, comment = world["users"]["chief"], world["own"].comment
    client.force_login(chief)
    url = reverse("admin:articles_comment_change", args=[comment.pk])
    page = client.get(url).text
    assert 'name="text"' not in page  # the reader's words are not editable
    client.post(url, {"status": Comment.Status.APPROVED})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED and comment.moderated_by == chief
    other = world["other"].comment
    assert (
        client.post(
            reverse("admin:articles_comment_change", args=[other.pk]), {"status": "approved"}
        ).status_code
        == 404
    )
    other.refresh_from_db()
    assert other.status == Comment.Status.PENDING


def test_editors_are_not_offered_the_chiefs_actions(client, world):
    client.force_login(world["users"]["editor"])
    page = client.get(reverse("admin:articles_article_changelist")).text
    assert 'value="submit_selected"' in page
    assert 'value="publish_selected"' not in page and 'value="unpublish_selected"' not in page
