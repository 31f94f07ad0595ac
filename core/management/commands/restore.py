from django.core.management import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded files with those of a backup made by "
        "`manage.py backup`, then check the row counts against the backup's manifest. "
        "Everything written since the backup is lost: it asks first (--noinput skips)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .tar.gz written by `manage.py backup`")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, path, interactive=True, **options):
        if interactive:
            answer = input(
                "This replaces ALL data and uploaded files with the backup's. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            backup.restore(path, stdout=self.stdout)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
