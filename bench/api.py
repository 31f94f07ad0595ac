#!/usr/bin/env python
"""API benchmark: the article list endpoint (/api/v1/articles) under gunicorn on
PostgreSQL + Redis, loaded by wrk; run it at 1,000 and at 1,000,000 articles and compare.

    .venv/bin/python bench/api.py --setup 1000      # recreate the bench DB with 1,000 articles, run
    .venv/bin/python bench/api.py --setup 1000000   # the same with a million (generate_demo)
    .venv/bin/python bench/api.py                   # run against the bench DB as it is
    # both at once, page by page in turn (fair on a busy machine), with the share kept:
    .venv/bin/python bench/api.py --db postgres://…/bench_api_1k --against postgres://…/bench_api_1m

Each wrk request comes from a different client address (a random X-Forwarded-For from
127.0.0.1, a trusted proxy), so the per-address rate limit counts every request, as it
would for many clients, without stopping the benchmark. Pages, in interleaved rounds:

- ``list page 1``: the newest 20 articles (what a polling portal asks);
- ``list deep cursor``: 20 articles after a cursor 90% down the list (keyset: the
  same cost at any depth);
- ``list by unit``: the largest unit's newest 20 (its merged units' archives included);
- ``list by section``: the largest section's newest 20;
- ``detail``: one article with its body.

It prints requests/s, median and p99 latency per page, and writes them as JSON under
bench/results/ (api-<N>-<time>.json). The issue's target: at 1,000,000 articles the list
keeps at least 80% of its throughput at 1,000 (compare the two files' ``rps``).

Needs: PostgreSQL (--db), wrk (apt-get install wrk), optionally Redis (--redis).
"""

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (
    ROOT,
    _ms,
    bench_env,
    django_shell,
    drain,
    gunicorn,
    manage,
    sh,
    stop_server,
)

#: A new client address per request (10.x.y.z), read by core.security.client_ip.
LUA = """
request = function()
  wrk.headers["X-Forwarded-For"] = "10." .. math.random(0, 255) .. "." ..
    math.random(0, 255) .. "." .. math.random(1, 254)
  return wrk.format(nil)
end
"""


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
    # generate_demo analyses the articles table only; the directive links and the small
    # tables need statistics too, or the planner guesses (the directive filter read all
    # 140,000 links of a directive before ANALYZE, 8 ms after).
    sh("psql", args.db, "-qc", "ANALYZE")


def targets(args):
    """The pages' addresses: a deep cursor, the largest unit and section, an article."""
    code = r"""
import json
from django.db.models import Count
from articles.models import Article
from api.cursors import NEWEST
pub = Article.objects.published()
total = pub.count()
deep = pub.order_by("-published_at", "-id")[max(0, int(total * 0.9) - 1)]
unit = pub.values("current_unit__slug").annotate(n=Count("id")).order_by("-n")[0]
section = pub.exclude(section=None).values("section__slug").annotate(n=Count("id")).order_by("-n")[0]
print(json.dumps({
    "total": total, "cursor": NEWEST.encode(deep), "unit": unit["current_unit__slug"],
    "unit_articles": unit["n"], "section": section["section__slug"],
    "article": pub.order_by("-published_at").first().pk,
}))
"""
    return json.loads(django_shell(args, code))


def wrk(args, url, script):
    out = sh(
        "wrk",
        "-t",
        "2",
        "-c",
        str(args.connections),
        "-d",
        f"{args.duration}s",
        "--latency",
        "--timeout",
        "10s",
        "-s",
        script,
        url,
        capture=True,
    ).stdout
    drain(args, url)
    if "Requests/sec" not in out:
        raise SystemExit(f"wrk gave no result for {url}:\n{out}")
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "p50": _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M)[1]),
        "p99": _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M)[1]),
        "errors": int(non2xx[1]) if non2xx else 0,
    }


def pages_of(t, port):
    base = f"http://127.0.0.1:{port}/api/v1"
    return {
        "list page 1": f"{base}/articles",
        "list deep cursor": f"{base}/articles?cursor={t['cursor']}",
        "list by unit": f"{base}/articles?unit={t['unit']}",
        "list by section": f"{base}/articles?section={t['section']}",
        "detail": f"{base}/articles/{t['article']}",
    }


