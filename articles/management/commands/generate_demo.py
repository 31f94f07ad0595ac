"""``manage.py generate_demo --articles N``: N realistic published articles, in bulk.

    python manage.py generate_demo --articles 1000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search \\
        python manage.py generate_demo --articles 1000000

On PostgreSQL rows go in with COPY (Django's bulk_create spends more time building SQL
than the database spends storing the rows) and, for big runs, the articles table's
secondary indexes are built once at the end instead of being updated a million times
(1,000,000 articles: about 8 minutes on 2 cores). Elsewhere (SQLite) it uses
bulk_create.
"""

import io
import json
import multiprocessing
import os
import queue
import random
import re
import string
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import BaseCommand, CommandError, call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from articles import search
from articles.models import Article, ArticleImage, Comment, Section
from core import pagecache
from core.text import fold_text, nfc
from directives.models import Directive, Meeting
from provinces.models import MERGER_DATE, Unit

from . import _demo_text as text

#: Generated articles' slugs start with this; nothing else on the site does (real slugs
#: are made from titles). It is how the command finds, tops up or removes its own rows
#: and never touches the seed articles or anything an editor wrote.
PREFIX = "demo-"
YEARS = 10
IMAGES = [f"demo/anh-minh-hoa-{i}.jpg" for i in range(1, 7)]
IMAGE_SIZE = (960, 540)
#: Above this many new rows (PostgreSQL), the articles table's secondary indexes (all
#: but the primary key and the unique ones) are dropped during the load and built once
#: at the end: keeping 17 indexes up to date row by row, once they outgrow PostgreSQL's
#: buffers, costs more than building them in one pass each.
REINDEX_ABOVE = 50_000
#: Where the dropped indexes' definitions wait (the SQL below spells the name out),
#: written by the transaction that drops them: a run that is killed leaves them here and
#: the next run builds them first.
DROPPED_INDEXES = "generate_demo_dropped_index"
#: Below this many new rows one process is quicker than starting workers.
PARALLEL_ABOVE = 20_000

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class Slugger:
    """slugify_vi() for template-made titles, ~20× faster: core.text.fold_text (one
    translate() per title) and one substitution (tests check it agrees)."""

    def __call__(self, value, max_length=120):
        slug = _NOT_SLUG.sub("-", fold_text(value)).strip("-")
        if len(slug) > max_length:
            cut = slug[:max_length]
            if "-" in cut and slug[max_length] != "-":
                cut = cut.rsplit("-", 1)[0]
            slug = cut.strip("-")
        return slug


class Template:
    def __init__(self, pattern):
        self.pattern = nfc(pattern)
        self.fields = {name for _, name, _, _ in string.Formatter().parse(pattern) if name}


class Corpus:
    """What every batch draws from: units by period, sections, directives, templates
    and a pool of filled-in paragraphs (filling templates for every paragraph of a
    million articles would cost more than the database's work)."""

    def __init__(self, rng, *, units_before, units_after, central, sections, directives):
        self.rng = rng
        self.units_before = units_before
        self.units_after = units_after
        self.central = central
        self.sections = sections
        self.directives = directives
        self.titles = [Template(t) for t in text.TITLES]
        self.summaries = [Template(t) for t in text.SUMMARIES]
        self.sentences = [Template(t) for t in text.SENTENCES]
        self.names = [self.name() for _ in range(3000)]
        self.paragraphs = [self.paragraph() for _ in range(8000)]
        self.captions = [self.fill(Template(t)) for t in text.CAPTIONS for _ in range(50)]
        self.comments = [nfc(c) for c in text.COMMENTS]

    def name(self):
        choice = self.rng.choice
        return f"{choice(text.FAMILY)} {choice(text.MIDDLE)} {choice(text.GIVEN)}"

    def fill(self, template, slots=None):
        """``template`` filled: given ``slots`` first, random values for the rest."""
        rng = self.rng
        slots = slots or {}
        values = {}
        for name in template.fields:
            if name in slots:
                values[name] = slots[name]
            elif name == "period":
                year = slots.get("year") or rng.randint(2016, 2026)
                values[name] = rng.choice(text.PERIODS).format(year=year)
            elif name in ("unit", "unit_full"):
                values[name] = rng.choice(self.units_before).name
            elif name == "directive":
                values[name] = rng.choice(self.directives)[1]
            elif name == "topic":
                values[name] = rng.choice(text.TOPICS)
            elif name == "org":
                values[name] = rng.choice(text.ORGS)
            elif name == "year":
                values[name] = rng.randint(2016, 2026)
            elif name == "name":
                values[name] = rng.choice(self.names)
            elif name == "role":
                values[name] = rng.choice(text.ROLES)
            elif name == "n":
                values[name] = rng.randint(2, 60)
            elif name == "m":
                values[name] = rng.randint(100, 25000)
            elif name == "day":
                values[name] = rng.randint(1, 28)
            elif name == "month":
                values[name] = rng.randint(1, 12)
        return template.pattern.format(**values)

    def paragraph(self):
        return " ".join(
            self.fill(self.rng.choice(self.sentences)) for _ in range(self.rng.randint(2, 4))
        )


