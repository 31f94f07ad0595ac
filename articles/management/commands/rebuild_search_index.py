from django.core.management import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from articles import search
from articles.models import Article
from directives.models import Directive, Meeting


class Command(BaseCommand):
    help = (
        "Recompute the search documents (accent-folded words) of articles, directives and "
        "meetings. Saves and fixture loads keep them current by themselves; run this after "
        "changing rows with QuerySet.update() or raw SQL, or on a database filled before "
        "search existed. On PostgreSQL articles need nothing (the search vector is a "
        "generated column): their statistics are refreshed instead. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database, verbosity, **options):
        vendor = connections[database].vendor
        for model in (Article, Directive, Meeting):
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
                if model is Article and vendor == "postgresql":
                    self.stdout.write(f"{label}: generated search_vector column, nothing to do")
                else:
                    self.stdout.write(f"{label}: {done} search document(s) written")
        if vendor == "postgresql":
            with connections[database].cursor() as cursor:
                cursor.execute("ANALYZE articles_article")
        if verbosity:
            self.stdout.write(self.style.SUCCESS("Search index rebuilt."))
