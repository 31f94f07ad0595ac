from django.urls import path

from . import views
from .reports import views as report_views

app_name = "directives"

urlpatterns = [
    path("van-ban/", views.DirectiveListView.as_view(), name="list"),
    path("van-ban/<slug:slug>/", views.DirectiveDetailView.as_view(), name="detail"),
    path("van-ban/<slug:slug>/tai-ve/", views.download, name="download"),
    path("hoi-nghi/", views.MeetingListView.as_view(), name="meetings"),
    path("hoi-nghi/<slug:slug>/", views.MeetingDetailView.as_view(), name="meeting"),
    path("bao-cao/", report_views.ReportView.as_view(), name="reports"),
    path(
        "bao-cao/tai-ve.csv",
        report_views.ReportExportView.as_view(fmt="csv"),
        name="reports_csv",
    ),
    path(
        "bao-cao/tai-ve.xlsx",
        report_views.ReportExportView.as_view(fmt="xlsx"),
        name="reports_xlsx",
    ),
]
