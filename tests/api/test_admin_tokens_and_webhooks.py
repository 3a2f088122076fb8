"""Admins issue tokens and register webhooks in the admin: each secret is shown once and never again."""

import io

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command

from verification.models import ApiToken, Webhook
from verification.tokens import api_token_lookup
from verification.webhooks import webhook_secret_decrypt


def _shown_secret(response, prefix: str) -> str:
    [message] = [str(m) for m in get_messages(response.wsgi_request) if prefix in str(m)]
    return message.split(prefix, 1)[1].split(" ", 1)[0]


def test_admin_issues_a_token_and_sees_it_once(admin_client, api_client_user):
    response = admin_client.post(
        "/admin/verification/apitoken/add/", {"user": api_client_user.pk, "name": "newsroom CMS", "scope": "read"}
    )
    assert response.status_code == 302
    secret = _shown_secret(response, f"Token for {api_client_user}: ")
    token = ApiToken.objects.get()
    assert api_token_lookup(secret) == token and token.token_hash != secret

    shown_once = admin_client.get(response["Location"]).content.decode()
    assert secret in shown_once
    page = admin_client.get(f"/admin/verification/apitoken/{token.pk}/change/").content.decode()
    assert secret not in page and token.token_hash not in page
    assert token.prefix in page


def test_admin_revokes_a_token(admin_client, api_client_user):
    from verification.tokens import api_token_create

    result = api_token_create(user=api_client_user, name="old CMS")
    admin_client.post(
        "/admin/verification/apitoken/", {"action": "revoke", "_selected_action": [result.token.pk]}, follow=True
    )
    assert api_token_lookup(result.secret) is None


def test_admin_registers_a_webhook_for_event_types_and_sees_the_secret_once(admin_client):
    response = admin_client.post(
        "/admin/verification/webhook/add/",
        {
            "url": "https://cms.example.org/hooks",
            "event_types": ["verdict.published", "claim.disputed"],
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    hook = Webhook.objects.get()
    assert hook.event_types == ["claim.disputed", "verdict.published"]
    secret = _shown_secret(response, "Signing secret for https://cms.example.org/hooks: ")
    assert webhook_secret_decrypt(hook.secret) == secret

    shown_once = admin_client.get(response["Location"]).content.decode()
    assert secret in shown_once
    page = admin_client.get(f"/admin/verification/webhook/{hook.pk}/change/").content.decode()
    assert secret not in page and hook.secret not in page


def test_admin_refuses_a_webhook_without_event_types(admin_client):
    response = admin_client.post("/admin/verification/webhook/add/", {"url": "https://cms.example.org/hooks"})
    assert response.status_code == 200 and not Webhook.objects.exists()


def test_webhook_api_returns_the_secret_only_at_creation(admin_user):
    from tests.api.conftest import session_client

    client = session_client(admin_user)
    created = client.post(
        "/api/v1/webhooks/",
        {"target": "https://cms.example.org/hooks", "event_types": ["verdict.published"]},
        format="json",
    ).json()
    assert created["secret"].startswith("whsec_")
    again = client.get(f"/api/v1/webhooks/{created['id']}/").json()
    assert "secret" not in again


def test_create_api_token_command_prints_the_token_once(api_client_user):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "create_api_token", api_client_user.username, "--name", "dashboard", "--scope", "read", stdout=out, stderr=err
    )
    secret = out.getvalue().strip()
    assert api_token_lookup(secret).name == "dashboard"


def test_create_api_token_command_refuses_an_unknown_user(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody", "--name", "x", stdout=io.StringIO(), stderr=io.StringIO())
