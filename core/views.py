import json
import logging
import sys
import time

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import never_cache

log = logging.getLogger(__name__)


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /bao-cao/",
        "Disallow: /dang-nhap/",
        "Disallow: /tim-kiem/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap-index'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    """handler500: a Vietnamese page and never a trace. When the database is the
    cause (PostgreSQL down or unreachable) the answer is 503 "try again shortly", so
    load balancers and crawlers know it is temporary. Both templates are static: they
    render without the database."""
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        html = loader.get_template("503.html").render()
        response = HttpResponse(html, status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def _check(probe):
    start = time.perf_counter()
    try:
        probe()
    except Exception as exc:
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "ms": round((time.perf_counter() - start) * 1000, 1)}


def _probe_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _probe_cache():
    cache.set("healthz", 1, 10)
    if cache.get("healthz") != 1:
        raise RuntimeError("cache did not return what was stored")


#: name -> probe (raises when the part is not working); apps add theirs in ready().
HEALTH_CHECKS = {}


def register_health_check(name, probe):
    """A part /healthz reports on besides the database and the cache; its failure
    degrades the site, it does not take it down."""
    HEALTH_CHECKS[name] = probe


@never_cache
def healthz(request):
    """For load balancers and monitoring: the state of the database, the cache and the
    counter store. 200 while pages can be served (a cache or Redis outage degrades
    speed, not service); 503 when the database is down."""
    checks = {
        "database": _check(_probe_database),
        "cache": _check(_probe_cache),
        **{name: _check(probe) for name, probe in HEALTH_CHECKS.items()},
    }
    if not checks["database"]["ok"]:
        status = "down"
    elif all(c["ok"] for c in checks.values()):
        status = "ok"
    else:
        status = "degraded"
    body = json.dumps({"status": status, "checks": checks})
    return HttpResponse(
        body, status=503 if status == "down" else 200, content_type="application/json"
    )
