"""The reader pipeline: every public page cached whole for anonymous readers and
counted, by the same code on a cache hit and on a fresh render.

    request ──▶ ReaderMiddleware (the outermost middleware)
                 │ visitor id from the "tgv" cookie (a new one when it has none)
                 │ anonymous GET/HEAD of a ReaderPageMixin view?
                 │   key = content version + host + path + the view's parameters
                 │   store.hit(key, reader): the entry and this request's counting,
                 │   in one round trip with Redis
                 ├─ hit: the live parts refilled (view count, CSRF token, visit
                 │       statistics), after checking the article is still public
                 └─ miss: the whole middleware stack and the view; a 200 that the view
                         marks as a reader page is counted (store.track) and cached
                 ▼
               the visitor cookie on every reader page's answer that lacked one

A view opts in with ``ReaderPageMixin`` and says, in ``reader_page()``, whose page it
is (the unit whose board the visit counts for, the article whose view counts).
"""

import os
import re
import threading
import time
import uuid
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.http import HttpResponse
from django.middleware import csrf
from django.middleware.csrf import CsrfViewMiddleware
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.http import http_date

from core import pagecache, security
from core.templatetags.vi import so_fast

from .counters import Reader, get_store, scope_for_unit, scopes_of
from .services import is_crawler, visit_stats

_VALID_ID = re.compile(r"^[0-9a-f]{32}$")
_VIEWS_HOLE = re.compile(r'(<span class="views">Số lần xem: )[\d.]+(</span>)')
_CSRF_HOLE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_STATS_HOLE = re.compile(r"(<!--stats-->).*?(<!--/stats-->)", re.S)
# What a cached copy holds in place of the live parts (never served as such: every hit
# replaces each mark its entry says it has).
_VIEWS_MARK, _CSRF_MARK, _STATS_MARK = b"\x00views\x00", b"\x00csrf\x00", b"\x00stats\x00"
#: Headers of the rendered answer not kept with the cached copy.
_NOT_KEPT = {"content-length", "set-cookie", "x-page-cache"}


@dataclass(frozen=True)
class ReaderPage:
    """What the pipeline needs to know of a page: the unit whose board its visit counts
    for (None: the site only), the article whose view counts, how long a cached copy
    lives, and whether its visit statistics are refilled on every hit."""

    unit_id: int | None = None
    article_id: int | None = None
    seconds: int | None = None
    live_stats: bool = False

    @property
    def scopes(self):
        return scopes_of(self.unit_id)


def holder_id(unit):
    """Visits belong to the board that looks after the unit today."""
    return None if unit is None else unit.successor_id


class ReaderPageMixin:
    """For public views: cached for anonymous readers and counted (see the module).

    ``cache_params``: the query parameters the page depends on (others are ignored, so
    random ones cannot fill the cache). ``reader_page()``: whose page this is and how
    long a copy lives (ReaderPage; a new content version ends it sooner); None for an
    answer that is neither counted nor cached (an editor's preview)."""

    cache_params = ("page",)

    def reader_page(self):
        # On a board's site the visit is the board's (provinces.sites).
        site = getattr(self.request, "board_site", None)
        return ReaderPage(unit_id=site.unit_id if site else None)

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code == 200 and request.method in {"GET", "HEAD"}:
            response.reader_page = self.reader_page()
        return response


def reader_of(request, *, member=False):
    return Reader(
        visitor=request.visitor_id,
        member=member,
        ip=security.client_ip(request),
        counts=request.method == "GET" and not is_crawler(request),
    )


def track(request, page):
    """Count a reader page's fresh answer (the view has rendered it)."""
    user = getattr(request, "user", None)
    reader = reader_of(request, member=bool(user and user.is_authenticated))
    return get_store().track(reader, scopes=page.scopes, article_id=page.article_id)


# --- The article's live state on a hit ------------------------------------------------

#: article id -> (flush generation, stored views, public), this process's.
_state = {}
_state_lock = threading.Lock()
STATES_KEPT = 20_000


