"""Rows as the API shows them (plain dicts checked against api/schemas.py). Addresses
are absolute: a page's on its board's own host (provinces.sites.canonical_url), files on
the host asked."""

import re
import threading

from django.urls import reverse

from core.pagecache import content_version
from core.search import html_to_display_text
from provinces.models import Board
from provinces.sites import canonical_url, home_of, site_url

_BLOCK_END = re.compile(
    r"</(?:p|h[1-6]|li|blockquote|figure|figcaption|tr|div|table)\s*>|<br\s*/?>", re.IGNORECASE
)


def plain_text(body):
    """The body as text: one paragraph (block) a line, blank lines between them."""
    blocks = (html_to_display_text(block) for block in _BLOCK_END.split(body or ""))
    return "\n\n".join(block for block in blocks if block)


def unit_ref(unit):
    return {
        "slug": unit.slug,
        "name": unit.name,
        "full_name": unit.full_name,
        "code": unit.code,
        "legacy_code": unit.legacy_code,
    }


def directive_ref(directive):
    return {
        "id": directive.pk,
        "slug": directive.slug,
        "name": directive.name,
        "kind": directive.kind,
        "symbol": directive.symbol,
    }


def _file_url(request, storage_url):
    return request.build_absolute_uri(storage_url) if storage_url else ""


def image_data(image, request):
    storage = image.image.storage
    original = _file_url(request, image.image.url) if image.image else ""
    return {
        "position": image.position,
        "caption": image.caption,
        "alt": image.alt,
        "credit": image.credit,
        "url": original,
        "width": image.width,
        "height": image.height,
        "renditions": {
            name: {
                "url": _file_url(request, storage.url(data["name"])),
                "width": data.get("width"),
                "height": data.get("height"),
            }
            for name, data in sorted((image.renditions or {}).items())
        },
    }


def board_ref(board, moment):
    if board is None:
        return None
    return {
        "id": board.pk,
        "unit": board.unit.slug,
        "name": board.name_on(moment),
        "current_name": board.name,
    }


def article_api_url(request):
    """fn(pk) → an article's API address: one reverse() per request, not per row."""
    prefix = request.build_absolute_uri(reverse("api:article", kwargs={"article_id": "0"}))[:-1]
    return lambda pk: f"{prefix}{pk}"


_boards = {"version": None, "value": None}
_boards_lock = threading.Lock()


def boards_by_unit():
    """{unit id: Board with its dated names}, read once per content version per process
    (boards and their names are watched models: an edit starts a new version), so an
    article list needs no board query; read every time when the cache is down."""
    version = content_version()
    with _boards_lock:
        if version is not None and _boards["version"] == version:
            return _boards["value"]
    value = {b.unit_id: b for b in Board.objects.select_related("unit").prefetch_related("names")}
    with _boards_lock:
        _boards.update(version=version, value=value)
    return value


def article_data(article, request, *, full=False, api_url=None, boards=None):
    unit = article.unit
    boards = boards_by_unit() if boards is None else boards
    data = {
        "id": article.pk,
        "slug": article.slug,
        "title": article.title,
        "summary": article.summary,
        "published_at": article.published_at,
        "updated_at": article.updated_at,
        "unit": unit_ref(unit),
        "successor_unit": unit_ref(unit.successor),
        "board": board_ref(boards.get(unit.pk), article.published_at),
        "section": (
            {"slug": article.section.slug, "name": article.section.name}
            if article.section
            else None
        ),
        "directives": [directive_ref(d) for d in article.directives.all()],
        "byline": article.byline,
        "source": article.source,
        "images": [image_data(image, request) for image in article.images.all()],
        "views": article.views,
        "url": canonical_url(unit.successor_id, article.get_absolute_url(), request),
        "api_url": (api_url or article_api_url(request))(article.pk),
    }
    if full:
        data["body"] = article.body
        data["text"] = plain_text(article.body)
    return data


