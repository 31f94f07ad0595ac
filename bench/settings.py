"""Settings for benchmark runs: the product's settings plus the floor view's URL."""

import os

os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
LOGGING["root"]["level"] = "ERROR"  # noqa: F405
