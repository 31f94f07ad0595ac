from django.contrib.sitemaps import Sitemap

from provinces.models import Unit

from .models import Article, Section


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10000

    def items(self):
        return (
            Article.objects.published().only("slug", "updated_at").order_by("-published_at", "-pk")
        )

    def lastmod(self, item):
        return item.updated_at


class UnitSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return Unit.objects.all()


class SectionSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Section.objects.all()


SITEMAPS = {
    "bai-viet": ArticleSitemap,
    "tinh": UnitSitemap,
    "chuyen-muc": SectionSitemap,
}
