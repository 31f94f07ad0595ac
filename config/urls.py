from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from articles import sitemaps as article_sitemaps
from core.auth_views import ThrottledLoginView
from core.pagecache import cached_per_version
from core.uploads import serve_media
from core.views import healthz, robots_txt
from directives import sitemaps as directive_sitemaps

handler500 = "core.views.server_error"

admin.site.site_header = "Tuyên giáo CMS — Quản trị"
admin.site.site_title = "Tuyên giáo CMS"
admin.site.index_title = "Quản trị nội dung"

SITEMAPS = {**article_sitemaps.SITEMAPS, **directive_sitemaps.SITEMAPS}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("dang-nhap/", ThrottledLoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("rss/", include("articles.feed_urls")),
    path("robots.txt", robots_txt, name="robots"),
    path("healthz", healthz, name="healthz"),
    path(
        "sitemap.xml",
        cached_per_version()(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        cached_per_version(params=("p",))(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("", include("directives.urls")),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
