"""Per-token throttling in Redis, and every error as problem+json with a stable type."""

import pytest

from config.api import PROBLEMS, ApiRateThrottle, ApiWriteRateThrottle, throttle_redis
from tests.api.conftest import problem, token_client
from verification.models import ApiToken


@pytest.fixture
def tight_rates(monkeypatch):
    monkeypatch.setattr(ApiRateThrottle, "THROTTLE_RATES", {"api": "3/minute", "api_write": "2/minute"})
    monkeypatch.setattr(ApiWriteRateThrottle, "THROTTLE_RATES", {"api": "3/minute", "api_write": "2/minute"})


def test_a_token_over_its_rate_gets_429_with_retry_after(api_client_user, tight_rates):
    client = token_client(api_client_user)
    statuses = [client.get("/api/v1/claims/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/claims/")
    body = problem(response)
    assert body["type"] == "/api/problems/throttled" and int(response["Retry-After"]) > 0


def test_throttling_counts_each_token_separately_in_redis(api_client_user, tight_rates):
    first, second = token_client(api_client_user), token_client(api_client_user)
    for _ in range(3):
        first.get("/api/v1/claims/")
    assert first.get("/api/v1/claims/").status_code == 429
    assert second.get("/api/v1/claims/").status_code == 200
    first_token, second_token = ApiToken.objects.order_by("pk")
    assert _counted(first_token) == 3  # the refused fourth request is not counted
    assert _counted(second_token) == 1


def _counted(token) -> int:
    keys = throttle_redis().keys(f"throttle_api_token:{token.pk}:*")
    return sum(int(throttle_redis().get(key)) for key in keys)


def test_requests_at_the_end_of_the_last_window_still_count_early_in_the_next(
    api_client_user, tight_rates, monkeypatch
):
    clock = [6000.0 + 55]  # 55 s into a one-minute window
    monkeypatch.setattr(ApiRateThrottle, "timer", lambda self: clock[0])
    client = token_client(api_client_user)
    assert [client.get("/api/v1/claims/").status_code for _ in range(3)] == [200, 200, 200]
    clock[0] = 6060.0 + 5  # 5 s into the next window: the three still weigh 55/60 of a request each
    refused = client.get("/api/v1/claims/")
    assert refused.status_code == 429
    # Room again once the previous window's weight is down to two requests: at 20 s into this one.
    assert int(refused["Retry-After"]) == 15
    clock[0] = 6060.0 + 21
    assert client.get("/api/v1/claims/").status_code == 200


def test_a_full_budget_refuses_until_the_window_slides_past(api_client_user, tight_rates, monkeypatch):
    clock = [6000.0 + 10]
    monkeypatch.setattr(ApiRateThrottle, "timer", lambda self: clock[0])
    client = token_client(api_client_user)
    for _ in range(3):
        client.get("/api/v1/claims/")
    refused = client.get("/api/v1/claims/")
    # 50 s to the end of this window, then 20 s more until three requests weigh two.
    assert refused.status_code == 429 and int(refused["Retry-After"]) == 70
    clock[0] = 6060.0 + 19
    assert client.get("/api/v1/claims/").status_code == 429
    clock[0] = 6060.0 + 21
    assert client.get("/api/v1/claims/").status_code == 200


def test_writes_have_their_own_tighter_budget(api_client_user, tight_rates):
    client = token_client(api_client_user, ApiToken.Scope.READ_WRITE)
    codes = [
        client.post("/api/v1/documents/", {"text": f"The ministry said {n} drones fell."}, format="json").status_code
        for n in range(3)
    ]
    assert codes == [202, 202, 429]


def test_an_unknown_address_under_the_api_is_a_problem(read_api):
    response = read_api.get("/api/v1/nothing-here/")
    assert response.status_code == 404 and problem(response)["type"] == "/api/problems/not-found"


def test_a_wrong_method_is_a_problem(write_api):
    response = write_api.delete("/api/v1/claims/")
    assert response.status_code == 405 and problem(response)["type"] == "/api/problems/method-not-allowed"


def test_problems_carry_status_title_detail_and_instance(anonymous_api, db):
    body = problem(anonymous_api.get("/api/v1/claims/?status=flagged"))
    assert body["status"] == 401 and body["title"] and body["detail"]
    assert body["instance"] == "/api/v1/claims/?status=flagged"


def test_every_problem_type_is_documented_at_its_address(anonymous_api, db):
    for slug in PROBLEMS:
        response = anonymous_api.get(f"/api/problems/{slug}")
        assert response.status_code == 200
        [entry] = response.json()["problems"]
        assert entry["type"] == f"/api/problems/{slug}" and entry["meaning"]


def test_requests_racing_on_one_token_are_each_counted_once(api_client_user):
    from concurrent.futures import ThreadPoolExecutor

    from rest_framework.test import APIRequestFactory

    token = ApiToken(pk=987654, user=api_client_user)

    def one_request(_):
        request = APIRequestFactory().get("/api/v1/claims/")
        request.auth, request.user = token, api_client_user
        return ApiRateThrottle().allow_request(request, None)

    with ThreadPoolExecutor(max_workers=8) as pool:
        allowed = list(pool.map(one_request, range(200)))
    assert all(allowed)
    assert _counted(token) == 200
