from django.urls import path
from django.views.decorators.http import require_safe

from . import views

app_name = "media"

urlpatterns = [
    path("anh/", views.AlbumListView.as_view(), name="albums"),
    path("anh/<slug:slug>/", views.AlbumDetailView.as_view(), name="album"),
    path("video/", views.VideoListView.as_view(), name="videos"),
    path("video/<slug:slug>/", views.VideoDetailView.as_view(), name="video"),
    path("tai-lieu/", views.DocumentListView.as_view(), name="documents"),
    path("tai-lieu/<slug:slug>/", views.DocumentDetailView.as_view(), name="document"),
    path("tai-lieu/<slug:slug>/tai-ve/", require_safe(views.download), name="document_download"),
]
