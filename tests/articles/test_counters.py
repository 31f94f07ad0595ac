"""View counts and visit statistics: what counts, what does not, exactly once."""

import re
import threading
import time
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from articles import counters, services
from articles.models import Article, DailyVisits
from provinces.models import Membership, Unit
from tests.factories import make_article, make_unit

pytestmark = pytest.mark.django_db
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130 Safari/537.36"


def stored_plus_pending(article):
    article.refresh_from_db()
    return services.displayed_views([article])[article.pk]


def reader():
    return Client(HTTP_USER_AGENT=BROWSER_UA)


def test_a_first_visit_counts_and_gets_a_visitor_cookie():
    article = make_article(views=5)
    client = reader()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert len(response.cookies["tgv"].value) == 32
    assert response.cookies["tgv"]["httponly"]
    assert stored_plus_pending(article) == 6


def test_a_repeat_within_30_minutes_does_not_count_but_another_reader_does():
    article = make_article()
    client = reader()
    for _ in range(3):
        client.get(article.get_absolute_url())
    assert stored_plus_pending(article) == 1
    reader().get(article.get_absolute_url())
    assert stored_plus_pending(article) == 2


def test_a_repeat_after_the_window_counts_again(settings):
    settings.COUNTER_VISIT_WINDOW = 1  # seconds, instead of 30 minutes
    article = make_article()
    client = reader()
    client.get(article.get_absolute_url())
    client.get(article.get_absolute_url())
    assert stored_plus_pending(article) == 1
    time.sleep(2.1)
    client.get(article.get_absolute_url())
    assert stored_plus_pending(article) == 2


def test_requests_without_the_cookie_each_count():
    article = make_article()
    for _ in range(3):
        Client(HTTP_USER_AGENT=BROWSER_UA).get(article.get_absolute_url())
    assert stored_plus_pending(article) == 3


def test_a_forged_cookie_is_replaced():
    article = make_article()
    client = reader()
    client.cookies["tgv"] = "<script>not-an-id"
    response = client.get(article.get_absolute_url())
    assert response.cookies["tgv"].value != "<script>not-an-id"
    assert stored_plus_pending(article) == 1


@pytest.mark.parametrize(
    "agent",
    [
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/130.0 Safari/537.36",
    ],
)
def test_crawlers_are_not_counted(agent):
    article = make_article()
    Client(HTTP_USER_AGENT=agent).get(article.get_absolute_url())
    assert stored_plus_pending(article) == 0


def test_head_requests_are_not_counted():
    article = make_article()
    response = reader().head(article.get_absolute_url())
    assert response.status_code == 200
    assert stored_plus_pending(article) == 0


def test_editors_previewing_are_not_counted(django_user_model):
    unit = make_unit()
    draft = make_article(unit=unit, status=Article.Status.DRAFT)
    editor = django_user_model.objects.create_user(
        "bientap", password="x-Strong-Pass-1", is_staff=True
    )
    Membership.objects.create(user=editor, board=unit.board, role=Membership.Role.EDITOR)
    client = reader()
    client.force_login(editor)
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert stored_plus_pending(draft) == 0
    assert not DailyVisits.objects.exists()


def test_not_found_and_comment_posts_are_not_counted():
    article = make_article()
    client = reader()
    assert client.get("/bai-viet/khong-co/").status_code == 404
    client.post(article.get_absolute_url(), {"name": "", "text": ""})
    assert stored_plus_pending(article) == 0


def test_the_displayed_count_includes_this_article_only():
    a, b = make_article(), make_article()
    reader().get(a.get_absolute_url())
    assert stored_plus_pending(a) == 1
    assert stored_plus_pending(b) == 0


# --- Visits, online now -------------------------------------------------------------------


