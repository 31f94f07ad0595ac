from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from config import sitemaps
from core.auth_views import ThrottledLoginView
from core.uploads import serve_media
from core.views import healthz, robots_txt

handler500 = "core.views.server_error"

admin.site.site_header = "Tuyên giáo CMS — Quản trị"
admin.site.site_title = "Tuyên giáo CMS"
admin.site.index_title = "Quản trị nội dung"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("dang-nhap/", ThrottledLoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("rss/", include("articles.feed_urls")),
    path("rss/", include("api.feed_urls")),
    path("api/v1/", include("api.urls")),
    path("robots.txt", robots_txt, name="robots"),
    path("healthz", healthz, name="healthz"),
    path(
        "sitemap.xml",
        sitemaps.index,
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps.section,
        name="sitemap-section",
    ),
    path("", include("directives.urls")),
    path("", include("media.urls")),
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
