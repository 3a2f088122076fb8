"""Webhooks: signed event deliveries to URLs that admins register.

A delivery is a POST of a JSON body signed with HMAC-SHA256 under the hook's secret:

    X-Claimtrack-Signature: t=<unix time>,v1=<hex hmac_sha256(secret, f"{t}.{body}")>

Receivers recompute the HMAC over the timestamp, a dot and the raw body, compare in constant
time and reject old timestamps (replays). The body's `id` is the delivery id: a retried delivery
keeps its id, so a receiver can drop duplicates.

Secrets are needed in clear to sign, so they cannot be hashed. They are stored encrypted
(AES-256-GCM under a key derived from SECRET_KEY) and shown in clear once, when the hook is created.
Rotating SECRET_KEY keeps old secrets readable while the old key is listed in SECRET_KEY_FALLBACKS.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from .audit import event_record
from .models import Webhook, WebhookDelivery

logger = logging.getLogger(__name__)

EVENT_TYPES = (
    "claim.flagged",
    "claim.disputed",
    "verdict.submitted",
    "verdict.published",
    "verdict.returned",
    "document.processed",
)
SIGNATURE_HEADER = "X-Claimtrack-Signature"
EVENT_HEADER = "X-Claimtrack-Event"
DELIVERY_HEADER = "X-Claimtrack-Delivery"
_SECRET_PREFIX = "v1:"


def _setting(name: str, default):
    return getattr(settings, name, default)


def max_attempts() -> int:
    """Attempts per delivery before it is given up as failed."""
    return _setting("CLAIMTRACK_WEBHOOK_MAX_ATTEMPTS", 6)


def pause_after() -> int:
    """Failed attempts in a row after which a hook is paused."""
    return _setting("CLAIMTRACK_WEBHOOK_PAUSE_AFTER", 10)


def retry_delay(attempts: int) -> int:
    """Seconds before the next attempt: exponential backoff, 30 s, 60 s, 120 s ... capped at one hour."""
    base = _setting("CLAIMTRACK_WEBHOOK_RETRY_BASE_SECONDS", 30)
    return int(min(base * 2 ** max(attempts - 1, 0), 3600))


# Secrets at rest ------------------------------------------------------------------------------


def _key(secret_key: str) -> bytes:
    # A key of its own, so the webhook cipher never shares key material with sessions or signing.
    return hashlib.sha256(b"claimtrack.webhook-secret.v1\x00" + secret_key.encode()).digest()


def webhook_secret_encrypt(secret: str) -> str:
    """The hook secret as stored: AES-GCM under a key derived from SECRET_KEY."""
    nonce = os.urandom(12)
    sealed = AESGCM(_key(settings.SECRET_KEY)).encrypt(nonce, secret.encode(), b"webhook")
    return _SECRET_PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode()


def webhook_secret_decrypt(stored: str) -> str:
    """The clear secret of a stored value; tries SECRET_KEY, then SECRET_KEY_FALLBACKS."""
    if not stored.startswith(_SECRET_PREFIX):
        raise ValueError("The webhook secret is not in the encrypted format.")
    raw = base64.urlsafe_b64decode(stored[len(_SECRET_PREFIX) :])
    nonce, sealed = raw[:12], raw[12:]
    for secret_key in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        try:
            return AESGCM(_key(secret_key)).decrypt(nonce, sealed, b"webhook").decode()
        except InvalidTag:
            continue
    raise ValueError("The webhook secret cannot be decrypted with SECRET_KEY or its fallbacks.")


def webhook_new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


# Signing --------------------------------------------------------------------------------------


def signature_header(*, secret: str, body: bytes, timestamp: int | None = None) -> str:
    """The value of X-Claimtrack-Signature for this body."""
    t = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def signature_verify(*, secret: str, body: bytes, header: str, tolerance: int = 300, now: int | None = None) -> bool:
    """True when the header signs this body with this secret and its timestamp is recent."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        t = int(parts["t"])
    except (KeyError, ValueError):
        return False
    current = int(time.time()) if now is None else now
    if abs(current - t) > tolerance:
        return False
    expected = signature_header(secret=secret, body=body, timestamp=t).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


# Registering hooks ----------------------------------------------------------------------------


