from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import BaseCommand, call_command

FIXTURES = ["units", "sections", "directives", "articles", "meetings"]


class Command(BaseCommand):
    help = (
        "Load the demo data: the 34 + 63 administrative units and their boards, the "
        "sections, directives, the five seed articles and the meetings they report, and "
        "the seed images. Safe to run again: rows are matched by natural key, files that "
        "exist are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--media-only", action="store_true", help="copy the seed images only, no rows"
        )

    def handle(self, *args, **options):
        if not options["media_only"]:
            call_command("loaddata", *FIXTURES, verbosity=options["verbosity"])
        media = Path(settings.BASE_DIR) / "fixtures" / "media"
        copied = 0
        for path in sorted(p for p in media.rglob("*") if p.is_file()):
            name = path.relative_to(media).as_posix()
            if not default_storage.exists(name):
                with path.open("rb") as handle:
                    default_storage.save(name, File(handle))
                copied += 1
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(f"Demo data loaded; {copied} media file(s) copied.")
            )
