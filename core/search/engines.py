"""The two engines: PostgreSQL full-text search on generated tsvector columns
(:class:`VectorEngine`) and whole-word LIKE on folded documents (:class:`FoldedEngine`).
Both answer the same questions: does a row match (``match``), and the newest rows of a
ranking tier (``tier_rows``)."""

from contextlib import contextmanager
from time import monotonic

from django.db import DatabaseError, connections, transaction
from django.db.models import BooleanField, F, Q, TextField, Value
from django.db.models.expressions import Expression
from django.db.models.functions import StrIndex, Substr
from django.db.models.lookups import Contains

from .words import TS_CONFIG

#: Tiers, best first: (name, where every term must be found).
TIERS = (("title", "a"), ("summary", "ab"), ("body", None))


class VectorColumn(Expression):
    """``<table>.<column>`` for a generated tsvector column. Those are not model fields,
    so the table alias is taken from the primary key's column (which keeps the
    expression right inside subqueries and joins)."""

    def __init__(self, column, pk=None, output_field=None):
        super().__init__(output_field=output_field or TextField())
        self.column = column
        self.pk = F("pk") if pk is None else pk

    def get_source_expressions(self):
        return [self.pk]

    def set_source_expressions(self, exprs):
        (self.pk,) = exprs

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name(self.pk.alias)
        return f"{alias}.{connection.ops.quote_name(self.column)}", []


class VectorMatch(VectorColumn):
    """``<table>.<column> @@ to_tsquery('public.tg_vi', …)``."""

    conditional = True

    def __init__(self, tsquery, column="search_vector", pk=None):
        super().__init__(column, pk=pk, output_field=BooleanField())
        self.tsquery = tsquery

    def as_sql(self, compiler, connection):
        column, _ = super().as_sql(compiler, connection)
        return f"{column} @@ to_tsquery(%s::regconfig, %s)", [TS_CONFIG, self.tsquery]


@contextmanager
def _planner(using, **settings):
    """Planner settings for the statements inside, put back afterwards (set_config with
    is_local: never leaks past the transaction; on an error the savepoint's rollback
    undoes them)."""
    names = list(settings)
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        # One statement reads the current values, then sets the new ones (left to right).
        cursor.execute(
            "SELECT "
            + ", ".join(
                ["current_setting(%s)"] * len(names) + ["set_config(%s, %s, true)"] * len(names)
            ),
            [*names, *(x for item in settings.items() for x in item)],
        )
        previous = cursor.fetchone()[: len(names)]
        yield
        cursor.execute(
            "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(names)),
            [x for pair in zip(names, previous, strict=True) for x in pair],
        )


def _is_timeout(error):
    return getattr(error.__cause__, "pgcode", None) == "57014"  # query_canceled


class SearchTooBroad(Exception):
    """A tier's lookup took too long; ``rows`` is what was found before giving up."""

    def __init__(self, rows):
        super().__init__("search stopped: too many candidate rows")
        self.rows = rows


