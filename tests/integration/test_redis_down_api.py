"""With Redis (broker and throttle store) unreachable, the API still accepts documents: stored pending."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from claims.models import Document
from verification.models import ApiToken
from verification.tokens import api_token_create

pytestmark = pytest.mark.slow

POST_WITH_REDIS_DOWN = """
import django, json, sys
django.setup()
from django.test import Client
api = Client(raise_request_exception=False, HTTP_AUTHORIZATION="Bearer " + sys.argv[1])
text = "The regional governor said 4 people were hurt when a drone hit a fuel depot overnight."
response = api.post("/api/v1/documents/", {"text": text}, content_type="application/json")
health = Client().get("/healthz")
print(json.dumps({"status": response.status_code, "body": response.json(), "health": health.json()}))
"""


def test_documents_posted_while_redis_is_down_are_accepted_and_stored_pending(transactional_db, api_client_user):
    secret = api_token_create(user=api_client_user, name="cms", scope=ApiToken.Scope.READ_WRITE).secret
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": "redis://127.0.0.1:1/0",  # nothing listens there: no broker, no throttle store
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    out = subprocess.run(
        [sys.executable, "-c", POST_WITH_REDIS_DOWN, secret],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    reply = json.loads(out.stdout.strip().splitlines()[-1])
    assert reply["status"] == 202, reply
    assert Document.objects.get(pk=reply["body"]["id"]).status == Document.Status.PENDING
    assert reply["health"]["status"] == "degraded" and reply["health"]["checks"]["broker"].startswith("down")
