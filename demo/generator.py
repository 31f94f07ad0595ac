"""Realistic published articles in bulk, for benchmarks (``manage.py generate_demo``).

Generated articles have slugs starting with ``demo.corpus.PREFIX``: a run tops up to the
number asked for (or, with ``replace``, deletes them and starts again) and never touches
other articles. The same seed gives the same articles, whatever the number of workers.

On PostgreSQL rows go in with COPY (demo.writers) from parallel worker processes, and,
for big runs, the articles table's secondary indexes are built once at the end instead
of being updated a million times (demo.postgres; 1,000,000 articles: about 8 minutes on
2 cores). Elsewhere (SQLite) one process uses bulk_create.
"""

import io
import multiprocessing
import os
import queue
import random
import time
import traceback
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from articles.models import Article, ArticleImage, Comment, Section
from core import pagecache
from core.templatetags.vi import so
from directives.models import Directive, Meeting
from provinces.models import Unit

from . import DemoError, postgres, seed
from .corpus import IMAGE_SIZE, IMAGES, PREFIX, create_batch, load_corpus
from .writers import writer_for

#: Above this many new rows (PostgreSQL), the articles table's secondary indexes are
#: dropped during the load and built once at the end: keeping 17 indexes up to date row
#: by row, once they outgrow PostgreSQL's buffers, costs more than building them in one
#: pass each.
REINDEX_ABOVE = 50_000
#: Below this many new rows one process is quicker than starting workers.
PARALLEL_ABOVE = 20_000


def _quiet(*args):
    pass


@dataclass(frozen=True)
class Outcome:
    created: int  # new articles in this run
    total: int  # generated articles in the database now
    seconds: float  # from the first batch to the end, index builds included


class Generator:
    """One run of the generator on the database ``using``.

    ``say(message)`` is told each step; ``progress(done, total, seconds)`` is called
    before the first batch and after each one. ``jobs``: worker processes on PostgreSQL
    (None: up to 4, one per CPU, for PARALLEL_ABOVE articles or more); always 1 on
    SQLite and inside a transaction.
    """

    def __init__(
        self,
        *,
        using=DEFAULT_DB_ALIAS,
        seed=2025,
        batch_size=5000,
        jobs=None,
        say=_quiet,
        progress=_quiet,
    ):
        self.db = using
        self.seed = seed
        self.batch_size = batch_size
        self.jobs = jobs
        self.say = say
        self.progress = progress
        self.postgres = connections[using].vendor == "postgresql"
        self.lz4 = False
        self.corpus = None

    def run(self, articles, *, replace=False):
        """Make it ``articles`` generated articles in all; returns an Outcome."""
        db = self.db
        if not (
            Unit.objects.using(db).exists()
            and Section.objects.using(db).exists()
            and Directive.objects.using(db).exists()
        ):
            self.say("Demo data (units, sections, directives) missing: loading it first.")
            seed.load(using=db)
        if self.postgres:
            postgres.restore_indexes(db, say=self.say)  # a run killed while they were dropped
            self.lz4 = postgres.has_lz4(db)

        mine = Article.objects.using(db).filter(slug__startswith=PREFIX)
        if replace:
            removed = delete_generated(using=db)
            self.say(f"Deleted {so(removed)} generated articles.")
        existing = mine.count()
        wanted = articles - existing
        if wanted <= 0:
            return Outcome(created=0, total=existing, seconds=0.0)
        last = mine.order_by("-slug").values_list("slug", flat=True).first()
        start = int(last[len(PREFIX) : len(PREFIX) + 8]) + 1 if last else 1

        ensure_images()
        self.corpus = load_corpus(random.Random(self.seed), using=db)  # noqa: S311 (demo text)
        batches = [
            (start + offset, min(self.batch_size, wanted - offset))
            for offset in range(0, wanted, self.batch_size)
        ]
        in_transaction = connections[db].in_atomic_block
        jobs = self.jobs
        if not self.postgres or in_transaction:
            # SQLite writes one at a time; inside a caller's transaction, workers with
            # their own connections would not see its uncommitted rows.
            jobs = 1
        elif jobs is None:
            jobs = min(4, os.cpu_count() or 1) if wanted >= PARALLEL_ABOVE else 1
        jobs = max(1, min(jobs, len(batches)))
        reindex = self.postgres and wanted > REINDEX_ABOVE and not in_transaction
        started = time.monotonic()
        self.progress(0, wanted, 0.0)
        try:
            if reindex:
                dropped = postgres.drop_indexes(db)
                self.say(f"Dropped {dropped} indexes of the articles table for the load.")
            if jobs == 1:
                done = 0
                for number, size in batches:
                    self.run_batch(number, size)
                    done += size
                    self.progress(done, wanted, time.monotonic() - started)
            else:
                self.run_parallel(batches, jobs, wanted, started)
        finally:
            # COPY and bulk loads in worker processes send no signal: readers learn of
            # the new articles through a new content version (core.pagecache).
            pagecache.content_changed(using=db)
            if self.postgres:
                postgres.restore_indexes(db, say=self.say)
                postgres.analyze(db, say=self.say)
        return Outcome(created=wanted, total=existing + wanted, seconds=time.monotonic() - started)

    def run_batch(self, number, size):
        """Create articles number … number + size - 1, in one transaction."""
        corpus = self.corpus
        # Each batch draws from its own seed: the same N gives the same articles, whatever
        # the number of workers.
        corpus.rng = random.Random(self.seed * 1_000_003 + number)  # noqa: S311
        with transaction.atomic(using=self.db):
            if self.postgres:
                postgres.tune_batch(self.db, lz4=self.lz4)
            create_batch(corpus, writer_for(self.db), number, size, folded=not self.postgres)

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
                        raise DemoError("A worker died; re-run to top up.") from None
                    continue
                if kind == "error":
                    raise DemoError(f"A worker failed; re-run to top up.\n{value}")
                done += value
                self.progress(done, wanted, time.monotonic() - started)
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


def ensure_images():
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


def delete_generated(*, using=DEFAULT_DB_ALIAS):
    """Delete generated articles and what hangs off them, table by table (a cascading
    ORM delete would load a million objects). Returns how many articles went."""
    mine = Article.objects.using(using).filter(slug__startswith=PREFIX)
    with transaction.atomic(using=using):
        for model in (Meeting.articles.through, Article.directives.through, ArticleImage, Comment):
            model.objects.using(using).filter(article__slug__startswith=PREFIX)._raw_delete(using)
        deleted = mine._raw_delete(using)
        # Raw deletes send no signal: readers learn of it through a new content version.
        pagecache.content_changed(using=using)
    return deleted