def test_visit_statistics_count_first_requests_per_visitor_per_board_and_site():
    unit = make_unit()
    other = make_unit()
    article = make_article(unit=unit)
    first, second = reader(), reader()
    for _ in range(3):
        first.get(article.get_absolute_url())
        first.get(unit.get_absolute_url())
    second.get("/")
    stats = services.visit_stats(unit=unit)
    assert (stats.today, stats.week, stats.month, stats.total) == (1, 1, 1, 1)
    assert stats.online == 1 and stats.online_guests == 1
    site = services.visit_stats()
    assert site.today == 2
    assert site.online == 2
    assert services.visit_stats(unit=other).today == 0


def test_members_and_guests_are_told_apart(django_user_model):
    unit = make_unit()
    member = django_user_model.objects.create_user("thanhvien", password="x-Strong-Pass-1")
    signed_in = reader()
    signed_in.force_login(member)
    signed_in.get(unit.get_absolute_url())
    reader().get(unit.get_absolute_url())
    stats = services.visit_stats(unit=unit)
    assert (stats.online_guests, stats.online_members) == (1, 1)


def test_week_and_month_use_vietnamese_calendar_days():
    unit = make_unit()
    today = timezone.localdate()
    monday = today - timezone.timedelta(days=today.weekday())
    rows = [
        (today, 3),
        (monday - timezone.timedelta(days=1), 5),
        (today.replace(day=1), 7),
        (today.replace(year=today.year - 1), 11),
    ]
    for day, n in rows:
        row, _ = DailyVisits.objects.get_or_create(unit=unit, date=day)
        row.visits += n
        row.save()
    stats = services.visit_stats(unit=unit)
    expected_week = sum(n for day, n in rows if day >= monday)
    expected_month = sum(n for day, n in rows if day >= today.replace(day=1))
    assert stats.today == 3 + (7 if today.day == 1 else 0)
    assert stats.week == expected_week
    assert stats.month == expected_month
    assert stats.total == 26


def test_all_time_includes_the_imported_baseline_and_merged_history():
    current = make_unit(name="Vĩnh Long thử")
    merged = make_unit(name="Trà Vinh thử", merged_into=current)
    merged.board.visits_baseline = 8_756_173
    merged.board.save()
    current.board.visits_baseline = 1_000
    current.board.save()
    reader().get(merged.get_absolute_url())  # counts for the board looking after it today
    assert services.visit_stats(unit=current).total == 8_757_174
    assert services.visit_stats(unit=merged).total == 8_757_174
    assert services.visit_stats().total >= 8_757_174


def test_daily_totals_are_stored_in_the_database(settings):
    unit = make_unit()
    reader().get(unit.get_absolute_url())
    counters.get_store().flush()
    assert DailyVisits.objects.get(unit=unit, date=timezone.localdate()).visits == 1
    assert DailyVisits.objects.get(unit__isnull=True, date=timezone.localdate()).visits == 1


# --- A broken counter store never breaks a page ------------------------------------------


def test_pages_are_served_when_the_counter_store_is_down(settings):
    settings.COUNTER_STORE = "redis"
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    counters.reset_store()
    article = make_article()
    response = reader().get(article.get_absolute_url())
    assert response.status_code == 200
    assert reader().get("/").status_code == 200
    # the view is still counted, straight into the database
    article.refresh_from_db()
    assert article.views == 1


# --- Redis: buffered, flushed exactly once --------------------------------------------------

needs_redis = pytest.mark.skipif(
    not __import__("os").environ.get("REDIS_URL"), reason="runs where REDIS_URL is set"
)


@needs_redis
def test_redis_counts_are_buffered_shown_and_flushed_once(settings):
    assert isinstance(counters.get_store(), counters.RedisStore)
    article = make_article(views=100)
    for _ in range(3):
        reader().get(article.get_absolute_url())
    article.refresh_from_db()
    assert article.views == 100  # not written yet ...
    assert stored_plus_pending(article) == 103  # ... but shown
    assert "Số lần xem: 103" in reader().get(article.get_absolute_url()).content.decode()
    store = counters.get_store()
    views, _ = store.flush()
    assert views == 4
    article.refresh_from_db()
    assert article.views == 104
    assert store.flush() == (0, 0)  # nothing is applied twice
    assert stored_plus_pending(article) == 104


