#!/usr/bin/env python
"""Page benchmark: the real site under gunicorn on PostgreSQL (+ Redis), loaded by wrk.

    .venv/bin/python bench/pages.py --setup 1000          # build bench DB with 1,000 articles, run
    .venv/bin/python bench/pages.py                       # run against the bench DB as it is
    .venv/bin/python bench/pages.py --hot                 # also: 64 clients on one article for 30 s

It starts two gunicorns with the same settings (2 sync workers by default), both up for
the whole run: the site with bench/settings.py on --port, and the plain floor on
--floor-port: bench/floor/, a Django project of its own as `django-admin startproject`
makes it (its default middleware, same Django, same PostgreSQL database, debug off) with
two views, `plain-update` (/update/<id>/: one `UPDATE articles_article SET views =
views + 1` through connection.cursor()) and `plain-nodb` (/plain/: no database at all).
Then it runs wrk from a second process against each page in interleaved rounds (every
page once per round, so a machine that slows down slows all pages alike): the two plain
floor views, the in-site floor (/__floor__/<id>/ in bench/urls.py: the same one UPDATE
behind the site's own middleware, so its gap to plain-update is what that middleware
costs), the home page, the largest unit's page 1 and a deep page (page 500 or its
last), an article page (views counted: wrk sends no cookie, so every request is a new
reader), a directive page, search and the staff report (signed in).

It prints requests/s, median and p99 latency and each page's ratio to plain-update,
to plain-nodb and to the in-site floor, then the targets with PASS/FAIL (on 2 sync
workers, wrk -c 16, with Redis): the counted article page >= 1.5x plain-update and
>= 0.4x plain-nodb; home, unit (page 1 and the deep page) and directive pages >= 1.5x
plain-update. Everything, ratios and verdicts too, is written as JSON under
bench/results/ (per page: "x_plain_update", "x_plain_nodb", and "ratio" to the in-site
floor as in earlier results; "floor" and "checks" at the top level).

Needs: PostgreSQL (--db), wrk (apt-get install wrk), optionally Redis (--redis).
"""

import argparse
import json
import shutil
import statistics
import sys
import urllib.request
from datetime import datetime
from pathlib import Path

# Run as a script, bench/ is on the path and the project is not.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (
    ROOT,
    django_shell,
    manage,
    sh,
    start_floor,
    start_server,
    stop_server,
    wrk,
)

PLAIN_UPDATE = "plain-update"
PLAIN_NODB = "plain-nodb"
SITE_FLOOR = "floor (1 UPDATE)"
BOARD_HOST = "bench-board.example.vn"
# (page, floor it is divided by, minimum ratio): the issue's targets.
CHECKS = [
    ("article (counted)", PLAIN_UPDATE, 1.5),
    ("article (counted)", PLAIN_NODB, 0.4),
    ("home", PLAIN_UPDATE, 1.5),
    ("board home (own host)", PLAIN_UPDATE, 1.5),  # a board's site: as fast as the portal's
    ("unit page 1", PLAIN_UPDATE, 1.5),
    ("unit page N", PLAIN_UPDATE, 1.5),  # the deep page: named after its number in run()
    ("directive", PLAIN_UPDATE, 1.5),
]


def setup(args):
    name = args.db.rsplit("/", 1)[1]
    admin_url = args.db.rsplit("/", 1)[0] + "/postgres"
    print(f"== recreating database {name}")
    sh("psql", admin_url, "-qc", f'DROP DATABASE IF EXISTS "{name}"')
    sh("psql", admin_url, "-qc", f'CREATE DATABASE "{name}"')
    manage(args, "migrate", "-v0")
    manage(args, "load_demo", "-v0")
    if args.setup > 5:
        manage(args, "generate_demo", "--articles", str(args.setup))


def targets(args):
    """Pick the URLs: the largest unit, a deep page of it, a hot article, a directive."""
    code = r"""
import json
from django.db.models import Count
from articles.models import Article
from directives.models import Directive
from provinces.models import Unit
from django.contrib.auth import get_user_model
from provinces.models import BoardDomain, Membership
from django.test import Client
pub = Article.objects.published()
per_unit = {}
for row in pub.values("unit_id").annotate(n=Count("id")):
    unit = Unit.objects.get(pk=row["unit_id"]).successor
    per_unit[unit.pk] = per_unit.get(unit.pk, 0) + row["n"]
big = Unit.objects.get(pk=max(per_unit, key=per_unit.get))
pages = max(1, (per_unit[big.pk] + 19) // 20)
hot = pub.order_by("-published_at").first()
floor = pub.order_by("published_at").first()
directive = Directive.objects.annotate(n=Count("articles")).order_by("-n").first()
# The largest unit's board gets a domain of its own: its site is benchmarked beside the portal.
BoardDomain.objects.get_or_create(
    host="bench-board.example.vn", defaults={"board": big.board, "kind": "primary"}
)
user, _ = get_user_model().objects.get_or_create(username="bench-analyst", defaults={"is_staff": False})
user.set_password("bench-Password-123")
user.save()
Membership.objects.update_or_create(user=user, defaults={"board": Unit.objects.central().board, "role": "analyst"})
client = Client()
client.force_login(user)
print(json.dumps({
    "unit": big.get_absolute_url(), "unit_articles": per_unit[big.pk], "pages": pages,
    "deep_page": min(500, pages), "article": hot.get_absolute_url(), "article_id": hot.pk,
    "floor_id": floor.pk, "directive": directive.get_absolute_url(),
    "session": client.cookies["sessionid"].value, "total": pub.count(),
}))
"""
    return json.loads(django_shell(args, code))


