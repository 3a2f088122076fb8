"""Hostile and oversized API input is refused with a clear 4xx problem, never a 5xx, and stores nothing.

Covers request bodies (size, nesting, encoding, NUL bytes, lone surrogates), filter values, page
sizes and forged cursors on the claims list, the documents list and the changes feed.
"""

from __future__ import annotations

import base64
from urllib.parse import urlencode

import pytest

from claims.models import Document
from tests.api.conftest import problem, token_client
from tests.factories import ClaimFactory
from verification.models import ApiToken, Event

pytestmark = pytest.mark.django_db

STORY = "Ukraine's air force said it shot down 24 of 30 drones overnight. Russia denied losing any."
DOCUMENTS = "/api/v1/documents/"


@pytest.fixture
def write_api(api_client_user):
    return token_client(api_client_user, ApiToken.Scope.READ_WRITE)


@pytest.fixture
def read_api(api_client_user):
    return token_client(api_client_user)


def assert_nothing_stored():
    assert not Document.objects.exists()
    assert not Event.objects.filter(verb="document.created").exists()


def assert_client_error(response, *statuses):
    assert response.status_code in statuses, (response.status_code, response.content[:300])
    body = problem(response)
    assert body["status"] == response.status_code and body["type"].startswith("/api/problems/") and body["detail"]
    return body


def post_raw(client, body: bytes, content_type: str = "application/json"):
    return client.generic("POST", DOCUMENTS, body, content_type=content_type)


# Request bodies ---------------------------------------------------------------------------


def test_a_body_over_the_default_size_limit_is_refused_before_it_is_parsed(write_api, settings):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    body = b'{"text": "' + b"x" * limit + b'"}'
    response = post_raw(write_api, body)
    detail = assert_client_error(response, 413)["detail"]
    assert f"{limit:,}" in detail
    assert_nothing_stored()


def test_text_of_exactly_the_character_limit_is_accepted_and_one_more_is_refused(write_api, settings):
    settings.CLAIMTRACK_MAX_DOCUMENT_CHARS = 2_000
    at_limit = (STORY + " ") * 30
    at_limit = at_limit[:2_000]
    over = write_api.post(DOCUMENTS, {"text": at_limit + "x"}, format="json")
    assert "2,000" in assert_client_error(over, 400)["errors"]["text"][0]
    assert_nothing_stored()
    accepted = write_api.post(DOCUMENTS, {"text": at_limit}, format="json")
    assert accepted.status_code == 202


@pytest.mark.parametrize("depth", [100, 5_000, 200_000])
def test_deeply_nested_json_is_a_client_error_not_a_crash(write_api, depth):
    body = b'{"text": ' + b"[" * depth + b"]" * depth + b"}"
    response = post_raw(write_api, body)
    assert_client_error(response, 400)
    assert_nothing_stored()


@pytest.mark.parametrize(
    "body",
    [b'{"text": "Kyiv \xff\xfe said"}', b'{"text": "Kyiv said \xed\xa0\x80"}', b"\xef\xbb\xbf\x00\x00"],
    ids=["invalid-utf8", "utf8-encoded-surrogate", "bom-and-nul"],
)
def test_a_body_that_is_not_utf8_json_is_a_client_error(write_api, body):
    response = post_raw(write_api, body)
    assert_client_error(response, 400)
    assert_nothing_stored()


@pytest.mark.parametrize("field", ["text", "title", "external_id"])
@pytest.mark.parametrize("bad", ["\\u0000", "\\ud800", "\\udfff"], ids=["NUL", "high-surrogate", "low-surrogate"])
def test_nul_bytes_and_lone_surrogates_in_any_field_are_refused(write_api, field, bad):
    fields = {"text": STORY, "title": "Overnight drones", "external_id": "wire-1"}
    raw = ", ".join(
        f'"{name}": "{value[:8]}{bad if name == field else ""}{value[8:]}"' for name, value in fields.items()
    )
    response = post_raw(write_api, ("{" + raw + "}").encode())
    body = assert_client_error(response, 400)
    assert field in body["errors"]
    assert_nothing_stored()


@pytest.mark.parametrize(
    "payload",
    [[], "text", 42, None, {"text": ["a", "b"]}, {"text": {"nested": "x"}}, {"text": None}, {"title": "no text"}],
    ids=["list", "string", "number", "null", "text-list", "text-object", "text-null", "missing-text"],
)
def test_a_body_of_the_wrong_shape_is_a_validation_problem(write_api, payload):
    response = write_api.post(DOCUMENTS, payload, format="json")
    assert_client_error(response, 400)
    assert_nothing_stored()


# Filter values ----------------------------------------------------------------------------

CLAIM_FILTERS = [
    "status",
    "rating",
    "kind",
    "disputed",
    "flag",
    "source",
    "claimant",
    "document",
    "updated_after",
    "created_before",
    "published_after",
    "q",
    "ordering",
    "page_size",
]


@pytest.mark.parametrize("name", CLAIM_FILTERS)
@pytest.mark.parametrize("value", ["\x00", "a\x00b"], ids=["nul", "nul-inside"])
def test_claim_filters_with_nul_bytes_are_refused(read_api, name, value):
    ClaimFactory()
    response = read_api.get("/api/v1/claims/?" + urlencode({name: value}))
    assert_client_error(response, 400, 404)


