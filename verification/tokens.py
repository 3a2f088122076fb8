"""API tokens: created and revoked by admins, stored as a SHA-256 hash, shown in clear once."""

from __future__ import annotations

import functools
import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection, transaction
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
    """The live token with this secret, with its user and the user's roles, in one query; or None.

    Every API request runs this, so it is one hand-written statement rather than the ORM's
    select_related plus a second query for the groups: the token, its user and one row per group
    of the user come back together. Nothing is cached between requests, so a revoked token, a
    deactivated user or a changed group counts from the very next request.
    """
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    sql, token_fields, user_fields, converters = _lookup_statement()
    with connection.cursor() as cursor:
        cursor.execute(sql, [token_hash(secret)])
        rows = cursor.fetchall()
    if not rows:
        return None
    token_width, user_width = len(token_fields), len(user_fields)
    first = list(rows[0])
    # The database's own conversions, as the ORM applies them (SQLite hands back dates as text).
    for index, column, converter in converters:
        first[index] = converter(first[index], column, connection)
    token = ApiToken.from_db(connection.alias, [f.attname for f in token_fields], first[:token_width])
    user = get_user_model().from_db(
        connection.alias, [f.attname for f in user_fields], first[token_width : token_width + user_width]
    )
    # What verification.roles would read with one more query, kept on the user for this request.
    user._role_groups_cache = frozenset(row[-1] for row in rows if row[-1] is not None)
    token.user = user
    return token


@functools.cache
def _lookup_statement() -> tuple[str, tuple, tuple, list]:
    """The lookup's SQL, written once from the models' own table and column names."""
    user_model = get_user_model()
    token_fields, user_fields = tuple(ApiToken._meta.concrete_fields), tuple(user_model._meta.concrete_fields)
    quote = connection.ops.quote_name
    token_table, user_table = quote(ApiToken._meta.db_table), quote(user_model._meta.db_table)
    through = user_model.groups.through
    link_table, group_table = quote(through._meta.db_table), quote(Group._meta.db_table)
    link_user = quote(through._meta.get_field("user").column)
    link_group = quote(through._meta.get_field("group").column)
    columns = [f"t.{quote(f.column)}" for f in token_fields] + [f"u.{quote(f.column)}" for f in user_fields]
    sql = (
        f"SELECT {', '.join(columns)}, g.{quote('name')} "
        f"FROM {token_table} t JOIN {user_table} u ON u.{quote('id')} = t.{quote('user_id')} "
        f"LEFT JOIN {link_table} ug ON ug.{link_user} = u.{quote('id')} "
        f"LEFT JOIN {group_table} g ON g.{quote('id')} = ug.{link_group} "
        f"WHERE t.{quote('token_hash')} = %s AND t.{quote('revoked_at')} IS NULL AND u.{quote('is_active')}"
    )
    converters = []
    for index, field in enumerate((*token_fields, *user_fields)):
        column = field.get_col(field.model._meta.db_table)
        for converter in (*connection.ops.get_db_converters(column), *field.get_db_converters(connection)):
            converters.append((index, column, converter))
    return sql, token_fields, user_fields, converters
