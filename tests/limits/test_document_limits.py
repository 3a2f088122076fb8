"""Bad and oversized documents are refused with a clear reason and leave nothing stored.

Covers the service every channel goes through (document_create) and the ingestion pages, where the
request itself may be too large, the form may carry NUL bytes, or an upload may not decode.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.models import Document
from claims.services import document_create
from verification.models import Event

pytestmark = pytest.mark.django_db

STORY = "Ukraine's air force said it shot down 22 drones overnight. Reuters could not verify the figures."


def assert_nothing_stored():
    assert not Document.objects.exists()
    assert not Event.objects.filter(verb="document.created").exists()


# The service ------------------------------------------------------------------------------


def test_a_document_of_exactly_the_limit_is_stored_and_one_character_more_is_refused(settings):
    limit = settings.CLAIMTRACK_MAX_DOCUMENT_CHARS
    body = (STORY + " ") * (limit // len(STORY))
    at_limit = body[:limit]
    assert document_create(text=at_limit).created
    with pytest.raises(ValidationError, match=f"limit is {limit:,}"):
        document_create(text="x" + at_limit)
    assert Document.objects.count() == 1


@pytest.mark.parametrize("bad", ["\x00", "\ud800", "\udfff", "\udbff\udc00"], ids=["NUL", "high", "low", "split pair"])
@pytest.mark.parametrize("field", ["title", "url", "external_id"])
def test_document_details_with_nul_bytes_or_lone_surrogates_are_refused(field, bad):
    with pytest.raises(ValidationError) as caught:
        document_create(text=STORY, **{field: f"Kharkiv {bad} update"})
    assert caught.value.message_dict, "the error names the field that is wrong"
    assert_nothing_stored()


@pytest.mark.parametrize("bad", ["\x00", "\ud800", "\udfff"], ids=["NUL", "high", "low"])
@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_text_with_a_nul_byte_or_lone_surrogate_anywhere_is_refused(bad, where):
    text = {"start": bad + STORY, "middle": STORY[:20] + bad + STORY[20:], "end": STORY + bad}[where]
    with pytest.raises(ValidationError) as caught:
        document_create(text=text)
    assert "text" in caught.value.message_dict
    assert_nothing_stored()


# The ingestion pages ----------------------------------------------------------------------


def test_pasted_text_over_the_limit_is_refused_with_the_limit_named(checker_client, settings):
    settings.CLAIMTRACK_MAX_DOCUMENT_CHARS = 1_000
    response = checker_client.post(reverse("claims:ingest_text"), {"text": "x" * 1_001})
    assert response.status_code == 400
    assert "1,000" in response.content.decode()
    assert_nothing_stored()


@pytest.mark.parametrize("field", ["text", "title"])
def test_pasted_text_or_title_with_a_nul_byte_is_refused(checker_client, field):
    data = {"text": STORY, "title": "Overnight attack"}
    data[field] = data[field][:5] + "\x00" + data[field][5:]
    response = checker_client.post(reverse("claims:ingest_text"), data)
    assert response.status_code == 400
    assert "Null characters are not allowed" in response.content.decode()
    assert_nothing_stored()


def test_request_body_over_the_size_limit_is_refused_before_it_is_read(checker_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = checker_client.post(reverse("claims:ingest_text"), {"text": STORY * 200})
    assert response.status_code == 400
    assert_nothing_stored()


def test_upload_over_the_size_limit_is_refused_with_the_limit_named(checker_client, settings):
    settings.CLAIMTRACK_INGEST_MAX_BYTES = 2_000
    upload = SimpleUploadedFile("wire.txt", (STORY * 40).encode(), content_type="text/plain")
    response = checker_client.post(reverse("claims:ingest_text"), {"file": upload})
    assert response.status_code == 400
    assert "2,000" in response.content.decode()
    assert_nothing_stored()


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfe" + b"\x00\xd8" + "Kyiv said".encode("utf-16-le"),  # UTF-16 with a lone high surrogate
        b"\xfe\xff" + "Kyiv said".encode("utf-16-be") + b"\xdc\x00",  # UTF-16 ending in a lone low surrogate
        b"\xff\xfe" + "Kyiv said".encode("utf-16-le") + b"K",  # UTF-16 cut mid code unit
        b"Kyiv said \xed\xa0\x80 drones",  # a surrogate smuggled into UTF-8
        b"Kyiv said \xc3",  # truncated UTF-8
    ],
    ids=["utf16-high", "utf16-low", "utf16-odd", "utf8-surrogate", "utf8-truncated"],
)
def test_upload_that_is_not_valid_unicode_is_refused_with_a_reason(checker_client, data):
    upload = SimpleUploadedFile("wire.txt", data, content_type="text/plain")
    response = checker_client.post(reverse("claims:ingest_text"), {"file": upload})
    assert response.status_code == 400
    assert_nothing_stored()


def test_upload_whose_text_holds_nul_bytes_is_refused(checker_client):
    upload = SimpleUploadedFile("wire.txt", (STORY + "\x00" + STORY).encode("utf-16"), content_type="text/plain")
    response = checker_client.post(reverse("claims:ingest_text"), {"file": upload})
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
    assert_nothing_stored()
