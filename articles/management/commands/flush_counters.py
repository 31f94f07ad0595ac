from django.core.management import BaseCommand

from articles.counters import get_store


class Command(BaseCommand):
    help = (
        "Write the view and visit counts buffered in Redis to the database. Every app "
        "process already does this every few seconds and when it stops cleanly; run it "
        "by hand before a backup or a planned Redis restart. Safe to run at any time: "
        "each batch is applied exactly once."
    )

    def handle(self, *args, **options):
        store = get_store()
        if not store.buffered:
            self.stdout.write("Counts are written to the database directly; nothing to flush.")
            return
        views, visits = store.flush()
        self.stdout.write(self.style.SUCCESS(f"Flushed {views} view(s) and {visits} visit(s)."))
