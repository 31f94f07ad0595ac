import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_home_lists_the_five_seed_articles_with_links(client, seeds):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    articles = list(Article.objects.all())
    assert len(articles) == 5
    for article in articles:
        assert article.title in html
        assert f'href="{article.get_absolute_url()}"' in html


def test_home_does_not_list_drafts(client, seeds):
    draft = make_article(title="Bản nháp bí mật", status=Article.Status.DRAFT)
    assert draft.title not in client.get(reverse("articles:home")).content.decode()


def test_seed_article_pages_open(client, seeds):
    for article in Article.objects.all():
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert article.title in response.content.decode()
