"""Settings for Tuyên giáo CMS, read from the environment.

Safe local defaults: SQLite and a process-local cache when DATABASE_URL / REDIS_URL are
unset. Production (DJANGO_DEBUG off) refuses to start without DJANGO_SECRET_KEY.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django_prose_editor.config import html_tags
from js_asset import static_lazy

from core.hosts import AllowedHosts

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


def database_from_url(url):
    """A DATABASE_URL (postgres://user:pass@host:port/name?opt=v, or sqlite:///path;
    a relative path is under the project) as a Django DATABASES entry, read by
    dj-database-url. Only PostgreSQL and SQLite are supported."""
    scheme = urlsplit(url).scheme.lower()
    if scheme in {"postgres", "postgresql", "pgsql"}:
        # Persistent connections: without them every request pays a new PostgreSQL
        # backend (several times slower pages).
        return dj_database_url.parse(
            url,
            conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    if scheme == "sqlite":
        name = dj_database_url.parse(url)["NAME"]
        if not name or name == ":memory:":
            return sqlite_database(BASE_DIR / "db.sqlite3")
        return sqlite_database(BASE_DIR / name)  # an absolute path stays as it is
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {scheme!r} is not supported: use postgres:// or sqlite:///"
    )


def sqlite_database(path):
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            # WAL lets readers proceed during a write; IMMEDIATE takes the write lock at
            # BEGIN so concurrent writers queue (busy timeout) instead of failing with
            # "database is locked" halfway through a transaction.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


# --- Core ------------------------------------------------------------------------------

TESTING = "pytest" in sys.modules or (len(sys.argv) > 1 and sys.argv[1] == "test")
DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "django-insecure-local-development-key-not-for-production"  # noqa: S105
    else:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. With DJANGO_DEBUG off (production) the site "
            "will not start without a secret key. Set DJANGO_SECRET_KEY to a long random "
            "value (for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DJANGO_DEBUG=1 for local development."
        )

# The national portal's hosts; board domains (provinces.BoardDomain) join them by
# themselves (core.hosts.AllowedHosts), and in development every <unit>.localhost does.
ALLOWED_HOSTS = AllowedHosts(
    env_list(
        "DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG or TESTING else []
    )
    + ([".localhost"] if DEBUG else [])
)
#: The national portal's host: where the old domain of a merged board sends readers when
#: its successor's board has no domain of its own (provinces.sites).
PORTAL_HOST = os.environ.get("DJANGO_PORTAL_HOST", "").strip() or next(
    (h for h in ALLOWED_HOSTS if h not in {"*"} and not h.startswith(".")), "localhost"
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django's admin, with its /admin/r/ "view on site" redirector answering only for
    # objects the user may see (provinces/admin_apps.py).
    "provinces.admin_apps.BoardAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "django_prose_editor",  # the article body editor (articles.forms.RichTextWidget)
    "ninja",  # the API's docs page from our own static files (api/)
    "core",
    "provinces",
    "articles",
    "directives",
    "media",
    "api",
    "redirects",
    "importer",
    "demo",
]

MIDDLEWARE = [
    # Outermost: serves and counts readers' cached pages before the rest runs (the
    # headers the rest sets are kept with each cached copy); see articles/pages.py.
    "articles.middleware.ReaderMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "core.middleware.RejectNullBytesMiddleware",
    # The request's host picks a board's site; old domains of merged boards redirect.
    # Inside the reader middleware: a cached page (keyed by host) needs no lookup.
    "provinces.sites.BoardSiteMiddleware",
    # Acts on 404s only: an address of a board's old site that the redirect table knows
    # answers 301 (redirects/middleware.py). Inside the security middleware so the
    # redirect carries their headers; outside the rest, so Django's own slash redirect
    # (CommonMiddleware) comes first. The reader pipeline never caches a 404 or a 301.
    "redirects.middleware.OldAddressMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.PrivateWhenSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "articles.context_processors.navigation",
                "provinces.context_processors.board_site",
                "articles.context_processors.staff_links",
            ],
        },
    },
]

# --- Data ------------------------------------------------------------------------------

DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
DATABASES = {
    "default": database_from_url(DATABASE_URL)
    if DATABASE_URL
    else sqlite_database(BASE_DIR / "db.sqlite3")
}
# A read replica for staff reports (core/routers.py), optional.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "").strip()
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = database_from_url(DATABASE_REPLICA_URL)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["core.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis: one client per process over its connection pool, and cache
            # failures handled in one place: with IGNORE_EXCEPTIONS a Redis outage reads
            # as a miss (logged), so every page is built from the database instead.
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "tgcms"),
            "TIMEOUT": 300,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tgcms",
            "TIMEOUT": 300,
        }
    }

# --- Counters (views, visits, online now) --------------------------------------------

# "redis" buffers counts in Redis (flushed to the database every few seconds and at
# exit); "database" writes each counted view/visit at once. Redis is used when set.
COUNTER_STORE = os.environ.get("DJANGO_COUNTER_STORE", "redis" if REDIS_URL else "database")
COUNTER_KEY_PREFIX = os.environ.get("DJANGO_COUNTER_PREFIX", "tgcms:cnt:")
COUNTER_VISIT_WINDOW = 30 * 60  # a repeat within 30 minutes is not a new view or visit
COUNTER_ONLINE_WINDOW = 5 * 60  # "online now" = seen in the last 5 minutes
# Tests flush by hand: a background flusher would write outside their transactions.
COUNTER_FLUSH_INTERVAL = int(
    os.environ.get("DJANGO_COUNTER_FLUSH_SECONDS", "0" if TESTING else "5")
)
COUNTER_CRAWLER_PATTERN = os.environ.get(
    "DJANGO_CRAWLER_PATTERN",
    r"bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|facebot|zalo.*(preview|crawl)"
    r"|headless|phantomjs|lighthouse|pingdom|uptime|monitor|curl/|wget/|python-requests"
    r"|python-urllib|go-http-client|okhttp|java/|libwww|httpclient|scrapy|feedfetcher|mediapartners",
)
# Obvious floods are served but not counted (no view, visit or online-now): more counted
# page requests a minute than this from one address (offices share one) or one reader
# (cookie). 0 turns a limit off.
COUNTER_FLOOD_PER_ADDRESS = int(os.environ.get("DJANGO_COUNTER_FLOOD_PER_ADDRESS", "300"))
COUNTER_FLOOD_PER_READER = int(os.environ.get("DJANGO_COUNTER_FLOOD_PER_READER", "60"))
# The limits above count counted page requests (views, visits and online-now alike) in
# a sliding window of this many seconds.
COUNTER_FLOOD_WINDOW = int(os.environ.get("DJANGO_COUNTER_FLOOD_WINDOW", "60"))
VISITOR_COOKIE = "tgv"
# Reader comments: at most N per visitor (and per address) in M seconds.
COMMENT_RATE_LIMIT = (
    int(os.environ.get("DJANGO_COMMENT_RATE_COUNT", "3")),
    int(os.environ.get("DJANGO_COMMENT_RATE_SECONDS", "600")),
)

# Staff report figures are cached per filter and visibility scope (0 turns it off).
REPORTS_CACHE_SECONDS = int(os.environ.get("DJANGO_REPORTS_CACHE_SECONDS", "300"))

# --- Page cache (anonymous readers) -------------------------------------------------
PAGE_CACHE_ENABLED = env_bool("DJANGO_PAGE_CACHE", True)
PAGE_CACHE_LIST_SECONDS = 15  # lists show visit statistics and counts: refresh often
PAGE_CACHE_ARTICLE_SECONDS = 3600  # the view count and CSRF token are refilled per hit

# --- Language, time, formats -----------------------------------------------------------

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
# The Vietnamese formats (config/formats/vi) again, for code that runs with no language
# active (management commands, exports built outside a request).
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "d/m/Y H:i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
USE_TZ = True
# Django's own "vi" locale has no input formats: "05/03/2026" would be read as 3 May.
FORMAT_MODULE_PATH = ["config.formats"]

# --- Static and media ------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Videos editors upload (MP4/WebM) and their WebVTT captions: the largest accepted.
VIDEO_MAX_BYTES = int(os.environ.get("DJANGO_VIDEO_MAX_BYTES", str(200 * 1024 * 1024)))
CAPTIONS_MAX_BYTES = 1024 * 1024

# The open-data API (api/): requests per client address per window (429 beyond).
API_RATE_LIMIT = int(os.environ.get("DJANGO_API_RATE_LIMIT", "600"))
API_RATE_WINDOW = int(os.environ.get("DJANGO_API_RATE_WINDOW", "60"))

MEDIA_URL = "/media/"
# Not BASE_DIR / "media": that is the media app (albums, videos, documents).
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "uploads"))
# Serve uploads from Django itself (development, single-server set-ups). Behind nginx or
# with object storage, turn it off and let those serve /media/.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", DEBUG)

# In development and tests whitenoise serves straight from the app folders.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
# A file missing from the manifest (collectstatic forgotten after a deploy) costs that
# file its hashed name, not every page a 500.
WHITENOISE_MANIFEST_STRICT = False

# Uploads on S3-compatible object storage (several app servers share them) when a
# bucket is named; on the local disk (MEDIA_ROOT) otherwise. Needs the "s3" extra.
S3_BUCKET = os.environ.get("DJANGO_S3_BUCKET", "").strip()
if S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DJANGO_S3_REGION") or None,
            "custom_domain": os.environ.get("DJANGO_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not (DEBUG or TESTING)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Authentication --------------------------------------------------------------------

CSRF_FAILURE_VIEW = "core.views.csrf_failure"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
if TESTING:
    # Thousands of accounts are made and signed in by the tests; hashing each with
    # PBKDF2's production work factor would be most of the suite's time. Passwords
    # hashed the production way still verify (the rest of the list).
    from django.conf import global_settings

    PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *global_settings.PASSWORD_HASHERS,
    ]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in throttling (core.security): after this many failures within the lockout
# window, the account (or the address) is refused until the window ends.
LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("DJANGO_LOGIN_FAILURES_PER_ACCOUNT", "5"))
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("DJANGO_LOGIN_FAILURES_PER_ADDRESS", "20"))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("DJANGO_LOGIN_LOCKOUT_SECONDS", str(15 * 60)))
# Before the lock: from this many failures of an (account, address) pair, each further
# failure makes it wait LOGIN_SLOWDOWN_SECONDS, then twice as long (0 seconds: never).
LOGIN_SLOWDOWN_FROM = int(os.environ.get("DJANGO_LOGIN_SLOWDOWN_FROM", "3"))
LOGIN_SLOWDOWN_SECONDS = int(os.environ.get("DJANGO_LOGIN_SLOWDOWN_SECONDS", "15"))
# Staff sessions end after this long without a request (each request extends them).
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_SECONDS", str(4 * 3600)))
SESSION_SAVE_EVERY_REQUEST = True
# Our reverse proxies (nginx, load balancers): X-Forwarded-For is believed from these only.
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES", ["127.0.0.1/32", "::1/128"])

# --- Security (production) -------------------------------------------------------------

# Content-Security-Policy (Django's own middleware): no inline script anywhere; the
# admin's few inline tags carry the per-request nonce. Public pages use no nonce, so
# their cached copies stay valid.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", *env_list("DJANGO_CSP_IMG_HOSTS")],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# The article body editor (django-prose-editor, served from our static files). Its import
# map and module scripts carry the nonce above; our own Tiptap extensions are ES modules
# in static/admin-editor/ that its "configurable" preset imports. Each extension says
# which HTML it produces: the body's allow-list (articles/sanitize.py) is derived from it.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("admin-editor/article-editor.js")],
        "extensions": {
            # One of the article's images, placed by number: <figure data-image="N">
            "ArticleImage": html_tags(["figure"], {"figure": ["data-image"]}),
            # The editor's frame: Vietnamese labels, accessible name, CSP-safe styles.
            "ArticleEditor": html_tags([]),
        },
    }
]

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Logging ---------------------------------------------------------------------------

DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# --- Images (article uploads; checked and resized by articles/images.py) ----------------
# An upload must be a real JPEG, PNG, WebP or GIF no larger than IMAGE_MAX_BYTES and
# IMAGE_MAX_PIXELS (a 40-megapixel photo is about 7700 x 5200; anything above is refused
# before it is decoded, which stops decompression bombs). Resized copies are made on save:
# name -> target width in pixels, encoded as IMAGE_RENDITION_FORMAT.
# Documents (directive files): PDF and office formats only, by content (core/uploads.py).
DOCUMENT_MAX_BYTES = int(os.environ.get("DJANGO_DOCUMENT_MAX_BYTES", str(20 * 1024 * 1024)))
IMAGE_MAX_BYTES = int(os.environ.get("DJANGO_IMAGE_MAX_BYTES", str(10 * 1024 * 1024)))
IMAGE_MAX_PIXELS = int(os.environ.get("DJANGO_IMAGE_MAX_PIXELS", "40000000"))
IMAGE_RENDITIONS = {"thumb": 320, "medium": 800, "large": 1280}
IMAGE_RENDITION_FORMAT = "WEBP"
