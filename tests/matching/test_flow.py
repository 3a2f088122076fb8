"""The whole path: real extraction of two documents, stored, then matched across them, in both orders."""

import pytest

from claims.extraction_runner import run_extraction
from claims.matching.services import document_match_claims
from claims.models import Claim, ClaimLink, Document
from claims.services import document_store_extraction

pytestmark = pytest.mark.django_db

PAIRS = [
    (
        "Finland's president on Wednesday signed a 10-year security deal with Ukraine in Kyiv, where president "
        "Volodymyr Zelenskiy said he believed Russia planned to mobilise 300,000 new troops for its war by June.",
        "Kremlin spokesperson Dmitry Peskov, quoted by Russian news agencies, said the Ukrainian president's "
        "assertion about a new Russian mobilisation was untrue, says Reuters.",
    ),
    (
        "Russia said that Shoigu and Lecornu discussed the potential for talks on the Ukraine conflict during the "
        "phone call on Wednesday.",
        "France has denied Russia's claim of a discussion on potential Ukraine talks, according to Agence "
        "France-Presse.",
    ),
]


def ingest(text: str, external_id: str) -> Document:
    document = Document.objects.create(text=text, external_id=external_id)
    document_store_extraction(document=document, result=run_extraction(text))
    document_match_claims(document_id=document.pk)
    return document


@pytest.mark.parametrize("claim_text,denial_text", PAIRS)
@pytest.mark.parametrize("denial_first", [False, True], ids=["claim-first", "denial-first"])
def test_a_denial_in_one_document_links_to_the_claim_in_another(claim_text, denial_text, denial_first):
    if denial_first:
        denial_doc = ingest(denial_text, "denial")
        claim_doc = ingest(claim_text, "claim")
    else:
        claim_doc = ingest(claim_text, "claim")
        denial_doc = ingest(denial_text, "denial")

    denial = denial_doc.claims.get(kind=Claim.Kind.DENIAL)
    link = ClaimLink.objects.get(from_claim=denial, relation=ClaimLink.Relation.DENIES)
    assert link.to_claim.document == claim_doc
    assert link.status == ClaimLink.Status.ACTIVE
    assert link.explanation
