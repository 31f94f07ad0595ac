from django.core.management import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from core import search
from core.search.documents import searchable_models
from core.search.engines import VectorEngine


class Command(BaseCommand):
    help = (
        "Recompute the search documents (accent-folded words) of every searchable model "
        "(articles, directives, meetings). Saves and fixture loads keep them current by themselves; run this after "
        "changing rows with QuerySet.update() or raw SQL, or on a database filled before "
        "search existed. On PostgreSQL articles need nothing (the search vector is a "
        "generated column): their statistics are refreshed instead. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database, verbosity, **options):
        analyze = []
        for model in searchable_models():
            label = model._meta.verbose_name_plural
            with transaction.atomic(using=database):
                done = search.rebuild_documents(
                    model,
                    using=database,
                    progress=(lambda n, label=label: self.stdout.write(f"  {label}: {n}…"))
                    if verbosity > 1
                    else None,
                )
            if verbosity:
                if isinstance(search.engine_for(model, database), VectorEngine):
                    self.stdout.write(f"{label}: generated search_vector column, nothing to do")
                else:
                    self.stdout.write(f"{label}: {done} search document(s) written")
            if isinstance(search.engine_for(model, database), VectorEngine):
                analyze.append(model._meta.db_table)
        with connections[database].cursor() as cursor:
            for table in analyze:  # fresh statistics for VectorEngine.most_rows()
                cursor.execute(f"ANALYZE {connections[database].ops.quote_name(table)}")
        if verbosity:
            self.stdout.write(self.style.SUCCESS("Search index rebuilt."))
