"""API tokens: created and revoked by admins, stored as a SHA-256 hash, shown in clear once."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .audit import event_record
from .models import ApiToken

TOKEN_PREFIX = "ct_"


def token_hash(token: str) -> str:
    """What is stored for a token: its SHA-256 (tokens are long and random, so no slow hash is needed)."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class ApiTokenCreateResult:
    token: ApiToken
    secret: str  # the token in clear: shown once, never stored


@transaction.atomic
def api_token_create(*, user, name: str, scope: str = ApiToken.Scope.READ, created_by=None) -> ApiTokenCreateResult:
    """Issue a token for a user; returns the token in clear, which cannot be recovered later."""
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": f"Scope must be one of: {', '.join(ApiToken.Scope.values)}."})
    if not name.strip():
        raise ValidationError({"name": "Give the token a name that says who uses it."})
    if not user.is_active:
        raise ValidationError({"user": "Tokens can only be issued to active users."})
    public = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}{public}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=f"{TOKEN_PREFIX}{public}", token_hash=token_hash(secret), scope=scope
    )
    event_record(
        verb="api_token.created", obj=token, actor=created_by, after={"user": user.get_username(), "scope": scope}
    )
    return ApiTokenCreateResult(token, secret)


@transaction.atomic
def api_token_revoke(*, token: ApiToken, revoked_by=None) -> ApiToken:
    """Revoke a token; requests with it are refused from now on. Revoking twice changes nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        event_record(verb="api_token.revoked", obj=token, actor=revoked_by, after={"revoked_at": str(token.revoked_at)})
    return token


def api_token_lookup(secret: str) -> ApiToken | None:
    """The live token with this secret, with its user, or None."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    return (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_hash(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