@needs_redis
def test_a_busy_cached_article_page_reads_the_stored_count_once_per_flush():
    """Between two flushes the stored count cannot change: readers of a cached article
    page are served without reading it again, and the figure stays exact across
    flushes."""
    from django.test.utils import CaptureQueriesContext

    store = counters.get_store()
    article = make_article(views=500)
    url = article.get_absolute_url()

    def read():
        """(figure shown, how many times the stored count was read)."""
        with CaptureQueriesContext(connection) as queries:
            response = reader().get(url)
        assert response.status_code == 200
        shown = int(re.search(r"Số lần xem: ([\d.]+)<", response.content.decode())[1])
        reads = sum('"articles_article"."views"' in q["sql"] for q in queries.captured_queries)
        return shown, reads

    read()  # renders and caches the page; 1 view pending
    assert read() == (501, 1)  # a cached hit: reads the stored count under this generation
    assert [read() for _ in range(3)] == [(502, 0), (503, 0), (504, 0)]
    assert store.flush()[0] == 5
    article.refresh_from_db()
    assert article.views == 505
    assert read() == (505, 1)  # a new generation: the stored count is read again
    assert read() == (506, 0)


@needs_redis
def test_a_batch_applied_by_a_flusher_that_died_before_deleting_it_is_not_applied_again():
    store = counters.get_store()
    article = make_article()
    reader().get(article.get_absolute_url())
    store.client.rename(store.pending_key, store.flushing_key)
    store.client.hset(store.flushing_key, "batch", "dead-flusher")
    store._apply_flushing()  # applied to the database ...
    # ... but the process died before deleting the batch from Redis:
    store.client.hset(store.flushing_key, mapping={"batch": "dead-flusher", f"a:{article.pk}": 1})
    store.flush()
    article.refresh_from_db()
    assert article.views == 1
    assert not store.client.exists(store.flushing_key)


@needs_redis
def test_a_batch_renamed_by_a_flusher_that_died_before_applying_it_is_applied():
    store = counters.get_store()
    article = make_article()
    reader().get(article.get_absolute_url())
    store.client.rename(store.pending_key, store.flushing_key)  # and then the process died
    reader().get(article.get_absolute_url())  # a new reader meanwhile
    assert stored_plus_pending(article) == 2
    store.flush()
    article.refresh_from_db()
    assert article.views == 2
    assert stored_plus_pending(article) == 2


