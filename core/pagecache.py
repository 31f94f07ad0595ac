"""Whole-page caching for anonymous readers, invalidated by a content version.

A rendered public page is cached under a key that includes the *content version*, a
number bumped whenever an editor saves or deletes content (articles, images, comments,
sections, units, boards, directives, meetings): after a publish or an edit, every page
is rendered afresh. The version also carries the time the latest due article went live,
so it rolls over by itself when a scheduled article's time comes: no cron job.

What differs per request is not frozen into the cache:
- the article page's view count and CSRF token are refilled on every hit (see
  ``ArticleDetailView``);
- list pages (which show visit statistics and counts) live ``PAGE_CACHE_LIST_SECONDS``.
Signed-in users, requests carrying messages, and anything but GET/HEAD bypass the cache.
"""

import hashlib
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone

from .cache import get_or_compute

log = logging.getLogger(__name__)

VERSION_KEY = "content:version"
_memo = {"version": None, "checked": 0.0}
_memo_lock = threading.Lock()


def _read_counter():
    counter = cache.get(VERSION_KEY)
    if counter is None:
        # A fresh cache: start from the clock so versions never repeat.
        cache.add(VERSION_KEY, int(time.time() * 1000))
        counter = cache.get(VERSION_KEY)
    return counter


def _latest_due():
    """When the most recently due published article went live. It changes the moment
    a scheduled article's time comes, so cached pages roll over with no cron job."""
    from articles.models import Article

    latest = (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())
        .order_by("-published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return int(latest.timestamp()) if latest else 0


def content_version():
    """The current content version: an edit counter bumped by every save, plus the time
    the latest due article went live. Read at most once a second per process (an edit or
    a scheduled publication reaches every process within a second); None when the cache
    is unavailable (pages are then rendered uncached)."""
    now = time.time()
    with _memo_lock:
        if _memo["version"] is not None and now - _memo["checked"] < 1.0:
            return _memo["version"]
    try:
        version = f"{_read_counter()}-{_latest_due()}"
    except Exception:
        log.warning("content version unavailable", exc_info=True)
        return None
    with _memo_lock:
        _memo.update(version=version, checked=now)
    return version


def bump(*args, **kwargs):
    """Start a new content version (signal receiver and plain function)."""
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.add(VERSION_KEY, int(time.time() * 1000))
            cache.incr(VERSION_KEY)
    except Exception:
        log.warning("could not bump the content version", exc_info=True)
    forget_memo()


def forget_memo():
    """Make this process read the version afresh on its next request."""
    with _memo_lock:
        _memo.update(version=None, checked=0.0)


def cacheable(request):
    if not settings.PAGE_CACHE_ENABLED or request.method not in {"GET", "HEAD"}:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        # Possibly signed in (editors previewing, staff): always rendered fresh.
        return False
    return "messages" not in request.COOKIES


def request_digest(request, params, extra=""):
    """The path and the query parameters ``params`` (others are ignored, so random
    parameters cannot fill the cache), as a short digest."""
    query = "&".join(f"{p}={request.GET.get(p, '')[:100]}" for p in params if p in request.GET)
    raw = f"{request.path}?{query}|{extra}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def page_key(request, params, extra=""):
    """A cache key for this page: the path, the query parameters the view reads and the
    content version."""
    version = content_version()
    if version is None:
        return None
    return f"page:{version}:{request_digest(request, params, extra)}"


def per_version(key, compute, timeout=3600):
    """``compute()``, kept until the content changes (the key holds the content
    version) and computed by one request at a time; computed every time when the cache
    is unavailable. For the costly parts of a page that only an edit can change."""
    version = content_version()
    if version is None:
        return compute()
    return get_or_compute(f"{key}:{version}", compute, timeout)


class CachedPageMixin:
    """For public views: serve anonymous readers a cached copy of the page.

    ``cache_params``: the query parameters the page depends on. ``cache_seconds``: how
    long a copy lives (the content version ends it sooner). On a hit the view's
    ``cached_hit(request, meta)`` runs (count the visit, refill holes) instead of the view.
    """

    cache_params = ("page",)
    cache_seconds = None  # default: settings.PAGE_CACHE_LIST_SECONDS

    def dispatch(self, request, *args, **kwargs):
        key = page_key(request, self.cache_params) if cacheable(request) else None
        if key is None:
            return super().dispatch(request, *args, **kwargs)
        try:
            entry = cache.get(key)
        except Exception:
            log.warning("page cache unavailable", exc_info=True)
            return super().dispatch(request, *args, **kwargs)
        if entry is not None:
            return self.cached_hit(request, entry)
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code == 200 and hasattr(response, "render"):
            response.render()
            entry = {
                "html": response.content.decode(),
                "content_type": response.get("Content-Type"),
                "meta": self.cache_meta(),
            }
            try:
                cache.set(key, entry, self.cache_seconds or settings.PAGE_CACHE_LIST_SECONDS)
            except Exception:
                log.warning("page cache unavailable", exc_info=True)
        return response

    def cache_meta(self):
        """What a cache hit needs to count the visit; views add what they refill."""
        tracking = getattr(self.request, "tracking", None)
        return {
            "unit_id": tracking.unit_id if tracking else None,
            "article_id": tracking.article_id if tracking else None,
        }

    def cached_hit(self, request, entry):
        from articles.services import Tracking

        meta = entry["meta"]
        request.tracking = Tracking(unit_id=meta["unit_id"], article_id=meta["article_id"])
        response = HttpResponse(
            self.refill(request, entry["html"], meta), content_type=entry["content_type"]
        )
        response["X-Page-Cache"] = "hit"
        return response

    def refill(self, request, html, meta):
        return html


# Every change to public content starts a new version. Counters (views, visits) are
# written with queryset updates, which send no signals, so they never invalidate pages.
# Drafts and pending comments are not public: saving them must not empty the cache (or a
# spammer posting comments could keep every page uncached).
_WATCHED = [
    "articles.ArticleImage",
    "articles.Section",
    "provinces.Unit",
    "provinces.Board",
    "provinces.BoardName",
    "directives.Directive",
    "directives.DirectiveRelation",
    "directives.Meeting",
    "directives.ConnectionPoint",
]


def _remember_public(sender, instance, **kwargs):
    """pre_save: was the row public before this save?"""
    if instance.pk is None:
        instance._was_public = False
    else:
        instance._was_public = sender.objects.filter(
            pk=instance.pk, **_PUBLIC[sender._meta.label]
        ).exists()


def _bump_if_public(sender, instance, **kwargs):
    """post_save/post_delete: bump when the row is or was public."""
    public = all(
        getattr(instance, field) == value for field, value in _PUBLIC[sender._meta.label].items()
    )
    if public or getattr(instance, "_was_public", True):
        bump()


_PUBLIC = {
    "articles.Article": {"status": "published"},
    "articles.Comment": {"status": "approved"},
}


def connect_signals():
    from django.apps import apps
    from django.db.models.signals import pre_save

    for label in _PUBLIC:
        model = apps.get_model(label)
        pre_save.connect(_remember_public, sender=model, dispatch_uid=f"pagecache-pre-{label}")
        post_save.connect(_bump_if_public, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(_bump_if_public, sender=model, dispatch_uid=f"pagecache-delete-{label}")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                bump, sender=through, dispatch_uid=f"pagecache-m2m-{label}-{field.name}"
            )

    for label in _WATCHED:
        model = apps.get_model(label)
        post_save.connect(bump, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"pagecache-delete-{label}")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                bump, sender=through, dispatch_uid=f"pagecache-m2m-{label}-{field.name}"
            )
