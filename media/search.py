"""Documents in search: their folded document (registered with core.search in
MediaConfig.ready()), the /tai-lieu/ filter and the short ranked list the site's search
page shows beside the articles."""

from django.db.models import F

from core.search import filter_matches, folded_document, highlight, ranked_small

from .models import Document

ORDER = (F("issued_on").desc(nulls_last=True), "-pk")


def document_document(document):
    return folded_document(
        " ".join((document.title, document.symbol)),
        " ".join((document.get_kind_display(), document.summary)),
        document.issuer,
    )


def matching(documents, query):
    """``documents`` narrowed to those containing every term of ``query`` (a parsed
    core.search Query): title and symbol, summary, issuer; folded, so "tai lieu" finds
    "Tài liệu"."""
    return filter_matches(documents, query)


def search_documents(query, *, unit_ids=None, date_from=None, date_to=None, limit=5):
    """Public documents matching ``query`` for the site's search page: title and symbol
    first, newest first in each tier."""
    if not query:
        return []
    qs = Document.objects.published().select_related("unit").defer("search_document")
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    if date_from:
        qs = qs.filter(issued_on__gte=date_from)
    if date_to:
        qs = qs.filter(issued_on__lte=date_to)
    found = ranked_small(qs, query, order=ORDER, limit=limit)
    for document in found:
        document.title_html = highlight(document.title, query)
    return found
