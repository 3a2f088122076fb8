import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from claims.models import Document

pytestmark = pytest.mark.slow

STORE_WITH_BROKER_DOWN = """
import django, json
django.setup()
from claims.services import document_create
result = document_create(text="The governor said 3 people were hurt when a drone hit a depot.", title="Depot")
print(json.dumps({"created": result.created, "id": result.document.pk}))
"""


def test_documents_are_stored_pending_when_the_broker_is_down(transactional_db):
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": "redis://127.0.0.1:1/0",  # nothing listens there
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    out = subprocess.run(
        [sys.executable, "-c", STORE_WITH_BROKER_DOWN],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    reply = json.loads(out.stdout.strip().splitlines()[-1])
    assert reply["created"] is True
    assert Document.objects.get(pk=reply["id"]).status == Document.Status.PENDING