def _clean_event_types(event_types) -> list[str]:
    if not isinstance(event_types, list | tuple) or not event_types:
        raise ValidationError({"event_types": "Choose at least one event type."})
    unknown = sorted(set(event_types) - set(EVENT_TYPES))
    if unknown:
        raise ValidationError({"event_types": f"Unknown event types: {', '.join(unknown)}."})
    return [t for t in EVENT_TYPES if t in set(event_types)]


@dataclass
class WebhookCreateResult:
    webhook: Webhook
    secret: str  # shown once; only the encrypted form is stored


@transaction.atomic
def webhook_create(*, url: str, event_types: list[str], created_by=None, secret: str = "") -> WebhookCreateResult:
    """Register a URL for event types; returns the hook and its secret in clear, which is never shown again."""
    secret = secret or webhook_new_secret()
    webhook = Webhook(
        url=url,
        event_types=_clean_event_types(event_types),
        secret=webhook_secret_encrypt(secret),
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
    )
    webhook.full_clean(exclude=["secret", "created_by"])
    webhook.save()
    event_record(
        verb="webhook.created", obj=webhook, actor=created_by, after={"url": url, "events": webhook.event_types}
    )
    return WebhookCreateResult(webhook, secret)


@transaction.atomic
def webhook_rotate_secret(*, webhook: Webhook, user=None) -> str:
    """Give a hook a new secret; returns it in clear, once."""
    secret = webhook_new_secret()
    webhook = Webhook.objects.select_for_update().get(pk=webhook.pk)
    webhook.secret = webhook_secret_encrypt(secret)
    webhook.save(update_fields=["secret"])
    event_record(verb="webhook.secret_rotated", obj=webhook, actor=user)
    return secret


@transaction.atomic
def webhook_resume(*, webhook: Webhook, user=None) -> Webhook:
    """Unpause a hook that was paused after failing; its failure count starts again from zero."""
    webhook = Webhook.objects.select_for_update().get(pk=webhook.pk)
    before = {"paused_at": webhook.paused_at.isoformat() if webhook.paused_at else None}
    webhook.paused_at = None
    webhook.consecutive_failures = 0
    webhook.active = True
    webhook.save(update_fields=["paused_at", "consecutive_failures", "active"])
    event_record(verb="webhook.resumed", obj=webhook, actor=user, before=before, after={"paused_at": None})
    return webhook


@transaction.atomic
def webhook_delete(*, webhook: Webhook, user=None) -> None:
    """Remove a hook and its delivery log; pending deliveries stop with it."""
    event_record(verb="webhook.deleted", obj=webhook, actor=user, before={"url": webhook.url})
    webhook.delete()


# Enqueueing and delivering --------------------------------------------------------------------


def webhooks_enqueue(*, event_type: str, payload: dict) -> None:
    """Create a delivery for each active hook subscribed to the event; send them once the transaction commits."""
    from .tasks_webhooks import deliver_webhook

    if event_type not in EVENT_TYPES:
        raise ValueError(f"Unknown webhook event type {event_type!r}; known: {', '.join(EVENT_TYPES)}")
    # Normalise now (dates, decimals, UUIDs), so the stored payload is exactly what is sent.
    data = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
    # Hooks are few; filtering in Python keeps this working on SQLite, which lacks JSON containment.
    hooks = [
        hook
        for hook in Webhook.objects.filter(active=True, paused_at__isnull=True)
        if event_type in (hook.event_types or [])
    ]
    if not hooks:
        return
    deliveries = WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(webhook=hook, event_type=event_type, payload=data) for hook in hooks]
    )
    for delivery in deliveries:
        deliver_webhook.delay_on_commit(delivery.pk)


def delivery_body(delivery: WebhookDelivery) -> bytes:
    """The exact bytes sent (and signed) for a delivery."""
    envelope = {
        "id": delivery.pk,
        "type": delivery.event_type,
        "created": delivery.created_at.isoformat().replace("+00:00", "Z"),
        "data": delivery.payload,
    }
    return json.dumps(envelope, separators=(",", ":"), sort_keys=True).encode()


@dataclass
class AttemptOutcome:
    status: str  # delivered | failed | pending | skipped
    retry_in: int | None = None


