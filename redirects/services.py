"""Serving the redirect table: an old address that the table knows answers with a
permanent redirect and is counted; one it does not know, asked for on a board's host,
is recorded as missing.

Two ways in:
- on a legacy domain every request asks provinces.sites, which asks the resolver
  registered in RedirectsConfig.ready() (``resolve_old_address``);
- on a board's primary or alias host and on the portal, only a 404 asks
  (``answer_not_found``, from redirects.middleware): live pages pay nothing.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from core.hosts import request_host
from provinces import sites
from provinces.models import BoardDomain

from .addresses import normalise_path
from .models import MissingAddress, OldAddress

#: Distinct missing addresses kept per board; past that only the rows already there are
#: counted, so a scanner trying random paths cannot fill the table.
MISSING_PER_BOARD = 5_000
#: What browsers and crawlers ask of any site, and our own admin: never an old page.
NOT_PAGES = ("/favicon.ico", "/apple-touch-icon", "/robots.txt", "/.well-known/", "/admin/")


def _lookup(host, full_path):
    """(the normalised address or None, the row's fields or None): one query."""
    try:
        full_path = normalise_path(full_path)
    except ValidationError:
        return None, None  # longer than any stored address, or not a path at all
    row = (
        OldAddress.objects.at(host, full_path)
        .values(
            "pk",
            "board__unit_id",
            "board__unit__merged_into_id",
            "target_path",
            "article_id",
            "article__slug",
            "article__status",
            "article__published_at",
            "article__current_unit_id",
        )
        .first()
    )
    return full_path, row


def _serves(site, row):
    """A board's site serves only its own family's rows (the rows of its board and of
    the boards whose units merged into its unit), whatever rows a host may carry; the
    portal serves any."""
    if site is None:
        return True
    family = row["board__unit__merged_into_id"] or row["board__unit_id"]
    return site.unit_id in {row["board__unit_id"], family}


def _target(row):
    """(path, unit id of the article or None). The path is "" when the row leads
    nowhere today: its article was withdrawn or deleted."""
    if row["article_id"] is None:
        return row["target_path"], None
    published_at = row["article__published_at"]
    if row["article__status"] != Article.Status.PUBLISHED or (
        published_at is None or published_at > timezone.now()
    ):
        return "", None
    path = reverse("articles:detail", kwargs={"slug": row["article__slug"]})
    return path, row["article__current_unit_id"]


def count_hit(pk):
    """One UPDATE, F() + 1, so concurrent redirects never lose a count. Counting is not
    a content change: no page readers see shows these figures (the admin reads them
    live) and no cached page depends on them, so there is no content_changed() here."""
    OldAddress.objects.filter(pk=pk).update(hits=F("hits") + 1, last_hit_at=timezone.now())


def _not_a_page(full_path):
    prefixes = (*NOT_PAGES, settings.STATIC_URL or "/static/", settings.MEDIA_URL or "/media/")
    return full_path == "/" or full_path.startswith(prefixes)


def record_missing(host, full_path):
    """Count ``full_path`` (normalised) as missing on ``host`` when the host is a board
    domain (primary, alias or legacy), within the per-board cap. Like count_hit, this
    is counting: no content_changed()."""
    if _not_a_page(full_path):
        return
    board_id = BoardDomain.objects.filter(host=host).values_list("board_id", flat=True).first()
    if board_id is None:
        return  # the portal, a development host: no board's old site
    now = timezone.now()
    rows = MissingAddress.objects.at(host, full_path)
    if rows.update(hits=F("hits") + 1, last_seen=now):
        return
    if MissingAddress.objects.filter(board_id=board_id).count() >= MISSING_PER_BOARD:
        return
    try:
        with transaction.atomic():
            MissingAddress.objects.create(
                board_id=board_id,
                host=host,
                path=full_path,
                hits=1,
                first_seen=now,
                last_seen=now,
            )
    except IntegrityError:  # another request recorded it a moment ago
        rows.update(hits=F("hits") + 1, last_seen=now)


def resolve_old_address(host, full_path):
    """The resolver registered with provinces.sites, asked on legacy domains: the path
    the old address leads to on the successor's site, or None (the archive page then).

    For an article it is the article's path on that site; an article that lives on
    another board's site is redirected once more by its page (to its canonical
    address), which knows the request's scheme. Side effects: a redirect is counted,
    an unknown address recorded as missing."""
    site, _archive = sites.resolve(host)
    full_path, row = _lookup(host, full_path)
    if row is None:
        if full_path is not None:
            record_missing(host, full_path)
        return None
    if not _serves(site, row):
        return None
    path, _unit_id = _target(row)
    if not path:
        return None
    count_hit(row["pk"])
    return path


def answer_not_found(request):
    """For a 404 on a board's primary or alias host or on the portal: a permanent
    redirect when the table knows the address, else None (after recording the address
    as missing when the host is a board's)."""
    host = request_host(request)
    site = getattr(request, "board_site", None)
    full_path, row = _lookup(host, request.get_full_path())
    if row is None:
        if full_path is not None and site is not None:
            record_missing(host, full_path)
        return None
    if not _serves(site, row):
        return None
    path, unit_id = _target(row)
    if not path:
        return None  # known, but leads nowhere today: the 404 stands
    if unit_id is not None:
        # The article where it canonically lives: its board's site, else the portal.
        url = sites.canonical_url(unit_id, path, request)
    else:
        url = request.build_absolute_uri(path)
    if url == request.build_absolute_uri():
        return None  # a row pointing at itself would loop
    count_hit(row["pk"])
    return HttpResponsePermanentRedirect(url)
