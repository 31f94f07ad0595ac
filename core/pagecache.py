"""The content version: when readers may see something else, cached pages end.

A rendered public page is cached under a key that holds the *content version*. One
function, ``content_changed()``, starts a new version, and every path that changes what
a reader may see goes through it:

- saves, deletes and many-to-many changes of the models apps register with ``watch()``
  (in their ``AppConfig.ready()``), by signal;
- ``update()``, ``bulk_update()`` and ``bulk_create()`` on those models' querysets
  (``ContentQuerySet``), which send no signals;
- raw SQL and management commands, by calling ``content_changed()`` themselves.

The new version starts *after the transaction commits* (``transaction.on_commit``): a
reader arriving between the change and the commit would otherwise render the old rows
and cache them under the new version. Each process reads the version at most once a
second, so a change reaches every reader within a second of its commit.

The version also carries parts apps register with ``register_version_part()`` (the
articles app: the time the latest due article went live), so it rolls over by itself
when a scheduled article's time comes: no cron job.

This module is the floor of the project: it imports no app.
"""

import hashlib
import logging
import threading
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.http import HttpResponse
from django.http.request import split_domain_port

from .cache import bump_version, get_or_compute

log = logging.getLogger(__name__)

VERSION_KEY = "content:version"
_memo = {"version": None, "checked": 0.0}
_memo_lock = threading.Lock()
_version_parts = []


def register_version_part(part):
    """``part()`` returns something whose change must end every cached page (read once a
    second per process, with the edit counter)."""
    if part not in _version_parts:
        _version_parts.append(part)


def _read_counter():
    counter = cache.get(VERSION_KEY)
    if counter is None:
        # A fresh cache: start from the clock so versions never repeat.
        cache.add(VERSION_KEY, int(time.time() * 1000))
        counter = cache.get(VERSION_KEY)
    return counter


def content_version():
    """The current content version, read at most once a second per process; None when
    the cache is unavailable (pages are then rendered uncached)."""
    now = time.time()
    with _memo_lock:
        if _memo["version"] is not None and now - _memo["checked"] < 1.0:
            return _memo["version"]
    try:
        counter = _read_counter()
        if counter is None:  # the cache answers nothing: it is down
            return None
        version = "-".join(str(part) for part in [counter, *(p() for p in _version_parts)])
    except Exception:
        log.warning("content version unavailable", exc_info=True)
        return None
    with _memo_lock:
        _memo.update(version=version, checked=now)
    return version


def content_changed(*, using=None):
    """Readers may now see something else: start a new content version as soon as the
    current transaction commits (at once outside a transaction). Safe to call many
    times in one transaction: each commit starts one version per call, which costs an
    INCR."""
    transaction.on_commit(_bump, using=using, robust=True)


def _bump():
    bump_version(VERSION_KEY, cache=cache)
    forget_memo()


def forget_memo():
    """Make this process read the version afresh on its next request."""
    with _memo_lock:
        _memo.update(version=None, checked=0.0)


def cacheable(request):
    """May this request be answered from (and fill) the page cache? Anonymous GET/HEAD
    only: a session cookie (editors previewing, staff) or pending messages bypass it."""
    if not settings.PAGE_CACHE_ENABLED or request.method not in {"GET", "HEAD"}:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def request_digest(request, params, extra=""):
    """The host name, the path and the query parameters ``params`` (others are ignored,
    so random parameters cannot fill the cache), as a short digest. The host name as
    sent, lower-cased and without its port (so ports and case cannot fill the cache
    either): a page is only stored after the whole stack has answered 200, which it
    does for allowed hosts only (request.get_host() refuses the rest)."""
    query = "&".join(f"{p}={request.GET.get(p, '')[:100]}" for p in params if p in request.GET)
    host = split_domain_port(request.META.get("HTTP_HOST", ""))[0] or request.META.get(
        "SERVER_NAME", ""
    )
    raw = f"{host}{request.path}?{query}|{extra}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def page_key(request, params):
    """The cache key of this page for this content version, or None when the cache is
    unavailable."""
    version = content_version()
    if version is None:
        return None
    return f"page:{version}:{request_digest(request, params)}"


def per_version(key, compute, timeout=3600):
    """``compute()``, kept until the content changes (the key holds the content
    version) and computed by one request at a time; computed every time when the cache
    is unavailable. For the costly parts of a page that only an edit can change."""
    version = content_version()
    if version is None:
        return compute()
    return get_or_compute(f"{key}:{version}", compute, timeout)


def cached_per_version(params=(), timeout=3600):
    """A view decorator for machine-read documents (sitemaps): the answer is kept until
    the content changes, for the query parameters ``params``; anonymous GET/HEAD only,
    200 answers only, uncached when the cache is down. (Reader pages go through
    articles.pages instead: they are counted and have live parts.)"""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            version = content_version() if cacheable(request) else None
            if version is None:
                return view(request, *args, **kwargs)
            key = f"view:{version}:{request_digest(request, params)}"
            entry = cache.get(key)
            if entry is not None:
                return HttpResponse(entry["body"], content_type=entry["content_type"])
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.status_code == 200:
                cache.set(
                    key,
                    {"body": response.content, "content_type": response["Content-Type"]},
                    timeout,
                )
            return response

        return wrapped

    return decorator


# --- What starts a new version ---------------------------------------------------------


class ContentQuerySet(models.QuerySet):
    """Writes that send no signal still start a new content version (on commit).

    ``counter_fields``: columns readers' own requests change (view counts); an
    ``update()`` of those alone is counting, not an edit, and leaves cached pages be:
    the pages refill those figures on every hit."""

    counter_fields = frozenset()

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        if rows and not set(kwargs) <= self.counter_fields:
            content_changed(using=self.db)
        return rows

    update.alters_data = True

    def bulk_update(self, objs, fields, batch_size=None):
        rows = super().bulk_update(objs, fields, batch_size=batch_size)
        if rows and not set(fields) <= self.counter_fields:
            content_changed(using=self.db)
        return rows

    bulk_update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            content_changed(using=self.db)
        return created

    bulk_create.alters_data = True


def watch(model, *, public=None):
    """Every save, delete or many-to-many change of ``model`` starts a new content
    version. With ``public`` ({field: value} of the rows readers see), only changes of
    rows that are or were public do: drafts and pending comments are private, and a
    spammer posting comments must not keep every page uncached."""
    label = model._meta.label
    if public is None:
        post_save.connect(_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")
    else:
        _PUBLIC[label] = public
        pre_save.connect(_remember_public, sender=model, dispatch_uid=f"pagecache-pre-{label}")
        post_save.connect(_changed_if_public, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(
            _changed_if_public, sender=model, dispatch_uid=f"pagecache-delete-{label}"
        )
    for field in model._meta.many_to_many:
        m2m_changed.connect(
            _changed,
            sender=field.remote_field.through,
            dispatch_uid=f"pagecache-m2m-{label}-{field.name}",
        )


_PUBLIC = {}


def _changed(sender, using=None, **kwargs):
    content_changed(using=using)


def _remember_public(sender, instance, **kwargs):
    """pre_save: was the row public before this save?"""
    if instance.pk is None:
        instance._was_public = False
    else:
        instance._was_public = sender._base_manager.filter(
            pk=instance.pk, **_PUBLIC[sender._meta.label]
        ).exists()


def _changed_if_public(sender, instance, using=None, **kwargs):
    """post_save/post_delete: a new version when the row is or was public."""
    public = all(
        getattr(instance, field) == value for field, value in _PUBLIC[sender._meta.label].items()
    )
    if public or getattr(instance, "_was_public", True):
        content_changed(using=using)
