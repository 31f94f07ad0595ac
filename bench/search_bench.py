#!/usr/bin/env python
"""Search latency over the generated articles (issue 6): median, p95, p99.

Run from the repository root, on PostgreSQL:

    createdb -h 127.0.0.1 -U postgres bench_search        # once
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_demo --articles 1000000
    .venv/bin/python bench/search_bench.py                 # --rounds 30 --markdown

It measures two paths, both in this process against the real database:
- "search": what the /tim-kiem/ view calls (articles.search.search_articles, plus the
  directives and meetings blocks on page 1): ranking, capped count, the page's rows,
  highlighted titles and snippets;
- "page": a GET /tim-kiem/?q=... through Django's full request stack (middleware, form,
  template) with Django's test client, DEBUG off.
Optionally --url http://127.0.0.1:8013 also times real HTTP requests to a running server.

Each query runs a few times to warm the caches, then --rounds times in shuffled order.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Debug settings at import (static files from the app folders, no manifest needed); DEBUG
# itself is switched off below, so queries are not recorded and templates are not traced.
os.environ.setdefault("DJANGO_DEBUG", "1")

#: (label, query string parameters). The first four are the issue's two-word targets.
QUERIES = [
    ("tuyen giao", {"q": "tuyen giao"}),
    ("nghi quyet", {"q": "nghi quyet"}),
    ("hau giang", {"q": "hau giang"}),
    ("dang (common word)", {"q": "dang"}),
    ("Đảng viên", {"q": "Đảng viên"}),
    ("chuyen doi so", {"q": "chuyen doi so"}),
    ("nghi quyet 35", {"q": "nghi quyet 35"}),
    ("35-NQ/TW", {"q": "35-NQ/TW"}),
    ('"nong thon moi" (phrase)', {"q": '"nong thon moi"'}),
    ("ha anh dung", {"q": "ha anh dung"}),
    ("body only: khong co tu nay", {"q": "khong co tu nay"}),
    ("three words: nghiem xuan thanh", {"q": "nghiem xuan thanh"}),
    ('rare phrase: "nghiem xuan thanh"', {"q": '"nghiem xuan thanh"'}),
    ("no match: qwzx", {"q": "qwzx"}),
    ("tuyen giao + unit Cần Thơ", {"q": "tuyen giao", "tinh": "can-tho"}),
    ("three words + unit Cần Thơ", {"q": "nghiem xuan thanh", "tinh": "can-tho"}),
    ("dang + merged unit Hậu Giang", {"q": "dang", "tinh": "hau-giang"}),
    ("dang + 2021 dates", {"q": "dang", "tu_ngay": "01/01/2021", "den_ngay": "31/12/2021"}),
    ("tuyen giao, page 10", {"q": "tuyen giao", "page": "10"}),
]
TARGET_LABELS = {"tuyen giao", "nghi quyet", "hau giang", "dang (common word)"}


def percentiles(samples):
    ordered = sorted(samples)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return statistics.median(ordered), cuts[94], cuts[98]


def machine_facts():
    from django.db import connection

    from articles.models import Article

    facts = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load average (1/5/15 min)": " / ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        facts["cpu"] = cpu
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        facts["memory"] = f"{mem_kb / 1024 / 1024:.0f} GB"
    except (OSError, StopIteration, ValueError):
        pass
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            facts["postgresql"] = cursor.fetchone()[0]
            cursor.execute("SHOW shared_buffers")
            facts["shared_buffers"] = cursor.fetchone()[0]
            cursor.execute(
                "SELECT pg_size_pretty(pg_total_relation_size('articles_article')), "
                "pg_size_pretty(pg_relation_size('article_search_vector_idx')), "
                "pg_size_pretty(pg_relation_size('article_search_head_idx')), "
                "pg_size_pretty(pg_relation_size('article_search_title_idx'))"
            )
            sizes = cursor.fetchone()
            facts["articles table (with TOAST, indexes)"] = sizes[0]
            facts["GIN indexes (whole / title+summary / title)"] = " / ".join(sizes[1:])
    facts["published articles"] = f"{Article.objects.published().count():,}".replace(",", ".")
    return facts


def time_search(params):
    """What SearchView does for these parameters, minus the template."""
    from articles.search import search_articles
    from articles.search_form import SearchForm, filter_choices
    from core.search import parse_query
    from directives.search import search_directives, search_meetings

    start = time.perf_counter()
    form = SearchForm(params, choices=filter_choices())
    assert form.is_valid(), form.errors
    query = parse_query(form.cleaned_data["q"])
    filters = {
        "unit_ids": form.unit_ids,
        "date_from": form.cleaned_data["tu_ngay"],
        "date_to": form.cleaned_data["den_ngay"],
    }
    results = search_articles(query, page=int(params.get("page", 1)), **filters)
    if results.page == 1:
        search_directives(query, **filters)
        search_meetings(query, **filters)
    return time.perf_counter() - start, results


def time_page(client, params):
    start = time.perf_counter()
    response = client.get("/tim-kiem/", params, secure=True)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, response.status_code
    return elapsed


def time_http(base_url, params):
    url = f"{base_url.rstrip('/')}/tim-kiem/?{urllib.parse.urlencode(params)}"
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        assert response.status == 200
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30, help="timed runs per query")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs per query")
    parser.add_argument("--url", help="also time real HTTP requests to this running site")
    parser.add_argument("--markdown", action="store_true", help="print tables for the docs")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.DEBUG = False
    if connection.vendor != "postgresql":
        print("warning: not PostgreSQL: set DATABASE_URL=postgres://... (see the top of this file)")

    client = Client(HTTP_HOST="127.0.0.1")
    paths = ["search", "page"] + (["http"] if args.url else [])
    samples = {(label, path): [] for label, _ in QUERIES for path in paths}
    matches = {}

    def run(label, params, record):
        elapsed, results = time_search(params)
        matches[label] = results
        timings = {"search": elapsed, "page": time_page(client, params)}
        if args.url:
            timings["http"] = time_http(args.url, params)
        if record:
            for path in paths:
                samples[(label, path)].append(timings[path] * 1000)

    facts = machine_facts()
    for _ in range(args.warmup):
        for label, params in QUERIES:
            run(label, params, record=False)
    rng = random.Random(args.seed)
    started = time.perf_counter()
    for _ in range(args.rounds):
        order = list(QUERIES)
        rng.shuffle(order)
        for label, params in order:
            run(label, params, record=True)
    wall = time.perf_counter() - started

    print("\nMachine")
    for key, value in facts.items():
        print(f"- {key}: {value}")
    print(f"- rounds: {args.rounds} per query (after {args.warmup} warm-up), {wall:.0f} s\n")

    header = ["query", "results"] + [
        f"{path} {stat}" for path in paths for stat in ("median", "p95", "p99")
    ]
    rows = []
    for label, _ in QUERIES:
        results = matches[label]
        shown = results.count if results.count is not None else results.last_number
        row = [label, ("> " if results.count is None else "") + f"{shown:,}".replace(",", ".")]
        if results.incomplete:
            row[1] += " (stopped)"
        for path in paths:
            row += [f"{v:.1f}" for v in percentiles(samples[(label, path)])]
        rows.append(row)
    for title, labels in (
        ("all queries", [label for label, _ in QUERIES]),
        ("two-word targets", [label for label, _ in QUERIES if label in TARGET_LABELS]),
    ):
        row = [f"**{title}**" if args.markdown else title, ""]
        for path in paths:
            pooled = [s for label in labels for s in samples[(label, path)]]
            row += [f"{v:.1f}" for v in percentiles(pooled)]
        rows.append(row)

    if args.markdown:
        print("Latency in milliseconds.\n")
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join(["---"] * 2 + ["---:"] * (len(header) - 2)) + "|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
        print("Latency in milliseconds.")
        for row in [header, *rows]:
            print(
                "  ".join(
                    str(c).ljust(w) if i < 2 else str(c).rjust(w)
                    for i, (c, w) in enumerate(zip(row, widths, strict=True))
                )
            )

    targets = [s for label in TARGET_LABELS for s in samples[(label, "search")]]
    median = statistics.median(targets)
    verdict = "MET" if median < 50 else "NOT MET"
    print(f"\nTarget (median < 50 ms, two-word queries, search path): {median:.1f} ms: {verdict}")


if __name__ == "__main__":
    main()
