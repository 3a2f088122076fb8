import pytest

from claims.models import Document
from claims.services import document_create
from claims.tasks import ping
from sources.services import sources_load_defaults
from tests.integration.conftest import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.slow]

WIRE_STORY = (
    "Ukraine's air force said on Tuesday it had shot down 24 of 30 drones launched by Russia overnight. "
    "Russia's defence ministry said its forces had destroyed an ammunition depot near Kharkiv, "
    "a claim that Kyiv denied. Reuters could not independently verify the reports."
)


def test_a_task_makes_the_round_trip_through_redis_and_a_worker(celery_worker_process):
    assert ping.delay().get(timeout=30) == "pong"


def test_a_stored_document_is_extracted_by_the_worker_after_commit(celery_worker_process):
    sources_load_defaults()
    document = document_create(text=WIRE_STORY, title="Overnight drones").document

    def processed():
        document.refresh_from_db()
        return document.status not in (Document.Status.PENDING, Document.Status.PROCESSING)

    wait_until(processed, timeout=120, interval=0.25)
    assert document.status == Document.Status.DONE, document.error
    assert document.claims.count() >= 2
