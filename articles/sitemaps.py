from django.contrib.sitemaps import Sitemap

from provinces.models import Unit
from provinces.sites import narrow_to

from .models import Article, Section


class SiteSitemap(Sitemap):
    """A sitemap of one site: the national portal's (``site`` None) or a board's."""

    def __init__(self, site=None):
        self.site = site


class ArticleSitemap(SiteSitemap):
    changefreq = "weekly"
    limit = 10000

    def items(self):
        articles = Article.objects.published().only("slug", "updated_at")
        return narrow_to(articles, self.site).order_by("-published_at", "-pk")

    def lastmod(self, item):
        return item.updated_at


class UnitSitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        units = Unit.objects.all()
        return units.filter(pk__in=self.site.unit_ids) if self.site else units


class SectionSitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        return Section.objects.all()


SITEMAPS = {
    "bai-viet": ArticleSitemap,
    "tinh": UnitSitemap,
    "chuyen-muc": SectionSitemap,
}