@pytest.mark.parametrize("name", [*CLAIM_FILTERS, "cursor"])
def test_claim_filters_with_surrogates_or_invalid_utf8_never_fail_on_the_server(read_api, name):
    ClaimFactory()
    # A lone surrogate cannot travel in a URL; its UTF-8 form and stray bytes arrive as replacement characters.
    for raw in ("%ED%A0%80", "%FF%FE", "%C3"):
        response = read_api.get(f"/api/v1/claims/?{name}={raw}")
        assert response.status_code in (200, 400, 404), (name, raw, response.status_code)
        if response.status_code != 200:
            assert_client_error(response, 400, 404)


@pytest.mark.parametrize("value", ["1" * 40, "-1", "0", "1e9", "9223372036854775808", "1.5", "0x10"])
def test_out_of_range_ids_are_refused(read_api, value):
    response = read_api.get("/api/v1/claims/?" + urlencode({"document": value}))
    assert_client_error(response, 400)


@pytest.mark.parametrize("value", ["x" * 501, "a" * 10_000])
def test_an_overlong_search_is_refused(read_api, value):
    response = read_api.get("/api/v1/claims/?" + urlencode({"q": value}))
    assert_client_error(response, 400)


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-13-40", "yesterday"])
def test_odd_dates_are_answered_or_refused_never_a_server_error(read_api, value):
    ClaimFactory()
    response = read_api.get("/api/v1/claims/?" + urlencode({"updated_after": value}))
    assert response.status_code in (200, 400)
    changes = read_api.get("/api/v1/changes/?" + urlencode({"since": value}))
    assert changes.status_code in (200, 400)


# Page sizes and deep offsets -------------------------------------------------------------


@pytest.mark.parametrize("value", ["0", "-5", "abc", "201", "100000", "99999999999999999999"])
@pytest.mark.parametrize("path", ["/api/v1/claims/", "/api/v1/documents/"])
def test_a_page_size_outside_the_allowed_range_is_refused(read_api, write_api, path, value):
    client = write_api if path == DOCUMENTS else read_api
    response = client.get(f"{path}?page_size={value}")
    assert "page_size" in assert_client_error(response, 400)["detail"]


@pytest.mark.parametrize("value", ["0", "501", "-1", "abc"])
def test_a_changes_page_size_outside_the_allowed_range_is_refused(read_api, value):
    response = read_api.get(f"/api/v1/changes/?page_size={value}")
    assert "page_size" in str(assert_client_error(response, 400))


@pytest.mark.parametrize("param", ["offset", "page", "limit"])
def test_offset_style_parameters_are_refused_rather_than_ignored(read_api, param):
    response = read_api.get(f"/api/v1/claims/?{param}=1000000")
    assert_client_error(response, 400)


def forged_cursor(**fields) -> str:
    raw = urlencode(fields).encode()
    return base64.b64encode(raw).decode()


@pytest.mark.parametrize(
    "cursor",
    [
        forged_cursor(o=10**9),
        forged_cursor(o=10**9, p=5),
        forged_cursor(o=-1),
        forged_cursor(p="\x00"),
        forged_cursor(p="not-a-number", r=1),
        forged_cursor(o="x" * 1000),
        "not-base64!",
        "A" * 5000,
    ],
    ids=[
        "huge-offset",
        "huge-offset-with-position",
        "negative-offset",
        "nul-position",
        "text-position",
        "junk-offset",
        "junk",
        "long",
    ],
)
def test_a_forged_cursor_is_refused_or_answered_cheaply_never_a_server_error(read_api, cursor):
    ClaimFactory.create_batch(3)
    response = read_api.get("/api/v1/claims/?" + urlencode({"cursor": cursor}))
    if response.status_code == 200:
        # DRF caps a cursor's offset, so a forged one cannot make the database skip a billion rows.
        assert len(response.json()["results"]) <= 3
    else:
        assert_client_error(response, 400, 404)


@pytest.mark.parametrize(
    "cursor",
    [
        base64.urlsafe_b64encode(b"2026-01-01T00:00:00+00:00|99999999999999999999").decode(),
        base64.urlsafe_b64encode(b"0001-01-01T00:00:00+00:00|1").decode(),
        base64.urlsafe_b64encode(b"2026-01-01T00:00:00|1").decode(),
        base64.urlsafe_b64encode(b"\x00|\x00").decode(),
        "%00",
    ],
    ids=["huge-id", "year-one", "naive-time", "nul", "escaped-nul"],
)
def test_a_forged_changes_cursor_is_refused_or_answered_never_a_server_error(read_api, cursor):
    ClaimFactory()
    response = read_api.get("/api/v1/changes/?" + urlencode({"cursor": cursor}))
    if response.status_code != 200:
        assert_client_error(response, 400)


def test_a_very_long_query_string_is_answered_without_a_server_error(read_api):
    response = read_api.get(
        "/api/v1/claims/?" + urlencode({"claimant": "x" * 300, "q": "y" * 500}) + "&x=" + "z" * 8000
    )
    assert_client_error(response, 400)
