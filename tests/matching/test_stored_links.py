"""The stored links a document's link decisions can meet, read under the document lock."""

import pytest

from claims.matching.linking import LinkDecision
from claims.matching.services import _stored_links
from claims.models import ClaimLink
from tests.factories import ClaimFactory, ClaimLinkFactory, DocumentFactory

pytestmark = pytest.mark.django_db


def _decision(from_id: int, to_id: int, relation: str = ClaimLink.Relation.SAME_AS) -> LinkDecision:
    return LinkDecision(from_id=from_id, to_id=to_id, relation=relation, confidence=0.8, explanation="test")


def test_the_links_of_the_decided_pairs_are_read_either_way_round():
    document = DocumentFactory()
    new, other = ClaimFactory(document=document), ClaimFactory(document=document)
    stored, elsewhere = ClaimFactory(), ClaimFactory()
    forward = ClaimLinkFactory(from_claim=new, to_claim=stored, relation=ClaimLink.Relation.SAME_AS)
    backward = ClaimLinkFactory(from_claim=elsewhere, to_claim=other, relation=ClaimLink.Relation.DENIES)
    decisions = [_decision(new.pk, stored.pk), _decision(other.pk, elsewhere.pk, ClaimLink.Relation.COUNTERS)]
    links = _stored_links(decisions, {new.pk, other.pk})
    assert set(links.values()) == {forward, backward}


def test_links_among_the_stored_candidates_alone_are_not_read():
    new = ClaimFactory()
    first, second = ClaimFactory(), ClaimFactory()
    ClaimLinkFactory(from_claim=first, to_claim=second, relation=ClaimLink.Relation.SAME_AS)
    decisions = [_decision(new.pk, first.pk), _decision(new.pk, second.pk)]
    assert _stored_links(decisions, {new.pk}) == {}


def test_a_stored_denial_taking_a_new_target_meets_every_dispute_it_has():
    new = ClaimFactory()
    denial, old_target = ClaimFactory(), ClaimFactory()
    dispute = ClaimLinkFactory(from_claim=denial, to_claim=old_target, relation=ClaimLink.Relation.DENIES)
    decisions = [_decision(denial.pk, new.pk, ClaimLink.Relation.DENIES)]
    assert list(_stored_links(decisions, {new.pk}).values()) == [dispute]


def test_a_decision_between_two_stored_claims_still_meets_its_own_link():
    first, second = ClaimFactory(), ClaimFactory()
    link = ClaimLinkFactory(from_claim=second, to_claim=first, relation=ClaimLink.Relation.SAME_AS)
    assert list(_stored_links([_decision(first.pk, second.pk)], set()).values()) == [link]
