"""What makes the API behave like a good one, around every view of it (``api_view``):
rate limits per client address (429 + Retry-After), CORS for GET (and the OPTIONS
preflight), ETag and Last-Modified with 304s, Cache-Control, gzip, HEAD.

Validators:
- ``ETag`` is a digest of the body, so it changes with anything in it (view counts
  included) and ``If-None-Match`` is exact.
- ``Last-Modified`` is when the API first saw the current content version
  (core.pagecache): every change readers may see, a withdrawal included, starts a new
  version, and each version's time is later than the one before it, so an
  ``If-Modified-Since`` never hides a change of what is public. (The newest
  ``updated_at`` of a list would: a withdrawn article leaves the list without making it
  any newer.) View counts alone start no version; clients that need them exact use the
  ETag.
"""

import math
import threading
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import http_date

from core.cache import count_in_window
from core.pagecache import content_version
from core.security import client_ip

from .problems import Problem, problem_response

#: Requests one client address may make per window of so many seconds (a limit of 0: no
#: limit), unless settings say otherwise (API_RATE_LIMIT, API_RATE_WINDOW).
DEFAULT_RATE_LIMIT, DEFAULT_RATE_WINDOW = 600, 60
#: How long clients and shared caches may reuse an answer without asking again.
MAX_AGE = 60

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": (
        "ETag, Last-Modified, Link, Retry-After, RateLimit-Limit, RateLimit-Remaining, "
        "RateLimit-Reset, Content-Language"
    ),
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": ALLOWED_METHODS,
    "Access-Control-Allow-Headers": "Accept, Accept-Language, If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}

_gzip = GZipMiddleware(lambda request: None)


def rate_limits():
    """(limit, window), read from the settings on each request."""
    return (
        getattr(settings, "API_RATE_LIMIT", DEFAULT_RATE_LIMIT),
        getattr(settings, "API_RATE_WINDOW", DEFAULT_RATE_WINDOW),
    )


def check_rate(request):
    """Count this request against its address's fixed window (atomic add/incr in the
    shared cache, so every process counts together). Returns the RateLimit headers;
    raises a 429 Problem past the limit. Not limited when the cache is down."""
    limit, window = rate_limits()
    if not limit:
        return {}
    now = time.time()
    slot = int(now // window)
    reset = max(1, math.ceil((slot + 1) * window - now))
    count = count_in_window(f"api:rate:{client_ip(request)}:{slot}", window + 1)
    if count is None:
        return {}
    headers = {
        "RateLimit-Limit": str(limit),
        "RateLimit-Remaining": str(max(0, limit - count)),
        "RateLimit-Reset": str(reset),
    }
    if count > limit:
        raise Problem(
            429,
            f"Địa chỉ của bạn đã gửi quá {limit} yêu cầu trong {window} giây. "
            f"Hãy thử lại sau {reset} giây.",
            f"Your address sent more than {limit} requests in {window} seconds. "
            f"Try again in {reset} seconds.",
            kind="rate-limited",
            headers={**headers, "Retry-After": str(reset)},
        )
    return headers


_versions = {}
_versions_lock = threading.Lock()
LAST_KEY = "api:modified:last"


def last_modified():
    """The Last-Modified time (seconds) of the current content version: when the API
    first saw it, and always later than the version before; None when the cache is
    down."""
    version = content_version()
    if version is None:
        return None
    with _versions_lock:
        if version in _versions:
            return _versions[version]
    key = f"api:modified:{version}"
    try:
        seen = cache.get(key)
        if seen is None:
            candidate = max(int(time.time()), (cache.get(LAST_KEY) or 0) + 1)
            cache.add(key, candidate, 7 * 86400)
            seen = cache.get(key) or candidate
            cache.set(LAST_KEY, max(seen, cache.get(LAST_KEY) or 0), None)
    except Exception:
        return None
    with _versions_lock:
        if len(_versions) > 100:
            _versions.clear()
        _versions[version] = seen
    return seen


def _finish(request, response, rate_headers):
    for name, value in {**CORS_HEADERS, **rate_headers}.items():
        response[name] = value
    if response.status_code == 200 and not response.streaming:
        response["Cache-Control"] = f"public, max-age={MAX_AGE}"
        set_response_etag(response)
        modified = last_modified()
        if modified is not None:
            response["Last-Modified"] = http_date(modified)
        conditional = get_conditional_response(
            request, etag=response["ETag"], last_modified=modified, response=response
        )
        if conditional is not response:
            for name, value in {**CORS_HEADERS, **rate_headers}.items():
                conditional[name] = value
            return conditional
    patch_vary_headers(response, ["Accept-Encoding"])
    return _gzip.process_response(request, response)


def api_view(view):
    """Wrap one of the API's views (its own, or django-ninja's OpenAPI and docs views)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            for name, value in {**CORS_HEADERS, **PREFLIGHT_HEADERS}.items():
                response[name] = value
            response["Allow"] = ALLOWED_METHODS
            return response
        head = request.method == "HEAD"
        try:
            rate_headers = check_rate(request)
            if request.method not in {"GET", "HEAD"}:
                raise Problem(
                    405,
                    "API chỉ cho phép đọc (GET, HEAD, OPTIONS).",
                    "The API is read-only (GET, HEAD, OPTIONS).",
                    kind="method-not-allowed",
                    headers={"Allow": ALLOWED_METHODS},
                )
        except Problem as problem:
            response = problem_response(request, problem)
            for name, value in CORS_HEADERS.items():
                response[name] = value
            return response
        if head:
            request.method = "GET"
        response = view(request, *args, **kwargs)
        response = _finish(request, response, rate_headers)
        if head:
            request.method = "HEAD"
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response

    wrapped.csrf_exempt = True
    return wrapped
