"""Track records follow the review flow: a verdict approved by an editor, and a correction of it."""

import pytest

from sources import tasks
from sources.models import SourceTrackRecord
from tests.factories import ClaimFactory, ReviewItemFactory, SourceFactory
from tests.integration.conftest import celery_worker_process, wait_until  # noqa: F401 - a fixture
from verification.models import ReviewItem
from verification.services import verdict_approve, verdict_submit


def approve(claim, rating, *, checker, editor):
    item = ReviewItemFactory(claim=claim, state=ReviewItem.State.IN_PROGRESS, assignee=checker)
    verdict = verdict_submit(
        item=item,
        user=checker,
        rating=rating,
        credibility=2 if rating == "true" else 5,
        rationale="Checked against the satellite imagery and the regional authorities' statement.",
        evidence_links=["https://example.org/imagery"],
    )
    return verdict_approve(verdict=verdict, user=editor)


@pytest.mark.django_db
def test_an_approved_verdict_and_its_correction_count_once_each_in_turn(fact_checker, editor):
    ministry = SourceFactory()
    claim = ClaimFactory(claimant=ministry)

    approve(claim, "false", checker=fact_checker, editor=editor)
    tasks.track_record_update(claim.pk)
    assert SourceTrackRecord.objects.get(source=ministry).counts["false"] == 1

    approve(claim, "true", checker=fact_checker, editor=editor)
    tasks.track_record_update(claim.pk)
    record = SourceTrackRecord.objects.get(source=ministry)
    assert (record.counts["true"], record.counts["false"], record.claims_rated) == (1, 0, 1)


@pytest.mark.django_db
def test_approving_a_verdict_enqueues_the_track_record_update_on_commit(
    fact_checker, editor, django_capture_on_commit_callbacks
):
    claim = ClaimFactory(claimant=SourceFactory())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        approve(claim, "false", checker=fact_checker, editor=editor)
    assert not SourceTrackRecord.objects.exists(), "nothing is computed before the commit"
    # delay_on_commit registers functools.partial(task.delay, claim_id).
    enqueued = [(c.func.__self__.name, c.args) for c in callbacks if hasattr(getattr(c, "func", None), "__self__")]
    assert ("sources.tasks.track_record_update", (claim.pk,)) in enqueued


@pytest.mark.worker
@pytest.mark.slow
def test_a_real_worker_updates_the_track_record_after_an_editor_approves(celery_worker_process, fact_checker, editor):  # noqa: F811
    ministry = SourceFactory()
    claim = ClaimFactory(claimant=ministry)

    approve(claim, "mostly_false", checker=fact_checker, editor=editor)

    record = wait_until(lambda: SourceTrackRecord.objects.filter(source=ministry).first(), timeout=60, interval=0.2)
    assert record.counts["mostly_false"] == 1
    assert record.failures == 1
