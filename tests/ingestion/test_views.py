"""The ingest pages: who may use them, what they store and what they say when they refuse."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.models import Document
from tests.factories import DocumentFactory
from tests.ingestion.server import FIXTURES

INGEST = reverse("claims:ingest")
TEXT = reverse("claims:ingest_text")
URL = reverse("claims:ingest_url")


def test_anonymous_visitor_is_sent_to_log_in(client, db):
    response = client.get(INGEST)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_user_without_a_desk_role_is_refused(client, outsider):
    client.force_login(outsider)
    assert client.get(INGEST).status_code == 403
    assert client.post(TEXT, {"text": "The army said so."}).status_code == 403
    assert Document.objects.count() == 0


@pytest.mark.parametrize("who", ["checker_client", "editor_client", "admin_client"])
def test_desk_roles_see_both_forms(request, who):
    response = request.getfixturevalue(who).get(INGEST)
    assert response.status_code == 200
    assert b'id="text-form"' in response.content and b'id="url-form"' in response.content


def test_pasted_text_is_stored_and_the_document_page_shown(checker_client, fact_checker):
    response = checker_client.post(
        TEXT, {"text": "The army said it took the village.\r\n\r\nKyiv denied it.", "title": "Village"}
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("claims:document_detail", args=[document.pk])
    assert (document.channel, document.created_by, document.title) == ("paste", fact_checker, "Village")
    page = checker_client.get(response["Location"])
    assert b"Kyiv denied it." in page.content
    assert f"Stored as document {document.pk}".encode() in page.content


def test_uploaded_html_file_is_reduced_to_its_article(checker_client):
    upload = SimpleUploadedFile("drones.html", (FIXTURES / "article_drones.html").read_bytes(), "text/html")
    checker_client.post(TEXT, {"file": upload})
    document = Document.objects.get()
    assert document.channel == "upload"
    assert document.title == "Russia says air defences downed 24 Ukrainian drones over Belgorod"
    assert "Markets rally" not in document.text


def test_upload_in_the_wrong_encoding_shows_the_reason_and_stores_nothing(checker_client):
    upload = SimpleUploadedFile("wire_latin1.txt", (FIXTURES / "wire_latin1.txt").read_bytes(), "text/plain")
    response = checker_client.post(TEXT, {"file": upload})
    assert response.status_code == 400
    assert b"not UTF-8 text" in response.content
    assert Document.objects.count() == 0


def test_text_and_file_together_are_refused(checker_client):
    upload = SimpleUploadedFile("wire.txt", b"The ministry said so.", "text/plain")
    response = checker_client.post(TEXT, {"text": "Something else.", "file": upload})
    assert b"Paste text or upload a file, not both." in response.content
    assert Document.objects.count() == 0


def test_duplicate_paste_says_so_and_points_at_the_existing_document(checker_client):
    existing = DocumentFactory(text="The ministry said 12 drones were shot down.")
    response = checker_client.post(TEXT, {"text": "The ministry said 12 drones were shot down."}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("claims:document_detail", args=[existing.pk])
    assert f"already ingested as document {existing.pk}".encode() in response.content
    assert Document.objects.count() == 1


def test_url_form_fetches_and_stores_the_page(checker_client, site, allow_loopback):
    response = checker_client.post(URL, {"url": site.url("/articles/denial")})
    document = Document.objects.get()
    assert response.status_code == 302
    assert (document.channel, document.url) == ("url", site.url("/articles/denial"))
    assert document.raw_html.startswith("<!DOCTYPE html>")


def test_url_form_refuses_the_loopback_site_by_default_with_a_clear_message(checker_client, site):
    response = checker_client.post(URL, {"url": site.url("/articles/denial")})
    assert response.status_code == 400
    assert b"not fetched unless an administrator allows their network" in response.content
    assert Document.objects.count() == 0


def test_url_form_refuses_other_schemes(checker_client):
    response = checker_client.post(URL, {"url": "file:///etc/passwd"})
    assert b"Only http and https addresses can be fetched" in response.content


def test_raw_html_is_served_as_text_never_as_a_page(checker_client):
    document = DocumentFactory(raw_html="<script>alert(1)</script><p>x</p>")
    response = checker_client.get(reverse("claims:document_raw", args=[document.pk]))
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content == b"<script>alert(1)</script><p>x</p>"


def test_document_page_escapes_the_text(checker_client):
    document = DocumentFactory(text="<script>alert('x')</script> the ministry said.", title="<b>t</b>")
    response = checker_client.get(reverse("claims:document_detail", args=[document.pk]))
    assert b"<script>alert" not in response.content
    assert b"&lt;script&gt;alert" in response.content


def test_pending_document_status_polls_until_done(checker_client):
    pending = DocumentFactory(status=Document.Status.PENDING)
    done = DocumentFactory(status=Document.Status.DONE)
    status = reverse("claims:document_status", args=[pending.pk])
    assert b"hx-trigger" in checker_client.get(status).content
    assert b"hx-trigger" not in checker_client.get(reverse("claims:document_status", args=[done.pk])).content


def test_live_blog_paste_is_split_into_entries(checker_client):
    text = "The army said it took the village.\nKyiv denied it.\nThe mayor said two people were hurt."
    response = checker_client.post(TEXT, {"text": text, "title": "Live", "split_entries": "on"}, follow=True)
    ids = list(Document.objects.order_by("pk").values_list("pk", flat=True))
    assert len(ids) == 3
    assert f"Stored 3 live-blog entries as documents {ids[0]}, {ids[1]}, {ids[2]}." in response.content.decode()
    assert set(Document.objects.values_list("channel", flat=True)) == {"live_blog"}


def test_upload_over_the_size_limit_is_refused_before_it_is_read(checker_client, settings):
    settings.CLAIMTRACK_INGEST_MAX_BYTES = 1000
    upload = SimpleUploadedFile("big.txt", b"The ministry said so.\n" * 100, "text/plain")
    response = checker_client.post(TEXT, {"file": upload})
    assert response.status_code == 400
    assert b"big.txt is 2,200 bytes; the limit is 1,000." in response.content
    assert Document.objects.count() == 0
