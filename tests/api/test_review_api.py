"""Review over the API: take the next claim, release it, record a verdict, approve or return it."""

import pytest

from claims.models import Claim
from tests.api.conftest import problem, session_client, token_client
from tests.factories import ClaimFactory, ReviewItemFactory
from verification.models import ApiToken, ReviewItem, Verdict

VERDICT = {
    "rating": "false",
    "credibility": 5,
    "rationale": "Satellite images from the next morning show the depot intact.",
    "evidence_links": ["https://example.org/satellite"],
}


@pytest.fixture
def queued(db):
    return ReviewItemFactory(claim=ClaimFactory(status=Claim.Status.FLAGGED), priority=5)


def test_take_next_leases_the_top_item_to_me(fact_checker, queued):
    client = session_client(fact_checker)
    response = client.post("/api/v1/review/items/take-next/")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == queued.pk and body["assignee"] == fact_checker.username and body["state"] == "in_progress"
    assert body["claim"]["id"] == queued.claim_id


def test_take_next_on_an_empty_queue_is_204(fact_checker, db):
    assert session_client(fact_checker).post("/api/v1/review/items/take-next/").status_code == 204


def test_release_puts_the_item_back(fact_checker, queued):
    client = session_client(fact_checker)
    client.post("/api/v1/review/items/take-next/")
    response = client.post(f"/api/v1/review/items/{queued.pk}/release/")
    assert response.status_code == 200 and response.json()["state"] == "queued"


def test_verdict_then_approval_publishes_the_claim(fact_checker, editor, queued):
    checker = session_client(fact_checker)
    checker.post("/api/v1/review/items/take-next/")
    submitted = checker.post(f"/api/v1/review/items/{queued.pk}/verdict/", VERDICT, format="json")
    assert submitted.status_code == 201, submitted.content
    verdict_id = submitted.json()["id"]

    approved = session_client(editor).post(f"/api/v1/verdicts/{verdict_id}/approve/")
    assert approved.status_code == 200 and approved.json()["state"] == "published"
    claim = Claim.objects.get(pk=queued.claim_id)
    assert claim.status == Claim.Status.PUBLISHED and claim.rating == "false"


def test_only_the_assignee_records_a_verdict(fact_checker, other_fact_checker, queued):
    session_client(fact_checker).post("/api/v1/review/items/take-next/")
    response = session_client(other_fact_checker).post(
        f"/api/v1/review/items/{queued.pk}/verdict/", VERDICT, format="json"
    )
    assert response.status_code == 403 and problem(response)["type"] == "/api/problems/permission-denied"
    assert not Verdict.objects.exists()


def test_nobody_approves_their_own_verdict(editor, queued):
    client = session_client(editor)
    client.post("/api/v1/review/items/take-next/")
    verdict_id = client.post(f"/api/v1/review/items/{queued.pk}/verdict/", VERDICT, format="json").json()["id"]
    response = client.post(f"/api/v1/verdicts/{verdict_id}/approve/")
    assert response.status_code == 403
    assert Verdict.objects.get(pk=verdict_id).state == Verdict.State.SUBMITTED


def test_return_sends_the_verdict_back_with_a_comment(fact_checker, editor, queued):
    checker = session_client(fact_checker)
    checker.post("/api/v1/review/items/take-next/")
    verdict_id = checker.post(f"/api/v1/review/items/{queued.pk}/verdict/", VERDICT, format="json").json()["id"]
    response = session_client(editor).post(
        f"/api/v1/verdicts/{verdict_id}/return/", {"comment": "Cite the imagery date."}, format="json"
    )
    assert response.status_code == 200 and response.json()["return_comment"] == "Cite the imagery date."
    assert ReviewItem.objects.get(pk=queued.pk).assignee == fact_checker


def test_a_verdict_on_an_item_not_taken_is_a_conflict(fact_checker, queued):
    response = session_client(fact_checker).post(f"/api/v1/review/items/{queued.pk}/verdict/", VERDICT, format="json")
    assert response.status_code == 409 and problem(response)["type"] == "/api/problems/conflict"


def test_a_bad_verdict_names_the_bad_fields(fact_checker, queued):
    client = session_client(fact_checker)
    client.post("/api/v1/review/items/take-next/")
    response = client.post(
        f"/api/v1/review/items/{queued.pk}/verdict/", {**VERDICT, "credibility": 9, "rating": "pants"}, format="json"
    )
    assert response.status_code == 400
    assert {"credibility", "rating"} <= set(problem(response)["errors"])


def test_approving_twice_is_a_conflict(fact_checker, editor, queued):
    checker = session_client(fact_checker)
    checker.post("/api/v1/review/items/take-next/")
    verdict_id = checker.post(f"/api/v1/review/items/{queued.pk}/verdict/", VERDICT, format="json").json()["id"]
    editor_client = session_client(editor)
    editor_client.post(f"/api/v1/verdicts/{verdict_id}/approve/")
    response = editor_client.post(f"/api/v1/verdicts/{verdict_id}/approve/")
    assert response.status_code == 409


def test_a_checker_with_a_read_write_token_can_work_the_queue(fact_checker, queued):
    client = token_client(fact_checker, ApiToken.Scope.READ_WRITE)
    assert client.post("/api/v1/review/items/take-next/").status_code == 200


def test_a_checker_with_a_read_token_cannot(fact_checker, queued):
    client = token_client(fact_checker, ApiToken.Scope.READ)
    response = client.post("/api/v1/review/items/take-next/")
    assert response.status_code == 403 and problem(response)["type"] == "/api/problems/insufficient-scope"
    assert ReviewItem.objects.get(pk=queued.pk).state == "queued"


def test_an_editor_hands_an_item_over_to_another_checker(fact_checker, other_fact_checker, editor, queued):
    session_client(fact_checker).post("/api/v1/review/items/take-next/")
    response = session_client(editor).post(
        f"/api/v1/review/items/{queued.pk}/hand-over/", {"to": other_fact_checker.username}, format="json"
    )
    assert response.status_code == 200 and response.json()["assignee"] == other_fact_checker.username


def test_a_checker_cannot_take_over_a_colleagues_item_by_handing_it_to_themselves(
    fact_checker, other_fact_checker, queued
):
    session_client(fact_checker).post("/api/v1/review/items/take-next/")
    response = session_client(other_fact_checker).post(
        f"/api/v1/review/items/{queued.pk}/hand-over/", {"to": other_fact_checker.username}, format="json"
    )
    assert response.status_code == 403
    assert ReviewItem.objects.get(pk=queued.pk).assignee == fact_checker
