"""/sitemap.xml: every app's sitemaps, for the site the request is on (the national
portal's, or a board's with only its content); links are absolute on the request's host.
Kept per content version and host (core.pagecache)."""

from django.contrib.sitemaps import views as sitemap_views

from articles import sitemaps as article_sitemaps
from core.pagecache import cached_per_version
from directives import sitemaps as directive_sitemaps

SITEMAPS = {**article_sitemaps.SITEMAPS, **directive_sitemaps.SITEMAPS}


def for_site(request):
    site = getattr(request, "board_site", None)
    return {name: sitemap(site=site) for name, sitemap in SITEMAPS.items()}


@cached_per_version()
def index(request):
    return sitemap_views.index(request, for_site(request), sitemap_url_name="sitemap-section")


@cached_per_version(params=("p",))
def section(request, section):
    return sitemap_views.sitemap(request, for_site(request), section=section)
