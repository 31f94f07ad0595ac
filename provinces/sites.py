"""Each board its own site: the request's host picks the board.

- A board's primary domain and aliases serve its site (``request.board_site``).
- The old domain of a board merged away in 2025 answers with a permanent redirect to
  its successor's site, on the old unit's archive page (Trà Vinh's
  tuyengiao.travinh.gov.vn → Vĩnh Long's site, /tinh/tra-vinh/).
- In development ``<unit-slug>.localhost`` serves that unit's board site (browsers
  resolve ``*.localhost`` to this machine).
- Any other allowed host is the national portal (``request.board_site`` is None); a
  host that is neither is refused by Django (400).

The map of hosts is read once per content version per process (BoardDomain is watched),
and the board domains join settings.ALLOWED_HOSTS (core.hosts.AllowedHosts).
"""

import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponsePermanentRedirect

from core import pagecache
from core.hosts import AllowedHosts, request_host

from .models import Board, BoardDomain

LOCAL_SUFFIX = ".localhost"
#: How long the last map is trusted when the cache (and so the content version) is down.
STALE_SECONDS = 60


@dataclass(frozen=True)
class BoardSite:
    board_id: int
    unit_id: int
    unit_slug: str
    #: the host links and canonical addresses use ("" when the board has none yet)
    primary_host: str


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


_state = {"version": None, "built": 0.0, "hosts": {}, "units": {}}
_lock = threading.Lock()


def _build():
    """({host: _Entry}, {unit slug: BoardSite}): one query for the domains (the unit map
    for ``*.localhost`` only in development)."""
    domains = list(BoardDomain.objects.select_related("board__unit__merged_into__board"))
    primary = {d.board_id: d.host for d in domains if d.kind == BoardDomain.Kind.PRIMARY}

    def site_of(board):
        return BoardSite(board.pk, board.unit_id, board.unit.slug, primary.get(board.pk, ""))

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
    return hosts, units


def _maps():
    version = pagecache.content_version()
    now = time.monotonic()
    with _lock:
        fresh = _state["version"] == version and (
            version is not None or now - _state["built"] < STALE_SECONDS
        )
        if fresh:
            return _state["hosts"], _state["units"]
    hosts, units = _build()
    with _lock:
        _state.update(version=version, built=now, hosts=hosts, units=units)
    allowed = settings.ALLOWED_HOSTS
    if not isinstance(allowed, AllowedHosts):  # replaced wholesale (the test runner does)
        allowed = settings.ALLOWED_HOSTS = AllowedHosts(allowed)
    allowed.extend_with(hosts)
    return hosts, units


def forget():
    """Read the domains afresh on the next request (tests, after a restore)."""
    with _lock:
        _state.update(version=None, built=0.0)


def resolve(host):
    """(BoardSite or None, redirect path or None) for a host name."""
    hosts, units = _maps()
    entry = hosts.get(host)
    if entry is not None:
        return entry.site, entry.redirect_path
    if settings.DEBUG and host.endswith(LOCAL_SUFFIX):
        return units.get(host[: -len(LOCAL_SUFFIX)]), None
    return None, None


def site_url(site, path, request):
    """``path`` on a board site's primary host (the national portal's when the board has
    none), in the request's scheme; an absolute URL is returned as it is."""
    if path.startswith(("http://", "https://")):
        return path
    scheme = "https" if request.is_secure() else "http"
    host = (site.primary_host if site else "") or settings.PORTAL_HOST
    return f"{scheme}://{host}{path}"


class BoardSiteMiddleware:
    """Outermost: a legacy domain is redirected and a board's host is recognised before
    the reader pipeline serves a cached page (whose key holds the host)."""

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
        request.board_site = site
        return self.get_response(request)