def run(args):
    t = targets(args)
    base = f"http://127.0.0.1:{args.port}"
    plain = f"http://127.0.0.1:{args.floor_port}"
    pages = {
        PLAIN_UPDATE: (f"{plain}/update/{t['floor_id']}/", ()),
        PLAIN_NODB: (f"{plain}/plain/", ()),
        SITE_FLOOR: (f"{base}/__floor__/{t['floor_id']}/", ()),
        "home": (f"{base}/", ()),
        "board home (own host)": (f"{base}/", (f"Host: {BOARD_HOST}",)),
        "unit page 1": (f"{base}{t['unit']}", ()),
        f"unit page {t['deep_page']}": (f"{base}{t['unit']}?page={t['deep_page']}", ()),
        "article (counted)": (f"{base}{t['article']}", ()),
        "directive": (f"{base}{t['directive']}", ()),
        "search": (f"{base}/tim-kiem/?q=tuyen+giao", ()),
        "staff report": (f"{base}/bao-cao/", (f"Cookie: sessionid={t['session']}",)),
    }
    server = start_server(args)
    try:
        floor_server = start_floor(args)
    except BaseException:
        stop_server(server)
        raise
    try:
        available = {}
        for name, (url, headers) in pages.items():
            req = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers))
            try:
                status = urllib.request.urlopen(req, timeout=30).status
            except Exception as exc:  # a page this checkout does not have yet
                print(f"   skipping {name}: {exc}")
                continue
            if status == 200:
                available[name] = (url, headers)
        for name in (PLAIN_UPDATE, PLAIN_NODB):
            if name not in available:
                raise SystemExit(f"the plain floor does not answer {pages[name][0]}")
        rounds = {name: [] for name in available}
        for r in range(args.rounds):
            for name, (url, headers) in available.items():
                rounds[name].append(wrk(args, url, args.duration, args.connections, headers))
            print(f"   round {r + 1}/{args.rounds} done")
        # Search and the staff report have latency targets: one client at a time, so the
        # figure is the time a request takes, not the time it waits behind others.
        latency = {}
        for name in ("search", "staff report"):
            if name in available:
                url, headers = available[name]
                latency[name] = wrk(args, url, args.duration * args.rounds, 1, headers, threads=1)
    finally:
        stop_server(server)
        stop_server(floor_server)
    floors = {
        name: statistics.median(x["rps"] for x in rounds[name])
        for name in (PLAIN_UPDATE, PLAIN_NODB, SITE_FLOOR)
        if name in rounds
    }
    single = [
        {
            "page": name,
            "p50_ms": round(r["p50"], 2),
            "p99_ms": round(r["p99"], 2),
            "requests": r["requests"],
        }
        for name, r in latency.items()
    ]

    def ratio(rps, floor):
        return round(rps / floors[floor], 2) if floors.get(floor) else None

    rows = []
    for name, runs in rounds.items():
        rps = statistics.median(x["rps"] for x in runs)
        rows.append(
            {
                "page": name,
                "rps": round(rps, 1),
                "p50_ms": round(statistics.median(x["p50"] for x in runs), 2),
                "p99_ms": round(statistics.median(x["p99"] for x in runs), 2),
                "x_plain_update": ratio(rps, PLAIN_UPDATE),
                "x_plain_nodb": ratio(rps, PLAIN_NODB),
                "ratio": ratio(rps, SITE_FLOOR),  # to the in-site floor, as before
                "errors": sum(x["errors"] for x in runs),
            }
        )
    deep = f"unit page {t['deep_page']}"
    checks = []
    for page, floor, minimum in CHECKS:
        page = deep if page == "unit page N" else page
        runs = rounds.get(page)
        got = statistics.median(x["rps"] for x in runs) / floors[floor] if runs else None
        checks.append(
            {
                "page": page,
                "against": floor,
                "target": minimum,
                "ratio": None if got is None else round(got, 2),
                # Judged on the unrounded ratio; a page that answered with errors under
                # load (or was skipped) has no valid figure.
                "pass": bool(
                    got is not None and got >= minimum and not any(x["errors"] for x in runs)
                ),
            }
        )
    floor_figures = {name: round(rps, 1) for name, rps in floors.items()}
    return t, rows, single, floor_figures, checks


