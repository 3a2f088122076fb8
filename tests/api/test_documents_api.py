"""Documents: POST text to ingest it (202 with its address), GET its status and claims."""

import json

from claims.models import Document
from tests.api.conftest import problem, session_client
from tests.factories import ClaimFactory, DocumentFactory, SourceFactory

TEXT = "Ukraine's air force said it shot down 24 of 30 drones overnight. Russia denied losing any."


def test_post_stores_the_document_and_answers_202_with_its_address(write_api, db):
    SourceFactory(slug="reuters", name="Reuters")
    response = write_api.post(
        "/api/v1/documents/",
        {"text": TEXT, "title": "Overnight drones", "outlet": "reuters", "external_id": "wire-1"},
        format="json",
    )
    assert response.status_code == 202, response.content
    body = response.json()
    document = Document.objects.get(pk=body["id"])
    assert response["Location"] == body["url"] and body["url"].endswith(f"/api/v1/documents/{document.pk}/")
    assert type(response["Location"]) is str  # a WSGI server refuses str subclasses in headers
    assert body["status"] == "pending" and body["outlet"]["slug"] == "reuters"
    assert document.channel == "api" and document.external_id == "wire-1"


def test_the_same_text_twice_returns_the_existing_document(write_api, db):
    first = write_api.post("/api/v1/documents/", {"text": TEXT}, format="json")
    second = write_api.post("/api/v1/documents/", {"text": TEXT + "\n"}, format="json")
    assert first.status_code == 202 and second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    assert Document.objects.count() == 1


def test_an_external_id_reused_for_other_text_is_a_conflict(write_api, db):
    write_api.post("/api/v1/documents/", {"text": TEXT, "external_id": "wire-1"}, format="json")
    response = write_api.post("/api/v1/documents/", {"text": "Other text.", "external_id": "wire-1"}, format="json")
    assert response.status_code == 409 and problem(response)["type"] == "/api/problems/conflict"


def test_text_over_the_limit_is_refused(write_api, db, settings):
    settings.CLAIMTRACK_MAX_DOCUMENT_CHARS = 50
    response = write_api.post("/api/v1/documents/", {"text": TEXT}, format="json")
    assert response.status_code == 400 and "text" in problem(response)["errors"]


def test_a_body_over_the_request_size_limit_is_refused_with_413(write_api, db, settings):
    settings.CLAIMTRACK_API_MAX_REQUEST_BYTES = 1000
    response = write_api.post("/api/v1/documents/", {"text": "x" * 2000}, format="json")
    assert response.status_code == 413 and problem(response)["type"] == "/api/problems/request-too-large"
    assert not Document.objects.exists()


def test_malformed_json_is_a_problem_not_a_crash(write_api, db):
    response = write_api.generic("POST", "/api/v1/documents/", "{not json", content_type="application/json")
    assert response.status_code == 400 and problem(response)["type"] == "/api/problems/malformed-request"


def test_form_encoded_body_is_an_unsupported_media_type(write_api, db):
    response = write_api.post("/api/v1/documents/", {"text": TEXT})
    assert response.status_code == 415 and problem(response)["type"] == "/api/problems/unsupported-media-type"


def test_get_shows_processing_status_and_the_claims_found(read_api, db):
    document = DocumentFactory(status=Document.Status.DONE)
    claim = ClaimFactory(document=document)
    body = read_api.get(f"/api/v1/documents/{document.pk}/").json()
    assert body["status"] == "done"
    assert [c["id"] for c in body["claims"]] == [claim.pk]


def test_a_read_token_cannot_post(read_api, db):
    response = read_api.post("/api/v1/documents/", {"text": TEXT}, format="json")
    assert response.status_code == 403 and problem(response)["type"] == "/api/problems/insufficient-scope"


def test_a_fact_checker_can_post_from_a_browser_session(fact_checker, db):
    client = session_client(fact_checker)
    response = client.post("/api/v1/documents/", json.dumps({"text": TEXT}), content_type="application/json")
    assert response.status_code == 202
