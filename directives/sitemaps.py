from django.contrib.sitemaps import Sitemap

from .models import Directive, Meeting


class DirectiveSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Directive.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class MeetingSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Meeting.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "van-ban": DirectiveSitemap,
    "hoi-nghi": MeetingSitemap,
}
