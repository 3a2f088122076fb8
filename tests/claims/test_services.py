import pytest
from django.core.exceptions import ValidationError

from claims.extraction import ChainLink, ExtractedClaim, ExtractionResult, Span
from claims.models import Claim, ClaimLink, Document
from claims.services import document_create, document_store_extraction
from tests.factories import ReviewItemFactory, SourceFactory, UserFactory, VerdictFactory
from verification.models import Event, Flag

pytestmark = pytest.mark.django_db

TEXT = (
    "Russia's defence ministry said its forces had shot down 12 drones over Belgorod. "
    "Ukraine denied the ministry's claim, a military spokesman told Reuters. "
    "Reuters could not independently verify the reports."
)


def span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def result(text: str, version: str = "test-1", *, drop_denial: bool = False) -> ExtractionResult:
    first = span(text, "Russia's defence ministry said its forces had shot down 12 drones over Belgorod.")
    second = span(text, "Ukraine denied the ministry's claim, a military spokesman told Reuters.")
    cue = span(text, "Reuters could not independently verify the reports")
    claims = [
        ExtractedClaim(
            key="c1",
            sentence=first,
            content=span(text, "its forces had shot down 12 drones over Belgorod"),
            claimant="Russian defence ministry",
            claimant_source_id=None,
            claimant_org=None,
            claimant_org_source_id=None,
            via=[],
            kind="claim",
            denies=None,
            cue=span(text, "said"),
            unverified=True,
            unverified_cue=cue,
            confidence=0.9,
        ),
        ExtractedClaim(
            key="c2",
            sentence=second,
            content=None,
            claimant="a military spokesman",
            claimant_source_id=None,
            claimant_org="Ukraine",
            claimant_org_source_id=None,
            via=[ChainLink("Reuters", "agency", None)],
            kind="denial",
            denies="c1",
            cue=span(text, "told"),
            unverified=False,
            unverified_cue=None,
            confidence=0.8,
        ),
    ]
    if drop_denial:
        claims = claims[:1]
    return ExtractionResult(status="ok", language="en", backend="rules", version=version, claims=claims)


def test_the_same_text_twice_is_one_document():
    first = document_create(text=TEXT, title="Drones")
    second = document_create(text=TEXT + "\n", title="Drones again")
    assert first.created and not second.created
    assert second.document.pk == first.document.pk
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [("x" * 200_001, "limit"), ("bad \x00 byte", "NUL"), ("lone \ud800 surrogate", "surrogates")],
)
def test_bad_text_is_refused_with_a_clear_error_and_nothing_stored(text, message):
    with pytest.raises(ValidationError, match=message):
        document_create(text=text)
    assert not Document.objects.exists()
    assert not Event.objects.exists()


def test_document_creation_is_audited():
    user = UserFactory()
    document = document_create(text=TEXT, user=user).document
    event = Event.objects.get(verb="document.created")
    assert (event.object_id, event.actor) == (str(document.pk), user)


def test_storing_a_result_creates_claims_chains_links_and_cue_flags():
    document = Document.objects.create(text=TEXT, outlet=SourceFactory(name="Al Jazeera"))
    counts = document_store_extraction(document=document, result=result(TEXT))
    document.refresh_from_db()
    claim, denial = document.claims.order_by("position")
    assert counts["created"] == 2
    assert document.status == Document.Status.DONE
    assert [(a.role, a.name) for a in denial.attributions.all()] == [
        ("claimant", "a military spokesman"),
        ("body", "Ukraine"),
        ("agency", "Reuters"),
        ("publisher", "Al Jazeera"),
    ]
    assert ClaimLink.objects.get().to_claim == claim
    claim.refresh_from_db()
    assert claim.disputed and claim.status == Claim.Status.FLAGGED
    flag = Flag.objects.get(claim=claim)
    assert TEXT[flag.cue_start : flag.cue_end] == flag.cue_text


def test_storing_the_same_version_twice_changes_nothing():
    document = Document.objects.create(text=TEXT)
    document_store_extraction(document=document, result=result(TEXT))
    ids = list(document.claims.values_list("pk", flat=True))
    counts = document_store_extraction(document=document, result=result(TEXT))
    assert counts["created"] == counts["updated"] == counts["removed"] == 0
    assert list(document.claims.values_list("pk", flat=True)) == ids
    assert Flag.objects.count() == 1 and ClaimLink.objects.count() == 1


def test_a_newer_version_keeps_claims_that_people_have_worked_on():
    document = Document.objects.create(text=TEXT)
    document_store_extraction(document=document, result=result(TEXT))
    claim, denial = document.claims.order_by("position")
    item = ReviewItemFactory(claim=denial)
    verdict = VerdictFactory(claim=claim)
    human_link = ClaimLink.objects.create(from_claim=claim, to_claim=denial, relation="same_as", origin="human")
    document_store_extraction(document=document, result=result(TEXT, version="test-2", drop_denial=True))
    claim.refresh_from_db()
    assert Claim.objects.filter(pk=denial.pk).exists(), "a claim with a review item is kept"
    assert claim.extractor_version == "test-2"
    assert verdict.claim_id == claim.pk and ClaimLink.objects.filter(pk=human_link.pk).exists()
    assert item.claim_id == denial.pk


def test_a_newer_version_removes_machine_claims_nobody_worked_on():
    document = Document.objects.create(text=TEXT)
    document_store_extraction(document=document, result=result(TEXT))
    counts = document_store_extraction(document=document, result=result(TEXT, version="test-2", drop_denial=True))
    assert counts == {"created": 0, "updated": 1, "removed": 1, "unchanged": 0}
    assert list(document.claims.values_list("key", flat=True)) == ["c1"]


def test_non_english_text_is_stored_with_a_clear_status():
    document = Document.objects.create(text="Le ministère a démenti ces informations.")
    document_store_extraction(
        document=document, result=ExtractionResult(status="non_english", language="fr", backend="rules", version="t")
    )
    document.refresh_from_db()
    assert document.status == Document.Status.UNSUPPORTED
    assert "not English" in document.error
    assert not document.claims.exists()
