"""gunicorn settings for Tuyên giáo CMS:  gunicorn -c deploy/gunicorn.conf.py config.wsgi

Sync workers, one per core plus one: pages are short, mostly served from the cache, and
each worker holds one persistent PostgreSQL connection (CONN_MAX_AGE). Behind nginx.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "sync"
timeout = 30
graceful_timeout = 30
max_requests = 20000  # recycle workers now and then (memory); each flushes on exit
max_requests_jitter = 2000
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"


def worker_exit(server, worker):
    """A worker stopping (graceful stop, reload, max_requests) writes the view and visit
    counts it still holds, so a restart loses none."""
    from articles.counters import flush_on_exit

    flush_on_exit()
