import numpy as np
import pytest

from claims.matching.services import (
    claim_independent_origins,
    claim_link_confirm,
    claim_link_reject,
    document_match_claims,
)
from claims.models import Claim, ClaimLink
from tests.factories import ClaimFactory, DocumentFactory, SourceFactory
from verification.models import Event

pytestmark = pytest.mark.django_db

CLAIM_SENTENCE = (
    "Russia said that Shoigu and Lecornu discussed the potential for talks on the Ukraine conflict "
    "during the phone call on Wednesday."
)
DENIAL_SENTENCE = "France has denied Russia's claim of a discussion on potential Ukraine talks, according to AFP."


def store(sentence, *, kind="claim", claimant="", body="", text=None, **document_fields):
    document = DocumentFactory(text=sentence, **document_fields)
    return ClaimFactory(
        document=document,
        key="c1",
        sentence=sentence,
        text=text or sentence,
        kind=kind,
        claimant_name=claimant,
        claimant_body_name=body,
    )


def links_between(a, b):
    return ClaimLink.objects.filter(from_claim=a, to_claim=b)


def test_denial_arriving_after_its_claim_is_linked_to_it():
    claim = store(CLAIM_SENTENCE, claimant="Russia")
    store("The grain harvest in Kursk fell by a third this year, officials said.", claimant="officials")
    denial = store(DENIAL_SENTENCE, kind="denial", claimant="France")

    counts = document_match_claims(document_id=denial.document_id)

    link = links_between(denial, claim).get()
    assert link.relation == ClaimLink.Relation.DENIES
    assert link.origin == "machine"
    assert link.status == ClaimLink.Status.ACTIVE
    assert "names 'Russia'" in link.explanation
    assert counts["linked"] == 1
    claim.refresh_from_db()
    assert claim.disputed


def test_claim_arriving_after_its_denial_is_linked_to_it():
    denial = store(DENIAL_SENTENCE, kind="denial", claimant="France")
    claim = store(CLAIM_SENTENCE, claimant="Russia")

    document_match_claims(document_id=claim.document_id)

    link = links_between(denial, claim).get()
    assert link.relation == ClaimLink.Relation.DENIES
    assert link.status == ClaimLink.Status.ACTIVE
    claim.refresh_from_db()
    assert claim.disputed


def test_denial_of_another_topic_is_not_linked():
    claim = store("The grain harvest in Kursk fell by a third this year, the ministry said.", claimant="the ministry")
    denial = store(DENIAL_SENTENCE, kind="denial", claimant="France")

    document_match_claims(document_id=denial.document_id)

    assert not ClaimLink.objects.filter(from_claim=denial, to_claim=claim, status=ClaimLink.Status.ACTIVE).exists()


def test_a_weakly_supported_denial_is_only_suggested():
    claim = store("Officials said the talks on the Ukraine conflict would resume in Geneva.", claimant="officials")
    denial = store("A spokesman rejected that version of the Ukraine talks.", kind="denial", claimant="a spokesman")

    document_match_claims(document_id=denial.document_id)

    link = links_between(denial, claim).get()
    assert link.status == ClaimLink.Status.SUGGESTED
    claim.refresh_from_db()
    assert not claim.disputed


def test_matching_twice_changes_nothing():
    store(CLAIM_SENTENCE, claimant="Russia")
    denial = store(DENIAL_SENTENCE, kind="denial", claimant="France")
    document_match_claims(document_id=denial.document_id)
    before = list(ClaimLink.objects.values_list("pk", "status", "confidence"))
    events = Event.objects.count()

    counts = document_match_claims(document_id=denial.document_id)

    assert counts["linked"] == counts["suggested"] == counts["updated"] == 0
    assert list(ClaimLink.objects.values_list("pk", "status", "confidence")) == before
    assert Event.objects.count() == events


def test_a_rejected_link_is_not_proposed_again(fact_checker):
    claim = store(CLAIM_SENTENCE, claimant="Russia")
    denial = store(DENIAL_SENTENCE, kind="denial", claimant="France")
    document_match_claims(document_id=denial.document_id)
    link = links_between(denial, claim).get()

    claim_link_reject(link_id=link.pk, user=fact_checker, note="different call")
    document_match_claims(document_id=denial.document_id)

    link.refresh_from_db()
    assert link.status == ClaimLink.Status.REJECTED
    claim.refresh_from_db()
    assert not claim.disputed
    event = Event.objects.get(verb="claim_link.rejected")
    assert event.actor == fact_checker
    assert event.before == {"status": "active"}


def test_confirming_a_suggestion_makes_it_live_and_is_audited(fact_checker):
    claim = store("Officials said the talks on the Ukraine conflict would resume in Geneva.", claimant="officials")
    denial = store("A spokesman rejected that version of the Ukraine talks.", kind="denial", claimant="a spokesman")
    document_match_claims(document_id=denial.document_id)
    link = links_between(denial, claim).get()

    claim_link_confirm(link_id=link.pk, user=fact_checker)

    link.refresh_from_db()
    assert link.status == ClaimLink.Status.CONFIRMED
    claim.refresh_from_db()
    assert claim.disputed
    assert Event.objects.filter(verb="claim_link.confirmed", actor=fact_checker, object_id=str(link.pk)).exists()


