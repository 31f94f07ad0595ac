"""Two app servers (gunicorn processes) against one PostgreSQL and one Redis, serving
readers from a warm page cache: view counts and visits stay exact across them, a reader
with a cookie is counted once, and a withdrawal reaches every process within a second."""

import http.cookiejar
import shutil
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection

from articles import counters, services
from articles.models import Article
from tests.factories import make_article
from tests.servers import free_port, start_gunicorn, stop

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def start(port, static_root):
    db = connection.settings_dict
    env = {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "DJANGO_SECRET_KEY": "two-servers-test-" + "x" * 40,
        "DJANGO_COUNTER_FLUSH_SECONDS": "1",
        "GUNICORN_WORKERS": "2",
    }
    return start_gunicorn(port, env, static_root=static_root)


def fetch(url, opener=None, agent="Mozilla/5.0 Chrome/130"):
    """(status, X-Page-Cache) of a GET."""
    request = urllib.request.Request(url, headers={"User-Agent": agent})
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=10) as response:
            return response.status, response.headers.get("X-Page-Cache")
    except urllib.error.HTTPError as error:
        return error.code, None


def test_two_app_servers_count_exactly(collected_static):
    if (
        connection.vendor != "postgresql"
        or not settings.REDIS_URL
        or not shutil.which("pg_isready")
    ):
        pytest.skip("needs PostgreSQL and Redis (the production set-up)")
    article = make_article()
    ports = [free_port(), free_port()]
    servers = [start(port, collected_static) for port in ports]
    addresses = [f"http://127.0.0.1:{port}{article.get_absolute_url()}" for port in ports]
    n = 200
    try:
        for url in addresses:  # a crawler warms the cache (and is not counted)
            for _ in range(4):
                fetch(url, agent="Googlebot/2.1")
        with ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(fetch, [addresses[i % 2] for i in range(n)]))
        # One reader with a cookie jar, five times on each server: one more view.
        browser = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        again = [fetch(addresses[i % 2], browser) for i in range(10)]
        # A withdrawal reaches readers of both servers within a second of its commit.
        article.status = Article.Status.UNPUBLISHED
        article.save()
        deadline = time.monotonic() + 1.0
        while True:
            after = [fetch(url, agent="Googlebot/2.1")[0] for url in addresses]
            if after == [404, 404] or time.monotonic() > deadline:
                break
            time.sleep(0.05)
    finally:
        for server in servers:
            stop(server)
    assert [status for status, _ in answers] == [200] * n
    assert sum(cache == "hit" for _, cache in answers) >= n - 4
    assert [status for status, _ in again] == [200] * 10
    assert after == [404, 404]
    counters.reset_store()
    counters.get_store().flush()
    article.refresh_from_db()
    assert article.views == n + 1
    assert services.visit_stats().today == n + 1
