"""URLs of the sources dashboard."""

from django.urls import path

from . import views

app_name = "sources"

urlpatterns = [
    path("sources/dashboard/", views.dashboard, name="dashboard"),
    path("sources/dashboard/data.json", views.dashboard_data, name="dashboard-data"),
    path("sources/dashboard/<slug:slug>/", views.source_detail, name="source"),
    path("sources/dashboard/<slug:slug>/data.json", views.source_data, name="source-data"),
]
