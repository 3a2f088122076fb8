"""One test per flag rule, plus idempotency and what flagging does to the queue."""

import pytest

from claims.models import Claim, ClaimLink
from tests.factories import ClaimFactory, ClaimLinkFactory, DocumentFactory, FlagFactory, SourceFactory
from verification import flagging, services
from verification.models import Event, Flag, ReviewItem

pytestmark = pytest.mark.django_db


def _rules(claim):
    return {(f.reason, f.rule) for f in flagging.flags_find(claim)}


def _graded_claim(grade, **fields):
    return ClaimFactory(claimant=SourceFactory(reliability_grade=grade), **fields)


# link.disputed


def test_a_claim_denied_in_the_same_document_is_disputed_with_the_denial_as_cue():
    claim = _graded_claim("A", text="Troops took the village")
    denial = ClaimFactory(document=claim.document, sentence="The army denied it.", sentence_start=0, sentence_end=19)
    ClaimLinkFactory(from_claim=denial, to_claim=claim, relation=ClaimLink.Relation.DENIES)
    (finding,) = flagging.rule_disputed(claim)
    assert (finding.reason, finding.rule, finding.cue_text) == ("disputed", "link.disputed", "The army denied it.")
    assert (finding.cue_start, finding.cue_end) == (0, 19)


def test_a_claim_countered_from_another_document_is_disputed_without_offsets():
    claim = _graded_claim("A")
    ClaimLinkFactory(to_claim=claim, relation=ClaimLink.Relation.COUNTERS)
    (finding,) = flagging.rule_disputed(claim)
    assert finding.reason == "disputed" and finding.cue_start is None


def test_a_rejected_or_corroborating_link_does_not_dispute():
    claim = _graded_claim("A")
    ClaimLinkFactory(to_claim=claim, relation=ClaimLink.Relation.DENIES, status=ClaimLink.Status.REJECTED)
    ClaimLinkFactory(to_claim=claim, relation=ClaimLink.Relation.CORROBORATES)
    assert flagging.rule_disputed(claim) == []


# source.low_grade / source.ungraded


@pytest.mark.parametrize("grade", ["D", "E", "F"])
def test_a_claimant_graded_d_e_or_f_is_a_low_grade_source(grade):
    text = "Five died, the ministry said."
    claim = _graded_claim(grade, claimant_name="the ministry", document=DocumentFactory(text=text), sentence=text)
    (finding,) = flagging.rule_claimant_grade(claim)
    assert (finding.reason, finding.rule, finding.cue_text) == ("low_grade_source", "source.low_grade", "the ministry")
    assert claim.document.text[finding.cue_start : finding.cue_end] == "the ministry"


@pytest.mark.parametrize("grade", ["A", "B", "C"])
def test_a_claimant_graded_a_b_or_c_is_not_flagged_for_its_source(grade):
    assert flagging.rule_claimant_grade(_graded_claim(grade)) == []


def test_a_claimant_missing_from_the_registry_is_ungraded():
    claim = ClaimFactory(claimant=None, claimant_name="a local official")
    (finding,) = flagging.rule_claimant_grade(claim)
    assert (finding.reason, finding.rule) == ("ungraded_source", "source.ungraded")


def test_a_graded_parent_body_stands_for_an_ungraded_spokesperson():
    ministry = SourceFactory(reliability_grade="E")
    spokesman = SourceFactory(reliability_grade="", parent=ministry)
    claim = ClaimFactory(claimant=spokesman)
    assert flagging.claimant_grade_source(claim) == (ministry, "E")
    assert _rules(claim) >= {("low_grade_source", "source.low_grade")}


def test_the_outlets_own_reporting_uses_the_outlets_grade():
    outlet = SourceFactory(reliability_grade="B")
    claim = ClaimFactory(claimant=None, claimant_name="", document=DocumentFactory(outlet=outlet))
    assert flagging.rule_claimant_grade(claim) == []


# casualties.single_source


