"""The permission matrix, endpoint by endpoint: who may call what, by role and token scope."""

import json

import pytest
from rest_framework.test import APIClient

from claims.models import Claim
from tests.api.conftest import session_client, token_client
from tests.factories import ClaimFactory, DocumentFactory, ReviewItemFactory, SourceFactory, VerdictFactory
from verification.models import ApiToken, ReviewItem, Verdict

ROLES = ["anonymous", "outsider", "api_read", "api_write", "checker", "editor", "admin"]

# Expected status per role, in the order of ROLES.
MATRIX = {
    "list claims": ("GET", "/api/v1/claims/", None, [401, 403, 200, 200, 200, 200, 200]),
    "claim detail": ("GET", "/api/v1/claims/{claim}/", None, [401, 403, 200, 200, 200, 200, 200]),
    "changes feed": ("GET", "/api/v1/changes/", None, [401, 403, 200, 200, 200, 200, 200]),
    "list documents": ("GET", "/api/v1/documents/", None, [401, 403, 200, 200, 200, 200, 200]),
    "document detail": ("GET", "/api/v1/documents/{document}/", None, [401, 403, 200, 200, 200, 200, 200]),
    "ingest a document": (
        "POST",
        "/api/v1/documents/",
        {"text": "The ministry said {role} drones were downed."},
        [401, 403, 403, 202, 202, 202, 202],
    ),
    "list sources": ("GET", "/api/v1/sources/", None, [401, 403, 200, 200, 200, 200, 200]),
    "source detail": ("GET", "/api/v1/sources/{source_slug}/", None, [401, 403, 200, 200, 200, 200, 200]),
    "grade a source": (
        "POST",
        "/api/v1/sources/{source}/grade/",
        {"grade": "C", "reason": "Two corrections this month."},
        [401, 403, 403, 403, 403, 403, 201],
    ),
    "edit a source": ("PATCH", "/api/v1/sources/{source}/", {"country": "FR"}, [401, 403, 403, 403, 403, 403, 200]),
    "claim review feed": ("GET", "/api/v1/claim-reviews/", None, [200, 200, 200, 200, 200, 200, 200]),
    "list review items": ("GET", "/api/v1/review/items/", None, [401, 403, 403, 403, 200, 200, 200]),
    "take next": ("POST", "/api/v1/review/items/take-next/", None, [401, 403, 403, 403, 200, 200, 200]),
    "list verdicts": ("GET", "/api/v1/verdicts/", None, [401, 403, 403, 403, 200, 200, 200]),
    "approve a verdict": ("POST", "/api/v1/verdicts/{verdict}/approve/", None, [401, 403, 403, 403, 403, 200, 200]),
    "return a verdict": (
        "POST",
        "/api/v1/verdicts/{verdict}/return/",
        {"comment": "Needs a second source."},
        [401, 403, 403, 403, 403, 200, 200],
    ),
    "list webhooks": ("GET", "/api/v1/webhooks/", None, [401, 403, 403, 403, 403, 403, 200]),
    "register a webhook": (
        "POST",
        "/api/v1/webhooks/",
        {"target": "https://example.org/hook", "event_types": ["verdict.published"]},
        [401, 403, 403, 403, 403, 403, 201],
    ),
    "who am I": ("GET", "/api/v1/me/", None, [401, 403, 200, 200, 200, 200, 200]),
}


@pytest.fixture
def world(db, other_fact_checker):
    source = SourceFactory(slug="tass")
    claim = ClaimFactory(status=Claim.Status.AWAITING_APPROVAL)
    ReviewItemFactory(claim=ClaimFactory(status=Claim.Status.FLAGGED))
    item = ReviewItemFactory(claim=claim, state=ReviewItem.State.AWAITING_APPROVAL, assignee=other_fact_checker)
    verdict = VerdictFactory(claim=claim, review_item=item, reviewer=other_fact_checker, state=Verdict.State.SUBMITTED)
    return {
        "claim": claim.pk,
        "document": DocumentFactory().pk,
        "source": source.pk,
        "source_slug": source.slug,
        "verdict": verdict.pk,
    }


def client_for(role, request) -> APIClient:
    if role == "anonymous":
        return APIClient()
    if role == "outsider":
        return session_client(request.getfixturevalue("outsider"))
    if role == "api_read":
        return token_client(request.getfixturevalue("api_client_user"), ApiToken.Scope.READ)
    if role == "api_write":
        return token_client(request.getfixturevalue("api_client_user"), ApiToken.Scope.READ_WRITE)
    fixture = {"checker": "fact_checker", "editor": "editor", "admin": "admin_user"}[role]
    return session_client(request.getfixturevalue(fixture))


@pytest.mark.parametrize("endpoint", list(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(endpoint, role, world, request):
    method, path, body, expected = MATRIX[endpoint]
    client = client_for(role, request)
    if body is not None:
        body = {k: (v.format(role=role) if isinstance(v, str) else v) for k, v in body.items()}
    response = client.generic(
        method,
        path.format(**world),
        data=json.dumps(body) if body is not None else "",
        content_type="application/json",
    )
    want = expected[ROLES.index(role)]
    assert response.status_code == want, f"{role} {method} {path}: {response.status_code} {response.content[:300]!r}"
    if want >= 400:
        assert response["Content-Type"].startswith("application/problem+json")


def test_a_revoked_token_is_refused(api_client_user, db):
    from verification.tokens import api_token_revoke

    client = token_client(api_client_user)
    assert client.get("/api/v1/me/").status_code == 200
    api_token_revoke(token=api_client_user.api_tokens.get())
    response = client.get("/api/v1/me/")
    assert response.status_code == 401 and response.json()["type"] == "/api/problems/authentication-failed"


def test_an_unknown_token_is_refused(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer ct_00000000_forged")
    response = client.get("/api/v1/claims/")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_of_a_deactivated_user_is_refused(api_client_user, db):
    client = token_client(api_client_user)
    api_client_user.is_active = False
    api_client_user.save()
    assert client.get("/api/v1/claims/").status_code == 401


def test_tokens_are_stored_hashed(api_client_user, db):
    from verification.tokens import api_token_create, token_hash

    result = api_token_create(user=api_client_user, name="cms")
    stored = ApiToken.objects.get(pk=result.token.pk)
    assert result.secret not in (stored.token_hash, stored.prefix)
    assert stored.token_hash == token_hash(result.secret)
    assert result.secret.startswith(stored.prefix)
