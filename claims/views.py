"""Ingestion pages: paste or upload text, fetch a URL, and see what a document became."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from verification.roles import is_fact_checker

from .forms import TextIngestForm, UrlIngestForm
from .ingestion.services import (
    document_ingest_live_blog_text,
    document_ingest_text,
    document_ingest_upload,
    document_ingest_url,
)
from .models import Document


def _require_desk(user) -> None:
    if not is_fact_checker(user):
        raise PermissionDenied("Only fact-checkers, editors and admins ingest documents.")


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, [m for e in errors for m in e.messages])
    else:
        form.add_error(None, exc.messages)


def _page(request, *, text_form=None, url_form=None, status=200):
    context = {
        "text_form": text_form or TextIngestForm(),
        "url_form": url_form or UrlIngestForm(),
        "recent": Document.objects.filter(created_by=request.user).select_related("outlet")[:10],
    }
    return render(request, "claims/ingest.html", context, status=status)


def _done(request, result):
    document = result.document
    if result.created:
        messages.success(request, f"Stored as document {document.pk}; claims are being extracted.")
    else:
        messages.warning(request, f"This text was already ingested as document {document.pk}; nothing new was stored.")
    return redirect("claims:document_detail", pk=document.pk)


def _done_entries(request, results):
    created = [r.document.pk for r in results if r.created]
    existing = len(results) - len(created)
    message = f"Stored {len(created)} live-blog entries as documents"
    if created:
        message += " " + (", ".join(map(str, created)) if len(created) <= 8 else f"{created[0]} … {created[-1]}")
    if existing:
        message += f"; {existing} were already ingested"
    messages.success(request, message + ".")
    return redirect("claims:ingest")


@login_required
def ingest(request):
    _require_desk(request.user)
    return _page(request)


@login_required
@require_POST
def ingest_text(request):
    _require_desk(request.user)
    form = TextIngestForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        meta = {
            "title": data["title"],
            "url": data["url"],
            "outlet": data["outlet"],
            "published_at": data["published_at"],
        }
        try:
            if data["split_entries"]:
                results = document_ingest_live_blog_text(text=data["text"], user=request.user, **meta)
                return _done_entries(request, results)
            if data["file"]:
                upload = data["file"]
                result = document_ingest_upload(name=upload.name, data=upload.read(), user=request.user, **meta)
            else:
                result = document_ingest_text(text=data["text"], user=request.user, **meta)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return _done(request, result)
    return _page(request, text_form=form, status=400)


@login_required
@require_POST
def ingest_url(request):
    _require_desk(request.user)
    form = UrlIngestForm(request.POST)
    if form.is_valid():
        try:
            result = document_ingest_url(
                url=form.cleaned_data["url"], outlet=form.cleaned_data["outlet"], user=request.user
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return _done(request, result)
    return _page(request, url_form=form, status=400)


@login_required
def document_detail(request, pk: int):
    _require_desk(request.user)
    document = get_object_or_404(Document.objects.select_related("outlet", "created_by"), pk=pk)
    context = {
        "document": document,
        "paragraphs": [p for p in document.text.split("\n\n") if p.strip()],
        "claims": document.claims.select_related("claimant").order_by("position"),
        "versions": document.entry_versions.select_related("item__feed").order_by("number"),
    }
    return render(request, "claims/document_detail.html", context)


@login_required
def document_status(request, pk: int):
    _require_desk(request.user)
    document = get_object_or_404(Document, pk=pk)
    return render(request, "claims/_document_status.html", {"document": document})


@login_required
def document_raw(request, pk: int):
    """The raw HTML as fetched, shown as text: an audit copy, never rendered as a page."""
    _require_desk(request.user)
    document = get_object_or_404(Document.objects.only("raw_html"), pk=pk)
    response = HttpResponse(document.raw_html, content_type="text/plain; charset=utf-8")
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