def relation_data(relation, other):
    return {
        "kind": relation.kind,
        "kind_label": relation.get_kind_display(),
        "directive": directive_ref(other),
    }


def directive_data(directive, request):
    return {
        "id": directive.pk,
        "slug": directive.slug,
        "name": directive.name,
        "kind": directive.kind,
        "kind_label": directive.get_kind_display(),
        "number": directive.number,
        "symbol": directive.symbol,
        "short_title": directive.short_title,
        "title": directive.title,
        "issuer": directive.issuer,
        "unit": unit_ref(directive.unit),
        "issued_on": directive.issued_on,
        "effective_on": directive.effective_on,
        "summary": directive.summary,
        "file_url": _file_url(request, directive.file.url) if directive.file else None,
        "relations": [relation_data(r, r.target) for r in directive.relations_out.all()],
        "related_by": [relation_data(r, r.source) for r in directive.relations_in.all()],
        "url": canonical_url(directive.unit.successor_id, directive.get_absolute_url(), request),
        "updated_at": directive.updated_at,
    }


def meeting_data(meeting, request):
    points = list(meeting.connection_points.all())
    return {
        "id": meeting.pk,
        "slug": meeting.slug,
        "title": meeting.title,
        "kind": meeting.kind,
        "kind_label": meeting.get_kind_display(),
        "unit": unit_ref(meeting.unit),
        "date": meeting.date,
        "period_label": meeting.period_label,
        "period_start": meeting.period_start,
        "period_end": meeting.period_end,
        "chair": meeting.chair,
        "location": meeting.location,
        "format": meeting.format,
        "format_label": meeting.get_format_display(),
        "attendance": meeting.attendance,
        "summary": meeting.summary,
        "directives": [directive_ref(d) for d in meeting.directives.all()],
        "articles": [
            {
                "id": a.pk,
                "title": a.title,
                "url": canonical_url(a.unit.successor_id, a.get_absolute_url(), request),
            }
            for a in meeting.articles.all()
        ],
        "connection_points": [
            {
                "level": p.level,
                "level_label": p.get_level_display(),
                "label": p.label,
                "unit": unit_ref(p.unit) if p.unit else None,
                "count": p.count,
                "attendance": p.attendance,
            }
            for p in points
        ],
        "total_connection_points": meeting.total_connection_points,
        "url": canonical_url(meeting.unit.successor_id, meeting.get_absolute_url(), request),
        "updated_at": meeting.updated_at,
    }


def board_data(board, request):
    home = home_of(board.unit_id)
    return {
        "id": board.pk,
        "unit": board.unit.slug,
        "name": board.name,
        "site_name": board.site_name,
        "names": [
            {"name": n.name, "valid_from": n.valid_from, "valid_until": n.valid_until}
            for n in board.names.all()
        ],
        "editor_in_chief": board.editor_in_chief,
        "editor_in_chief_title": board.editor_in_chief_title,
        "address": board.address,
        "phone": board.phone,
        "email": board.email,
        "website": board.website_url,
        # Its own host's home page, or its unit's page on the national portal.
        "site_url": site_url(home, "/", request)
        if home
        else canonical_url(board.unit_id, board.unit.get_absolute_url(), request),
    }


def unit_data(unit, request):
    return {
        **unit_ref(unit),
        "kind": unit.kind,
        "legacy_name": unit.legacy_name,
        "is_current": unit.is_current,
        "merged_into": unit.merged_into.slug if unit.merged_into_id else None,
        "merged_on": unit.merged_on,
        "merged_units": [u.slug for u in unit.merged_units.all()],
        "board": getattr(getattr(unit, "board", None), "pk", None),
        "url": canonical_url(unit.successor_id, unit.get_absolute_url(), request),
    }


def section_data(section, request):
    return {
        "id": section.pk,
        "slug": section.slug,
        "name": section.name,
        "description": section.description,
        "unit": section.unit.slug if section.unit_id else None,
        "url": request.build_absolute_uri(section.get_absolute_url()),
    }
