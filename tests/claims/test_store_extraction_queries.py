"""Storing an extraction result: new claims go in one INSERT, in document order, whatever their number."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.extraction import ExtractedClaim, ExtractionResult, Span
from claims.models import Attribution, Claim
from claims.services import document_store_extraction
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def _story(claims: int):
    sentences = [f"The governor said {n + 2} drones were shot down over district {n}." for n in range(claims)]
    text = " ".join(sentences)
    extracted = []
    at = 0
    for n, sentence in enumerate(sentences):
        extracted.append(
            ExtractedClaim(
                key=f"c{n + 1}",
                sentence=Span(at, at + len(sentence), sentence),
                content=None,
                claimant="The governor",
                claimant_source_id=None,
                claimant_org=None,
                claimant_org_source_id=None,
                via=[],
                kind="claim",
                denies=None,
                cue=None,
                unverified=False,
                unverified_cue=None,
                confidence=0.9,
            )
        )
        at += len(sentence) + 1
    document = DocumentFactory(text=text, status="processing")
    return document, ExtractionResult(status="ok", language="en", backend="rules", version="t1", claims=extracted)


def test_storing_many_claims_costs_the_queries_of_storing_few(django_assert_max_num_queries):
    few, few_result = _story(2)
    many, many_result = _story(12)
    with CaptureQueriesContext(connection) as captured:
        document_store_extraction(document=few, result=few_result)
    with django_assert_max_num_queries(len(captured)):
        document_store_extraction(document=many, result=many_result)
    assert Claim.objects.filter(document=many).count() == 12
    assert Attribution.objects.filter(claim__document=many).count() == 12


def test_new_claims_are_stored_in_document_order():
    document, result = _story(5)
    document_store_extraction(document=document, result=result)
    rows = list(Claim.objects.filter(document=document).order_by("pk").values_list("key", "position", "sentence_start"))
    assert [key for key, _, _ in rows] == ["c1", "c2", "c3", "c4", "c5"]
    assert [position for _, position, _ in rows] == [0, 1, 2, 3, 4]
    assert [start for _, _, start in rows] == sorted(start for _, _, start in rows)