class VectorEngine:
    """PostgreSQL full-text search on the generated tsvector columns: ``search_vector``
    (the whole article), ``search_head_vector`` (title with weight A + summary) and
    ``search_title_vector``, each with a GIN index and its own statistics.

    "The newest n rows matching" has two good plans and the planner cannot tell which
    applies: it estimates words as independent, and "chuyển đổi số" or "Hậu Giang" are
    anything but (52,173 title matches estimated at 797). Walking the rows newest first
    is right for common words (it stops after n matches) and ruinous for rare ones (it
    reads the whole table); the GIN index is the reverse (it visits every match before
    sorting). So each tier first walks at most RECENT_WINDOW of the newest rows and
    only when that finds too few asks the GIN index, with the walk ruled out.

    The walks for the title and summary tiers read nothing but the covering index
    ``article_search_recent_idx`` (newest first, with the head vector and the filters'
    columns): an index-only scan, when the table is vacuumed. The body tier's vector is
    stored out of line (TOAST), so its walk is shorter."""

    name = "postgresql"
    #: Where a tier is looked up in the GIN indexes.
    COLUMNS = {"a": "search_title_vector", "ab": "search_head_vector", None: "search_vector"}
    #: Where a tier is checked during the walk: (column, weights).
    WALK = {
        "a": ("search_head_vector", "A"),
        "ab": ("search_head_vector", ""),
        None: ("search_vector", ""),
    }
    RECENT_WINDOW = {"a": 10_000, "ab": 10_000, None: 1_500}
    #: Ask the GIN index straight away when the statistics say a tier cannot match more
    #: rows than this (visiting that many rows costs less than a walk that fails).
    DIRECT_INDEX_BELOW = {"a": 5_000, "ab": 5_000, None: 20_000}
    #: A tier's index lookup is stopped after this long (see SearchTooBroad).
    INDEX_TIMEOUT_MS = 300
    #: Lexeme statistics are read from pg_stats at most this often (seconds).
    STATS_TTL = 60
    _stats = {}  # (database alias, table, column) → (expires, rows, {lexeme: frequency}, floor)

    def tsquery(self, query, weights=""):
        terms = []
        for term in query.terms:
            operands = []
            for i, token in enumerate(term.tokens):
                label = ("*" if query.prefix and i == len(term.tokens) - 1 else "") + weights
                operands.append(f"'{token}'" + (f":{label}" if label else ""))
            terms.append("(" + " <-> ".join(operands) + ")")
        return " & ".join(terms)

    def match(self, query, part=None):
        return VectorMatch(self.tsquery(query), column=self.COLUMNS[part])

    def tier_rows(self, queryset, query, part, higher, limit):
        """[(pk, published_at)] of the newest ``limit`` rows of ``queryset`` matching in
        ``part`` and not in ``higher`` (the tier above; False for the first), newest
        first."""
        bound = self.most_rows(queryset, query, part)
        if bound is None or bound >= self.DIRECT_INDEX_BELOW[part]:
            rows = self._walk(queryset, query, part, higher, limit)
            if len(rows) == limit:
                return rows
        else:
            rows = []
        # Rare words (by the statistics, or too few among the newest rows): the index.
        qs = queryset.filter(self.match(query, part))
        if higher is not False:
            qs = qs.exclude(self.match(query, higher))
        qs = qs.order_by("-published_at", "-pk").values_list("pk", "published_at")[:limit]
        try:
            with _planner(
                queryset.db,
                enable_indexscan="off",
                enable_seqscan="off",
                statement_timeout=f"{self.INDEX_TIMEOUT_MS}ms",
            ):
                return list(qs)
        except DatabaseError as error:
            if not _is_timeout(error):
                raise
            # A phrase of common words (GIN cannot check word order: every article
            # holding all the words is read) or a huge match: give what the walk found
            # rather than hold a connection for seconds.
            raise SearchTooBroad(rows) from error

    def most_rows(self, queryset, query, part):
        """At most how many rows can match ``query`` in ``part``, by ANALYZE's lexeme
        statistics: an AND of words matches no more rows than its rarest word, and a
        word missing from the most-common list is rarer than the list's rarest. None
        when unknown (no statistics yet, prefix search)."""
        if query.prefix:
            return None
        using, table = queryset.db, queryset.model._meta.db_table
        column = self.COLUMNS[part]
        key = (using, table, column)
        now = monotonic()
        cached = self._stats.get(key)
        if cached is None or cached[0] < now:
            with connections[using].cursor() as cursor:
                # Rows: the larger of ANALYZE's count and the live count the statistics
                # collector keeps current (a bulk load must not look like a tiny table).
                cursor.execute(
                    "SELECT greatest(c.reltuples, coalesce(t.n_live_tup, 0)), "
                    "s.most_common_elems::text::text[], s.most_common_elem_freqs "
                    "FROM pg_class c "
                    "LEFT JOIN pg_stat_user_tables t ON t.relid = c.oid "
                    "LEFT JOIN pg_stats s ON s.tablename = c.relname AND s.attname = %s "
                    "AND s.schemaname = current_schema() "
                    "WHERE c.relname = %s AND c.relkind = 'r'",
                    [column, table],
                )
                row = cursor.fetchone()
            rows, lexemes, freqs = row or (0, None, None)
            if not lexemes or not freqs or rows <= 0:
                cached = (now + 60, 0, {}, None)
            else:
                # The frequencies are followed by their minimum, maximum (and, for
                # some types, the null frequency): the list's own values come first.
                cached = (
                    now + self.STATS_TTL,
                    rows,
                    dict(zip(lexemes, freqs, strict=False)),
                    min(freqs),
                )
            self._stats[key] = cached
        _, rows, freqs, floor = cached
        if floor is None:
            return None
        rarest = min(freqs.get(token, floor) for term in query.terms for token in term.tokens)
        return rarest * rows

    def _walk(self, queryset, query, part, higher, limit):
        sql, params = self.walk_sql(queryset, query, part, higher, limit)
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def walk_sql(self, queryset, query, part, higher, limit):
        """The walk's SQL and parameters (the benchmark EXPLAINs it)."""
        checks = [self.WALK[part]] + ([self.WALK[higher]] if higher is not False else [])
        columns, conditions, args = {}, [], []
        for n, (column, weights) in enumerate(checks):
            alias = f"sv_{column}"
            columns[alias] = VectorColumn(column)
            condition = f"r.{alias} @@ to_tsquery(%s::regconfig, %s)"
            conditions.append(condition if n == 0 else f"NOT ({condition})")
            args += [TS_CONFIG, self.tsquery(query, weights)]
        recent = (
            queryset.annotate(**columns)
            .order_by("-published_at", "-pk")
            .values("pk", "published_at", *columns)[: self.RECENT_WINDOW[part]]
        )
        inner, params = recent.query.sql_with_params()
        # The subquery reads the newest rows lazily: the outer LIMIT stops the walk as
        # soon as enough match. (Both parts are Django's SQL and fixed text; every
        # value is a parameter.)
        sql = (
            f"SELECT r.pk, r.published_at FROM ({inner}) r "  # noqa: S608
            f"WHERE {' AND '.join(conditions)} "
            "ORDER BY r.published_at DESC, r.pk DESC LIMIT %s"
        )
        return sql, [*params, *args, limit]

    def fill_document(self, instance):
        instance.search_document = ""


class FoldedEngine:
    """Whole-word LIKE matching on the folded ``search_document`` column."""

    name = "folded"

    def __init__(self, document):
        self.document = document

    def match(self, query, part=None):
        doc = F("search_document")
        if part == "a":
            doc = Substr(doc, 1, StrIndex(doc, Value("#")))
        elif part == "ab":
            doc = Substr(doc, 1, StrIndex(doc, Value("@")))
        condition = Q()
        for term in query.terms:
            needle = " " + " ".join(term.tokens) + ("" if query.prefix else " ")
            condition &= Q(Contains(doc, needle))
        return condition

    def tier_rows(self, queryset, query, part, higher, limit):
        qs = queryset.filter(self.match(query, part))
        if higher is not False:
            qs = qs.exclude(self.match(query, higher))
        return list(qs.order_by("-published_at", "-pk").values_list("pk", "published_at")[:limit])

    def fill_document(self, instance):
        instance.search_document = self.document(instance)
