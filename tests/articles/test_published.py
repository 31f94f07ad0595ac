"""Article.objects.published() is the one visibility rule: status published and publish
time reached."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_unit

pytestmark = pytest.mark.django_db


def test_published_hides_drafts_pending_unpublished_and_future_articles():
    unit = make_unit()
    past = timezone.now() - timedelta(minutes=1)
    visible = make_article(unit=unit, title="Đã xuất bản")
    for status in (Article.Status.DRAFT, Article.Status.PENDING, Article.Status.UNPUBLISHED):
        make_article(unit=unit, status=status, published_at=past, title=f"Ẩn: {status}")
    make_article(
        unit=unit,
        title="Hẹn giờ",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(hours=2),
    )
    assert list(Article.objects.published()) == [visible]


def test_a_scheduled_article_appears_once_its_time_comes():
    article = make_article(published_at=timezone.now() + timedelta(seconds=30))
    assert not Article.objects.published().filter(pk=article.pk).exists()
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_publishing_without_a_time_means_now():
    article = make_article(status=Article.Status.PUBLISHED, published_at=None)
    assert article.published_at is not None
    assert article.is_published


def test_of_unit_includes_the_units_merged_into_it():
    current = make_unit(name="Cần Thơ thử")
    merged = make_unit(name="Hậu Giang thử", merged_into=current)
    elsewhere = make_unit(name="Nơi khác")
    own, old = make_article(unit=current), make_article(unit=merged)
    make_article(unit=elsewhere)
    assert set(Article.objects.published().of_unit(current)) == {own, old}
    assert set(Article.objects.published().of_unit(merged)) == {old}


def test_titles_and_bodies_are_stored_in_nfc_and_slugged_on_the_server():
    import unicodedata

    title = unicodedata.normalize("NFD", "Đảng bộ tỉnh Hải Dương học tập Nghị quyết")
    article = make_article(title=title, body=unicodedata.normalize("NFD", "<p>Tuyên giáo</p>"))
    article.refresh_from_db()
    assert article.title == unicodedata.normalize("NFC", title)
    assert article.body == "<p>Tuyên giáo</p>"
    assert article.slug == "dang-bo-tinh-hai-duong-hoc-tap-nghi-quyet"


def test_the_body_loses_script_when_saved():
    article = make_article(
        body='<p onclick="x()">Tin<script>alert(1)</script></p><a href="javascript:alert(1)">a</a>'
    )
    article.refresh_from_db()
    assert "script" not in article.body
    assert "onclick" not in article.body
    assert "javascript:" not in article.body
    assert "Tin" in article.body


@pytest.mark.django_db(transaction=True)  # the change's content version starts on commit
def test_a_scheduled_article_shows_on_pages_cached_before_its_time(reader):
    """The rule on readers' pages, cold and warm: pages cached while the article waited
    show it once its time has come (here: brought forward by an editor)."""
    unit = make_unit()
    make_article(unit=unit, title="Đã xuất bản")
    article = make_article(
        unit=unit, title="Bài hẹn giờ", published_at=timezone.now() + timedelta(hours=2)
    )
    browser = reader()
    for url in ("/", unit.get_absolute_url()):
        assert browser.prime(url).status_code == 200  # cached while it waits
        assert "Bài hẹn giờ" not in browser.get(url).content.decode()
    assert browser.get(article.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    for url in ("/", unit.get_absolute_url()):
        assert "Bài hẹn giờ" in browser.get(url).content.decode()
    assert browser.get(article.get_absolute_url()).status_code == 200
