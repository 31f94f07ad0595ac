"""When a part fails: the site keeps answering, in Vietnamese, without a trace."""

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from django.test import Client

from articles import counters
from tests.factories import make_article
from tests.servers import free_port, start_gunicorn, stop

BROKEN_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture(scope="module")
def server_without_database(collected_static):
    """The real site under gunicorn with PostgreSQL unreachable."""
    port = free_port()
    env = {
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/tuyengiao",
        "DJANGO_SECRET_KEY": "failing-parts-test-" + "x" * 40,
        "GUNICORN_WORKERS": "1",
    }
    proc = start_gunicorn(port, env, static_root=collected_static, unset=["REDIS_URL"], quiet=True)
    yield f"http://127.0.0.1:{port}"
    stop(proc)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.mark.parametrize(
    "path", ["/", "/tinh/can-tho/", "/bai-viet/bat-ky/", "/van-ban/", "/admin/login/"]
)
def test_with_postgresql_down_pages_answer_a_vietnamese_503(server_without_database, path):
    status, headers, body = fetch(server_without_database + path)
    assert status == 503
    assert headers["Retry-After"] == "60"
    assert "Hệ thống tạm thời gián đoạn" in body
    assert "Traceback" not in body and "OperationalError" not in body and "psycopg" not in body


def test_with_postgresql_down_healthz_says_so(server_without_database):
    status, _, body = fetch(server_without_database + "/healthz")
    assert status == 503
    report = json.loads(body)
    assert report["status"] == "down"
    assert report["checks"]["database"]["ok"] is False
    assert report["checks"]["cache"]["ok"] is True


def test_robots_txt_needs_no_database(server_without_database):
    assert fetch(server_without_database + "/robots.txt")[0] == 200


@pytest.mark.django_db
def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "ok"
    assert all(check["ok"] for check in report["checks"].values())
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_with_redis_down_pages_serve_and_healthz_says_degraded(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": BROKEN_REDIS,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.COUNTER_STORE, settings.REDIS_URL = "redis", BROKEN_REDIS
    counters.reset_store()
    article = make_article()
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 Chrome/130", raise_request_exception=False)
    for url in (
        "/",
        article.unit.get_absolute_url(),
        article.get_absolute_url(),
        "/van-ban/",
        "/hoi-nghi/",
    ):
        assert client.get(url).status_code == 200
    response = client.get("/healthz")
    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "degraded"
    assert report["checks"]["database"]["ok"] is True
    assert report["checks"]["cache"]["ok"] is False
    assert report["checks"]["counters"]["ok"] is False
    article.refresh_from_db()
    assert article.views == 1  # counted straight into the database meanwhile


@pytest.fixture
def private_redis(tmp_path):
    """A Redis server of this test's own, which the test may stop and start again."""
    import shutil

    binary = shutil.which("redis-server")
    if not binary:
        pytest.skip("redis-server is not installed")
    port = free_port()

    def start():
        proc = subprocess.Popen(
            [
                binary,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(tmp_path),
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return proc
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    state = {"proc": start()}

    def stop():
        state["proc"].terminate()
        state["proc"].wait(timeout=10)

    def restart():
        state["proc"] = start()

    yield f"redis://127.0.0.1:{port}/0", stop, restart
    stop()


@pytest.mark.django_db
def test_counts_fall_back_while_redis_is_down_and_resume_when_it_returns(settings, private_redis):
    url, stop, restart = private_redis
    settings.COUNTER_STORE, settings.REDIS_URL = "redis", url
    counters.reset_store()
    article = make_article()

    def read():
        return (
            Client(HTTP_USER_AGENT="Mozilla/5.0 Chrome/130")
            .get(article.get_absolute_url())
            .status_code
        )

    assert read() == 200  # buffered in Redis
    stop()
    assert [read(), read()] == [200, 200]  # Redis down: straight into the database
    article.refresh_from_db()
    assert article.views == 2
    restart()  # an empty Redis (nothing persisted): the first count was lost with it
    assert read() == 200
    store = counters.get_store()
    assert store.client.hget(store.pending_key, f"a:{article.pk}") == b"1"  # buffered again
    store.flush()
    article.refresh_from_db()
    assert article.views == 3
