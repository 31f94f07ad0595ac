"""The open-data API (django-ninja): one NinjaAPI, its error answers as problem
details, and its OpenAPI 3.1 document and docs page (served from our static files:
"ninja" is an installed app, so its Swagger UI template uses them, never a CDN)."""

from urllib.parse import urlencode

from django.core.exceptions import BadRequest
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

from .problems import Problem, problem_response

DESCRIPTION = """\
Dữ liệu mở của các Ban Tuyên giáo và Dân vận: tin bài, văn bản, hội nghị, đơn vị hành
chính, các ban và chuyên mục. Chỉ những gì bạn đọc xem được trên trang.

Open data of Vietnam's provincial propaganda boards: articles, party documents,
meetings, administrative units (34 since 1 July 2025, 63 before, and the merger map),
boards and sections. Read-only; only what readers can see on the site.

- Lists are paged with cursors: follow `next` (or pass `next_cursor` as `cursor`)
  until it is null. Pages never shift when articles are added.
- Incremental sync: `GET /articles?updated_since=<ISO 8601>`, oldest change first.
- Every answer has `ETag` and `Last-Modified`; send `If-None-Match` /
  `If-Modified-Since` to get `304 Not Modified`. Answers may be cached for 60 s.
- Each client address may send a limited number of requests a minute (see the
  `RateLimit-*` headers); past it, `429` with `Retry-After`.
- Errors are RFC 9457 problem details (`application/problem+json`), in Vietnamese,
  or English when `Accept-Language` prefers it; both under `i18n`.
- CORS: any origin may read (GET).
"""


class Renderer(JSONRenderer):
    # Vietnamese as UTF-8, not \\u escapes: a third smaller.
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="Tuyên giáo CMS — API dữ liệu mở",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    renderer=Renderer(),
)

# --- Errors as problem details ----------------------------------------------------------

_VI = {
    "int_parsing": "cần một số nguyên.",
    "int_from_float": "cần một số nguyên.",
    "greater_than_equal": "giá trị nhỏ hơn mức tối thiểu {ge}.",
    "less_than_equal": "giá trị lớn hơn mức tối đa {le}.",
    "bool_parsing": "cần true hoặc false.",
    "date_parsing": "cần một ngày dạng YYYY-MM-DD.",
    "date_from_datetime_parsing": "cần một ngày dạng YYYY-MM-DD.",
    "date_from_datetime_inexact": "cần một ngày dạng YYYY-MM-DD.",
    "datetime_parsing": "cần một thời điểm ISO 8601 (2026-01-31T08:00:00+07:00).",
    "datetime_from_date_parsing": "cần một thời điểm ISO 8601 (2026-01-31T08:00:00+07:00).",
    "string_too_long": "quá dài (tối đa {max_length} ký tự).",
}


@api.exception_handler(Problem)
def _problem(request, exc):
    return problem_response(request, exc)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    errors = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ()) if part not in {"query", "path"}]
        name = ".".join(loc) or "?"
        ctx = {k: v for k, v in (error.get("ctx") or {}).items() if isinstance(v, int | str)}
        try:
            vi = _VI.get(error.get("type"), "giá trị không hợp lệ.").format(**ctx)
        except (KeyError, IndexError):
            vi = "giá trị không hợp lệ."
        errors.append({"parameter": name, "vi": vi, "en": str(error.get("msg", "invalid"))})
    return problem_response(
        request,
        Problem(
            400,
            "; ".join(f"Tham số “{e['parameter']}” không hợp lệ: {e['vi']}" for e in errors),
            "; ".join(f"Invalid parameter “{e['parameter']}”: {e['en']}" for e in errors),
            kind="invalid-parameter",
            errors=errors,
        ),
    )


@api.exception_handler(BadRequest)
def _bad_request(request, exc):
    return problem_response(request, Problem(400, str(exc), "Invalid parameter."))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return problem_response(request, not_found())


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return problem_response(request, Problem(exc.status_code, str(exc), str(exc)))


def not_found(what_vi="Không có dữ liệu ở địa chỉ này.", what_en="Nothing at this address."):
    return Problem(404, what_vi, what_en)


# --- Pages -------------------------------------------------------------------------------


def page_of(request, response, items, next_cursor):
    """A list page: its items and the next page's cursor and address (also as a Link
    header)."""
    next_url = None
    if next_cursor:
        query = request.GET.copy()
        query["cursor"] = next_cursor
        next_url = request.build_absolute_uri(f"{request.path}?{urlencode(sorted(query.items()))}")
        response["Link"] = f'<{next_url}>; rel="next"'
    return {"items": items, "next_cursor": next_cursor, "next": next_url}


from . import endpoints, reference  # noqa: E402, F401  (they add their routes to ``api``)
