import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db

PROBE = """
import django, json
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "broker": "ok"}


def test_healthz_answers_503_when_the_database_is_down():
    # A separate process whose database is a closed port: the check must see a real failure.
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/claimtrack",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60, cwd=settings.BASE_DIR
    )
    reply = json.loads(out.stdout.strip().splitlines()[-1])
    assert reply["status"] == 503
    assert reply["body"]["status"] == "down"
    assert reply["body"]["checks"]["database"].startswith("down")


def test_healthz_is_degraded_when_the_broker_is_unreachable():
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60, cwd=settings.BASE_DIR
    )
    reply = json.loads(out.stdout.strip().splitlines()[-1])
    assert reply["status"] == 200
    assert reply["body"]["status"] == "degraded"
