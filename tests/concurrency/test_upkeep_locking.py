"""Queue upkeep running while a claim is being flagged: same lock order, so neither deadlocks."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from claims.models import Claim
from tests.factories import ClaimFactory, ReviewItemFactory, UserFactory
from verification import services
from verification.models import ReviewItem

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _waiting_on_a_lock(pid: int) -> bool:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
        row = cursor.fetchone()
    return bool(row) and row[0] == "Lock"


@pytest.mark.parametrize("upkeep", ["release", "escalate"])
def test_upkeep_waits_for_a_flagging_transaction_instead_of_deadlocking(upkeep):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL")
    past = timezone.now() - timedelta(hours=1)
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW)
    item = ReviewItemFactory(
        claim=claim, state=ReviewItem.State.IN_PROGRESS, assignee=UserFactory(), lease_expires_at=past, due_at=past
    )
    holding_claim, upkeep_pid, errors, results = threading.Event(), [], [], {}

    def flagging_transaction():
        # What claim_flag does: lock the claim, then write its review item.
        try:
            with transaction.atomic():
                Claim.objects.select_for_update().get(pk=claim.pk)
                holding_claim.set()
                deadline = time.monotonic() + 20
                while not upkeep_pid or not _waiting_on_a_lock(upkeep_pid[0]):
                    if time.monotonic() > deadline:
                        raise AssertionError("upkeep never reached the claim lock")
                    time.sleep(0.02)
                ReviewItem.objects.filter(pk=item.pk).update(priority=99)
        except Exception as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
        finally:
            connections.close_all()

    def run_upkeep():
        try:
            holding_claim.wait(10)
            with connections["default"].cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                upkeep_pid.append(cursor.fetchone()[0])
            if upkeep == "release":
                results["count"] = services.review_items_release_expired()
            else:
                results["count"] = services.review_items_escalate_overdue()
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=flagging_transaction), threading.Thread(target=run_upkeep)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    assert results["count"] == 1
    item.refresh_from_db()
    assert item.priority == 99
    assert (item.state == ReviewItem.State.QUEUED) if upkeep == "release" else item.escalated
