from articles.sitemaps import SiteSitemap
from provinces.sites import narrow_to

from .models import Directive, Meeting


class DirectiveSitemap(SiteSitemap):
    changefreq = "monthly"

    def items(self):
        directives = Directive.objects.published().only("slug", "updated_at")
        return narrow_to(directives, self.site, central=True).order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class MeetingSitemap(SiteSitemap):
    changefreq = "monthly"

    def items(self):
        meetings = Meeting.objects.published().only("slug", "updated_at")
        return narrow_to(meetings, self.site).order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "van-ban": DirectiveSitemap,
    "hoi-nghi": MeetingSitemap,
}
