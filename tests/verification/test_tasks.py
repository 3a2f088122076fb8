"""The review tasks called directly: flagging a document, and the periodic upkeep."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import ClaimLink, Document
from tests.factories import ClaimFactory, ClaimLinkFactory, DocumentFactory, ReviewItemFactory, SourceFactory
from verification import services, tasks
from verification.models import Event, ReviewItem

pytestmark = pytest.mark.django_db

EVIDENCE = ["https://example.org/evidence"]


def _published(claim, checker, editor):
    item = services.review_item_take(item=ReviewItemFactory(claim=claim), user=checker)
    verdict = services.verdict_submit(
        item=item, user=checker, rating="false", credibility=5, rationale="x", evidence_links=EVIDENCE
    )
    return services.verdict_approve(verdict=verdict, user=editor)


def test_flag_document_queues_the_flagged_claims_of_a_processed_document():
    document = DocumentFactory()
    flagged = ClaimFactory(document=document, claimant=SourceFactory(reliability_grade="E"))
    assert tasks.flag_document(document.pk) >= 1
    assert ReviewItem.objects.filter(claim=flagged).count() == 1
    assert tasks.flag_document(document.pk) >= 1
    assert ReviewItem.objects.filter(claim=flagged).count() == 1


def test_flag_document_leaves_unprocessed_documents_alone():
    document = DocumentFactory(status=Document.Status.PENDING)
    ClaimFactory(document=document)
    assert tasks.flag_document(document.pk) == 0
    assert not ReviewItem.objects.exists()


def test_upkeep_releases_expired_leases_and_escalates_overdue_items(fact_checker):
    held = services.review_item_take(item=ReviewItemFactory(), user=fact_checker)
    ReviewItem.objects.filter(pk=held.pk).update(lease_expires_at=timezone.now() - timedelta(minutes=1))
    late = ReviewItemFactory(due_at=timezone.now() - timedelta(hours=2))
    result = tasks.review_queue_maintain()
    assert result["released"] == 1 and result["escalated"] >= 1
    held.refresh_from_db()
    late.refresh_from_db()
    assert held.state == ReviewItem.State.QUEUED and late.escalated


def test_upkeep_reopens_a_reviewed_claim_when_a_new_denial_arrives(fact_checker, editor):
    claim = ClaimFactory(claimant=SourceFactory(reliability_grade="A"), text="The talks will resume")
    _published(claim, fact_checker, editor)
    assert tasks.review_queue_maintain()["reopened"] == 0
    denial = ClaimFactory(text="No talks are planned", claimant_name="the foreign ministry")
    ClaimLinkFactory(from_claim=denial, to_claim=claim, relation=ClaimLink.Relation.DENIES)
    tasks.review_queue_maintain()
    reopened = ReviewItem.objects.get(claim=claim, state=ReviewItem.State.QUEUED)
    assert "the foreign ministry" in reopened.note
    assert Event.objects.filter(claim=claim, verb="review_item.reopened").exists()
    tasks.review_queue_maintain()
    assert ReviewItem.objects.filter(claim=claim, state=ReviewItem.State.QUEUED).count() == 1


def test_a_denial_older_than_the_review_does_not_reopen_it(fact_checker, editor):
    claim = ClaimFactory(claimant=SourceFactory(reliability_grade="A"), text="The talks will resume")
    ClaimLinkFactory(to_claim=claim, relation=ClaimLink.Relation.DENIES)
    services.claim_flag(claim=claim)
    item = ReviewItem.objects.get(claim=claim)
    services.review_item_take(item=item, user=fact_checker)
    verdict = services.verdict_submit(
        item=item, user=fact_checker, rating="false", credibility=5, rationale="x", evidence_links=EVIDENCE
    )
    services.verdict_approve(verdict=verdict, user=editor)
    tasks.review_queue_maintain()
    assert not ReviewItem.objects.filter(claim=claim, state__in=services.OPEN_STATES).exists()


def test_upkeep_refreshes_the_priority_of_items_that_have_waited():
    claim = ClaimFactory(claimant=SourceFactory(reliability_grade="E"), text="Four people died in the attack")
    services.claim_flag(claim=claim)
    item = ReviewItem.objects.get(claim=claim)
    hours_ago = timezone.now() - timedelta(hours=30)
    ReviewItem.objects.filter(pk=item.pk).update(created_at=hours_ago, updated_at=hours_ago)
    assert tasks.review_queue_maintain()["reprioritised"] == 1
    item.refresh_from_db()
    waiting = [r for r in item.priority_reasons if r["code"] == "waiting"]
    assert waiting and waiting[0]["points"] == 5.0
    assert tasks.review_queue_maintain()["reprioritised"] == 0
