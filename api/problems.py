"""Errors as RFC 9457 problem details (``application/problem+json``), in Vietnamese and
English: ``title`` and ``detail`` in the language the client prefers (Vietnamese unless
its Accept-Language puts English first), both languages under ``i18n``."""

import json

from django.http import HttpResponse
from django.utils.translation.trans_real import parse_accept_lang_header

CONTENT_TYPE = "application/problem+json"
#: Where each kind of problem is explained (the API's documentation page).
TYPE_BASE = "/api/v1/docs#problem-"

TITLES = {
    400: ("Yêu cầu không hợp lệ", "Bad request"),
    404: ("Không tìm thấy", "Not found"),
    405: ("Phương thức không được hỗ trợ", "Method not allowed"),
    429: ("Quá nhiều yêu cầu", "Too many requests"),
}


class Problem(Exception):
    """Raised anywhere in the API: answered as a problem document with ``status``.
    ``vi`` and ``en`` say what went wrong; ``extra`` adds members (``errors``)."""

    def __init__(self, status, vi, en, *, kind=None, headers=None, **extra):
        super().__init__(en)
        self.status = status
        self.vi = vi
        self.en = en
        self.kind = kind or {400: "bad-request", 404: "not-found"}.get(status, str(status))
        self.headers = headers or {}
        self.extra = extra


def bad_parameter(name, vi, en):
    """A query parameter's value is not acceptable (400, naming the parameter)."""
    return Problem(
        400,
        f"Tham số “{name}” không hợp lệ: {vi}",
        f"Invalid parameter “{name}”: {en}",
        kind="invalid-parameter",
        errors=[{"parameter": name, "vi": vi, "en": en}],
    )


def prefers_english(request):
    for lang, _ in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")[:200]):
        if lang.startswith("vi"):
            return False
        if lang.startswith("en"):
            return True
    return False


def problem_response(request, problem):
    title_vi, title_en = TITLES.get(problem.status, ("Lỗi", "Error"))
    english = prefers_english(request)
    document = {
        "type": f"{TYPE_BASE}{problem.kind}",
        "title": title_en if english else title_vi,
        "status": problem.status,
        "detail": problem.en if english else problem.vi,
        "instance": request.path,
        **problem.extra,
        "i18n": {
            "vi": {"title": title_vi, "detail": problem.vi},
            "en": {"title": title_en, "detail": problem.en},
        },
    }
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False),
        status=problem.status,
        content_type=CONTENT_TYPE,
    )
    response["Content-Language"] = "en" if english else "vi"
    response["Vary"] = "Accept-Language"
    for name, value in problem.headers.items():
        response[name] = value
    return response
