"""Cached pages for anonymous readers: fast, never stale after an edit, live where
they must be (view counts, CSRF tokens), and never shared with signed-in editors."""

import re
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article, Comment
from core import pagecache
from tests.factories import make_article, make_comment, make_unit

pytestmark = pytest.mark.django_db(transaction=True)
UA = "Mozilla/5.0 (X11; Linux x86_64) Chrome/130 Safari/537.36"


@pytest.fixture(autouse=True)
def _fresh_version():
    pagecache.forget_memo()
    yield
    pagecache.forget_memo()


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_the_second_request_is_served_from_the_cache_without_queries(django_assert_max_num_queries):
    unit = make_unit()
    make_article(unit=unit, title="Tin đầu tiên")
    client = Client(HTTP_USER_AGENT=UA)
    assert "X-Page-Cache" not in get(client, unit.get_absolute_url())
    with django_assert_max_num_queries(0):
        response = get(client, unit.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert "Tin đầu tiên" in response.content.decode()


def test_publishing_and_editing_show_at_once():
    unit = make_unit()
    article = make_article(unit=unit, title="Tiêu đề cũ")
    client = Client(HTTP_USER_AGENT=UA)
    get(client, "/")
    get(client, unit.get_absolute_url())
    get(client, article.get_absolute_url())
    article.title = "Tiêu đề mới"
    article.save()
    new = make_article(unit=unit, title="Bài mới xuất bản")
    for url in ("/", unit.get_absolute_url(), article.get_absolute_url()):
        text = get(client, url).content.decode()
        assert "Tiêu đề mới" in text and "Tiêu đề cũ" not in text
    assert new.title in get(client, "/").content.decode()


def test_withdrawing_an_article_removes_it_at_once():
    article = make_article(title="Sắp bị gỡ")
    client = Client(HTTP_USER_AGENT=UA)
    get(client, article.get_absolute_url())
    get(client, "/")
    article.status = Article.Status.UNPUBLISHED
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Sắp bị gỡ" not in get(client, "/").content.decode()


def test_a_scheduled_article_appears_at_its_time_on_cached_pages():
    unit = make_unit()
    make_article(unit=unit, title="Đã đăng")
    scheduled = make_article(
        unit=unit, title="Hẹn giờ đăng", published_at=timezone.now() + timedelta(seconds=2)
    )
    client = Client(HTTP_USER_AGENT=UA)
    assert scheduled.title not in get(client, unit.get_absolute_url()).content.decode()
    assert get(client, unit.get_absolute_url())["X-Page-Cache"] == "hit"
    time.sleep(2.5)
    assert scheduled.title in get(client, unit.get_absolute_url()).content.decode()
    assert get(client, scheduled.get_absolute_url()).status_code == 200


def test_the_view_count_on_a_cached_article_page_is_live():
    article = make_article(views=41)
    first = Client(HTTP_USER_AGENT=UA)
    assert "Số lần xem: 41" in get(first, article.get_absolute_url()).content.decode()
    for _ in range(2):
        get(Client(HTTP_USER_AGENT=UA), article.get_absolute_url())
    response = get(first, article.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert "Số lần xem: 44" in response.content.decode()


def test_each_reader_gets_a_working_csrf_token_from_the_cached_page():
    article = make_article()
    get(Client(HTTP_USER_AGENT=UA), article.get_absolute_url())  # fills the cache
    tokens = []
    for name in ("An", "Bình"):  # (pending comments leave the cached copy in place)
        client = Client(HTTP_USER_AGENT=UA, enforce_csrf_checks=True)
        response = get(client, article.get_absolute_url())
        assert response["X-Page-Cache"] == "hit"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[
            1
        ]
        tokens.append(token)
        posted = client.post(
            article.get_absolute_url(),
            {"name": name, "text": "Ý kiến gửi từ trang đã lưu.", "csrfmiddlewaretoken": token},
        )
        assert posted.status_code == 302
    assert tokens[0] != tokens[1]
    assert Comment.objects.count() == 2


def test_an_approved_comment_appears_on_the_cached_page():
    article = make_article()
    client = Client(HTTP_USER_AGENT=UA)
    get(client, article.get_absolute_url())
    comment = make_comment(article, text="Ý kiến sẽ được duyệt")
    assert "Ý kiến sẽ được duyệt" not in get(client, article.get_absolute_url()).content.decode()
    comment.status = Comment.Status.APPROVED
    comment.save()
    assert "Ý kiến sẽ được duyệt" in get(client, article.get_absolute_url()).content.decode()


def test_signed_in_users_are_never_served_cached_pages(django_user_model):
    article = make_article()
    get(Client(HTTP_USER_AGENT=UA), article.get_absolute_url())
    user = django_user_model.objects.create_user("docgia", password="x-Strong-Pass-1")
    client = Client(HTTP_USER_AGENT=UA)
    client.force_login(user)
    assert "X-Page-Cache" not in get(client, article.get_absolute_url())


def test_unknown_query_parameters_do_not_make_new_copies():
    unit = make_unit()
    client = Client(HTTP_USER_AGENT=UA)
    get(client, f"{unit.get_absolute_url()}?utm_source=a")
    assert get(client, f"{unit.get_absolute_url()}?utm_source=b")["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in get(client, f"{unit.get_absolute_url()}?page=1")


def test_cached_pages_still_count_views_and_visits():
    from articles import services

    article = make_article()
    get(Client(HTTP_USER_AGENT=UA), article.get_absolute_url())
    for _ in range(3):
        assert get(Client(HTTP_USER_AGENT=UA), article.get_absolute_url())["X-Page-Cache"] == "hit"
    assert services.displayed_views([Article.objects.get(pk=article.pk)])[article.pk] == 4
    assert services.visit_stats(unit=article.unit).today == 4


def test_pages_are_served_when_the_cache_is_down(settings):
    from articles import counters

    settings.CACHES = {  # the production backend, its Redis unreachable
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.2,
                "SOCKET_TIMEOUT": 0.2,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    settings.COUNTER_STORE = "database"
    counters.reset_store()
    article = make_article()
    client = Client(HTTP_USER_AGENT=UA)
    for url in (
        "/",
        article.unit.get_absolute_url(),
        article.get_absolute_url(),
        "/van-ban/",
        "/hoi-nghi/",
    ):
        assert client.get(url).status_code == 200
    posted = client.post(article.get_absolute_url(), {"name": "An", "text": "Vẫn gửi được."})
    assert posted.status_code == 302


def test_drafts_and_pending_comments_do_not_empty_the_cache():
    """Readers' comments wait for moderation and drafts are private: saving them leaves
    cached pages in place (a comment spammer cannot keep the site uncached)."""
    article = make_article()
    client = Client(HTTP_USER_AGENT=UA)
    get(client, article.get_absolute_url())
    get(client, "/")
    client.post(article.get_absolute_url(), {"name": "An", "text": "Chờ duyệt"})
    make_article(status=Article.Status.DRAFT, unit=article.unit, title="Bản nháp")
    pagecache.forget_memo()
    assert get(Client(HTTP_USER_AGENT=UA), article.get_absolute_url())["X-Page-Cache"] == "hit"
    assert get(Client(HTTP_USER_AGENT=UA), "/")["X-Page-Cache"] == "hit"


def test_a_directive_pages_board_counts_follow_publishing_and_withdrawing():
    """The per-board counts are kept per content version (they cost a few hundred
    milliseconds for a central directive at a million articles): a publish or a
    withdrawal shows at once all the same."""
    from tests.factories import make_directive

    directive = make_directive(symbol="35-NQ/TW")
    lang_son, ca_mau = make_unit(name="Lạng Sơn"), make_unit(name="Cà Mau")
    make_article(unit=lang_son, title="Bài một", directives=[directive])
    client = Client(HTTP_USER_AGENT=UA)

    def boards():
        text = get(client, directive.get_absolute_url()).content.decode()
        rows = re.findall(r'<tr><td><a href="[^"]+">([^<]+)</a></td><td>(\d+)</td>', text)
        total = re.search(r"Tin bài về văn bản(?: \((\d+)\))?", text).group(1)
        return dict(rows), total

    assert boards() == ({"Lạng Sơn": "1"}, "1")
    assert boards() == ({"Lạng Sơn": "1"}, "1")  # the cached copy
    late = make_article(unit=ca_mau, title="Bài hai", directives=[directive])
    make_article(unit=lang_son, title="Bài ba", directives=[directive])
    assert boards() == ({"Lạng Sơn": "2", "Cà Mau": "1"}, "3")
    late.status = Article.Status.UNPUBLISHED
    late.save()
    assert boards() == ({"Lạng Sơn": "2"}, "2")


def test_ports_and_letter_case_in_the_host_header_do_not_make_new_copies():
    unit = make_unit()
    client = Client(HTTP_USER_AGENT=UA)
    assert client.get(unit.get_absolute_url(), HTTP_HOST="localhost").status_code == 200
    for host in ("localhost:81", "LOCALHOST:65000", "localhost"):
        response = client.get(unit.get_absolute_url(), HTTP_HOST=host)
        assert response.status_code == 200 and response["X-Page-Cache"] == "hit", host
