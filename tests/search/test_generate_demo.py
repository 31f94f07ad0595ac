"""generate_demo: realistic published articles in bulk, safe to re-run, searchable."""

import io
import unicodedata
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles.models import Article, ArticleImage, Comment
from core.text import slugify_vi
from demo import generator, postgres
from demo import text as vocabulary
from demo.corpus import PREFIX, Slugger
from provinces.models import MERGER_DATE

from .conftest import found


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def generate(*args):
    out = io.StringIO()
    call_command("generate_demo", *args, stdout=out)
    return out.getvalue()


def generated():
    return Article.objects.filter(slug__startswith=PREFIX)


SEED_FIELDS = ("slug", "title", "summary", "body", "status", "published_at", "unit_id", "views")


@pytest.mark.django_db
def test_it_loads_the_demo_data_when_missing_and_creates_published_articles(media):
    output = generate("--articles", "200", "--batch-size", "64")
    assert "loading it first" in output
    assert "100.0% 200/200" in output
    assert generated().count() == 200
    assert Article.objects.count() == 205  # the five seeds are there too
    assert set(generated().values_list("status", flat=True)) == {Article.Status.PUBLISHED}
    assert generated().filter(published_at__gt=timezone.now()).count() == 0
    assert generated().filter(published_at__lt=timezone.now() - timedelta(days=3660)).count() == 0


@pytest.mark.django_db
def test_articles_spread_over_units_sections_directives_years_with_images_and_comments(media):
    generate("--articles", "300")
    articles = list(generated().select_related("unit"))
    assert len({a.unit_id for a in articles}) > 30
    assert len({a.section_id for a in articles}) > 3
    assert len({a.published_at.year for a in articles}) >= 9
    for article in articles:
        # Before 1 July 2025 the 63 old units published; after it the 34 current ones.
        if article.unit.is_central:
            continue
        if article.published_at.date() < MERGER_DATE:
            assert article.unit.legacy_code is not None
        else:
            assert article.unit.code is not None
    assert ArticleImage.objects.filter(article__in=articles).count() > 20
    assert Comment.objects.filter(article__in=articles).count() > 20
    assert Article.directives.through.objects.filter(article__in=articles).count() > 50
    with_image = ArticleImage.objects.filter(article__in=articles).first().article
    assert '<figure data-image="1"></figure>' in with_image.body


@pytest.mark.django_db
def test_text_is_vietnamese_nfc_and_slugs_are_server_made(media):
    generate("--articles", "50")
    for article in generated():
        for value in (article.title, article.summary, article.body):
            assert unicodedata.is_normalized("NFC", value)
        assert article.slug.startswith(PREFIX)
        assert article.slug.endswith(slugify_vi(article.title, max_length=120))
    assert any("Đảng" in a.body or "đảng" in a.body for a in generated())


def test_the_fast_slugger_agrees_with_slugify_vi():
    slug = Slugger()
    for template in vocabulary.TITLES + vocabulary.TOPICS + vocabulary.ROLES:
        assert slug(template) == slugify_vi(template, max_length=120)


@pytest.mark.django_db
def test_re_running_tops_up_and_never_touches_the_seeds(media, seeds):
    before = list(Article.objects.order_by("pk").values(*SEED_FIELDS))
    generate("--articles", "40", "--batch-size", "16")
    assert "nothing to do" in generate("--articles", "40")
    assert generated().count() == 40
    generate("--articles", "70")
    assert generated().count() == 70
    assert generated().values("slug").distinct().count() == 70
    generate("--articles", "10", "--replace")
    assert generated().count() == 10
    assert (
        list(Article.objects.exclude(slug__startswith=PREFIX).order_by("pk").values(*SEED_FIELDS))
        == before
    )


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_articles(media):
    generate("--articles", "20")
    first = list(generated().order_by("slug").values_list("slug", "title", "body"))
    generate("--articles", "20", "--replace")
    assert list(generated().order_by("slug").values_list("slug", "title", "body")) == first


@pytest.mark.django_db
def test_generated_articles_are_searchable(media):
    generate("--articles", "120")
    article = generated().order_by("pk")[7]
    assert article.title in found(f'"{article.title}"')
    unit = article.unit
    assert found(unit.name, unit_ids=[unit.pk])  # every article names its unit


# Under pytest a live server thread may be running (browser tests); manage.py runs the
# command in a single-threaded process, where fork() is safe.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
@pytest.mark.django_db(transaction=True)
def test_parallel_workers_on_postgresql(media):
    if connection.vendor != "postgresql":
        pytest.skip("parallel workers run on PostgreSQL only")
    output = generate("--articles", "90", "--batch-size", "10", "--jobs", "3")
    assert "100.0% 90/90" in output
    assert generated().count() == 90
    assert generated().values("slug").distinct().count() == 90
    assert found("tuyen giao")


def _index_definitions():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'articles_article'"
        )
        return dict(cursor.fetchall())


@pytest.mark.django_db(transaction=True)
def test_a_big_load_rebuilds_the_indexes_as_the_migrations_made_them(media, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's indexes")
    before = _index_definitions()
    assert {"article_search_vector_idx", "article_unit_pub_idx"} <= set(before)
    monkeypatch.setattr(generator, "REINDEX_ABOVE", 10)
    output = generate("--articles", "30", "--jobs", "1")
    dropped = len([d for d in before.values() if "UNIQUE" not in d])
    assert f"Dropped {dropped} indexes" in output
    assert _index_definitions() == before
    assert found("tuyen giao")


@pytest.mark.django_db(transaction=True)
def test_a_run_killed_during_the_load_gets_its_indexes_back_on_the_next_run(media):
    """The drop and the note of what was dropped are one transaction; a killed run's
    successor builds the indexes before anything else."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's indexes")
    before = _index_definitions()
    assert postgres.drop_indexes("default") == len(
        [d for d in before.values() if "UNIQUE" not in d]
    )
    assert "article_search_vector_idx" not in _index_definitions()  # the "killed" run
    generate("--articles", "3")
    assert _index_definitions() == before
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [postgres.DROPPED_INDEXES])
        assert cursor.fetchone()[0] is None