def summarise(results):
    return {
        name: {
            "rps": statistics.median(r["rps"] for r in runs),
            "p50": statistics.median(r["p50"] for r in runs),
            "p99": statistics.median(r["p99"] for r in runs),
            "errors": sum(r["errors"] for r in runs),
            "runs": runs,
        }
        for name, runs in results.items()
    }


def run(args):
    """The pages of --db (and of --against, on the next port, each page run on one then
    the other in turn, so a machine that slows down slows both alike)."""
    sides = [("db", args)]
    if args.against:
        other = argparse.Namespace(**{**vars(args), "db": args.against, "port": args.port + 1})
        sides.append(("against", other))
    setups = {}
    for side, side_args in sides:
        t = targets(side_args)
        env = bench_env(side_args, DJANGO_CACHE_PREFIX=f"bench-api-{side}")
        server = gunicorn(side_args, "config.wsgi:application", side_args.port, ROOT, env)
        setups[side] = (t, pages_of(t, side_args.port), server)
    results = {side: {name: [] for name in setups[side][1]} for side in setups}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(LUA)
    try:
        for _, pages, _ in setups.values():
            for url in pages.values():  # warm up: connections, caches, plans
                sh("curl", "-sfo", "/dev/null", url)
        for round_ in range(args.rounds):
            for name in PAGES:
                order = list(setups) if round_ % 2 == 0 else list(reversed(setups))
                for side in order:
                    r = wrk(args, setups[side][1][name], lua.name)
                    results[side][name].append(r)
                    print(
                        f"  round {round_ + 1} {side:<8}{name:<18} {r['rps']:8.1f} req/s  "
                        f"p50 {r['p50']:.1f} ms"
                    )
    finally:
        for _, _, server in setups.values():
            stop_server(server)
        Path(lua.name).unlink(missing_ok=True)
    return {side: (setups[side][0], summarise(results[side])) for side in setups}


PAGES = ("list page 1", "list deep cursor", "list by unit", "list by section", "detail")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default="postgres://postgres@127.0.0.1:5432/bench_api")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/9", help="'' for none")
    parser.add_argument("--setup", type=int, metavar="N", help="recreate the DB with N articles")
    parser.add_argument(
        "--against",
        metavar="DB",
        help="a second database (set up before): both are run, page by page in turn, and "
        "each page's throughput on it is given as a share of --db's",
    )
    parser.add_argument("--port", type=int, default=8097)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=int, default=8, help="seconds per page per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--flush-seconds", type=int, default=2)
    args = parser.parse_args()
    args.floor_port = None  # the harness's plain floor (bench/pages.py) is not run here
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    if args.setup:
        setup(args)
    if args.redis:
        import redis

        redis.Redis.from_url(args.redis).flushdb()
    runs = run(args)
    print(
        f"\ngunicorn {args.workers} {args.worker_class} workers, wrk -c {args.connections}, "
        f"{args.rounds} rounds x {args.duration}s, Redis: {bool(args.redis)}"
    )
    for side, (t, summary) in runs.items():
        print(
            f"\n{side}: {t['total']:,} published articles; largest unit {t['unit']} has "
            f"{t['unit_articles']:,}"
        )
        print(f"{'page':<20}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
        for name, r in summary.items():
            print(f"{name:<20}{r['rps']:>9.1f}{r['p50']:>9.1f}{r['p99']:>9.1f}{r['errors']:>8}")
    kept = {}
    if "against" in runs:
        print(f"\nthroughput kept ({runs['against'][0]['total']:,} vs {runs['db'][0]['total']:,}):")
        for name in PAGES:
            kept[name] = runs["against"][1][name]["rps"] / runs["db"][1][name]["rps"]
            verdict = "PASS" if kept[name] >= 0.8 else "FAIL"
            print(f"  {name:<20}{kept[name]:>7.0%}  {verdict} (target >= 80%)")
    totals = "-".join(str(t["total"]) for t, _ in runs.values())
    out = ROOT / "bench" / "results" / f"api-{totals}-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(exist_ok=True)
    document = {"args": vars(args), "kept": kept}
    document.update({side: {"targets": t, "pages": s} for side, (t, s) in runs.items()})
    out.write_text(json.dumps(document, indent=2))
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
