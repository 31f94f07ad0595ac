"""RSS: the latest articles, per unit and per section; published ones only. Each item
carries its lead picture (Media RSS ``media:content``); a feed with nothing in it yet is
still a valid feed that names its channel and says it is empty."""

import mimetypes
from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape, strip_tags
from django.utils.http import http_date

from provinces.models import Board, Unit

from .models import Article, Section
from .selectors import lead_image

FEED_SIZE = 30
#: How many minutes a feed reader may wait before asking again.
FEED_TTL = "60"
MEDIA_RSS = "http://search.yahoo.com/mrss/"
EMPTY_NOTE = "Hiện chưa có bài viết nào; bài mới sẽ xuất hiện tại đây."


def _published():
    return (
        Article.objects.published()
        .select_related("unit", "section")
        .defer("body", "search_document")
        .prefetch_related(lead_image())
    )


class ArticlesRss(Rss201rev2Feed):
    """RSS 2.0 with each item's picture as ``media:content`` (an enclosure would need the
    file's size, a storage call per item). An empty channel keeps its title, link and
    language, says it is empty, and claims no build date: "now" would change on every
    request and defeat conditional GETs."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_RSS}

    def add_root_elements(self, handler):
        if self.items:
            return super().add_root_elements(handler)
        feed = self.feed
        handler.addQuickElement("title", feed["title"])
        handler.addQuickElement("link", feed["link"])
        handler.addQuickElement("description", f"{feed['description']} {EMPTY_NOTE}")
        if feed["feed_url"] is not None:
            handler.addQuickElement("atom:link", None, {"rel": "self", "href": feed["feed_url"]})
        if feed["language"] is not None:
            handler.addQuickElement("language", feed["language"])
        if feed["ttl"] is not None:
            handler.addQuickElement("ttl", feed["ttl"])

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        picture = item.get("picture")
        if picture:
            # Relative storage URLs are made absolute on the item's own host.
            url = urljoin(item["link"], picture["url"])
            attrs = {"url": url, "medium": "image"}
            mime = mimetypes.guess_type(picture["url"])[0]
            if mime:
                attrs["type"] = mime
            if picture["width"] and picture["height"]:
                attrs["width"], attrs["height"] = str(picture["width"]), str(picture["height"])
            handler.startElement("media:content", attrs)
            handler.addQuickElement("media:description", picture["alt"], {"type": "plain"})
            handler.endElement("media:content")


def picture_of(article):
    """The lead picture a feed item shows (the ~800px copy), or None."""
    images = getattr(article, "lead_images", None)
    if not images:
        return None
    image = images[0]
    copy = image.medium
    alt = f"Ảnh thay thế (ảnh gốc không còn): {image.alt}" if image.is_placeholder else image.alt
    return {"url": copy.url, "width": copy.width, "height": copy.height, "alt": alt}


class LatestArticlesFeed(Feed):
    """/rss/: the national portal's latest articles or, on a board's site, the board's
    (its merged units' archives included). Links are absolute on the request's host."""

    feed_type = ArticlesRss
    ttl = FEED_TTL

    def __call__(self, request, *args, **kwargs):
        # Django's, except that an empty feed sends no Last-Modified (it would be "now").
        feed = self.get_feed(self.get_object(request, *args, **kwargs), request)
        response = HttpResponse(content_type=feed.content_type)
        if feed.items:
            response.headers["Last-Modified"] = http_date(feed.latest_post_date().timestamp())
        feed.write(response, "utf-8")
        return response

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

    def item_extra_kwargs(self, item):
        return {"picture": picture_of(item)}


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
