"""Directives and meetings in search: their folded documents (registered with core.search
in DirectivesConfig.ready()) and the short ranked lists the search page shows above the
articles."""

from django.db.models import F

from core.search import folded_document, highlight, ranked_small

from .models import Directive, Meeting


def directive_document(directive):
    return folded_document(
        " ".join((directive.get_kind_display(), directive.symbol, directive.short_title)),
        directive.title,
        " ".join((directive.summary, directive.issuer)),
    )


def meeting_document(meeting):
    return folded_document(
        meeting.title,
        " ".join((meeting.get_kind_display(), meeting.period_label, meeting.chair)),
        " ".join((meeting.summary, meeting.location)),
    )


def search_directives(query, *, unit_ids=None, date_from=None, date_to=None, limit=5):
    """Directives (all public) matching ``query``: name and symbol first, then the
    document's subject line, then its summary and issuer; newest first in each tier."""
    if not query:
        return []
    qs = Directive.objects.published().select_related("unit").defer("search_document")
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    if date_from:
        qs = qs.filter(issued_on__gte=date_from)
    if date_to:
        qs = qs.filter(issued_on__lte=date_to)
    order = (F("issued_on").desc(nulls_last=True), "-pk")
    found = ranked_small(qs, query, order=order, limit=limit)
    for directive in found:
        directive.name_html = highlight(directive.name, query)
        directive.title_html = highlight(directive.title, query)
    return found


def search_meetings(query, *, unit_ids=None, date_from=None, date_to=None, limit=5):
    """Published meetings matching ``query``, newest first within each tier."""
    if not query:
        return []
    qs = Meeting.objects.published().select_related("unit").defer("search_document")
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    if date_from:
        qs = qs.filter(date__gte=date_from)
    if date_to:
        qs = qs.filter(date__lte=date_to)
    order = (F("date").desc(nulls_last=True), "-pk")
    found = ranked_small(qs, query, order=order, limit=limit)
    for meeting in found:
        meeting.title_html = highlight(meeting.title, query)
    return found
