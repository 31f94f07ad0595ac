"""Each board its own site: the request's host picks the board.

- A board's primary domain and aliases serve its site (``request.board_site``).
- The old domain of a board merged away in 2025 answers with a permanent redirect to
  its successor's site, on the old unit's archive page (Trà Vinh's
  tuyengiao.travinh.gov.vn → Vĩnh Long's site, /tinh/tra-vinh/).
- In development ``<unit-slug>.localhost`` serves that unit's board site (browsers
  resolve ``*.localhost`` to this machine).
- Any other allowed host is the national portal (``request.board_site`` is None); a
  host that is neither is refused by Django (400).

The map of hosts is read once per change of the domains, boards or units (a version in
the shared cache, ``domains_changed``) per process, and the board domains join
settings.ALLOWED_HOSTS (core.hosts.AllowedHosts).
"""

import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.http import HttpResponsePermanentRedirect

from core.cache import bump_version
from core.hosts import AllowedHosts, request_host

from .models import Board, BoardDomain, Unit

LOCAL_SUFFIX = ".localhost"
#: Staff pages stay on the national portal's host (one sign-in, one session cookie, one
#: CSRF origin); asked on a board's site they redirect there.
STAFF_PATHS = ("/admin/", "/dang-nhap/", "/dang-xuat/", "/bao-cao/")
#: How long the last map is trusted when the cache (and so the content version) is down.
STALE_SECONDS = 60
#: How soon the domains are read again after the database failed to answer.
RETRY_SECONDS = 5

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BoardSite:
    board_id: int
    unit_id: int
    unit_slug: str
    #: the host links and canonical addresses use ("" when the board has none yet)
    primary_host: str
    #: its unit and the pre-2025 units merged into it: whose content the site shows
    unit_ids: tuple = ()


@dataclass(frozen=True)
class _Maps:
    #: host → _Entry
    hosts: dict
    #: unit slug → BoardSite, for <slug>.localhost (development only)
    units: dict
    #: unit id → the BoardSite with a primary domain that shows its content
    homes: dict


@dataclass(frozen=True)
class _Entry:
    site: BoardSite
    #: for a legacy domain: the archive page on the successor's site
    redirect_path: str | None = None


#: Old addresses an app above maps to new ones (the redirect table registers here in its
#: ready()): fn(host, path with query) → a path on the target site, an absolute URL, or
#: None.
_path_resolvers = []


def register_path_resolver(resolver):
    if resolver not in _path_resolvers:
        _path_resolvers.append(resolver)


def mapped_path(host, full_path):
    """Where an old address now lives, by the registered resolvers (None: unknown)."""
    for resolver in _path_resolvers:
        target = resolver(host, full_path)
        if target:
            return target
    return None


_state = {"version": None, "built": -1e9, "retry_after": 0.0, "maps": _Maps({}, {}, {})}
_lock = threading.Lock()


def _build():
    """The maps (_Maps) from one query for the domains and one for the merged units (the
    unit map for ``*.localhost`` only in development)."""
    domains = list(BoardDomain.objects.select_related("board__unit__merged_into__board"))
    primary = {d.board_id: d.host for d in domains if d.kind == BoardDomain.Kind.PRIMARY}
    merged = {}
    # Which units a site shows matters only for the sites that serve pages (legacy
    # domains only redirect).
    if settings.DEBUG or any(d.kind != BoardDomain.Kind.LEGACY for d in domains):
        for pk, into in Unit.objects.filter(merged_into__isnull=False).values_list(
            "pk", "merged_into_id"
        ):
            merged.setdefault(into, []).append(pk)

    def site_of(board):
        return BoardSite(
            board.pk,
            board.unit_id,
            board.unit.slug,
            primary.get(board.pk, ""),
            (board.unit_id, *sorted(merged.get(board.unit_id, []))),
        )

    hosts = {}
    for domain in domains:
        board = domain.board
        if domain.kind == BoardDomain.Kind.LEGACY:
            holder = getattr(board.unit.successor, "board", None) or board
            hosts[domain.host] = _Entry(site_of(holder), f"/tinh/{board.unit.slug}/")
        else:
            hosts[domain.host] = _Entry(site_of(board))
    units = {}
    if settings.DEBUG:
        units = {b.unit.slug: site_of(b) for b in Board.objects.select_related("unit")}
    # Where each unit's content lives when its board has a domain of its own.
    homes = {}
    for domain in domains:
        if domain.kind == BoardDomain.Kind.PRIMARY:
            site = site_of(domain.board)
            homes.update(dict.fromkeys(site.unit_ids, site))
    return _Maps(hosts, units, homes)


#: The version of what the map is built from (domains, boards, the merger map), in the
#: shared cache: an edit to an article does not make every process read the domains.
VERSION_KEY = "sites:version"
#: A process reads that version at most this often (seconds).
VERSION_CHECK_SECONDS = 1.0
#: And rebuilds its map at least this often (a change made with raw SQL shows then).
MAX_AGE_SECONDS = 300

_version_memo = {"value": None, "checked": -1e9}


def domains_changed(**kwargs):
    """Receiver for saves and deletes of BoardDomain, Board and Unit: every process reads
    the domains afresh after the commit."""
    transaction.on_commit(_bump_version, robust=True)


def _bump_version():
    bump_version(VERSION_KEY, cache=cache)
    forget()


def _version():
    """The shared sites version (None when the cache is down), read at most once a
    second per process."""
    now = time.monotonic()
    with _lock:
        if now - _version_memo["checked"] < VERSION_CHECK_SECONDS:
            return _version_memo["value"]
    try:
        value = cache.get(VERSION_KEY)
        if value is None:
            cache.add(VERSION_KEY, int(time.time() * 1000))
            value = cache.get(VERSION_KEY)
    except Exception:
        value = None
    with _lock:
        _version_memo.update(value=value, checked=now)
    return value


