from django.urls import path

from .feeds import LatestArticlesFeed, SectionFeed, UnitFeed

app_name = "feeds"

urlpatterns = [
    path("", LatestArticlesFeed(), name="latest"),
    path("tinh/<slug:slug>/", UnitFeed(), name="unit"),
    path("chuyen-muc/<slug:slug>/", SectionFeed(), name="section"),
]
