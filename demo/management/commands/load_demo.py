from django.core.management import BaseCommand

from demo import seed


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

    def handle(self, *args, media_only, verbosity, **options):
        copied = seed.load(media_only=media_only, verbosity=verbosity)
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(f"Demo data loaded; {copied} media file(s) copied.")
            )