# --- Concurrency -----------------------------------------------------------------------


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_first_views_add_exactly_n():
    if connection.vendor != "postgresql":
        pytest.skip("the concurrency test runs on PostgreSQL")
    article = make_article()
    n = 24
    barrier = threading.Barrier(n)
    statuses = []

    def one_reader():
        client = Client(HTTP_USER_AGENT=BROWSER_UA)
        barrier.wait()
        statuses.append(client.get(article.get_absolute_url()).status_code)
        connection.close()

    threads = [threading.Thread(target=one_reader) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [200] * n
    counters.get_store().flush()
    article.refresh_from_db()
    assert article.views == n
    assert DailyVisits.objects.get(unit__isnull=True, date=timezone.localdate()).visits == n


def test_unit_id_scope_helpers():
    unit = Unit(pk=7)
    assert counters.scope_for_unit(unit.pk) == "u7"
    assert counters._unit_of_scope("u7") == 7
    assert counters._unit_of_scope(counters.SITE) is None
    assert uuid.UUID(uuid.uuid4().hex)


@needs_redis
def test_online_now_is_shared_by_every_server_process(settings):
    """Two app processes (two stores) sharing one Redis see each other's readers."""
    first = counters.RedisStore(settings.REDIS_URL, settings.COUNTER_KEY_PREFIX)
    second = counters.RedisStore(settings.REDIS_URL, settings.COUNTER_KEY_PREFIX)
    first.track(counters.Reader("a" * 32), scopes=[counters.SITE])
    second.track(counters.Reader("b" * 32, member=True), scopes=[counters.SITE])
    second.track(counters.Reader("a" * 32), scopes=[counters.SITE])  # the same reader again
    assert first.online(counters.SITE) == (1, 1)
    assert second.online(counters.SITE) == (1, 1)
    first.flush()
    assert services.visit_stats().today == 2


def test_flush_counters_command(capsys):
    from django.core.management import call_command

    article = make_article()
    reader().get(article.get_absolute_url())
    call_command("flush_counters")
    article.refresh_from_db()
    assert article.views == 1
    assert capsys.readouterr().out.strip()


def test_a_reader_flooding_article_views_is_served_but_not_counted(settings):
    settings.COUNTER_FLOOD_PER_READER, settings.COUNTER_FLOOD_PER_ADDRESS = 3, 0
    articles = [make_article() for _ in range(5)]
    client = reader()
    assert [client.get(a.get_absolute_url()).status_code for a in articles] == [200] * 5
    counted = sum(stored_plus_pending(a) for a in articles)
    assert counted == 3


def test_one_address_flooding_is_served_but_not_counted(settings):
    settings.COUNTER_FLOOD_PER_READER, settings.COUNTER_FLOOD_PER_ADDRESS = 0, 2
    article = make_article()
    statuses = [
        Client(HTTP_USER_AGENT=BROWSER_UA)
        .get(article.get_absolute_url(), REMOTE_ADDR="203.0.113.8")
        .status_code
        for _ in range(4)
    ]
    assert statuses == [200] * 4
    assert stored_plus_pending(article) == 2
    # readers elsewhere still count
    Client(HTTP_USER_AGENT=BROWSER_UA).get(article.get_absolute_url(), REMOTE_ADDR="198.51.100.3")
    assert stored_plus_pending(article) == 3


@needs_redis
def test_a_restarted_redis_never_hands_out_a_generation_seen_before():
    """A count kept under an old generation must not be taken for current after Redis
    lost its keys: generations start from the clock, not from 0."""
    store = counters.get_store()
    article = make_article()
    before = store.track(
        counters.Reader("a" * 32), scopes=[counters.SITE], article_id=article.pk
    ).generation
    store.flush()
    store.client.delete(store.generation_key)  # what a restart without persistence does
    time.sleep(0.01)
    after_restart = store.track(
        counters.Reader("b" * 32), scopes=[counters.SITE], article_id=article.pk
    ).generation
    assert after_restart > before + 1
    store.flush()
    after_flush = store.track(
        counters.Reader("c" * 32), scopes=[counters.SITE], article_id=article.pk
    )
    assert after_flush.generation == after_restart + 1


@needs_redis
def test_a_process_serves_its_own_copy_only_while_redis_holds_the_same_one(settings):
    """A busy page's body is not fetched from Redis on every hit: the process keeps the
    copy it served and Redis answers without the body while the revision is the same.
    Another process re-rendering the page (a new revision) is seen at once."""
    store = counters.get_store()
    unit = make_unit(name="Đồng Tháp")
    make_article(unit=unit, title="Bài thứ nhất")
    url = unit.get_absolute_url()
    reader().get(url)  # renders and stores
    assert reader().get(url)["X-Page-Cache"] == "hit"  # this process keeps the copy
    (key,) = [k.decode() for k in store.client.scan_iter(f"{store.prefix}page:*")]
    # Another process stores a new rendering under the same key.
    store.client.hset(key, mapping={"rev": "other-process", "body": "<p>Trang mới</p>".encode()})
    response = reader().get(url)
    assert response["X-Page-Cache"] == "hit"
    assert response.content.decode() == "<p>Trang mới</p>"
