from django.core.management import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = (
        "Back up the site into one .tar.gz: the database (pg_dump on PostgreSQL), the "
        "uploaded files and a manifest with row counts. Buffered view counts are written "
        "to the database first. Restore with `manage.py restore <file>`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o", help="where to write (default: backups/tuyengiao-<time>.tar.gz)"
        )

    def handle(self, *args, output=None, **options):
        try:
            backup.create(output, stdout=self.stdout)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
