"""With the database unreachable, pages and the API answer 503 with a clear body, never a 500."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.slow

REQUESTS_WITH_THE_DATABASE_DOWN = """
import django, json
django.setup()
from django.test import Client

def answer(response):
    body = response.content.decode()
    try:
        body = json.loads(body)
    except ValueError:
        body = body[:200]
    return {"status": response.status_code, "retry_after": response.get("Retry-After"), "body": body}

client = Client(raise_request_exception=False)
api = Client(raise_request_exception=False, HTTP_AUTHORIZATION="Bearer ct_not-a-real-token-but-looked-up")
client.cookies["sessionid"] = "a" * 32  # a session cookie, so the page must read the session table
print(json.dumps({
    "page": answer(client.get("/")),
    "api": answer(api.get("/api/v1/claims/")),
    "api_post": answer(api.post("/api/v1/documents/", {"text": "The mayor said."}, content_type="application/json")),
    "healthz": answer(client.get("/healthz")),
}))
"""


def run_with_database_down() -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/claimtrack_nowhere",  # nothing listens there
        "DATABASE_CONNECT_TIMEOUT": "2",
        "REDIS_URL": settings.REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    out = subprocess.run(
        [sys.executable, "-c", REQUESTS_WITH_THE_DATABASE_DOWN],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def answers():
    return run_with_database_down()


@pytest.mark.parametrize("request_name", ["page", "api", "api_post"])
def test_requests_get_503_with_retry_after_and_a_problem_body(answers, request_name):
    answer = answers[request_name]
    assert answer["status"] == 503, answer
    assert answer["retry_after"] and int(answer["retry_after"]) > 0
    assert answer["body"]["type"] == "/api/problems/service-unavailable"
    assert "database" in answer["body"]["detail"].lower()


def test_healthz_says_the_database_is_down(answers):
    assert answers["healthz"]["status"] == 503
    assert answers["healthz"]["body"]["status"] == "down"
    assert answers["healthz"]["body"]["checks"]["database"].startswith("down")
