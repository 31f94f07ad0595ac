"""Which models are searchable, and how: apps register each model with the function that
writes its folded document (``register()`` in their ``ready()``), and say whether
PostgreSQL searches it through generated tsvector columns instead (articles: a million
rows; directives and meetings, a few thousand, use the folded document everywhere).

The registry keeps ``search_document`` current on every save, fixtures' raw saves
included (``pre_save`` is sent for those too), and rebuilds it on demand
(``manage.py rebuild_search_index``)."""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Case, IntegerField, Value, When
from django.db.models.signals import pre_save

from .engines import TIERS, FoldedEngine, SearchTooBroad, VectorEngine


@dataclass(frozen=True)
class Searchable:
    model: type
    #: instance → the folded document ("title # summary @ body", core.search.words)
    document: object
    #: PostgreSQL searches the generated tsvector columns (core.search.engines)
    vectors: bool = False


_REGISTRY = {}


def register(model, document, *, vectors=False):
    """Make ``model`` searchable (its ``search_document`` column filled by ``document``)."""
    _REGISTRY[model] = Searchable(model, document, vectors)
    pre_save.connect(
        _fill_search_document, sender=model, dispatch_uid=f"search-{model._meta.label}"
    )


def searchable_models():
    return list(_REGISTRY)


def engine_for(model, using="default"):
    """The engine that searches ``model`` on database ``using``."""
    try:
        searchable = _REGISTRY[model]
    except KeyError:
        raise LookupError(f"{model.__name__} is not searchable") from None
    if searchable.vectors and connections[using].vendor == "postgresql":
        return VectorEngine()
    return FoldedEngine(searchable.document)


def filter_matches(queryset, query):
    """``queryset`` narrowed to rows containing every term of ``query`` (any tier)."""
    if not query:
        return queryset.none()
    return queryset.filter(engine_for(queryset.model, queryset.db).match(query))


def ranked_ids(queryset, query, *, limit):
    """([(pk, tier name), ...], incomplete): the first ``limit`` matches of ``queryset``
    (already filtered), best tier first, newest first within a tier. A tier is read
    only when the tiers above it did not fill ``limit``: for most queries the titles
    do. ``incomplete`` when a lookup was stopped (SearchTooBroad)."""
    engine = engine_for(queryset.model, queryset.db)
    found = []
    higher = False  # no tier above the first
    for tier, part in TIERS:
        try:
            rows = engine.tier_rows(queryset, query, part, higher, limit - len(found))
        except SearchTooBroad as stop:
            found += [(pk, tier) for pk, _ in stop.rows]
            return found, True
        found += [(pk, tier) for pk, _ in rows]
        if len(found) >= limit:
            break
        higher = part
    return found, False


def ranked_small(queryset, query, *, order, limit):
    """Small tables (directives, meetings): ranked by tier with one CASE ordering."""
    engine = engine_for(queryset.model, queryset.db)
    tier = Case(
        When(engine.match(query, "a"), then=Value(3)),
        When(engine.match(query, "ab"), then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return list(
        queryset.filter(engine.match(query))
        .annotate(search_tier=tier)
        .order_by("-search_tier", *order)[:limit]
    )


def _fill_search_document(sender, instance, raw=False, using="default", **kwargs):
    engine_for(sender, using).fill_document(instance)


def rebuild_documents(model, *, using="default", batch_size=1000, progress=None):
    """Recompute ``search_document`` for every row of ``model`` (after bulk changes made
    with ``update()``, or on a database filled before search existed). Returns the
    number of rows written."""
    engine = engine_for(model, using)
    if isinstance(engine, VectorEngine):
        # The generated column is always current; make sure the leftover column is empty.
        return model.objects.using(using).exclude(search_document="").update(search_document="")
    done = 0
    last_pk = 0
    manager = model._default_manager.using(using)
    while True:
        batch = list(manager.filter(pk__gt=last_pk).order_by("pk")[:batch_size])
        if not batch:
            return done
        for row in batch:
            engine.fill_document(row)
        manager.bulk_update(batch, ["search_document"])
        done += len(batch)
        last_pk = batch[-1].pk
        if progress:
            progress(done)
