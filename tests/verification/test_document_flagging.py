"""Flagging a whole document at once: the same flags, items and audit trail as flagging its claims
one by one, from a number of queries that does not grow with the claims beyond the rules' own."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.models import Claim, ClaimLink
from tests.factories import (
    ClaimFactory,
    ClaimLinkFactory,
    DocumentFactory,
    FlagFactory,
    ReviewItemFactory,
    SourceFactory,
    UserFactory,
)
from verification import flagging, services
from verification.models import Event, Flag, ReviewItem, Webhook, WebhookDelivery

pytestmark = pytest.mark.django_db


def _story(tag: str) -> list[Claim]:
    """A document whose claims meet every branch of flagging: new items, a re-scored one, a reopened one."""
    document = DocumentFactory(text=f"Five soldiers were killed, the ministry said. The army denied it. ({tag})")

    def claim(grade: str | None, text: str, **fields) -> Claim:
        claimant = SourceFactory(reliability_grade=grade) if grade is not None else None
        return ClaimFactory(document=document, claimant=claimant, text=text, sentence=text, **fields)

    casualties = claim("E", "Five soldiers were killed", claimant_name="the ministry")
    unknown = claim(None, "The bridge was closed", claimant_name="a witness")
    claim("A", "Talks resumed on Monday")  # nothing to flag: graded A, no dispute, no casualties
    disputed = claim("B", "Troops took the village")
    denial = claim("A", "The army denied it", kind=Claim.Kind.DENIAL)
    ClaimLinkFactory(from_claim=denial, to_claim=disputed, relation=ClaimLink.Relation.DENIES)
    # A claim elsewhere that this document's denial rejects is flagged with the document.
    elsewhere = ClaimFactory(text="The village fell", claimant=None)
    ClaimLinkFactory(from_claim=denial, to_claim=elsewhere, relation=ClaimLink.Relation.COUNTERS)
    queued = claim("D", "Prices rose by half")
    ReviewItemFactory(claim=queued, priority=1.0)
    FlagFactory(claim=queued, reason=Flag.Reason.UNGRADED_SOURCE, rule="source.ungraded", cue_text="stale")
    reviewed = claim("A", "The port reopened", status=Claim.Status.PUBLISHED)
    ReviewItemFactory(claim=reviewed, state=ReviewItem.State.DONE, closed_at=timezone.now() - timedelta(hours=2))
    ClaimLinkFactory(
        from_claim=ClaimFactory(
            claimant_name="the port authority", kind=Claim.Kind.DENIAL, sentence="The port authority denied it."
        ),
        to_claim=reviewed,
        relation=ClaimLink.Relation.DENIES,
    )
    in_progress = claim(None, "A convoy was shelled", claimant_name="a driver")
    ReviewItemFactory(claim=in_progress, state=ReviewItem.State.IN_PROGRESS, assignee=UserFactory())
    assert casualties and unknown
    return [*Claim.objects.filter(document=document).order_by("pk"), elsewhere]


def _outcome(claims: list[Claim]) -> list:
    """What flagging left on each claim, in terms that do not depend on ids or the clock."""
    rows = []
    for claim in claims:
        claim.refresh_from_db()
        item = claim.review_items.order_by("-pk").first()
        rows.append(
            (
                claim.status,
                claim.disputed,
                sorted((f.reason, f.rule, f.cue_text, f.cue_start is None) for f in claim.flags.all()),
                item and (item.state, item.priority, [r["code"] for r in item.priority_reasons], item.note),
            )
        )
    return rows


def _trail(claims: list[Claim]) -> list:
    position = {claim.pk: n for n, claim in enumerate(claims)}
    events = Event.objects.filter(claim_id__in=position, actor_label="flagging").order_by("pk")
    return [(position[e.claim_id], e.verb, e.before, e.after, e.note) for e in events]


def test_a_document_is_flagged_as_its_claims_would_be_one_by_one():
    together, apart = _story("together"), _story("apart")
    services.document_flag_claims(document_id=together[0].document_id)
    for claim in sorted(apart, key=lambda c: c.pk):
        services.claim_flag(claim=claim)
    assert _outcome(together) == _outcome(apart)
    assert _trail(together) == _trail(apart)


def test_flagging_a_document_reports_the_flags_its_claims_carry():
    claims = _story("one")
    total = services.document_flag_claims(document_id=claims[0].document_id)
    assert total == Flag.objects.filter(claim__in=claims).count() > 0


def test_flagging_a_document_twice_changes_nothing():
    claims = _story("one")
    services.document_flag_claims(document_id=claims[0].document_id)
    before = (_outcome(claims), Event.objects.count(), ReviewItem.objects.count())
    services.document_flag_claims(document_id=claims[0].document_id)
    assert (_outcome(claims), Event.objects.count(), ReviewItem.objects.count()) == before


def test_the_stale_flag_is_removed_and_the_queued_item_rescored_with_an_audit_row():
    claims = _story("one")
    queued = next(c for c in claims if c.text == "Prices rose by half")
    services.document_flag_claims(document_id=queued.document_id)
    assert set(queued.flags.values_list("rule", flat=True)) == {"source.low_grade"}
    assert queued.review_items.get().priority > 1.0
    assert Event.objects.filter(claim=queued, verb="flag.removed", before__rule="source.ungraded").exists()


def test_subscribed_webhooks_hear_of_each_flagged_and_disputed_claim():
    Webhook.objects.create(
        url="https://hooks.example.org/in", event_types=["claim.flagged", "claim.disputed"], secret="s"
    )
    claims = _story("one")
    services.document_flag_claims(document_id=claims[0].document_id)
    queued = Event.objects.filter(verb__in=["review_item.created", "review_item.reopened"]).values_list("claim_id")
    disputed = Event.objects.filter(verb="flag.added", after__reason="disputed").values_list("claim_id")
    told = WebhookDelivery.objects.values_list("event_type", "payload__claim_id")
    assert sorted(told) == sorted(
        [("claim.flagged", claim_id) for (claim_id,) in queued]
        + [("claim.disputed", claim_id) for (claim_id,) in disputed]
    )
    assert len(queued) == 5 and len(disputed) == 3


def _casualty_document(claims: int):
    document = DocumentFactory(text=f"Drones hit {claims} districts of the city, officials said.")
    for n in range(claims):
        text = f"{n + 2} people were killed in the strike on district {n}"
        ClaimFactory(document=document, text=text, sentence=text, claimant_name=f"official {n}")
    return document


def _disputed_and_carried(document) -> None:
    """A denial from another story at every claim, and every claim carried by another story too."""
    for claim in Claim.objects.filter(document=document):
        ClaimLinkFactory(to_claim=claim, relation=ClaimLink.Relation.DENIES)
        ClaimLinkFactory(from_claim=claim, relation=ClaimLink.Relation.SAME_AS)


def test_flagging_queries_do_not_grow_with_the_claims(django_assert_max_num_queries):
    few, many = _casualty_document(3), _casualty_document(12)
    _disputed_and_carried(few)
    _disputed_and_carried(many)
    with CaptureQueriesContext(connection) as captured:
        services.document_flag_claims(document_id=few.pk)
    assert ReviewItem.objects.filter(claim__document=few).count() == 3
    # The rules' links, the locks, flags, items, counts, events and statuses are each read or written
    # once per document, so four times the claims take no more queries.
    with django_assert_max_num_queries(len(captured)):
        services.document_flag_claims(document_id=many.pk)
    assert ReviewItem.objects.filter(claim__document=many).count() == 12


def test_flagging_a_document_finds_what_the_rules_find_claim_by_claim():
    document = _casualty_document(4)
    claims = list(Claim.objects.filter(document=document).order_by("pk"))
    ClaimLinkFactory(to_claim=claims[0], relation=ClaimLink.Relation.DENIES)
    ClaimLinkFactory(to_claim=claims[0], relation=ClaimLink.Relation.COUNTERS)
    ClaimLinkFactory(from_claim=claims[1], relation=ClaimLink.Relation.CORROBORATES)
    ClaimLinkFactory(to_claim=claims[2], relation=ClaimLink.Relation.SAME_AS)
    # A link within the story carries nothing elsewhere, and a rejected denial disputes nothing.
    ClaimLinkFactory(from_claim=claims[3], to_claim=claims[2], relation=ClaimLink.Relation.SAME_AS)
    ClaimLinkFactory(to_claim=claims[3], relation=ClaimLink.Relation.DENIES, status=ClaimLink.Status.REJECTED)
    together = flagging.flags_find_many(claims)
    assert together == {claim.pk: flagging.flags_find(claim) for claim in claims}
    assert [sorted(f.rule for f in together[claim.pk]) for claim in claims] == [
        ["casualties.single_source", "link.disputed", "source.ungraded"],
        ["source.ungraded"],
        ["source.ungraded"],
        ["casualties.single_source", "source.ungraded"],
    ]
