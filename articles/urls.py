from django.urls import path

from . import views
from .search_views import search_view

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("bai-viet/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("tinh/<slug:slug>/", views.UnitView.as_view(), name="unit"),
    path("chuyen-muc/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tim-kiem/", search_view, name="search"),
    path("kha-nang-tiep-can/", views.AccessibilityView.as_view(), name="accessibility"),
]