def article_state(article_id, generation=None):
    """(stored views, public now) of one article, None when there is no such article.

    Read on cache hits: a withdrawn article's cached copy is never served (the content
    version ends it within a second of the commit; this catches the rest). Stored counts
    change only when a flush applies a batch, which bumps the store's flush generation;
    a state read under the current ``generation`` is reused by this process until the
    next, so a busy article needs no query at all (with Redis, a withdrawal is seen at
    the next flush at the latest, every few seconds, even with the cache unreachable
    for the version's bump)."""
    from .models import Article

    if generation is not None:
        known = _state.get(article_id)
        if known is not None and known[0] == generation:
            return known[1:]
    row = Article.objects.filter(pk=article_id).values("views", "status", "published_at").first()
    if row is None:
        _state.pop(article_id, None)
        return None
    state = (
        row["views"],
        Article(status=row["status"], published_at=row["published_at"]).is_published,
    )
    if generation is not None:
        with _state_lock:
            if len(_state) >= STATES_KEPT:
                _state.clear()
            _state[article_id] = (generation, *state)
    return state


def forget_states():
    _state.clear()


# --- The CSRF token of a cached page ------------------------------------------------

_CSRF_CHARS = csrf.CSRF_ALLOWED_CHARS
_CSRF_BYTES_KEPT = 256 - 256 % len(_CSRF_CHARS)  # below this, byte % 62 is uniform


_CSRF_INDEX = {char: i for i, char in enumerate(_CSRF_CHARS)}


def _random_indices(length=csrf.CSRF_SECRET_LENGTH):
    """``length`` uniform indices into CSRF_ALLOWED_CHARS from os.urandom (rejection
    sampling). Django draws each character with its own secrets.choice(): 64 system
    calls for a new reader's token, most of a cached hit's Python time."""
    drawn = []
    while len(drawn) < length:
        drawn += [b % len(_CSRF_CHARS) for b in os.urandom(length + 8) if b < _CSRF_BYTES_KEPT]
    return drawn[:length]


