"""A takedown takes the article down: whichever way a chief withdraws a live article,
a reader who was just served its cached page gets 404 within a second of the commit.

These tests commit for real (transaction=True): the new content version starts when
the transaction commits, as in production."""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from core import pagecache
from tests.admin.conftest import article_form_data
from tests.conftest import BROWSER_UA

pytestmark = pytest.mark.django_db(transaction=True)


def served_warm(url):
    """A reader reads the page twice: the second answer comes from the page cache."""
    reader = Client(HTTP_USER_AGENT=BROWSER_UA)
    assert reader.get(url).status_code == 200
    response = reader.get(url)
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"
    return reader


def gone_within_a_second(reader, url):
    deadline = time.monotonic() + 1.0
    while True:
        status = reader.get(url).status_code
        if status == 404 or time.monotonic() > deadline:
            return status
        time.sleep(0.05)


def withdraw(client, article, how):
    if how == "bulk action":
        url = reverse("admin:articles_article_changelist")
        client.post(url, {"action": "unpublish_selected", "_selected_action": [article.pk]})
    elif how == "change form":
        url = reverse("admin:articles_article_change", args=[article.pk])
        client.post(url, article_form_data(article, _workflow="unpublish"))
    else:  # the publish time moved into the future: scheduled again, not public yet
        url = reverse("admin:articles_article_change", args=[article.pk])
        later = timezone.localtime(timezone.now() + timedelta(days=1))
        client.post(
            url,
            article_form_data(
                article,
                published_at_0=later.strftime("%d/%m/%Y"),
                published_at_1=later.strftime("%H:%M:%S"),
            ),
        )


@pytest.mark.parametrize("how", ["bulk action", "change form", "publish time moved"])
def test_a_withdrawal_reaches_a_reader_of_the_cached_page_within_a_second(world, how):
    article = world["own"].published
    url = article.get_absolute_url()
    reader = served_warm(url)
    home = Client(HTTP_USER_AGENT=BROWSER_UA)
    assert article.title in home.get("/").text
    chief = Client()
    chief.force_login(world["users"]["chief"])
    withdraw(chief, article, how)
    article.refresh_from_db()
    assert not article.is_published
    assert gone_within_a_second(reader, url) == 404
    assert article.title not in home.get("/").text


def test_a_cached_article_is_not_served_once_it_is_no_longer_public_even_unannounced(world):
    """A write that forgot to start a new content version (raw SQL, say) still cannot
    keep a withdrawn article public: the hit path checks the article's state (with
    Redis, at the next flush of the counters at the latest)."""
    from articles import counters

    article = world["own"].published
    url = article.get_absolute_url()
    reader = served_warm(url)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Article._meta.db_table} SET status = %s WHERE id = %s",  # noqa: S608
            [Article.Status.UNPUBLISHED, article.pk],
        )
    counters.get_store().flush()  # what every process does every few seconds
    pagecache.forget_memo()
    assert reader.get(url).status_code == 404


def test_an_edit_by_queryset_update_and_a_delete_reach_readers(world):
    article = world["own"].published
    url = article.get_absolute_url()
    reader = served_warm(url)
    Article.objects.filter(pk=article.pk).update(title="Tiêu đề sửa bằng update()")
    assert "Tiêu đề sửa bằng update()" in reader.get(url).text
    article.delete()
    assert reader.get(url).status_code == 404


def test_moderating_a_comment_reaches_the_cached_page(world):
    from articles import workflow
    from articles.models import Comment

    comment = world["own"].comment
    url = comment.article.get_absolute_url()
    reader = served_warm(url)
    assert comment.text not in reader.get(url).text
    workflow.moderate_comments(
        comments=Comment.objects.filter(pk=comment.pk),
        status=Comment.Status.APPROVED,
        by=world["users"]["chief"],
    )
    assert comment.text in reader.get(url).text


def test_the_sitemap_follows_a_withdrawal(world):
    article = world["own"].published
    crawler = Client(HTTP_USER_AGENT="Googlebot/2.1")
    url = reverse("sitemap-section", kwargs={"section": "bai-viet"})
    assert article.get_absolute_url() in crawler.get(url).text
    assert article.get_absolute_url() in crawler.get(url).text  # the kept copy
    article.status = Article.Status.UNPUBLISHED
    article.save()
    assert article.get_absolute_url() not in crawler.get(url).text
