"""JSON Feed 1.1 beside each RSS feed (included at "rss/" after articles.feed_urls):
/rss/feed.json, /rss/tinh/<slug>/feed.json, /rss/chuyen-muc/<slug>/feed.json."""

from django.urls import path

from . import jsonfeed

app_name = "jsonfeeds"

urlpatterns = [
    path("feed.json", jsonfeed.latest, name="latest"),
    path("tinh/<slug:slug>/feed.json", jsonfeed.unit, name="unit"),
    path("chuyen-muc/<slug:slug>/feed.json", jsonfeed.section, name="section"),
]
