"""Two app servers (gunicorn processes) against one PostgreSQL and one Redis: view
counts, visits and online-now stay exact across them."""

import shutil
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


def fetch(url):
    request = urllib.request.Request(url, headers={"User-Agent": "Mozilla/5.0 Chrome/130"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


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
    n = 200
    try:
        urls = [f"http://127.0.0.1:{ports[i % 2]}{article.get_absolute_url()}" for i in range(n)]
        with ThreadPoolExecutor(16) as pool:
            statuses = list(pool.map(fetch, urls))
    finally:
        for server in servers:
            stop(server)
    assert statuses == [200] * n
    counters.reset_store()
    counters.get_store().flush()
    article.refresh_from_db()
    assert article.views == n
    assert services.visit_stats().today == n
    assert Article.objects.get(pk=article.pk).views == n
