"""manage.py import_articles --unit SLUG [options] PATH...

Brings a board's old site in: saved HTML pages, scraped text pages, RSS/Atom files and
WordPress exports become articles (drafts unless --publish), each old address a redirect
on the board's site. Safe to repeat. docs/importing.md tells the whole procedure.
"""

import json
import logging
import sys
from itertools import islice
from multiprocessing import get_context
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction

from articles.models import Section
from provinces import access
from provinces.models import Unit

from ...readers import read_paths
from ...service import ArchiveImport

BATCH = 100


def _archive_import(setup):
    return ArchiveImport(
        unit=Unit.objects.select_related("merged_into").get(pk=setup["unit"]),
        section=Section.objects.filter(pk=setup["section"]).first(),
        publisher=get_user_model().objects.filter(pk=setup["publisher"]).first(),
        dry_run=setup["dry_run"],
        overrides=setup["overrides"],
    )


def _run(setup, shard, progress=None):
    run = _archive_import(setup)
    pages = enumerate(read_paths(setup["paths"], shard=shard), 1)
    while True:
        # BATCH pages a transaction (each page in a savepoint of its own, so a bad one is
        # rolled back alone): one commit per batch instead of one per page.
        with transaction.atomic():
            count = 0
            for done, (origin, page) in islice(pages, BATCH):
                outcome = run.page(origin, page)
                if progress:
                    progress(done, origin, outcome)
                count += 1
        if count < BATCH:
            return run


def _work(setup, shard):
    """A worker of --jobs: its share of the files; returns its report."""
    try:
        return _run(setup, shard).report
    finally:
        connections.close_all()


class Command(BaseCommand):
    help = (
        "Import a board's old pages as articles. PATH: files, folders (read recursively) "
        "or a .urls list (“old-address saved-file” per line). Reads .html/.htm pages, .txt "
        "scraped pages, .rss/.atom/.xml feeds and WordPress exports (WXR). Articles arrive "
        "as drafts; --publish (with --by, a chief of the board) publishes them with their "
        "original dates. Re-running updates instead of duplicating; a bad page is reported "
        "and skipped; --dry-run writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--unit",
            required=True,
            metavar="SLUG",
            help="The unit whose board the pages belong to.",
        )
        parser.add_argument(
            "--section",
            metavar="SLUG",
            help="The section for pages whose own section is not found (e.g. tin-tuc-su-kien).",
        )
        parser.add_argument(
            "--overrides",
            metavar="FILE",
            help='A JSON file of an editor\'s decisions per page: {"file name or old address": '
            '{"title": …, "published_at": "2021-07-01T12:00", "unit": …, "section": …}}.',
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the imports with their original dates (a chief's decision, audited).",
        )
        parser.add_argument("--by", metavar="USERNAME", help="The chief who publishes (--publish).")
        parser.add_argument(
            "--update-profile",
            action="store_true",
            help="Write the board profile read from the pages' footer (otherwise only shown).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and compare every page, write nothing."
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            metavar="N",
            help="Worker processes sharing the files (each its own database connection).",
        )

    def handle(self, *args, paths, unit, section, overrides, publish, by, dry_run, jobs, **options):
        if options["verbosity"] < 3:
            # The extractors log every page they cannot parse; our report says it once.
            for name in ("trafilatura", "htmldate", "courlan", "justext"):
                logging.getLogger(name).setLevel(logging.CRITICAL)
        chosen = Unit.objects.filter(slug=unit).select_related("merged_into").first()
        if chosen is None or not hasattr(chosen, "board"):
            raise CommandError(f"No unit with a board is called {unit!r} (e.g. tra-vinh).")
        default_section = None
        if section:
            default_section = Section.objects.filter(slug=section).first()
            if default_section is None:
                raise CommandError(
                    f"No section {section!r} (a section slug, e.g. tin-tuc-su-kien)."
                )
        publisher = self._publisher(chosen, publish, by)
        decisions = self._overrides(overrides)
        setup = {
            "unit": chosen.pk,
            "section": default_section.pk if default_section else None,
            "publisher": publisher.pk if publisher else None,
            "dry_run": dry_run,
            "overrides": decisions,
            "paths": paths,
        }
        if jobs > 1 and connection.vendor != "postgresql":
            raise CommandError("--jobs needs PostgreSQL (SQLite has one writer at a time).")
        if jobs > 1:
            run = _archive_import(setup)
            # Each worker takes every n-th file; the database connections are the
            # workers' own (closed here before the fork).
            connections.close_all()
            with get_context("fork").Pool(jobs) as pool:
                for report in pool.starmap(_work, [(setup, (k, jobs)) for k in range(jobs)]):
                    run.report.merge(report)
        else:
            run = _run(setup, (0, 1), progress=self._progress)
        if self._tty():
            self.stderr.write("")
        self._summary(run, dry_run)
        if run.report.profile and options["update_profile"] and not dry_run:
            with transaction.atomic():
                changed = run.apply_profile(chosen.board)
            self.stdout.write(f"Board profile updated: {', '.join(changed)}.")

    def _publisher(self, unit, publish, by):
        if not publish:
            return None
        if not by:
            raise CommandError("--publish needs --by USERNAME: the chief who publishes.")
        user = get_user_model().objects.filter(username=by, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {by!r}.")
        if not (access.can_publish(user) and access.in_scope(user, unit.pk)):
            raise CommandError(f"{by} may not publish for {unit.name}: a chief of its board may.")
        return user

    def _overrides(self, name):
        if not name:
            return {}
        try:
            data = json.loads(Path(name).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read the overrides file {name}: {error}") from None
        # keys starting with "_" are comments
        data = (
            {k: v for k, v in data.items() if not k.startswith("_")}
            if isinstance(data, dict)
            else None
        )
        if data is None or not all(isinstance(v, dict) for v in data.values()):
            raise CommandError(f'{name}: expected {{"page": {{"field": value}}}}.')
        return data

    def _tty(self):
        return getattr(sys.stderr, "isatty", lambda: False)()

    def _progress(self, done, origin, outcome):
        if self._tty():
            self.stderr.write(f"\r{done} trang… ({outcome}: {origin[-60:]})\033[K", ending="")
        elif done % 500 == 0:
            self.stderr.write(f"{done} pages…")

    def _summary(self, run, dry_run):
        r = run.report
        verb = "Would create" if dry_run else "Created"
        self.stdout.write(
            f"{verb} {r.created}, {'would update' if dry_run else 'updated'} {r.updated}, "
            f"unchanged {r.unchanged}, skipped {r.skipped_count}, "
            f"needing an editor's look {r.review_count}"
            + (" (pictures and redirects are checked on a real run)." if dry_run else "")
            + ("" if dry_run else f", redirects {r.redirects}.")
        )
        for origin, reason in r.skipped:
            self.stdout.write(f"  skipped {origin}: {reason}")
        if r.skipped_count > len(r.skipped):
            self.stdout.write(f"  … and {r.skipped_count - len(r.skipped)} more skipped")
        for origin, reasons in r.review:
            self.stdout.write(f"  to review {origin}: {'; '.join(reasons)}")
        if r.review_count > len(r.review):
            self.stdout.write(f"  … and {r.review_count - len(r.review)} more to review")
        if r.unknown_directives:
            names = ", ".join(f"{n} ({c})" for n, c in r.unknown_directives.most_common())
            self.stdout.write(f"Directives not in the register: {names}")
        if r.profile:
            self.stdout.write("Board profile read from the footer (apply with --update-profile):")
            for name, (current, proposed) in r.profile.items():
                self.stdout.write(f"  {name}: {current!r} → {proposed!r}")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
