"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) next to each RSS feed: the same
feed classes of articles/feeds.py pick the feed's object, its title and its items, so
an RSS reader and a JSON Feed reader see the same articles."""

import json

from django.http import Http404, HttpResponse
from django.utils.html import strip_tags

from articles.feeds import LatestArticlesFeed, SectionFeed, UnitFeed
from core.pagecache import cached_per_version
from provinces.sites import canonical_url

from .api import not_found
from .http import api_view
from .problems import problem_response

CONTENT_TYPE = "application/feed+json; charset=utf-8"
VERSION = "https://jsonfeed.org/version/1.1"


def _date(value):
    return value.isoformat() if value else None


def feed_document(feed, request, **kwargs):
    obj = feed.get_object(request, **kwargs)
    items = []
    for article in feed.items(obj):
        url = canonical_url(article.unit.successor_id, article.get_absolute_url(), request)
        item = {
            "id": url,
            "url": url,
            "title": feed.item_title(article),
            "content_text": strip_tags(article.summary) or feed.item_title(article),
            "date_published": _date(feed.item_pubdate(article)),
            "date_modified": _date(feed.item_updateddate(article)),
            "tags": feed.item_categories(article),
        }
        author = feed.item_author_name(article)
        if author:
            item["authors"] = [{"name": author}]
        if article.summary:
            item["summary"] = strip_tags(article.summary)
        items.append(item)
    return {
        "version": VERSION,
        "title": feed.title(obj),
        "home_page_url": request.build_absolute_uri(feed.link(obj)),
        "feed_url": request.build_absolute_uri(request.path),
        "description": feed.description(obj),
        "language": "vi",
        "items": items,
    }


def json_feed(feed_class):
    feed = feed_class()

    @api_view
    @cached_per_version()
    def view(request, **kwargs):
        try:
            document = feed_document(feed, request, **kwargs)
        except Http404:
            return problem_response(request, not_found("Không có nguồn tin này.", "No such feed."))
        return HttpResponse(json.dumps(document, ensure_ascii=False), content_type=CONTENT_TYPE)

    return view


latest = json_feed(LatestArticlesFeed)
unit = json_feed(UnitFeed)
section = json_feed(SectionFeed)
