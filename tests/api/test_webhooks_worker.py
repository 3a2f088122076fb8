"""Webhooks end to end: an event enqueued in a committed transaction reaches a local server via a real worker."""

import json

import pytest
from django.db import transaction

from tests.api.test_webhooks import Receiver
from tests.integration.conftest import celery_worker_process, wait_until  # noqa: F401
from verification.models import WebhookDelivery
from verification.webhooks import SIGNATURE_HEADER, signature_verify, webhook_create, webhooks_enqueue

pytestmark = [pytest.mark.worker, pytest.mark.slow]


def test_worker_delivers_a_signed_event_after_commit(celery_worker_process):  # noqa: F811
    with Receiver() as receiver:
        created = webhook_create(url=receiver.url, event_types=["verdict.published"])
        with transaction.atomic():
            webhooks_enqueue(event_type="verdict.published", payload={"claim": 42, "rating": "false"})

        [request] = wait_until(lambda: receiver.requests, timeout=60)
        delivery = wait_until(
            lambda: WebhookDelivery.objects.filter(status="delivered").first(), timeout=30, interval=0.2
        )

    assert signature_verify(secret=created.secret, body=request["body"], header=request["headers"][SIGNATURE_HEADER])
    assert json.loads(request["body"])["data"] == {"claim": 42, "rating": "false"}
    assert delivery.attempts == 1 and delivery.response_status == 200


def test_approving_a_verdict_over_the_api_sends_verdict_published(celery_worker_process, editor, other_fact_checker):  # noqa: F811
    from tests.api.conftest import session_client
    from tests.factories import ClaimFactory, ReviewItemFactory, VerdictFactory
    from verification.models import ReviewItem

    claim = ClaimFactory(status="awaiting_approval")
    item = ReviewItemFactory(claim=claim, state=ReviewItem.State.AWAITING_APPROVAL, assignee=other_fact_checker)
    verdict = VerdictFactory(claim=claim, review_item=item, reviewer=other_fact_checker, rating="mostly_false")
    with Receiver() as receiver:
        created = webhook_create(url=receiver.url, event_types=["verdict.published"])
        response = session_client(editor).post(f"/api/v1/verdicts/{verdict.pk}/approve/")
        assert response.status_code == 200

        [request] = wait_until(lambda: receiver.requests, timeout=60)

    assert request["headers"]["X-Claimtrack-Event"] == "verdict.published"
    assert signature_verify(secret=created.secret, body=request["body"], header=request["headers"][SIGNATURE_HEADER])
    data = json.loads(request["body"])["data"]
    assert data["verdict_id"] == verdict.pk and data["claim_id"] == claim.pk and data["rating"] == "mostly_false"