def _claim_attempt(delivery_id: int) -> WebhookDelivery | None:
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().select_related("webhook").filter(pk=delivery_id).first()
        if delivery is None or delivery.status != WebhookDelivery.Status.PENDING:
            return None
        hook = delivery.webhook
        if not hook.active or hook.paused_at is not None:
            delivery.status = WebhookDelivery.Status.FAILED
            delivery.error = "Not sent: the webhook is paused or inactive."
            delivery.save(update_fields=["status", "error"])
            return None
        delivery.attempts += 1
        delivery.save(update_fields=["attempts"])
        return delivery


def webhook_delivery_attempt(*, delivery_id: int, final: bool = False) -> AttemptOutcome:
    """Send one delivery once; record the outcome; pause the hook after too many failures in a row.

    `final` marks the last attempt this run will make (no retry will follow), so a failure is final.
    """
    import httpx

    delivery = _claim_attempt(delivery_id)
    if delivery is None:
        return AttemptOutcome("skipped")
    hook = delivery.webhook
    body = delivery_body(delivery)
    error, status_code = "", None
    try:
        secret = webhook_secret_decrypt(hook.secret)
        response = httpx.post(
            hook.url,
            content=body,
            headers={
                "Content-Type": "application/json",
                "User-Agent": "Claimtrack-Webhooks/1",
                SIGNATURE_HEADER: signature_header(secret=secret, body=body),
                EVENT_HEADER: delivery.event_type,
                DELIVERY_HEADER: str(delivery.pk),
            },
            timeout=_setting("CLAIMTRACK_WEBHOOK_TIMEOUT_SECONDS", 10),
            follow_redirects=False,
        )
        status_code = response.status_code
        if not 200 <= status_code < 300:
            error = f"HTTP {status_code}"
    except (httpx.HTTPError, ValueError, OSError) as exc:
        error = f"{type(exc).__name__}: {exc}"[:2000]

    with transaction.atomic():
        hook = Webhook.objects.select_for_update().get(pk=hook.pk)
        delivery.response_status = status_code
        if not error:
            delivery.status = WebhookDelivery.Status.DELIVERED
            delivery.delivered_at = timezone.now()
            delivery.error = ""
            delivery.save(update_fields=["status", "delivered_at", "error", "response_status"])
            if hook.consecutive_failures:
                hook.consecutive_failures = 0
                hook.save(update_fields=["consecutive_failures"])
            return AttemptOutcome("delivered")

        delivery.error = error
        hook.consecutive_failures += 1
        hook_fields = ["consecutive_failures"]
        if hook.paused_at is None and hook.consecutive_failures >= pause_after():
            hook.paused_at = timezone.now()
            hook_fields.append("paused_at")
            event_record(
                verb="webhook.paused",
                obj=hook,
                actor_label="webhooks",
                after={"consecutive_failures": hook.consecutive_failures},
                note=f"Paused after {hook.consecutive_failures} failed deliveries in a row; last: {error[:200]}",
            )
        hook.save(update_fields=hook_fields)
        give_up = final or hook.paused_at is not None or delivery.attempts >= max_attempts()
        delivery.status = WebhookDelivery.Status.FAILED if give_up else WebhookDelivery.Status.PENDING
        delivery.save(update_fields=["status", "error", "response_status"])
    logger.warning("webhook delivery %s to hook %s failed: %s", delivery.pk, hook.pk, error)
    if give_up:
        return AttemptOutcome("failed")
    return AttemptOutcome("pending", retry_in=retry_delay(delivery.attempts))


def webhook_deliveries_retry_stale(*, older_than: timedelta = timedelta(hours=2)) -> list[int]:
    """Re-enqueue deliveries still pending long after they were made (a lost task message)."""
    from .tasks_webhooks import deliver_webhook

    cutoff = timezone.now() - older_than
    ids = list(
        WebhookDelivery.objects.filter(
            status=WebhookDelivery.Status.PENDING, created_at__lt=cutoff, webhook__paused_at__isnull=True
        ).values_list("pk", flat=True)[:1000]
    )
    for delivery_id in ids:
        deliver_webhook.delay(delivery_id)
    return ids
