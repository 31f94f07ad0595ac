"""PostgreSQL-only steps of a big load: the articles table's secondary indexes dropped
for the load and built once at the end, cheaper commits and compression, and the final
VACUUM ANALYZE."""

import os
from concurrent.futures import ThreadPoolExecutor

from django.db import connections, transaction

from articles.models import Article

#: Where the dropped indexes' definitions wait (the SQL below spells the name out),
#: written by the transaction that drops them: a run that is killed leaves them here and
#: the next run builds them first.
DROPPED_INDEXES = "generate_demo_dropped_index"


def _quiet(message):
    pass


def sql(using, statement):
    with connections[using].cursor() as cursor:
        cursor.execute(statement)


def has_lz4(using):
    """Whether this server can compress TOAST values with lz4."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
            "AND 'lz4' = ANY(enumvals)"
        )
        return cursor.fetchone() is not None


def tune_batch(using, *, lz4):
    """Settings for the current transaction, one batch of demo rows."""
    # Losing the last batch to a crash is fine (a re-run tops up), waiting for a disk
    # flush at every commit is not.
    sql(using, "SET LOCAL synchronous_commit TO off")
    if lz4:
        # Compressing bodies with lz4 costs a fraction of pglz's CPU.
        sql(using, "SET LOCAL default_toast_compression TO lz4")


def drop_indexes(using):
    """Drop the articles table's secondary indexes (all but the primary key and the
    unique ones), their definitions kept in DROPPED_INDEXES by the same transaction.
    Returns how many were dropped."""
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS generate_demo_dropped_index "
            "(name text PRIMARY KEY, definition text NOT NULL)"
        )
        cursor.execute(
            "INSERT INTO generate_demo_dropped_index (name, definition) "
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid "
            "WHERE i.indrelid = %s::regclass AND NOT i.indisunique AND NOT i.indisprimary "
            "ON CONFLICT (name) DO NOTHING RETURNING name",
            [Article._meta.db_table],
        )
        names = [name for (name,) in cursor.fetchall()]
        for name in names:
            cursor.execute(f"DROP INDEX {connections[using].ops.quote_name(name)}")
    return len(names)


def restore_indexes(using, *, say=_quiet):
    """Build the indexes drop_indexes() dropped, one per CPU at a time (PostgreSQL
    builds a GIN index on one core), then forget them."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [DROPPED_INDEXES])
        if not cursor.fetchone()[0]:
            return
        cursor.execute(
            "SELECT name, definition FROM generate_demo_dropped_index "
            "WHERE to_regclass(quote_ident(name)) IS NULL"
        )
        missing = cursor.fetchall()
    if missing:
        say(f"Building {len(missing)} indexes…")
        # The biggest first: the run ends when the slowest build does.
        missing.sort(key=lambda row: ("gin" not in row[1], "INCLUDE" not in row[1]))
        definitions = [definition for _, definition in missing]
        if connections[using].in_atomic_block:
            # Other connections would not see the caller's transaction.
            for definition in definitions:
                sql(using, definition)
        else:
            workers = min(4, os.cpu_count() or 1, len(definitions))
            with ThreadPoolExecutor(max_workers=workers) as pool:
                list(pool.map(lambda definition: _build_index(using, definition), definitions))
    sql(using, "DROP TABLE generate_demo_dropped_index")


def _build_index(using, definition):
    # A thread has its own connection (Django's are per thread): close it after.
    try:
        with connections[using].cursor() as cursor:
            cursor.execute("SET maintenance_work_mem TO '256MB'")
            cursor.execute(definition)
    finally:
        connections[using].close()


def analyze(using, *, say=_quiet):
    """Fresh statistics for the articles table after a load."""
    if connections[using].in_atomic_block:
        sql(using, "ANALYZE articles_article")
    else:
        # VACUUM also marks the pages all-visible: the ranking's walk over the newest
        # articles is then an index-only scan.
        say("VACUUM ANALYZE (statistics and the visibility map)…")
        sql(using, "VACUUM (ANALYZE) articles_article")