def csrf_token(request):
    """django.middleware.csrf.get_token(), the same token (a secret masked with a fresh
    mask, the secret kept in the CSRF cookie), with cheaper randomness. Call after
    CsrfViewMiddleware.process_request(); its process_response() sets the cookie."""
    meta = request.META
    if "CSRF_COOKIE" not in meta:
        meta["CSRF_COOKIE"] = "".join(_CSRF_CHARS[i] for i in _random_indices())
    meta["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = _random_indices()
    n = len(_CSRF_CHARS)
    cipher = "".join(
        _CSRF_CHARS[(_CSRF_INDEX[s] + m) % n]
        for s, m in zip(meta["CSRF_COOKIE"], mask, strict=True)
    )
    return "".join(_CSRF_CHARS[i] for i in mask) + cipher


VISITOR_COOKIE_SECONDS = 365 * 24 * 3600


@lru_cache(maxsize=4)
def _expiry(second, seconds):
    """A cookie's Expires date ``seconds`` after ``second``, formatted once a second."""
    return http_date(second + seconds)


def set_csrf_cookie(response, secret):
    """The cookie CsrfViewMiddleware.process_response() would set, with its expiry date
    formatted once a second. (CSRF_USE_SESSIONS is off: readers have no session. The
    cached copy's headers already vary on Cookie.)"""
    response.set_cookie(
        settings.CSRF_COOKIE_NAME,
        secret,
        max_age=settings.CSRF_COOKIE_AGE,
        expires=_expiry(int(time.time()), settings.CSRF_COOKIE_AGE)
        if settings.CSRF_COOKIE_AGE
        else None,
        domain=settings.CSRF_COOKIE_DOMAIN,
        path=settings.CSRF_COOKIE_PATH,
        secure=settings.CSRF_COOKIE_SECURE,
        httponly=settings.CSRF_COOKIE_HTTPONLY,
        samesite=settings.CSRF_COOKIE_SAMESITE,
    )


# --- The middleware --------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _reader_view(path, urlconf):
    """The ReaderPageMixin view class answering ``path``, or None. Kept per path: URL
    resolution costs more than the rest of a cached hit's Python."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not issubclass(view_class, ReaderPageMixin):
        return None
    return view_class


def _cache_key(request):
    """The page cache key of this request, or None when it is not served from the
    cache (not anonymous GET/HEAD, not a reader page, or the cache is down)."""
    if not pagecache.cacheable(request):
        return None
    view_class = _reader_view(request.path_info, getattr(request, "urlconf", None))
    if view_class is None:
        return None
    return pagecache.page_key(request, view_class.cache_params)


def stats_fragment(name):
    """The figures of the "Thống kê truy cập" box named ``name`` ("stats:<scope>"),
    rendered: a few queries, kept PAGE_CACHE_LIST_SECONDS (the hit script returns it
    with the page while it lives)."""
    from provinces.models import Unit

    scope = name.removeprefix("stats:")
    unit = None if scope == "site" else Unit.objects.filter(pk=int(scope[1:])).first()
    html = render_to_string("includes/visit_stats_figures.html", {"stats": visit_stats(unit=unit)})
    get_store().save_fragment(name, html, settings.PAGE_CACHE_LIST_SECONDS)
    return html


class ReaderMiddleware:
    """See the module. Outermost, so that a cached page is served before the middleware
    it does not need (sessions, authentication, messages) runs; the headers those and
    the security middleware set are kept with the cached copy."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        cookie = request.COOKIES.get(settings.VISITOR_COOKIE, "")
        is_new = not _VALID_ID.match(cookie)
        request.visitor_id = uuid.uuid4().hex if is_new else cookie
        key = _cache_key(request)
        response = self.serve_hit(request, key) if key is not None else None
        if response is None:
            response = self.get_response(request)
            page = getattr(response, "reader_page", None)
            if page is None or response.status_code != 200:
                return response
            track(request, page)
            if key is not None:
                self.save(key, response, page)
        if is_new:
            # Every reader page's answer carries the visitor cookie, hit or miss: without
            # it, each later request would be a new reader, counted again.
            response.set_cookie(
                settings.VISITOR_COOKIE,
                request.visitor_id,
                max_age=VISITOR_COOKIE_SECONDS,
                expires=_expiry(int(time.time()), VISITOR_COOKIE_SECONDS),
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response

    def serve_hit(self, request, key):
        entry, result = get_store().hit(key, reader_of(request))
        if entry is None:
            return None
        live = {}
        if entry["article"] is not None:
            state = article_state(entry["article"], result.generation)
            if state is None or not state[1]:
                return None  # withdrawn or deleted since it was cached: render afresh
            # The figure shown is the count before this reader's view, as on a fresh
            # render: the counting call returned the pending views, this one included.
            pending = result.pending_views - (1 if result.counted_view else 0)
            live[b"views"] = so_fast(state[0] + pending).encode()
        if entry["fragment"]:
            figures = entry.get("fragment_html") or stats_fragment(entry["fragment"])
            live[b"stats"] = figures.encode()
        if entry["csrf"]:
            self.csrf.process_request(request)
            live[b"csrf"] = csrf_token(request).encode()
        body = entry["body"]
        if live:
            # One pass over the page: the marks are "\x00name\x00", so splitting on NUL
            # puts each mark's name at an odd index.
            parts = body.split(b"\x00")
            parts[1::2] = [live.get(name, b"") for name in parts[1::2]]
            body = b"".join(parts)
        response = self.respond(request, body, entry["headers"])
        if entry["csrf"] and request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            set_csrf_cookie(response, request.META["CSRF_COOKIE"])
        return response

    @staticmethod
    def respond(request, body, headers):
        response = HttpResponse(body)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(body))
        response["X-Page-Cache"] = "hit"
        return response

    @staticmethod
    def save(key, response, page):
        if getattr(response, "streaming", False):
            return
        # The live parts become marks, replaced on every hit (bytes.replace: no regular
        # expression over the page on the hot path).
        # NUL marks the live parts; none may stand in the page itself.
        text = response.content.decode().replace("\x00", "\ufffd")
        if page.article_id is not None:
            text = _VIEWS_HOLE.sub(rf"\g<1>{_VIEWS_MARK.decode()}\g<2>", text, count=1)
        if page.live_stats:
            text = _STATS_HOLE.sub(rf"\g<1>{_STATS_MARK.decode()}\g<2>", text, count=1)
        text, csrf = _CSRF_HOLE.subn(rf"\g<1>{_CSRF_MARK.decode()}\g<2>", text)
        entry = {
            "body": text.encode(),
            "headers": [(k, v) for k, v in response.items() if k.lower() not in _NOT_KEPT],
            "csrf": bool(csrf),
            "article": page.article_id,
            "unit": page.unit_id,
            "fragment": f"stats:{scope_for_unit(page.unit_id)}" if page.live_stats else "",
        }
        seconds = page.seconds or settings.PAGE_CACHE_LIST_SECONDS
        get_store().save_page(key, entry, seconds)
