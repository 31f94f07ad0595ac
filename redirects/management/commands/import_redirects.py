"""manage.py import_redirects FILE [--board SLUG] [--dry-run]

Fills the redirect table from a CSV file (redirects/importer.py). Safe to run again: an
address already in the table is updated, and one that already leads where the file
says is left alone.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from provinces.models import Board

from ...importer import Importer, read_rows


class Command(BaseCommand):
    help = (
        "Import old addresses of boards' sites and where they lead now, from a CSV file "
        "(UTF-8, with or without BOM; comma or semicolon separated). Columns: old_url,target "
        "or host,path,target. old_url is a full address such as "
        "https://tuyengiao.travinh.gov.vn/tin-tuc/123.html; target is an article's slug, an "
        "article's address on this site, or a path such as /tinh/tra-vinh/. Each row's board "
        "is the one whose domain the old address names, unless --board is given. Safe to "
        "repeat: existing addresses are updated, never duplicated. Bad rows are listed with "
        "their line and reason; the others are imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file.")
        parser.add_argument(
            "--board",
            metavar="SLUG",
            help="The unit slug of the board whose old site the file lists, e.g. tra-vinh "
            "(needed when its old domain is not registered as one of the board's domains).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check every row and print the summary, writing nothing.",
        )

    def handle(self, *args, file, board, dry_run, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}") from None
        chosen = None
        if board:
            chosen = Board.objects.select_related("unit").filter(unit__slug=board).first()
            if chosen is None:
                raise CommandError(f"No board for the unit {board!r} (a unit slug, e.g. tra-vinh).")
        try:
            rows = list(read_rows(data))
        except ValueError as error:
            raise CommandError(f"{file}: {error}") from None

        importer = Importer(board=chosen)
        with transaction.atomic():
            for line, row in rows:
                importer.apply(line, row)
            if dry_run:
                transaction.set_rollback(True)

        report = importer.report
        self.stdout.write(
            f"{'Would create' if dry_run else 'Created'} {report.created}, "
            f"{'update' if dry_run else 'updated'} {report.updated}, "
            f"unchanged {report.unchanged}, skipped {len(report.skipped)}."
        )
        for line, reason in report.skipped:
            self.stdout.write(f"  line {line}: {reason}")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
