"""Matching a whole document at once: one search and one read for all its claims, links decided in
memory in order and written in bulk, with the same result as deciding them one by one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.matching.linking import LinkDecision
from claims.matching.retrieval import candidate_claims, candidate_claims_many
from claims.matching.services import MatchSettings, _document_links_write, document_match_claims
from claims.models import Claim, ClaimLink, Origin
from tests.factories import ClaimFactory, ClaimLinkFactory, DocumentFactory

pytestmark = pytest.mark.django_db

PLACES = ["Odesa", "Kharkiv", "Dnipro", "Lviv", "Sumy", "Kherson", "Mykolaiv", "Poltava", "Zaporizhzhia"]


def _report(place: str) -> str:
    return f"The regional governor said drones struck the port of {place} overnight, damaging grain silos."


def _document(sentences: list[str], tag: str):
    document = DocumentFactory(text=" ".join(sentences) + f" ({tag})")
    for n, sentence in enumerate(sentences):
        ClaimFactory(
            document=document, key=f"c{n}", sentence=sentence, text=sentence, claimant_name="the regional governor"
        )
    return document


def test_candidates_for_many_texts_are_what_each_text_finds_alone():
    for place in PLACES:
        _document([_report(place)], place)
    texts = [_report(place) for place in PLACES[:4]] + ["", "Nothing of the sort"]
    alone = [candidate_claims(text=text, limit=5) for text in texts]
    assert candidate_claims_many(texts=texts, limit=5) == alone
    assert all(alone[:4])


def test_matching_a_document_costs_the_same_queries_for_many_claims_as_for_few(django_assert_max_num_queries):
    for place in PLACES:
        _document([_report(place)], place)
    few = _document([_report(place) for place in PLACES[:3]], "few")
    many = _document([_report(place) for place in PLACES], "many")
    with CaptureQueriesContext(connection) as captured:
        few_counts = document_match_claims(document_id=few.pk)
    with django_assert_max_num_queries(len(captured) + 1):
        many_counts = document_match_claims(document_id=many.pk)
    assert few_counts["linked"] + few_counts["suggested"] >= 3
    assert many_counts["linked"] + many_counts["suggested"] >= 9


def _claims(n: int) -> list[Claim]:
    document = DocumentFactory()
    return [ClaimFactory(document=document, key=f"c{i}") for i in range(n)]


def _dispute(denial, target, confidence):
    return LinkDecision(denial.pk, target.pk, ClaimLink.Relation.DENIES, confidence, f"test {confidence}")


@pytest.mark.parametrize("stronger_first", [True, False])
def test_a_stored_denial_takes_a_new_target_only_over_its_best_one_so_far(stronger_first):
    denial = ClaimFactory(kind=Claim.Kind.DENIAL)
    old_target = ClaimFactory()
    ClaimLinkFactory(from_claim=denial, to_claim=old_target, confidence=0.65, status=ClaimLink.Status.ACTIVE)
    stronger, weaker = _claims(2)
    decisions = [_dispute(denial, stronger, 0.7), _dispute(denial, weaker, 0.68)]
    if not stronger_first:
        decisions.reverse()
    _document_links_write(
        document_id=stronger.document_id,
        own={stronger.pk, weaker.pk},
        decisions=decisions,
        config=MatchSettings.current(),
    )
    # Each decision is weighed against the links written before it, those of this document included.
    assert ClaimLink.objects.filter(from_claim=denial, to_claim=stronger).exists()
    assert ClaimLink.objects.filter(from_claim=denial, to_claim=weaker).exists() is not stronger_first
    assert Claim.objects.filter(pk__in=[stronger.pk, weaker.pk], disputed=True).count() == (1 if stronger_first else 2)


def test_one_pair_decided_twice_in_a_document_is_one_link_and_the_second_decision_sees_it():
    a, b = _claims(2)
    other = ClaimFactory()
    same = ClaimLink.Relation.SAME_AS
    decisions = [
        LinkDecision(a.pk, other.pk, same, 0.9, "same claim"),
        LinkDecision(other.pk, a.pk, same, 0.9, "same claim"),  # symmetric: the reverse pair is the same link
        LinkDecision(b.pk, other.pk, same, 0.9, "same claim"),
        LinkDecision(b.pk, other.pk, same, 0.5, "weaker"),
    ]
    counts = _document_links_write(
        document_id=a.document_id, own={a.pk, b.pk}, decisions=decisions, config=MatchSettings.current()
    )
    assert counts == {"linked": 2, "suggested": 0, "updated": 1, "unchanged": 1, "kept": 0}
    assert ClaimLink.objects.filter(to_claim=other).count() == 2
    updated = ClaimLink.objects.get(from_claim=b, to_claim=other)
    assert (updated.status, updated.confidence, updated.explanation) == (ClaimLink.Status.SUGGESTED, 0.5, "weaker")


def test_a_checkers_ruling_is_kept_and_a_changed_machine_link_is_updated_in_place():
    a, b = _claims(2)
    other = ClaimFactory()
    same = ClaimLink.Relation.SAME_AS
    ruled = ClaimLinkFactory(from_claim=a, to_claim=other, relation=same, status=ClaimLink.Status.REJECTED)
    machine = ClaimLinkFactory(from_claim=b, to_claim=other, relation=same, confidence=0.9, origin=Origin.MACHINE)
    counts = _document_links_write(
        document_id=a.document_id,
        own={a.pk, b.pk},
        decisions=[LinkDecision(a.pk, other.pk, same, 0.9, "x"), LinkDecision(b.pk, other.pk, same, 0.7, "closer")],
        config=MatchSettings.current(),
    )
    assert counts["kept"] == 1 and counts["updated"] == 1
    ruled.refresh_from_db()
    machine.refresh_from_db()
    assert ruled.status == ClaimLink.Status.REJECTED
    assert (machine.confidence, machine.explanation) == (0.7, "closer")
    assert machine.updated_at > machine.created_at
