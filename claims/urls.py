"""Ingestion pages and document pages."""

from django.urls import path

from . import views

app_name = "claims"

urlpatterns = [
    path("ingest/", views.ingest, name="ingest"),
    path("ingest/text/", views.ingest_text, name="ingest_text"),
    path("ingest/url/", views.ingest_url, name="ingest_url"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/<int:pk>/status/", views.document_status, name="document_status"),
    path("documents/<int:pk>/raw/", views.document_raw, name="document_raw"),
]
