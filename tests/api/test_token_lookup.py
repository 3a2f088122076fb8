"""A token request reads its token, user and roles in one query, and nothing of that outlives the request."""

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import token_client
from verification.roles import API_CLIENTS, FACT_CHECKERS
from verification.tokens import api_token_create, api_token_lookup


def _auth_queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    sql = [q["sql"] for q in captured]
    return response, [s for s in sql if "verification_apitoken" in s or "auth_group" in s]


def test_token_user_and_roles_come_back_in_one_query(api_client_user):
    client = token_client(api_client_user)
    client.get("/api/v1/claims/")  # the token's last-used stamp is written at most once a minute
    response, queries = _auth_queries(client, "/api/v1/claims/")
    assert response.status_code == 200
    assert len(queries) == 1, queries


def test_lookup_gives_the_token_with_its_user_and_every_role(db):
    from tests.factories import UserFactory

    user = UserFactory(username="both")
    user.groups.add(
        Group.objects.get_or_create(name=API_CLIENTS)[0], Group.objects.get_or_create(name=FACT_CHECKERS)[0]
    )
    secret = api_token_create(user=user, name="cms").secret
    token = api_token_lookup(secret)
    assert token.user == user and token.user.is_active
    assert token.user._role_groups_cache == {API_CLIENTS, FACT_CHECKERS}
    assert token.created_at.tzinfo is not None and token.last_used_at is None


def test_a_user_with_two_roles_may_use_both(db):
    from tests.factories import UserFactory

    user = UserFactory(username="checker-with-token")
    user.groups.add(
        Group.objects.get_or_create(name=API_CLIENTS)[0], Group.objects.get_or_create(name=FACT_CHECKERS)[0]
    )
    client = token_client(user)
    assert client.get("/api/v1/review/items/").status_code == 200


def test_a_token_of_a_user_without_a_role_gets_no_data(outsider):
    client = token_client(outsider)
    response = client.get("/api/v1/claims/")
    assert response.status_code == 403 and response.json()["type"] == "/api/problems/permission-denied"


def test_a_client_removed_from_its_role_is_refused_at_the_next_request(api_client_user):
    client = token_client(api_client_user)
    assert client.get("/api/v1/claims/").status_code == 200
    api_client_user.groups.clear()
    assert client.get("/api/v1/claims/").status_code == 403


def test_a_revoked_token_gets_no_304_either(api_client_user, settings):
    from verification.tokens import api_token_revoke

    settings.CLAIMTRACK_CHANGES_SETTLE_SECONDS = 0
    client = token_client(api_client_user)
    first = client.get("/api/v1/changes/")
    cursor, etag = first.json()["next_cursor"], None
    etag = client.get("/api/v1/changes/", {"cursor": cursor})["ETag"]
    assert client.get("/api/v1/changes/", {"cursor": cursor}, HTTP_IF_NONE_MATCH=etag).status_code == 304
    api_token_revoke(token=api_client_user.api_tokens.get())
    assert client.get("/api/v1/changes/", {"cursor": cursor}, HTTP_IF_NONE_MATCH=etag).status_code == 401


def test_a_forged_token_with_the_right_prefix_is_refused(api_client_user):
    secret = api_token_create(user=api_client_user, name="cms").secret
    assert api_token_lookup(secret[:-1] + ("A" if secret[-1] != "A" else "B")) is None
