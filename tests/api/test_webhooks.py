"""Webhook deliveries: signed, sent after commit to a real local HTTP server, retried, paused."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction

from verification.models import Event, Webhook, WebhookDelivery
from verification.tasks_webhooks import deliver_webhook
from verification.webhooks import (
    SIGNATURE_HEADER,
    signature_verify,
    webhook_create,
    webhook_delivery_attempt,
    webhook_resume,
    webhook_secret_decrypt,
    webhooks_enqueue,
)


class Receiver:
    """An HTTP server on 127.0.0.1 that records what it receives and answers with a chosen status."""

    def __init__(self, status: int = 200):
        self.status = status
        self.requests: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/claimtrack"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    with Receiver() as r:
        yield r


def test_delivery_is_signed_with_the_hook_secret_and_verifies(db, receiver, admin_user):
    created = webhook_create(url=receiver.url, event_types=["verdict.published"], created_by=admin_user)
    delivery = WebhookDelivery.objects.create(
        webhook=created.webhook, event_type="verdict.published", payload={"claim": 7, "rating": "false"}
    )

    outcome = webhook_delivery_attempt(delivery_id=delivery.pk)

    assert outcome.status == "delivered"
    [request] = receiver.requests
    assert signature_verify(secret=created.secret, body=request["body"], header=request["headers"][SIGNATURE_HEADER])
    assert not signature_verify(secret="whsec_wrong", body=request["body"], header=request["headers"][SIGNATURE_HEADER])
    sent = json.loads(request["body"])
    assert sent["type"] == "verdict.published"
    assert sent["data"] == {"claim": 7, "rating": "false"}
    assert sent["id"] == delivery.pk
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.response_status == 200 and delivery.attempts == 1


def test_signature_is_hmac_sha256_over_timestamp_dot_body(db, receiver):
    import hashlib
    import hmac

    created = webhook_create(url=receiver.url, event_types=["claim.flagged"])
    delivery = WebhookDelivery.objects.create(webhook=created.webhook, event_type="claim.flagged", payload={"a": 1})
    webhook_delivery_attempt(delivery_id=delivery.pk)

    [request] = receiver.requests
    header = request["headers"][SIGNATURE_HEADER]
    t, v1 = (part.split("=", 1)[1] for part in header.split(","))
    expected = hmac.new(created.secret.encode(), f"{t}.".encode() + request["body"], hashlib.sha256).hexdigest()
    assert v1 == expected


def test_secret_is_stored_encrypted_not_in_clear(db):
    created = webhook_create(url="https://example.org/hook", event_types=["claim.flagged"])
    stored = Webhook.objects.get(pk=created.webhook.pk).secret
    assert created.secret not in stored
    assert webhook_secret_decrypt(stored) == created.secret


def test_enqueue_sends_only_to_subscribed_active_hooks_after_commit(db, receiver, settings):
    subscribed = webhook_create(url=receiver.url, event_types=["claim.disputed"]).webhook
    other = webhook_create(url=receiver.url, event_types=["verdict.published"]).webhook
    paused = webhook_create(url=receiver.url, event_types=["claim.disputed"]).webhook
    Webhook.objects.filter(pk=paused.pk).update(paused_at="2026-01-01T00:00:00Z")

    with transaction.atomic():
        webhooks_enqueue(event_type="claim.disputed", payload={"claim": 3})
        assert receiver.requests == []

    assert WebhookDelivery.objects.filter(webhook=subscribed).count() == 1
    assert not WebhookDelivery.objects.filter(webhook__in=[other, paused]).exists()


def test_enqueue_defers_sending_to_commit(django_capture_on_commit_callbacks, db, receiver):
    webhook_create(url=receiver.url, event_types=["claim.flagged"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        webhooks_enqueue(event_type="claim.flagged", payload={"claim": 1})
    assert receiver.requests == []
    assert len(callbacks) == 1


def test_enqueue_rejects_unknown_event_types(db):
    with pytest.raises(ValueError):
        webhooks_enqueue(event_type="claim.exploded", payload={})


def test_failed_attempt_stays_pending_for_a_retry(db, settings):
    with Receiver(status=500) as failing:
        hook = webhook_create(url=failing.url, event_types=["claim.flagged"]).webhook
        delivery = WebhookDelivery.objects.create(webhook=hook, event_type="claim.flagged", payload={})
        first = webhook_delivery_attempt(delivery_id=delivery.pk)
        second = webhook_delivery_attempt(delivery_id=delivery.pk)

    assert first.status == "pending" and second.status == "pending"
    assert second.retry_in > first.retry_in  # exponential backoff
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.response_status == 500 and delivery.error == "HTTP 500"


def test_hook_is_paused_after_failing_too_many_times_in_a_row(db, settings):
    settings.CLAIMTRACK_WEBHOOK_PAUSE_AFTER = 3
    with Receiver(status=503) as failing:
        hook = webhook_create(url=failing.url, event_types=["claim.flagged"]).webhook
        for _ in range(3):
            delivery = WebhookDelivery.objects.create(webhook=hook, event_type="claim.flagged", payload={})
            webhook_delivery_attempt(delivery_id=delivery.pk)
        hook.refresh_from_db()
        assert hook.paused_at is not None and hook.consecutive_failures == 3
        assert Event.objects.filter(verb="webhook.paused", object_id=str(hook.pk)).exists()

        webhooks_enqueue(event_type="claim.flagged", payload={})
        assert WebhookDelivery.objects.filter(webhook=hook).count() == 3  # a paused hook gets nothing new

        webhook_resume(webhook=hook)
        hook.refresh_from_db()
        assert hook.paused_at is None and hook.consecutive_failures == 0


def test_success_resets_the_failure_count(db, receiver):
    hook = webhook_create(url=receiver.url, event_types=["claim.flagged"]).webhook
    Webhook.objects.filter(pk=hook.pk).update(consecutive_failures=4)
    delivery = WebhookDelivery.objects.create(webhook=hook, event_type="claim.flagged", payload={})
    webhook_delivery_attempt(delivery_id=delivery.pk)
    hook.refresh_from_db()
    assert hook.consecutive_failures == 0


def test_delivering_twice_sends_once(db, receiver):
    hook = webhook_create(url=receiver.url, event_types=["claim.flagged"]).webhook
    delivery = WebhookDelivery.objects.create(webhook=hook, event_type="claim.flagged", payload={})
    deliver_webhook.apply(args=[delivery.pk])
    deliver_webhook.apply(args=[delivery.pk])
    assert len(receiver.requests) == 1


def test_unreachable_hook_records_the_error(db):
    # A port nothing listens on: bind, read the port, close.
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    hook = webhook_create(url=f"http://127.0.0.1:{port}/", event_types=["claim.flagged"]).webhook
    delivery = WebhookDelivery.objects.create(webhook=hook, event_type="claim.flagged", payload={})
    outcome = webhook_delivery_attempt(delivery_id=delivery.pk, final=True)
    delivery.refresh_from_db()
    assert outcome.status == "failed" and delivery.status == "failed" and "ConnectError" in delivery.error


def test_extracting_a_document_queues_document_processed_for_subscribers(db):
    from claims.services import document_create
    from claims.tasks import extract_document

    hook = webhook_create(url="https://cms.example.org/hooks", event_types=["document.processed"]).webhook
    document = document_create(
        text="Russia's defence ministry said its forces destroyed a depot near Kharkiv. Kyiv denied the claim.",
        title="Depot",
    ).document

    assert extract_document(document.pk) == "done"

    [delivery] = WebhookDelivery.objects.filter(webhook=hook)
    assert delivery.event_type == "document.processed"
    assert delivery.payload == {"document_id": document.pk, "status": "done", "claims": document.claims.count()}
    assert delivery.payload["claims"] >= 1