def test_a_single_source_claim_of_casualties_is_flagged_with_the_word_that_shows_it():
    text = "Three civilians were killed in the shelling, the governor said."
    claim = _graded_claim("B", document=DocumentFactory(text=text), text=text[:43], text_start=0, text_end=43)
    (finding,) = flagging.rule_single_source_casualties(claim)
    assert (finding.reason, finding.rule, finding.cue_text) == (
        "single_source_casualties",
        "casualties.single_source",
        "killed",
    )
    assert text[finding.cue_start : finding.cue_end] == "killed"


def test_a_claim_of_an_attack_is_flagged_too():
    claim = _graded_claim("B", text="Russian drones hit residences in the city")
    assert flagging.rule_single_source_casualties(claim)[0].cue_text == "drones"


def test_a_casualty_claim_carried_by_another_outlet_is_not_single_source():
    claim = _graded_claim("B", text="Two soldiers were wounded")
    ClaimLinkFactory(from_claim=ClaimFactory(), to_claim=claim, relation=ClaimLink.Relation.SAME_AS)
    assert flagging.rule_single_source_casualties(claim) == []


def test_a_claim_about_something_else_is_not_a_casualty_claim():
    claim = _graded_claim("B", text="The talks will resume on Monday")
    assert flagging.rule_single_source_casualties(claim) == []


# claim_flag: storing, idempotency, the queue


def test_flagging_twice_stores_each_flag_once_and_queues_one_item():
    claim = _graded_claim("E", text="Four people died in the attack")
    services.claim_flag(claim=claim)
    services.claim_flag(claim=claim)
    assert sorted(Flag.objects.filter(claim=claim).values_list("rule", flat=True)) == [
        "casualties.single_source",
        "source.low_grade",
    ]
    assert ReviewItem.objects.filter(claim=claim).count() == 1
    assert Event.objects.filter(claim=claim, verb="review_item.created").count() == 1


def test_extractions_cue_flags_are_kept_and_not_duplicated():
    claim = _graded_claim("A", text="The talks will resume")
    cue = FlagFactory(claim=claim, reason="unverified", rule="cue.unverified")
    flags = services.claim_flag(claim=claim)
    assert [f.pk for f in flags] == [cue.pk]
    item = ReviewItem.objects.get(claim=claim)
    assert any(r["code"] == "flag.unverified" for r in item.priority_reasons)


def test_a_flagged_claim_gets_status_flagged_and_a_priority_with_reasons():
    claim = _graded_claim("D", text="The bridge was destroyed by missiles")
    services.claim_flag(claim=claim)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.FLAGGED
    item = ReviewItem.objects.get(claim=claim)
    assert item.priority > 0 and item.due_at is not None
    assert {r["code"] for r in item.priority_reasons} >= {"flag.single_source_casualties", "grade"}


def test_a_claim_no_rule_fires_on_is_not_queued():
    claim = _graded_claim("A", text="The talks will resume on Monday")
    assert services.claim_flag(claim=claim) == []
    assert not ReviewItem.objects.filter(claim=claim).exists()


def test_a_flag_whose_rule_no_longer_holds_is_removed():
    claim = _graded_claim("A")
    link = ClaimLinkFactory(to_claim=claim, relation=ClaimLink.Relation.DENIES)
    services.claim_flag(claim=claim)
    assert claim.flags.filter(rule="link.disputed").exists()
    ClaimLink.objects.filter(pk=link.pk).update(status=ClaimLink.Status.REJECTED)
    services.claim_flag(claim=claim)
    assert not claim.flags.filter(rule="link.disputed").exists()
    assert Event.objects.filter(claim=claim, verb="flag.removed").exists()


def test_a_new_denial_marks_the_claim_disputed():
    claim = _graded_claim("A")
    ClaimLinkFactory(to_claim=claim, relation=ClaimLink.Relation.DENIES)
    services.claim_flag(claim=claim)
    claim.refresh_from_db()
    assert claim.disputed is True


def test_a_document_flags_the_claims_its_denials_point_at_in_other_documents():
    target = _graded_claim("A", text="The talks will resume")
    denial = _graded_claim("A", text="No talks are planned")
    ClaimLinkFactory(from_claim=denial, to_claim=target, relation=ClaimLink.Relation.DENIES)
    services.document_flag_claims(document_id=denial.document_id)
    assert target.flags.filter(rule="link.disputed").exists()