def hot(args):
    """64 clients on one article for 30 s: no errors, and after the flush the stored count
    equals the number of counted (200) requests the server logged."""
    t = targets(args)
    log = ROOT / "bench" / "results" / "hot-access.log"
    log.parent.mkdir(exist_ok=True)
    log.unlink(missing_ok=True)
    manage(args, "flush_counters")
    before = int(
        django_shell(
            args,
            f"from articles.models import Article; print(Article.objects.get(pk={t['article_id']}).views)",
        )
    )
    server = start_server(args, access_log=log)
    try:
        result = wrk(args, f"http://127.0.0.1:{args.port}{t['article']}", args.hot_duration, 64)
    finally:
        stop_server(server)  # graceful stop: each worker flushes what it still holds
    manage(args, "flush_counters")
    after = int(
        django_shell(
            args,
            f"from articles.models import Article; print(Article.objects.get(pk={t['article_id']}).views)",
        )
    )
    counted = sum(
        1
        for line in log.read_text().splitlines()
        if line.startswith("200 ") and t["article"] in line
    )
    return {
        "requests_wrk": result["requests"],
        "served_200": counted,
        "errors": result["errors"],
        "views_added": after - before,
        "exact": after - before == counted,
        "rps": result["rps"],
        "p99_ms": result["p99"],
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default="postgres://postgres@127.0.0.1:5432/bench_pages")
    parser.add_argument(
        "--redis", default="redis://127.0.0.1:6379/9", help="'' to run without Redis"
    )
    parser.add_argument(
        "--setup", type=int, metavar="N", help="recreate the database with N articles first"
    )
    parser.add_argument("--port", type=int, default=8099, help="the site's gunicorn")
    parser.add_argument(
        "--floor-port", type=int, default=8098, help="the plain floor's gunicorn (bench/floor/)"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=int, default=8, help="seconds per page per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--flush-seconds", type=int, default=2)
    parser.add_argument("--hot", action="store_true", help="also run the hot-article test")
    parser.add_argument("--hot-duration", type=int, default=30)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    if args.setup:
        setup(args)
    manage(args, "collectstatic", "--noinput", "-v0")
    if args.redis:
        import redis

        redis.Redis.from_url(args.redis).flushdb()
    t, rows, single, floors, checks = run(args)
    print(
        f"\n{t['total']:,} published articles; largest unit {t['unit']} has {t['unit_articles']:,} ({t['pages']} pages)"
    )
    print(
        f"gunicorn {args.workers} {args.worker_class} workers, wrk -c {args.connections}, {args.rounds} rounds x {args.duration}s, Redis: {bool(args.redis)}"
    )
    print(
        f"plain floor: bench/floor/ on port {args.floor_port}, same gunicorn settings; "
        f"x plain-upd / x plain-nodb / x site floor: req/s divided by {PLAIN_UPDATE}, "
        f"{PLAIN_NODB}, {SITE_FLOOR!r}"
    )
    print(
        f"{'page':<22}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'x plain-upd':>13}{'x plain-nodb':>14}{'x site floor':>14}{'errors':>8}"
    )

    def fmt(value):
        return "-" if value is None else value

    for r in rows:
        print(
            f"{r['page']:<22}{r['rps']:>9}{r['p50_ms']:>9}{r['p99_ms']:>9}"
            f"{fmt(r['x_plain_update']):>13}{fmt(r['x_plain_nodb']):>14}"
            f"{fmt(r['ratio']):>14}{r['errors']:>8}"
        )
    print("\ntargets (the issue's: 2 sync workers, wrk -c 16, with Redis):")
    as_in_issue = (args.workers, args.worker_class, args.connections) == (2, "sync", 16)
    if not (as_in_issue and args.redis):
        print("   NOTE: this run's settings differ, so the verdicts below are indicative only")
    print(f"{'page':<22}{'against':>14}{'ratio':>9}{'target':>9}  result")
    for c in checks:
        print(
            f"{c['page']:<22}{c['against']:>14}{fmt(c['ratio']):>9}{'>= ' + str(c['target']):>9}"
            f"  {'PASS' if c['pass'] else 'FAIL'}"
        )
    if single:
        print("\none client at a time (latency targets):")
        for r in single:
            print(
                f"{r['page']:<22}{'':>9}{r['p50_ms']:>9}{r['p99_ms']:>9}   ({r['requests']} requests)"
            )
    report = {
        "when": datetime.now().isoformat(timespec="seconds"),
        "args": vars(args),
        "targets": t,
        "pages": rows,
        "floor": floors,
        "checks": checks,
        "single_client": single,
    }
    if args.hot:
        report["hot"] = hot(args)
        print(f"\nhot article: {report['hot']}")
    out = ROOT / "bench" / "results" / f"pages-{t['total']}-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=1, ensure_ascii=False))
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