def _maps():
    version = _version()
    now = time.monotonic()
    with _lock:
        age = now - _state["built"]
        fresh = _state["version"] == version and age < (
            MAX_AGE_SECONDS if version is not None else STALE_SECONDS
        )
        if fresh or now < _state["retry_after"]:
            return _state["maps"]
    try:
        maps = _build()
    except DatabaseError:
        # The database is down: keep what was known (the health check and robots.txt
        # still answer; pages fail as they would anyway) and look again shortly.
        log.warning("board domains unavailable", exc_info=True)
        with _lock:
            _state["retry_after"] = now + RETRY_SECONDS
            return _state["maps"]
    with _lock:
        _state.update(version=version, built=now, maps=maps)
    allowed = settings.ALLOWED_HOSTS
    if not isinstance(allowed, AllowedHosts):  # replaced wholesale (the test runner does)
        allowed = settings.ALLOWED_HOSTS = AllowedHosts(allowed)
    allowed.extend_with(maps.hosts)
    return maps


def forget():
    """Read the domains afresh on the next request (tests, after a restore)."""
    with _lock:
        _state.update(version=None, built=-1e9, retry_after=0.0)
        _version_memo.update(value=None, checked=-1e9)


def resolve(host):
    """(BoardSite or None, redirect path or None) for a host name."""
    maps = _maps()
    entry = maps.hosts.get(host)
    if entry is not None:
        return entry.site, entry.redirect_path
    if settings.DEBUG and host.endswith(LOCAL_SUFFIX):
        return maps.units.get(host[: -len(LOCAL_SUFFIX)]), None
    return None, None


def home_of(unit_id):
    """The board site with a domain of its own that shows ``unit_id``'s content, or
    None (the national portal)."""
    return _maps().homes.get(unit_id)


def canonical_url(unit_id, path, request):
    """``path`` (a page of ``unit_id``'s content) where it canonically lives: on its
    board's own host when the board has one, else on the national portal (this very
    host when the request is on the portal)."""
    home = home_of(unit_id)
    if home is None and getattr(request, "board_site", None) is None:
        return request.build_absolute_uri(path)
    return site_url(home, path, request)


def belongs_here(request, unit_id):
    """Does ``unit_id``'s content belong on the site this request is on? Everything does
    on the national portal; on a board's site only its own units' content."""
    site = getattr(request, "board_site", None)
    return site is None or unit_id in site.unit_ids


def on_this_site(queryset, request, *, central=False):
    """``queryset`` (rows of a unit) narrowed to what the request's site shows."""
    return narrow_to(queryset, getattr(request, "board_site", None), central=central)


def narrow_to(queryset, site, *, central=False):
    """``queryset`` (rows of a unit) narrowed to what ``site`` shows: all of it on the
    national portal (None); on a board's site its own units' rows (articles by their
    current unit, which an index serves), plus the central level's with ``central``."""
    if site is None:
        return queryset
    fields = {f.name for f in queryset.model._meta.get_fields()}
    if "current_unit" in fields:
        condition = Q(current_unit_id=site.unit_id)
    else:
        condition = Q(unit_id__in=site.unit_ids)
    if central:
        condition |= Q(unit__kind=Unit.Kind.CENTRAL)
    return queryset.filter(condition)


class BoardSiteDetailMixin:
    """For a DetailView of a unit's content (``object.unit``): asked on a board's site
    that does not show it, the page redirects permanently to where it lives. With
    ``central_belongs`` the central level's content belongs on every site (directives)."""

    central_belongs = False

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        unit = self.object.unit
        here = belongs_here(request, unit.successor_id) or (
            self.central_belongs and unit.is_central
        )
        if not here:
            url = canonical_url(unit.successor_id, self.object.get_absolute_url(), request)
            return HttpResponsePermanentRedirect(url)
        return self.render_to_response(self.get_context_data(object=self.object))


def site_url(site, path, request):
    """``path`` on a board site's primary host (the national portal's when the board has
    none), in the request's scheme; an absolute URL is returned as it is. In development
    a board without a domain has its ``<unit>.localhost`` site, on the request's port."""
    if path.startswith(("http://", "https://")):
        return path
    scheme = "https" if request.is_secure() else "http"
    host = site.primary_host if site else ""
    if not host and settings.DEBUG:
        from django.http.request import split_domain_port

        port = split_domain_port(request.META.get("HTTP_HOST", ""))[1]
        local = f"{site.unit_slug}{LOCAL_SUFFIX}" if site else settings.PORTAL_HOST
        host = f"{local}:{port}" if port else local
    return f"{scheme}://{host or settings.PORTAL_HOST}{path}"


class BoardSiteMiddleware:
    """Recognises a board's host and redirects legacy domains and staff pages. It runs
    inside articles.pages.ReaderMiddleware: a cached page is keyed by its host, so a hit
    needs no lookup, and only pages answered 200 (never a redirect) are stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = request_host(request)
        site, redirect_path = resolve(host)
        if redirect_path is not None:
            # A mapped old address goes to its page; anything else to the old unit's
            # archive on the successor's site.
            target = mapped_path(host, request.get_full_path()) or redirect_path
            return HttpResponsePermanentRedirect(site_url(site, target, request))
        if site is not None and request.path.startswith(STAFF_PATHS):
            return HttpResponsePermanentRedirect(site_url(None, request.get_full_path(), request))
        request.board_site = site
        return self.get_response(request)
