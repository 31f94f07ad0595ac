"""How a batch's rows reach the database. Rows are dicts of attname → value; a writer
has ``articles(rows)`` (returns the new primary keys) and ``rows(model, rows)``."""

import io
import json
from datetime import datetime

from django.db import connections

from articles.models import Article


class OrmWriter:
    """bulk_create: any database."""

    def __init__(self, using):
        self.using = using

    def articles(self, rows):
        objs = [Article(**row) for row in rows]
        Article.objects.using(self.using).bulk_create(objs)
        return [obj.pk for obj in objs]

    def rows(self, model, rows):
        model.objects.using(self.using).bulk_create([model(**row) for row in rows])


def copy_value(value):
    """``value`` as COPY's text format spells it."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    if hasattr(value, "adapted"):  # a JSON value as the PostgreSQL driver wraps it
        return copy_value(json.dumps(value.adapted, ensure_ascii=False))
    if isinstance(value, dict | list):
        return copy_value(json.dumps(value, ensure_ascii=False))
    raise TypeError(f"no COPY text for {type(value).__name__}")


class CopyWriter:
    """COPY FROM STDIN (PostgreSQL): Django's bulk_create spends more time building SQL
    than the database spends storing the rows. Every concrete column is written: the
    ones the generator does not set get the field's default, prepared once."""

    def __init__(self, using):
        self.using = using
        self.connection = connections[using]
        self.columns = {}

    def _columns(self, model, given):
        key = (model, tuple(sorted(given)))
        if key not in self.columns:
            columns, defaults = [], {}
            for field in model._meta.concrete_fields:
                if field.primary_key and field.attname not in given:
                    continue  # identity column: the database numbers the row
                if getattr(field, "generated", False):
                    continue
                columns.append(field)
                if field.attname not in given:
                    default = field.get_db_prep_save(field.get_default(), self.connection)
                    defaults[field.attname] = copy_value(default)
            self.columns[key] = (columns, defaults)
        return self.columns[key]

    def _copy(self, model, rows):
        if not rows:
            return
        columns, defaults = self._columns(model, rows[0].keys())
        names = [f.attname for f in columns]
        buffer = io.StringIO()
        write = buffer.write
        for row in rows:
            write(
                "\t".join(
                    defaults[name] if name in defaults else copy_value(row[name]) for name in names
                )
            )
            write("\n")
        buffer.seek(0)
        sql = "COPY {} ({}) FROM STDIN".format(
            self.connection.ops.quote_name(model._meta.db_table),
            ", ".join(self.connection.ops.quote_name(f.column) for f in columns),
        )
        with self.connection.cursor() as cursor:
            cursor.cursor.copy_expert(sql, buffer)

    def articles(self, rows):
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('articles_article', 'id')) "
                "FROM generate_series(1, %s)",
                [len(rows)],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
        for row, pk in zip(rows, ids, strict=True):
            row["id"] = pk
        self._copy(Article, rows)
        return ids

    def rows(self, model, rows):
        self._copy(model, rows)


def writer_for(using):
    """COPY on PostgreSQL, bulk_create elsewhere."""
    if connections[using].vendor == "postgresql":
        return CopyWriter(using)
    return OrmWriter(using)
