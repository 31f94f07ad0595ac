"""Benchmark of the staff report (/bao-cao/) and its downloads on PostgreSQL at scale.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> .venv/bin/python bench/reports.py \
        --articles 1000000 [--runs 5]

Fills the database (once; rerunning tops it up to --articles) with synthetic articles
spread over the 64 units (5% unpublished), 300 extra directives, two directive links
per article, one meeting per 20 articles with two connection points each; then times
the page and the exports through Django's test client (the whole request: middleware,
form, queries, template), printing the median of --runs after one warm-up run. The
figures cache is off except in the scenarios named "cached" (process-local memory
unless REDIS_URL is set).
Never point it at a database whose data you care about: it inserts rows.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

EXTRA_DIRECTIVES = 300


def fill(target):
    from articles.models import Article
    from directives.models import Directive
    from provinces.models import Unit

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    central = Unit.objects.get(slug="trung-uong")
    have = Directive.objects.filter(symbol__startswith="B").count()
    for n in range(have, EXTRA_DIRECTIVES):
        Directive.objects.create(
            kind="ket-luan",
            symbol=f"B{n}-KL/TW",
            title=f"Văn bản thử {n}",
            issuer="Bộ Chính trị",
            unit=central,
            is_published=True,
        )
    start = Article.objects.count()
    if start >= target:
        return
    units = list(Unit.objects.all())
    unit_ids = [u.pk for u in units]
    current_ids = [u.successor.pk for u in units]  # Article.current_unit: after mergers
    directive_ids = list(Directive.objects.values_list("pk", flat=True))
    seed_directives = directive_ids[:11]
    before = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    print(f"Inserting {target - start} articles …", flush=True)
    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO articles_article
              (title, slug, summary, body, byline, source, status, published_at, created_at,
               updated_at, views, is_featured, unit_id, current_unit_id, section_id,
               search_document)
            SELECT 'Bài thử ' || g || ' về công tác tuyên giáo',
                   'bench-' || g, 'Tóm tắt bài thử ' || g, '<p>Nội dung.</p>', '', '',
                   CASE WHEN g %% 20 = 0 THEN 'draft' ELSE 'published' END,
                   CASE WHEN g %% 20 = 0 THEN NULL
                        ELSE now() - (g %% 3650) * interval '1 day' END,
                   now() - (g %% 3650) * interval '1 day', now(), g %% 5000, false,
                   (%s::bigint[])[1 + g %% %s], (%s::bigint[])[1 + g %% %s], NULL,
                   'bai thu ' || g || ' ve cong tac tuyen giao tom tat bai thu ' || g
            FROM generate_series(%s, %s) AS g
            """,
            [unit_ids, len(unit_ids), current_ids, len(unit_ids), start + 1, target],
        )
        cur.execute(
            """
            INSERT INTO articles_article_directives (article_id, directive_id)
            SELECT a.id, (%s::bigint[])[1 + a.id %% %s] FROM articles_article a
            WHERE a.slug LIKE 'bench-%%' AND a.id > %s
            UNION
            SELECT a.id, (%s::bigint[])[1 + (a.id / 7) %% %s] FROM articles_article a
            WHERE a.slug LIKE 'bench-%%' AND a.id > %s
            ON CONFLICT DO NOTHING
            """,
            [
                seed_directives,
                len(seed_directives),
                before,
                directive_ids,
                len(directive_ids),
                before,
            ],
        )
        meetings = (target - start) // 20
        print(f"Inserting {meetings} meetings …", flush=True)
        cur.execute(
            """
            INSERT INTO directives_meeting
              (title, slug, kind, unit_id, date, period_label, chair, location, format,
               attendance, summary, is_published, created_at, updated_at, search_document)
            SELECT 'Hội nghị thử ' || g, 'bench-meeting-' || g, 'so-ket',
                   (%s::bigint[])[1 + g %% %s],
                   CASE WHEN g %% 3 = 0 THEN NULL ELSE current_date - (g %% 3650) END,
                   '', '', '', 'truc-tuyen',
                   CASE WHEN g %% 2 = 0 THEN NULL ELSE 100 + g %% 900 END,
                   '', true, now(), now(), 'hoi nghi thu ' || g
            FROM generate_series(%s, %s) AS g
            """,
            [unit_ids, len(unit_ids), start // 20 + 1, start // 20 + meetings],
        )
        cur.execute(
            """
            INSERT INTO directives_meeting_directives (meeting_id, directive_id)
            SELECT m.id, (%s::bigint[])[1 + m.id %% %s] FROM directives_meeting m
            WHERE m.slug LIKE 'bench-meeting-%%'
            ON CONFLICT DO NOTHING
            """,
            [seed_directives, len(seed_directives)],
        )
        cur.execute(
            """
            INSERT INTO directives_connectionpoint (meeting_id, level, label, count, unit_id)
            SELECT m.id, 'huyen', 'Cấp huyện', CASE WHEN m.id % 4 = 0 THEN NULL ELSE 10 END,
                   NULL
            FROM directives_meeting m WHERE m.slug LIKE 'bench-meeting-%'
            ON CONFLICT DO NOTHING
            """
        )
        cur.execute("ANALYZE")


SCENARIOS = [
    ("page, no filter", "/bao-cao/", {}),
    (
        "page, 05-CT/TW + continuations",
        "/bao-cao/",
        {"van_ban": "chi-thi-05-ct-tw", "tiep_noi": "on"},
    ),
    (
        "page, 01-KL/TW, Cần Thơ, 2021",
        "/bao-cao/",
        {
            "van_ban": "ket-luan-01-kl-tw",
            "don_vi": "can-tho",
            "tu_ngay": "01/01/2021",
            "den_ngay": "31/12/2021",
        },
    ),
    (
        "page, meetings of one kind, sort by title",
        "/bao-cao/",
        {"loai": "so-ket", "sap_xep": "tieu-de"},
    ),
    ("page, free text", "/bao-cao/", {"q": "tuyên giáo 4242"}),
    ("page 200, no filter", "/bao-cao/", {"trang": "200"}),
    ("page 2, no filter, figures cached", "/bao-cao/", {"trang": "2"}),
    (
        "page 2, 05-CT/TW + continuations, figures cached",
        "/bao-cao/",
        {"van_ban": "chi-thi-05-ct-tw", "tiep_noi": "on", "trang": "2"},
    ),
    (
        "csv, 01-KL/TW + Cần Thơ + 2021",
        "/bao-cao/tai-ve.csv",
        {
            "van_ban": "ket-luan-01-kl-tw",
            "don_vi": "can-tho",
            "tu_ngay": "01/01/2021",
            "den_ngay": "31/12/2021",
        },
    ),
    (
        "xlsx, 01-KL/TW + Cần Thơ + 2021",
        "/bao-cao/tai-ve.xlsx",
        {
            "van_ban": "ket-luan-01-kl-tw",
            "don_vi": "can-tho",
            "tu_ngay": "01/01/2021",
            "den_ngay": "31/12/2021",
        },
    ),
    (
        "csv, 35-NQ/TW (every year, every unit)",
        "/bao-cao/tai-ve.csv",
        {"van_ban": "nghi-quyet-35-nq-tw"},
    ),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", help="run only scenarios whose name contains this")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database made for this benchmark.")
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    fill(args.articles)

    from django.contrib.auth import get_user_model

    from articles.models import Article
    from directives.models import Meeting

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    print(
        f"{Article.objects.count():,} articles, {Meeting.objects.count():,} meetings; "
        f"median of {args.runs} runs after a warm-up"
    )
    for name, url, params in SCENARIOS:
        if args.only and args.only not in name:
            continue
        # Cold: every run computes the figures. "cached" scenarios keep the figures
        # cache on, filled by the warm-up run (as when staff page through results).
        settings.REPORTS_CACHE_SECONDS = 300 if "cached" in name else 0
        timings = []
        size = 0
        for run in range(args.runs + 1):
            began = time.perf_counter()
            response = client.get(url, params)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            elapsed = time.perf_counter() - began
            assert response.status_code == 200, (name, response.status_code)
            size = len(body)
            if run:
                timings.append(elapsed * 1000)
        print(f"{name:45} {statistics.median(timings):8.0f} ms  ({size / 1024:,.0f} KiB)")


if __name__ == "__main__":
    main()
