"""RSS: the latest articles, per unit and per section; published ones only."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape, strip_tags

from provinces.models import Board, Unit

from .models import Article, Section

FEED_SIZE = 30


def _published():
    return Article.objects.published().select_related("unit", "section")


class LatestArticlesFeed(Feed):
    """/rss/: the national portal's latest articles or, on a board's site, the board's
    (its merged units' archives included). Links are absolute on the request's host."""

    def get_object(self, request, *args, **kwargs):
        site = getattr(request, "board_site", None)
        return Board.objects.filter(pk=site.board_id).first() if site else None

    def title(self, obj):
        return f"Tin mới — {obj.name if obj else 'Cổng thông tin Tuyên giáo và Dân vận'}"

    def description(self, obj):
        return f"Tin bài mới nhất của {obj.name if obj else 'các ban Tuyên giáo và Dân vận'}."

    def link(self, obj):
        return reverse("articles:home")

    def items(self, obj):
        articles = _published()
        if obj is not None:
            articles = articles.filter(current_unit_id=obj.unit_id)
        return articles[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        """The summary as plain text. RSS readers render <description> as HTML, so tags
        an editor typed are dropped and what remains is escaped once more: "a < b"
        reaches the reader as text, "<b>" never as markup."""
        return escape(strip_tags(item.summary))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [item.section.name] if item.section else []


class UnitFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Unit, slug=slug)

    def title(self, obj):
        return f"Tin mới — {obj.full_name}"

    def description(self, obj):
        return f"Tin bài mới nhất của {obj.full_name}."

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return _published().filter(unit_id__in=obj.history_unit_ids())[:FEED_SIZE]


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return f"Tin mới — {obj.name}"

    def description(self, obj):
        return f"Tin bài mới nhất chuyên mục {obj.name}."

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return _published().filter(section=obj)[:FEED_SIZE]
