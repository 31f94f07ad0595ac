"""What the public directive and meeting pages read."""

from django.db.models import Count, F, Prefetch

from articles.models import Article
from articles.selectors import lead_image
from core import pagecache

from .models import ConnectionPoint, Directive, DirectiveRelation, Meeting

#: The per-board counts of a directive page are keyed by the content version, which
#: every publish or edit changes; this only bounds how long an unused entry stays.
BOARDS_CACHE_SECONDS = 3600
ARTICLES_SHOWN = 20


def directive_page(directive):
    """A document's relations, articles, meetings and the boards that reported on it."""
    articles = Article.objects.published().filter(directives=directive)
    meetings = Meeting.objects.published().filter(directives=directive)
    # A central directive gathers tens of thousands of articles: counting them per
    # board takes a few hundred milliseconds at a million articles, so it is done
    # once per content version, not every time the page is re-rendered.
    boards = pagecache.per_version(
        f"directive:boards:{directive.pk}",
        lambda: reporting_boards(articles, meetings),
        BOARDS_CACHE_SECONDS,
    )
    return {
        "continues": DirectiveRelation.objects.filter(
            source=directive, target__is_published=True
        ).select_related("target"),
        "continued_by": DirectiveRelation.objects.filter(
            target=directive, source__is_published=True
        ).select_related("source"),
        "articles": articles.select_related("unit")
        .defer("body", "search_document")
        .prefetch_related(lead_image())[:ARTICLES_SHOWN],
        "article_total": sum(b["articles"] for b in boards),
        "meetings": meetings.select_related("unit"),
        "boards": boards,
    }


def reporting_boards(articles, meetings):
    """The boards that reported on a directive, busiest first: [{slug, name, articles,
    meetings}]."""
    by_unit = {}
    for kind, rows in (("articles", articles), ("meetings", meetings)):
        for row in rows.values("unit__name", "unit__slug").annotate(n=Count("pk")):
            entry = by_unit.setdefault(
                row["unit__slug"], {"name": row["unit__name"], "articles": 0, "meetings": 0}
            )
            entry[kind] = row["n"]
    return sorted(
        ({"slug": slug, **data} for slug, data in by_unit.items()),
        key=lambda b: (-(b["articles"] + b["meetings"]), b["name"]),
    )


def meeting_list():
    """Public meetings, newest first, with their number of connection points."""
    return (
        Meeting.objects.published()
        .select_related("unit")
        .annotate(points=Count("connection_points"))
        .order_by(F("date").desc(nulls_last=True), "-pk")
    )


def meeting_page():
    """Public meetings with their connection points, public directives and articles."""
    return (
        Meeting.objects.published()
        .select_related("unit")
        .prefetch_related(
            Prefetch("connection_points", queryset=ConnectionPoint.objects.select_related("unit")),
            Prefetch("directives", queryset=Directive.objects.published()),
            Prefetch(
                "articles",
                queryset=Article.objects.published()
                .select_related("unit")
                .prefetch_related(lead_image()),
                to_attr="published_articles",
            ),
        )
    )
