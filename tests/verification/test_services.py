"""The review workflow, one transition per test: taking, releasing, handing over, verdicts, approval."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from claims.models import Claim, ClaimLink
from tests.factories import (
    AttributionFactory,
    ClaimFactory,
    ClaimLinkFactory,
    FlagFactory,
    ReviewItemFactory,
    SourceFactory,
)
from verification import services
from verification.models import Event, ReviewItem, Verdict

pytestmark = pytest.mark.django_db

EVIDENCE = ["https://example.org/satellite-images"]


def _events(obj, verb):
    return Event.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk), verb=verb)


def _taken(user, **item_fields):
    item = ReviewItemFactory(**item_fields)
    return services.review_item_take(item=item, user=user)


def _submitted(user, **verdict_fields):
    item = _taken(user)
    fields = {"rating": "false", "credibility": 5, "rationale": "Images show it intact.", "evidence_links": EVIDENCE}
    fields.update(verdict_fields)
    return services.verdict_submit(item=item, user=user, **fields)


def test_take_next_leases_the_highest_priority_queued_item(fact_checker):
    ReviewItemFactory(priority=10)
    top = ReviewItemFactory(priority=50)
    ReviewItemFactory(priority=30)
    item = services.review_item_take_next(user=fact_checker)
    assert item.pk == top.pk
    assert item.state == ReviewItem.State.IN_PROGRESS
    assert item.assignee == fact_checker
    assert item.lease_expires_at > timezone.now()
    assert Claim.objects.get(pk=item.claim_id).status == Claim.Status.IN_REVIEW
    assert _events(item, "review_item.taken").get().actor == fact_checker


def test_take_next_skips_items_already_taken(fact_checker, other_fact_checker):
    first = ReviewItemFactory(priority=50)
    second = ReviewItemFactory(priority=10)
    assert services.review_item_take_next(user=fact_checker).pk == first.pk
    assert services.review_item_take_next(user=other_fact_checker).pk == second.pk
    assert services.review_item_take_next(user=other_fact_checker) is None


def test_take_next_leaves_a_published_claim_published(fact_checker):
    item = ReviewItemFactory(claim=ClaimFactory(status=Claim.Status.PUBLISHED))
    services.review_item_take_next(user=fact_checker)
    assert Claim.objects.get(pk=item.claim_id).status == Claim.Status.PUBLISHED


def test_take_next_audits_a_take_as_the_portable_path_does(fact_checker, other_fact_checker):
    # The PostgreSQL take writes its audit row in SQL; the path used without row locks (SQLite) goes
    # through event_record. Both must leave the same trail.
    ReviewItemFactory()
    fast = services.review_item_take_next(user=fact_checker)
    ReviewItemFactory()
    with transaction.atomic():
        portable = services._take_next_portable(other_fact_checker)
    fields = ["verb", "object_type", "note", "before"]
    fast_event, portable_event = (
        Event.objects.get(object_id=str(item.pk), verb="review_item.taken") for item in (fast, portable)
    )
    assert [getattr(fast_event, f) for f in fields] == [getattr(portable_event, f) for f in fields]
    for event, item, user in ((fast_event, fast, fact_checker), (portable_event, portable, other_fact_checker)):
        assert (event.actor, event.actor_label, event.claim_id) == (user, user.username, item.claim_id)
        lease = ReviewItem.objects.get(pk=item.pk).lease_expires_at
        assert event.after == {"state": "in_progress", "assignee": user.username, "lease_expires_at": lease.isoformat()}


def test_take_next_rolls_back_with_the_callers_transaction(fact_checker):
    item = ReviewItemFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        assert services.review_item_take_next(user=fact_checker).pk == item.pk
        raise RuntimeError("the caller fails after taking")
    item.refresh_from_db()
    assert item.state == ReviewItem.State.QUEUED
    assert not _events(item, "review_item.taken").exists()


def test_an_outsider_cannot_take_work(outsider):
    ReviewItemFactory()
    with pytest.raises(PermissionDenied):
        services.review_item_take_next(user=outsider)


def test_an_item_held_by_a_colleague_cannot_be_taken(fact_checker, other_fact_checker):
    item = _taken(fact_checker)
    with pytest.raises(ValidationError):
        services.review_item_take(item=item, user=other_fact_checker)


def test_an_item_whose_lease_ran_out_can_be_taken_over(fact_checker, other_fact_checker):
    item = _taken(fact_checker)
    ReviewItem.objects.filter(pk=item.pk).update(lease_expires_at=timezone.now() - timedelta(minutes=1))
    item = services.review_item_take(item=item, user=other_fact_checker)
    assert item.assignee == other_fact_checker


def test_release_puts_the_item_back_in_the_queue(fact_checker):
    item = _taken(fact_checker)
    item = services.review_item_release(item=item, user=fact_checker)
    assert (item.state, item.assignee, item.lease_expires_at) == (ReviewItem.State.QUEUED, None, None)
    assert Claim.objects.get(pk=item.claim_id).status == Claim.Status.FLAGGED
    assert _events(item, "review_item.released").exists()


def test_a_colleague_cannot_release_someone_elses_item(fact_checker, other_fact_checker):
    item = _taken(fact_checker)
    with pytest.raises(PermissionDenied):
        services.review_item_release(item=item, user=other_fact_checker)


def test_an_editor_can_release_any_item(fact_checker, editor):
    item = _taken(fact_checker)
    assert services.review_item_release(item=item, user=editor).state == ReviewItem.State.QUEUED


def test_hand_over_gives_the_item_to_a_colleague(fact_checker, other_fact_checker):
    item = _taken(fact_checker)
    item = services.review_item_hand_over(item=item, user=fact_checker, to_user=other_fact_checker)
    assert item.assignee == other_fact_checker
    event = _events(item, "review_item.handed_over").get()
    assert event.actor == fact_checker and event.after["assignee"] == other_fact_checker.username


def test_hand_over_refuses_someone_who_is_not_a_checker(fact_checker, outsider):
    item = _taken(fact_checker)
    with pytest.raises(ValidationError):
        services.review_item_hand_over(item=item, user=fact_checker, to_user=outsider)


def test_renewing_the_lease_moves_its_expiry_forward(fact_checker):
    item = _taken(fact_checker)
    ReviewItem.objects.filter(pk=item.pk).update(lease_expires_at=timezone.now() + timedelta(minutes=1))
    item = services.review_item_renew_lease(item=item, user=fact_checker)
    assert item.lease_expires_at > timezone.now() + timedelta(minutes=10)


def test_only_the_holder_renews_a_lease(fact_checker, other_fact_checker):
    item = _taken(fact_checker)
    with pytest.raises(PermissionDenied):
        services.review_item_renew_lease(item=item, user=other_fact_checker)


def test_submitting_a_verdict_waits_for_approval(fact_checker):
    verdict = _submitted(fact_checker)
    assert verdict.state == Verdict.State.SUBMITTED
    assert verdict.evidence_links == EVIDENCE
    assert verdict.review_item.state == ReviewItem.State.AWAITING_APPROVAL
    assert Claim.objects.get(pk=verdict.claim_id).status == Claim.Status.AWAITING_APPROVAL
    assert _events(verdict, "verdict.submitted").exists()


def test_a_verdict_needs_evidence_unless_unverifiable(fact_checker):
    item = _taken(fact_checker)
    with pytest.raises(ValidationError) as error:
        services.verdict_submit(
            item=item, user=fact_checker, rating="false", credibility=5, rationale="No.", evidence_links=[]
        )
    assert "evidence_links" in error.value.message_dict
    verdict = services.verdict_submit(
        item=item, user=fact_checker, rating="unverifiable", credibility=6, rationale="No access.", evidence_links=[]
    )
    assert verdict.rating == "unverifiable"


@pytest.mark.parametrize(
    ("field", "value"),
    [("rating", "pants on fire"), ("credibility", 7), ("rationale", "  "), ("evidence_links", ["javascript:alert(1)"])],
)
def test_a_verdict_with_a_bad_field_is_refused(fact_checker, field, value):
    item = _taken(fact_checker)
    fields = {"rating": "false", "credibility": 5, "rationale": "Images.", "evidence_links": EVIDENCE, field: value}
    with pytest.raises(ValidationError) as error:
        services.verdict_submit(item=item, user=fact_checker, **fields)
    assert field in error.value.message_dict
    assert not Verdict.objects.exists()


def test_only_the_holder_records_a_verdict(fact_checker, other_fact_checker):
    item = _taken(fact_checker)
    with pytest.raises(PermissionDenied):
        services.verdict_submit(
            item=item, user=other_fact_checker, rating="false", credibility=5, rationale="x", evidence_links=EVIDENCE
        )


def test_a_verdict_can_confirm_and_reject_machine_links(fact_checker):
    item = _taken(fact_checker, claim=ClaimFactory(disputed=True))
    denial = ClaimLinkFactory(to_claim=item.claim, relation=ClaimLink.Relation.DENIES)
    echo = ClaimLinkFactory(from_claim=item.claim, relation=ClaimLink.Relation.SAME_AS)
    services.verdict_submit(
        item=item,
        user=fact_checker,
        rating="mixed",
        credibility=3,
        rationale="Partly.",
        evidence_links=EVIDENCE,
        link_decisions={denial.pk: "rejected", echo.pk: "confirmed"},
    )
    denial.refresh_from_db()
    echo.refresh_from_db()
    assert (denial.status, echo.status) == ("rejected", "confirmed")
    assert Claim.objects.get(pk=item.claim_id).disputed is False
    assert _events(denial, "claim_link.rejected").exists()


def test_a_link_of_another_claim_cannot_be_decided(fact_checker):
    item = _taken(fact_checker)
    stranger = ClaimLinkFactory()
    with pytest.raises(ValidationError):
        services.verdict_submit(
            item=item,
            user=fact_checker,
            rating="false",
            credibility=5,
            rationale="x",
            evidence_links=EVIDENCE,
            link_decisions={stranger.pk: "rejected"},
        )


def test_an_editor_approving_publishes_the_verdict_and_the_claims_rating(fact_checker, editor):
    verdict = services.verdict_approve(verdict=_submitted(fact_checker), user=editor)
    assert verdict.state == Verdict.State.PUBLISHED
    assert verdict.approver == editor and verdict.published_at is not None
    claim = Claim.objects.get(pk=verdict.claim_id)
    assert (claim.status, claim.rating) == (Claim.Status.PUBLISHED, "false")
    item = ReviewItem.objects.get(pk=verdict.review_item_id)
    assert item.state == ReviewItem.State.DONE and item.closed_at is not None
    assert _events(verdict, "verdict.published").get().actor == editor


def test_the_author_cannot_approve_their_own_verdict(editor):
    verdict = _submitted(editor)
    with pytest.raises(PermissionDenied):
        services.verdict_approve(verdict=verdict, user=editor)
    verdict.refresh_from_db()
    assert verdict.state == Verdict.State.SUBMITTED


def test_a_fact_checker_cannot_approve(fact_checker, other_fact_checker):
    with pytest.raises(PermissionDenied):
        services.verdict_approve(verdict=_submitted(fact_checker), user=other_fact_checker)


def test_returning_a_verdict_gives_the_item_back_to_its_checker(fact_checker, editor):
    verdict = services.verdict_return(verdict=_submitted(fact_checker), user=editor, comment="Cite the ministry.")
    assert (verdict.state, verdict.return_comment) == (Verdict.State.RETURNED, "Cite the ministry.")
    item = ReviewItem.objects.get(pk=verdict.review_item_id)
    assert (item.state, item.assignee) == (ReviewItem.State.IN_PROGRESS, fact_checker)
    assert _events(verdict, "verdict.returned").get().note == "Cite the ministry."


def test_returning_needs_a_comment(fact_checker, editor):
    with pytest.raises(ValidationError):
        services.verdict_return(verdict=_submitted(fact_checker), user=editor, comment=" ")


def test_a_correction_supersedes_the_published_verdict_and_keeps_both(fact_checker, editor):
    first = services.verdict_approve(verdict=_submitted(fact_checker), user=editor)
    item = ReviewItemFactory(claim=first.claim)
    services.review_item_take(item=item, user=fact_checker)
    correction = services.verdict_submit(
        item=item,
        user=fact_checker,
        rating="mostly_true",
        credibility=2,
        rationale="New footage.",
        evidence_links=EVIDENCE,
    )
    assert correction.supersedes == first
    # The public status stays published while the correction waits.
    assert Claim.objects.get(pk=first.claim_id).status == Claim.Status.PUBLISHED
    services.verdict_approve(verdict=correction, user=editor)
    first.refresh_from_db()
    assert first.state == Verdict.State.SUPERSEDED
    assert Claim.objects.get(pk=first.claim_id).rating == "mostly_true"
    assert Verdict.objects.filter(claim=first.claim).count() == 2


def test_expired_leases_go_back_to_the_queue(fact_checker):
    item = _taken(fact_checker)
    ReviewItem.objects.filter(pk=item.pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    fresh = _taken(fact_checker)
    assert services.review_items_release_expired() == 1
    item.refresh_from_db()
    fresh.refresh_from_db()
    assert item.state == ReviewItem.State.QUEUED and item.assignee is None
    assert fresh.state == ReviewItem.State.IN_PROGRESS
    assert _events(item, "review_item.lease_expired").exists()


def test_overdue_items_are_escalated_once():
    overdue = ReviewItemFactory(due_at=timezone.now() - timedelta(hours=1))
    ReviewItemFactory(due_at=timezone.now() + timedelta(hours=1))
    assert services.review_items_escalate_overdue() == 1
    assert services.review_items_escalate_overdue() == 0
    overdue.refresh_from_db()
    assert overdue.escalated


def test_every_transition_of_a_review_writes_one_event_each(fact_checker, editor):
    verdict = services.verdict_approve(verdict=_submitted(fact_checker), user=editor)
    verbs = set(Event.objects.filter(claim=verdict.claim).values_list("verb", flat=True))
    assert {"review_item.taken", "verdict.submitted", "review_item.submitted", "verdict.published"} <= verbs
    assert {"claim.published", "review_item.done"} <= verbs


def test_a_user_with_no_role_cannot_hand_over(outsider, fact_checker):
    item = ReviewItemFactory()
    with pytest.raises(PermissionDenied):
        services.review_item_hand_over(item=item, user=outsider, to_user=fact_checker)


def test_a_flagged_claim_is_queued_once(fact_checker):
    flag = FlagFactory()
    services.claim_flag(claim=flag.claim)
    services.claim_flag(claim=flag.claim)
    assert ReviewItem.objects.filter(claim=flag.claim).count() == 1


def test_reopening_a_published_claim_queues_a_correction_with_the_reason(fact_checker, editor):
    first = services.verdict_approve(verdict=_submitted(fact_checker), user=editor)
    item = services.review_item_reopen(claim=first.claim, user=editor, note="New footage from the scene.")
    assert item.state == ReviewItem.State.QUEUED
    assert "New footage from the scene." in item.note
    assert _events(item, "review_item.reopened").get().actor == editor
    with pytest.raises(ValidationError):
        services.review_item_reopen(claim=first.claim, user=editor, note="Again.")


def test_reopening_needs_a_reason_and_a_review_role(fact_checker, outsider):
    claim = ClaimFactory()
    with pytest.raises(ValidationError):
        services.review_item_reopen(claim=claim, user=fact_checker, note="")
    with pytest.raises(PermissionDenied):
        services.review_item_reopen(claim=claim, user=outsider, note="Because.")


def test_flagging_and_publishing_notify_subscribed_webhooks(fact_checker, editor):
    from verification.models import Webhook, WebhookDelivery

    Webhook.objects.create(
        url="https://hooks.example.org/claimtrack",
        event_types=["claim.flagged", "verdict.submitted", "verdict.published"],
        secret="not-used-before-delivery",
    )
    flag = FlagFactory()
    services.claim_flag(claim=flag.claim)
    item = ReviewItem.objects.get(claim=flag.claim)
    services.review_item_take(item=item, user=fact_checker)
    verdict = services.verdict_submit(
        item=item, user=fact_checker, rating="false", credibility=5, rationale="x", evidence_links=EVIDENCE
    )
    services.verdict_approve(verdict=verdict, user=editor)
    sent = {d.event_type: d.payload for d in WebhookDelivery.objects.all()}
    assert set(sent) == {"claim.flagged", "verdict.submitted", "verdict.published"}
    assert sent["claim.flagged"]["claim_id"] == flag.claim_id
    assert sent["verdict.published"] == {
        "verdict_id": verdict.pk,
        "claim_id": flag.claim_id,
        "rating": "false",
        "credibility": 5,
        "supersedes": None,
    }


def test_rejecting_an_attribution_unlinks_the_wrong_source_and_keeps_the_name(fact_checker):
    wrong = SourceFactory(reliability_grade="E")
    item = _taken(fact_checker, claim=ClaimFactory(claimant=wrong, claimant_name="the ministry"))
    attribution = AttributionFactory(claim=item.claim, name="the ministry", source=wrong)
    services.verdict_submit(
        item=item,
        user=fact_checker,
        rating="unverifiable",
        credibility=6,
        rationale="x",
        evidence_links=[],
        attribution_decisions={attribution.pk: "rejected"},
    )
    attribution.refresh_from_db()
    claim = Claim.objects.get(pk=item.claim_id)
    assert attribution.source is None and attribution.name == "the ministry"
    assert claim.claimant is None and claim.claimant_name == "the ministry"
    assert _events(attribution, "attribution.rejected").get().before["source"] == wrong.pk