def test_two_agencies_quoting_one_ministry_are_one_origin_and_a_governor_makes_two():
    ministry = SourceFactory(name="Russian defence ministry")
    sentence = "Air defences shot down 42 Ukrainian drones over the Belgorod and Kursk regions overnight, {}."
    ap = store(sentence.format("the ministry said, according to AP"), claimant="the ministry", body="ministry")
    Claim.objects.filter(pk=ap.pk).update(claimant_body=ministry)
    reuters = store(sentence.format("the defence ministry told Reuters"), claimant="the defence ministry")
    Claim.objects.filter(pk=reuters.pk).update(claimant_body=ministry)

    document_match_claims(document_id=reuters.document_id)

    assert ClaimLink.objects.get(from_claim=reuters, to_claim=ap).relation == ClaimLink.Relation.SAME_AS
    assert claim_independent_origins(claim=ap) == 1

    governor = store(sentence.format("the Belgorod governor Vyacheslav Gladkov said"), claimant="Vyacheslav Gladkov")
    document_match_claims(document_id=governor.document_id)

    assert ClaimLink.objects.get(from_claim=governor, to_claim=ap).relation == ClaimLink.Relation.CORROBORATES
    assert claim_independent_origins(claim=ap) == 2


def test_a_claim_matching_a_published_claim_is_previously_checked():
    sentence = "Air defences shot down 42 Ukrainian drones over the Belgorod and Kursk regions overnight, {} said."
    checked = store(sentence.format("the ministry"), claimant="the ministry")
    Claim.objects.filter(pk=checked.pk).update(status=Claim.Status.PUBLISHED, rating=Claim.Rating.FALSE)
    repeat = store(sentence.format("the defence ministry"), claimant="the defence ministry")
    unrelated = store("The grain harvest in Kursk fell by a third, officials said.", claimant="officials")

    document_match_claims(document_id=repeat.document_id)

    assert list(Claim.objects.previously_checked()) == [repeat]
    assert repeat.previous_check == checked
    assert repeat.previous_check.rating == Claim.Rating.FALSE
    assert unrelated.previous_check is None


class RecordingEncoder:
    """Stands in for the sentence encoder: bag-of-words vectors, and a note of how it was called."""

    def __init__(self):
        self.calls: list[tuple[int, bool]] = []

    def encode(self, texts):
        from django.db import connection

        self.calls.append((len(texts), len(connection.atomic_blocks)))
        words = sorted({w for t in texts for w in t.lower().split()})
        vectors = np.array([[float(w in t.lower().split()) for w in words] for t in texts])
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)


@pytest.fixture
def recording_encoder(settings, monkeypatch):
    from claims.matching import embeddings

    settings.CLAIMTRACK_MATCH_EMBEDDINGS = True
    encoder = RecordingEncoder()
    monkeypatch.setattr(embeddings, "load_encoder", lambda: encoder)
    return encoder


def test_the_encoder_runs_before_the_transaction_that_writes_links(recording_encoder):
    from django.db import connection

    claim = store(CLAIM_SENTENCE, claimant="Russia")
    denial = store(DENIAL_SENTENCE, kind="denial", claimant="France")
    outside = len(connection.atomic_blocks)

    document_match_claims(document_id=denial.document_id)

    assert recording_encoder.calls
    assert all(depth == outside for _, depth in recording_encoder.calls)
    assert links_between(denial, claim).get().relation == ClaimLink.Relation.DENIES


def test_a_document_is_encoded_in_one_batch_with_each_text_once(recording_encoder):
    store("Russia said Shoigu and Lecornu discussed potential talks on the Ukraine conflict.", claimant="Russia")
    document = DocumentFactory(text=f"{DENIAL_SENTENCE} {CLAIM_SENTENCE}")
    ClaimFactory(document=document, key="c1", sentence=DENIAL_SENTENCE, text=DENIAL_SENTENCE, kind="denial")
    ClaimFactory(document=document, key="c2", sentence=CLAIM_SENTENCE, text=CLAIM_SENTENCE, kind="claim")

    document_match_claims(document_id=document.pk)

    # Three distinct texts: the two claims of the document and the stored claim (shared by both).
    assert [count for count, _ in recording_encoder.calls] == [3]


REPORT_TEXT = (
    "Regulators said on Monday that Corvane Chemicals had dumped untreated waste into the river Ouse near York "
    "for months."
)
ANSWER_TEXT = "Corvane Chemicals said on Tuesday it had never released untreated waste into the Ouse at York."


@pytest.mark.parametrize("answer_first", [False, True], ids=["report-first", "answer-first"])
def test_the_accused_partys_answer_in_another_document_denies_the_report(answer_first):
    if answer_first:
        answer = store(ANSWER_TEXT, claimant="Corvane Chemicals")
        report = store(REPORT_TEXT, claimant="Regulators")
        document_match_claims(document_id=report.document_id)
    else:
        report = store(REPORT_TEXT, claimant="Regulators")
        answer = store(ANSWER_TEXT, claimant="Corvane Chemicals")
        document_match_claims(document_id=answer.document_id)

    # "had never released": a flat negation of the report, which the dispute rules call a denial.
    link = ClaimLink.objects.get(from_claim=answer, relation=ClaimLink.Relation.DENIES)
    assert link.to_claim == report
    assert link.status == ClaimLink.Status.ACTIVE
    answer.refresh_from_db()
    report.refresh_from_db()
    assert answer.kind == Claim.Kind.DENIAL
    assert report.disputed


def test_the_same_news_from_another_party_is_no_counter_claim():
    report = store(REPORT_TEXT, claimant="Regulators")
    confirmation = store(
        "Corvane Chemicals said untreated waste had reached the river Ouse near York after a pipe failed.",
        claimant="Corvane Chemicals",
    )

    document_match_claims(document_id=confirmation.document_id)

    assert not ClaimLink.objects.filter(from_claim=confirmation, to_claim=report, relation="counters").exists()
    confirmation.refresh_from_db()
    assert confirmation.kind == Claim.Kind.CLAIM
