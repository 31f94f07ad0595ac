"""
URL configuration for floor project: the two views of bench/pages.py's plain floor
(startproject's admin/ route dropped: nothing else is served).
"""

from django.urls import path

from . import views

urlpatterns = [
    path("update/<int:pk>/", views.update),
    path("plain/", views.plain),
]