# --- Writers: rows are dicts of attname → value ------------------------------------------


class OrmWriter:
    """bulk_create: any database."""

    def __init__(self, using):
        self.using = using

    def articles(self, rows):
        objs = [Article(**row) for row in rows]
        Article.objects.using(self.using).bulk_create(objs)
        return [obj.pk for obj in objs]

    def rows(self, model, rows):
        model.objects.using(self.using).bulk_create([model(**row) for row in rows])


def _copy_value(value):
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    if hasattr(value, "adapted"):  # a JSON value as the PostgreSQL driver wraps it
        return _copy_value(json.dumps(value.adapted, ensure_ascii=False))
    if isinstance(value, dict | list):
        return _copy_value(json.dumps(value, ensure_ascii=False))
    raise TypeError(f"no COPY text for {type(value).__name__}")


class CopyWriter:
    """COPY FROM STDIN (PostgreSQL). Every concrete column is written: the ones the
    generator does not set get the field's default, prepared once."""

    def __init__(self, using):
        self.using = using
        self.connection = connections[using]
        self.columns = {}

    def _columns(self, model, given):
        key = (model, tuple(sorted(given)))
        if key not in self.columns:
            columns, defaults = [], {}
            for field in model._meta.concrete_fields:
                if field.primary_key and field.attname not in given:
                    continue  # identity column: the database numbers the row
                if getattr(field, "generated", False):
                    continue
                columns.append(field)
                if field.attname not in given:
                    default = field.get_db_prep_save(field.get_default(), self.connection)
                    defaults[field.attname] = _copy_value(default)
            self.columns[key] = (columns, defaults)
        return self.columns[key]

    def _copy(self, model, rows):
        if not rows:
            return
        columns, defaults = self._columns(model, rows[0].keys())
        names = [f.attname for f in columns]
        buffer = io.StringIO()
        write = buffer.write
        for row in rows:
            write(
                "\t".join(
                    defaults[name] if name in defaults else _copy_value(row[name]) for name in names
                )
            )
            write("\n")
        buffer.seek(0)
        sql = "COPY {} ({}) FROM STDIN".format(
            self.connection.ops.quote_name(model._meta.db_table),
            ", ".join(self.connection.ops.quote_name(f.column) for f in columns),
        )
        with self.connection.cursor() as cursor:
            cursor.cursor.copy_expert(sql, buffer)

    def articles(self, rows):
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('articles_article', 'id')) "
                "FROM generate_series(1, %s)",
                [len(rows)],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
        for row, pk in zip(rows, ids, strict=True):
            row["id"] = pk
        self._copy(Article, rows)
        return ids

    def rows(self, model, rows):
        self._copy(model, rows)


