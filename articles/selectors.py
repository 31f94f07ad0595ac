"""What the reader pages read: the article list's columns, their lead pictures, the unit
map, the related articles of an article page."""

from django.db.models import Prefetch, prefetch_related_objects

from core import pagecache
from provinces.models import Unit

from .models import Article, ArticleImage

RELATED_COUNT = 5
#: What a list's picture needs of an image row (the file, its copies, its text).
LEAD_IMAGE_FIELDS = (
    "article_id",
    "image",
    "width",
    "height",
    "caption",
    "alt_text",
    "position",
    "is_placeholder",
    "renditions",
)


def published_list():
    """Published articles with what a list item shows (unit, section) in the same query;
    bodies, which lists never show, stay in the database."""
    return (
        Article.objects.published()
        .select_related("unit", "section")
        .defer("body", "search_document")
    )


def lead_image():
    """The first image of each article (by position) as ``article.lead_images``, a list
    of at most one: one query for a whole list, however many articles or images (a
    sliced prefetch, read with a window function)."""
    return Prefetch(
        "images",
        queryset=ArticleImage.objects.only(*LEAD_IMAGE_FIELDS).order_by("position", "pk")[:1],
        to_attr="lead_images",
    )


def with_lead_images(articles):
    """Fetch the lead pictures of already-read ``articles`` (several lists of one page,
    say) in one query; returns them as a list."""
    articles = list(articles)
    prefetch_related_objects(articles, lead_image())
    return articles


def current_units_with_history():
    """The 34 current units, each with the pre-2025 units merged into it, kept until the
    content changes (the map changes by decree, not by request)."""
    return pagecache.per_version(
        "home:units",
        lambda: [
            {
                "name": u.name,
                "full_name": u.full_name,
                "url": u.get_absolute_url(),
                "merged": [
                    {"name": m.name, "url": m.get_absolute_url()} for m in u.merged_units.all()
                ],
            }
            for u in Unit.objects.current().prefetch_related(
                Prefetch("merged_units", queryset=Unit.objects.order_by("name"))
            )
        ],
    )


def related_articles(article):
    """(related, more_from_board): "Các tin liên quan" (articles sharing a directive first,
    then the same board's) and "Tin khác" of the board, none repeated."""
    others = published_list().exclude(pk=article.pk)
    directive_ids = [d.pk for d in article.directives.all()]
    related = []
    if directive_ids:
        related = list(others.filter(directives__in=directive_ids).distinct()[:RELATED_COUNT])
    seen = {article.pk, *(a.pk for a in related)}
    history = article.unit.successor.history_unit_ids()
    from_board = [
        a for a in others.filter(unit_id__in=history)[: RELATED_COUNT * 2] if a.pk not in seen
    ]
    related += from_board[: RELATED_COUNT - len(related)]
    seen |= {a.pk for a in related}
    return related, [a for a in from_board if a.pk not in seen][:RELATED_COUNT]