class Command(BaseCommand):
    help = (
        "Create N realistic published articles (Vietnamese text spread over the units, "
        "sections, directives and ten years; some with images, directives and comments) "
        "in bulk, with a progress bar. Loads the demo data first when it is missing. "
        "Generated articles have slugs starting with 'demo-': a re-run tops up to N of "
        "them (or, with --replace, deletes them and starts again) and never touches other "
        "articles. 1,000,000 take a few minutes on PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            required=True,
            help="How many generated articles there should be in the end.",
        )
        parser.add_argument("--seed", type=int, default=2025, help="Random seed (default 2025).")
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the previously generated articles first, then create N.",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=None,
            help="Parallel workers on PostgreSQL, each with its own connection (default: "
            "the number of CPUs, at most 4, for 20,000 articles or more). Always 1 on SQLite "
            "and inside a transaction.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    # --- the run ------------------------------------------------------------------------

    def handle(self, *args, articles, seed, batch_size, replace, jobs, database, verbosity, **opts):
        if articles < 0:
            raise CommandError("--articles must be 0 or more.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        self.db = database
        self.verbosity = verbosity
        self.postgres = connections[database].vendor == "postgresql"
        if not (
            Unit.objects.using(database).exists()
            and Section.objects.using(database).exists()
            and Directive.objects.using(database).exists()
        ):
            self.say("Demo data (units, sections, directives) missing: loading it first.")
            call_command("load_demo", verbosity=0)
        self.lz4 = False
        if self.postgres:
            self.restore_indexes()  # a run killed while they were dropped
            with connections[database].cursor() as cursor:
                cursor.execute(
                    "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
                    "AND 'lz4' = ANY(enumvals)"
                )
                self.lz4 = cursor.fetchone() is not None

        mine = Article.objects.using(database).filter(slug__startswith=PREFIX)
        if replace:
            removed = self.delete_generated()
            self.say(_dots(f"Deleted {removed:,} generated articles."))
        existing = mine.count()
        wanted = articles - existing
        if wanted <= 0:
            self.say(
                _dots(
                    f"{existing:,} generated articles already exist (asked for {articles:,}): "
                    "nothing to do. Use --replace to start again."
                )
            )
            return
        last = mine.order_by("-slug").values_list("slug", flat=True).first()
        start = int(last[len(PREFIX) : len(PREFIX) + 8]) + 1 if last else 1

        self.ensure_images()
        self.seed = seed
        self.corpus_ = self.corpus(random.Random(seed))  # noqa: S311 (demo text)
        batches = [
            (start + offset, min(batch_size, wanted - offset))
            for offset in range(0, wanted, batch_size)
        ]
        if not self.postgres or connections[database].in_atomic_block:
            # SQLite writes one at a time; inside a caller's transaction, workers with
            # their own connections would not see its uncommitted rows.
            jobs = 1
        elif jobs is None:
            jobs = min(4, os.cpu_count() or 1) if wanted >= PARALLEL_ABOVE else 1
        jobs = max(1, min(jobs, len(batches)))
        reindex = (
            self.postgres and wanted > REINDEX_ABOVE and not connections[database].in_atomic_block
        )
        started = time.monotonic()
        self.progress(0, wanted, started)
        try:
            if reindex:
                dropped = self.drop_indexes()
                self.say(f"Dropped {dropped} indexes of the articles table for the load.")
            if jobs == 1:
                done = 0
                for number, size in batches:
                    self.run_batch(number, size)
                    done += size
                    self.progress(done, wanted, started)
            else:
                self.run_parallel(batches, jobs, wanted, started)
        finally:
            # COPY and bulk loads in worker processes send no signal: readers learn of
            # the new articles through a new content version (core.pagecache).
            pagecache.content_changed(using=database)
            if self.postgres:
                self.restore_indexes()
                if connections[database].in_atomic_block:
                    self.sql("ANALYZE articles_article")
                else:
                    # VACUUM also marks the pages all-visible: the ranking's walk over the
                    # newest articles is then an index-only scan.
                    self.say("VACUUM ANALYZE (statistics and the visibility map)…")
                    self.sql("VACUUM (ANALYZE) articles_article")
        elapsed = time.monotonic() - started
        self.say(
            self.style.SUCCESS(
                _dots(
                    f"Created {wanted:,} articles in {elapsed:,.0f} s "
                    f"({wanted / max(elapsed, 0.001):,.0f}/s); "
                    f"{existing + wanted:,} generated articles in all."
                )
            )
        )

    def run_batch(self, number, size):
        """Create articles number … number + size - 1, in one transaction."""
        corpus = self.corpus_
        # Each batch draws from its own seed: the same N gives the same articles, whatever
        # the number of workers.
        corpus.rng = random.Random(self.seed * 1_000_003 + number)  # noqa: S311
        writer = CopyWriter(self.db) if self.postgres else OrmWriter(self.db)
        with transaction.atomic(using=self.db):
            if self.postgres:
                # Demo rows: losing the last batch to a crash is fine (a re-run tops up),
                # waiting for a disk flush at every commit is not.
                self.sql("SET LOCAL synchronous_commit TO off")
                if self.lz4:
                    # Compressing bodies with lz4 costs a fraction of pglz's CPU.
                    self.sql("SET LOCAL default_toast_compression TO lz4")
            self.create_batch(corpus, writer, number, size)

    def run_parallel(self, batches, jobs, wanted, started):
        """Worker processes (forked, each with its own PostgreSQL connection and so its
        own backend: building the search vectors is the database's CPU work) take every
        jobs-th batch and report each one done."""
        context = multiprocessing.get_context("fork")
        reports = context.Queue()
        connections.close_all()  # never share a connection across fork()
        workers = [
            context.Process(target=self._worker, args=(batches[k::jobs], reports), daemon=True)
            for k in range(jobs)
        ]
        for worker in workers:
            worker.start()
        done = 0
        try:
            while done < wanted:
                try:
                    kind, value = reports.get(timeout=5)
                except queue.Empty:
                    if any(w.exitcode not in (None, 0) for w in workers):
                        raise CommandError("A worker died; re-run to top up.") from None
                    continue
                if kind == "error":
                    raise CommandError(f"A worker failed; re-run to top up.\n{value}")
                done += value
                self.progress(done, wanted, started)
        finally:
            for worker in workers:
                if worker.is_alive() and done < wanted:
                    worker.terminate()
                worker.join()

    def _worker(self, batches, reports):
        # A forked child may still see connection objects whose sockets belong to the
        # parent (opened in another thread or context). Use fresh ones, and keep the
        # inherited ones referenced: finalising them would tell the server to close
        # the parent's sessions.
        self._inherited = []
        for alias in connections:
            self._inherited.append(connections[alias])
            connections[alias] = connections.create_connection(alias)
        try:
            for number, size in batches:
                self.run_batch(number, size)
                reports.put(("done", size))
        except BaseException:
            reports.put(("error", traceback.format_exc()))
            raise
        finally:
            connections.close_all()

    def sql(self, statement):
        with connections[self.db].cursor() as cursor:
            cursor.execute(statement)

    def drop_indexes(self):
        """Drop the articles table's secondary indexes, their definitions kept in
        DROPPED_INDEXES by the same transaction."""
        with transaction.atomic(using=self.db), connections[self.db].cursor() as cursor:
            cursor.execute(
                "CREATE TABLE IF NOT EXISTS generate_demo_dropped_index "
                "(name text PRIMARY KEY, definition text NOT NULL)"
            )
            cursor.execute(
                "INSERT INTO generate_demo_dropped_index (name, definition) "
                "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid "
                "WHERE i.indrelid = %s::regclass AND NOT i.indisunique AND NOT i.indisprimary "
                "ON CONFLICT (name) DO NOTHING RETURNING name",
                [Article._meta.db_table],
            )
            names = [name for (name,) in cursor.fetchall()]
            for name in names:
                cursor.execute(f"DROP INDEX {connections[self.db].ops.quote_name(name)}")
        return len(names)

    def restore_indexes(self):
        """Build the indexes drop_indexes() dropped, one per CPU at a time (PostgreSQL
        builds a GIN index on one core), then forget them."""
        with connections[self.db].cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [DROPPED_INDEXES])
            if not cursor.fetchone()[0]:
                return
            cursor.execute(
                "SELECT name, definition FROM generate_demo_dropped_index "
                "WHERE to_regclass(quote_ident(name)) IS NULL"
            )
            missing = cursor.fetchall()
        if missing:
            self.say(f"Building {len(missing)} indexes…")
            # The biggest first: the run ends when the slowest build does.
            missing.sort(key=lambda row: ("gin" not in row[1], "INCLUDE" not in row[1]))
            definitions = [definition for _, definition in missing]
            if connections[self.db].in_atomic_block:
                # Other connections would not see the caller's transaction.
                for definition in definitions:
                    self.sql(definition)
            else:
                workers = min(4, os.cpu_count() or 1, len(definitions))
                with ThreadPoolExecutor(max_workers=workers) as pool:
                    list(pool.map(self._build_index, definitions))
        self.sql("DROP TABLE generate_demo_dropped_index")

    def _build_index(self, definition):
        # A thread has its own connection (Django's are per thread): close it after.
        try:
            with connections[self.db].cursor() as cursor:
                cursor.execute("SET maintenance_work_mem TO '256MB'")
                cursor.execute(definition)
        finally:
            connections[self.db].close()

    def say(self, message):
        if self.verbosity:
            self.stdout.write(message)

    def progress(self, done, total, started):
        if not self.verbosity:
            return
        elapsed = time.monotonic() - started
        rate = done / elapsed if elapsed > 0 else 0
        eta = (total - done) / rate if rate else 0
        width = 30
        filled = int(width * done / total)
        line = _dots(
            f"[{'#' * filled}{'.' * (width - filled)}] {100 * done / total:5.1f}% "
            f"{done:,}/{total:,} articles · {rate:,.0f}/s · "
            f"ETA {int(eta // 60)}:{int(eta % 60):02d}"
        )
        if self.stdout.isatty():
            self.stdout.write("\r" + line, ending="" if done < total else "\n")
            self.stdout.flush()
            return
        bucket = 20 * done // total  # every 5% when not on a terminal (logs, CI)
        if done in (0, total) or bucket != getattr(self, "_bucket", None):
            self.stdout.write(line)
        self._bucket = bucket

    def corpus(self, rng):
        units = list(Unit.objects.using(self.db).all())
        central = next((u for u in units if u.is_central), None)
        before = [u for u in units if u.legacy_code is not None]
        after = [u for u in units if u.code is not None]
        if not before or not after:
            raise CommandError("The units are missing: run `manage.py load_demo` first.")
        sections = list(
            Section.objects.using(self.db).filter(is_active=True, unit__isnull=True)
        ) or list(Section.objects.using(self.db).all())
        directives = list(Directive.objects.using(self.db).all())
        central_ones = [
            (d.pk, d.name) for d in directives if d.unit_id == getattr(central, "pk", None)
        ]
        return Corpus(
            rng,
            units_before=before,
            units_after=after,
            central=central,
            sections=sections,
            directives=central_ones or [(d.pk, d.name) for d in directives],
        )

    def ensure_images(self):
        """A handful of illustration images every generated photo points at."""
        from PIL import Image, ImageDraw

        colours = ["#a50e0e", "#7d0a0a", "#b8860b", "#2f5d50", "#1f4e79", "#5b3a29"]
        for path, colour in zip(IMAGES, colours, strict=True):
            if default_storage.exists(path):
                continue
            image = Image.new("RGB", IMAGE_SIZE, colour)
            draw = ImageDraw.Draw(image)
            for i in range(0, IMAGE_SIZE[0], 60):
                draw.line([(i, 0), (i + 300, IMAGE_SIZE[1])], fill="#ffffff", width=2)
            draw.rectangle([40, 40, 520, 110], fill="#ffffff")
            draw.text((56, 62), "Anh minh hoa - du lieu mau (generate_demo)", fill="#000000")
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=70)
            default_storage.save(path, ContentFile(buffer.getvalue()))

    def delete_generated(self):
        """Delete generated articles and what hangs off them, table by table (a cascading
        ORM delete would load a million objects)."""
        db = self.db
        mine = Article.objects.using(db).filter(slug__startswith=PREFIX)
        with transaction.atomic(using=db):
            for model, path in (
                (Meeting.articles.through, "article__slug__startswith"),
                (Article.directives.through, "article__slug__startswith"),
                (ArticleImage, "article__slug__startswith"),
                (Comment, "article__slug__startswith"),
            ):
                model.objects.using(db).filter(**{path: PREFIX})._raw_delete(db)
            return mine._raw_delete(db)

    # --- one batch ----------------------------------------------------------------------

    def create_batch(self, corpus, writer, first_number, size):
        rng = corpus.rng
        choice, randint, rand = rng.choice, rng.randint, rng.random
        fill = corpus.fill
        slug = getattr(self, "_slugger", None) or Slugger()
        self._slugger = slug
        now = timezone.now()
        span = YEARS * 365 * 24 * 3600
        merger = timezone.make_aware(datetime.combine(MERGER_DATE, datetime.min.time()))
        folded = not self.postgres
        paragraphs, sentences, names = corpus.paragraphs, corpus.sentences, corpus.names
        rows, extras = [], []
        for i in range(size):
            number = first_number + i
            published = now - timedelta(seconds=randint(3600, span))
            if corpus.central and rand() < 0.03:
                unit = corpus.central
            else:
                unit = choice(corpus.units_before if published < merger else corpus.units_after)
            unit_full = unit.full_name or unit.name
            directive = choice(corpus.directives) if rand() < 0.35 else None
            slots = {
                "unit": unit.name,
                "unit_full": unit_full,
                "year": published.year,
                "day": published.day,
                "month": published.month,
            }
            if directive:
                slots["directive"] = directive[1]
            title = fill(choice(corpus.titles), slots)
            images = 0 if rand() >= 0.15 else (1 if rand() < 0.7 else 2)
            parts = ['<figure data-image="1"></figure>'] if images else []
            parts.append(
                f"<p>{fill(choice(sentences), slots)} Tại {unit_full}, "
                f"{fill(choice(sentences), slots)}</p>"
            )
            for k in range(randint(3, 8)):
                parts.append(f"<p>{choice(paragraphs)}</p>")
                if images == 2 and k == 1:
                    parts.append('<figure data-image="2"></figure>')
            if rand() < 0.3:
                parts.append(f"<p><strong>{choice(names)}</strong></p>")
            row = {
                "title": title,
                "slug": f"{PREFIX}{number:08d}-{slug(title)}",
                "summary": fill(choice(corpus.summaries), slots),
                "body": "\n".join(parts),
                "unit_id": unit.pk,
                # The unit whose board holds it today (bulk writes skip Article.save).
                "current_unit_id": unit.successor_id,
                "section_id": choice(corpus.sections).pk,
                "byline": choice(names) if rand() < 0.6 else "",
                "source": f"Theo Báo {unit.name}" if rand() < 0.2 else "",
                "status": Article.Status.PUBLISHED.value,
                "published_at": published,
                "created_at": published - timedelta(minutes=randint(5, 600)),
                "updated_at": published,
                "views": int(rng.paretovariate(1.2) * 40) if rand() < 0.95 else 0,
                "is_featured": rand() < 0.01,
                "search_document": "",
            }
            if folded:
                row["search_document"] = search.article_document_of(
                    title=row["title"],
                    summary=row["summary"],
                    body=row["body"],
                    byline=row["byline"],
                    source=row["source"],
                )
            rows.append(row)
            extras.append((directive, images, randint(1, 4) if rand() < 0.1 else 0))

        ids = writer.articles(rows)
        links, images, comments = [], [], []
        for pk, row, (directive, image_count, comment_count) in zip(ids, rows, extras, strict=True):
            if directive:
                links.append({"article_id": pk, "directive_id": directive[0]})
            for position in range(1, image_count + 1):
                images.append(
                    {
                        "article_id": pk,
                        "image": choice(IMAGES),
                        "width": IMAGE_SIZE[0],
                        "height": IMAGE_SIZE[1],
                        "caption": choice(corpus.captions),
                        "position": position,
                        "original_filename": "anh-minh-hoa.jpg",
                    }
                )
            for k in range(comment_count):
                comments.append(
                    {
                        "article_id": pk,
                        "name": choice(names),
                        "text": choice(corpus.comments),
                        "status": Comment.Status.APPROVED.value
                        if rand() < 0.85
                        else Comment.Status.PENDING.value,
                        "created_at": min(
                            now, row["published_at"] + timedelta(hours=k + randint(1, 48))
                        ),
                    }
                )
        writer.rows(Article.directives.through, links)
        writer.rows(ArticleImage, images)
        writer.rows(Comment, comments)


def _dots(message):
    """Vietnamese thousands separators: 1,000,000 → 1.000.000."""
    return message.replace(",", ".")
