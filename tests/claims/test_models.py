import pytest
from django.db import IntegrityError

from claims.models import ClaimLink, Document
from tests.factories import ClaimFactory, ClaimLinkFactory, DocumentFactory

pytestmark = pytest.mark.django_db


def test_the_same_text_twice_is_refused_by_the_database():
    DocumentFactory(text="Officials said the bridge was hit.")
    with pytest.raises(IntegrityError):
        DocumentFactory(text="  Officials said the bridge was hit.\r\n")


def test_a_claim_cannot_link_to_itself():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError):
        ClaimLink.objects.create(from_claim=claim, to_claim=claim, relation=ClaimLink.Relation.DENIES)


def test_a_pair_has_at_most_one_link_per_relation():
    link = ClaimLinkFactory()
    ClaimLink.objects.create(from_claim=link.from_claim, to_claim=link.to_claim, relation=ClaimLink.Relation.SAME_AS)
    with pytest.raises(IntegrityError):
        ClaimLink.objects.create(from_claim=link.from_claim, to_claim=link.to_claim, relation=ClaimLink.Relation.DENIES)


def test_claim_keys_are_unique_within_a_document():
    claim = ClaimFactory(key="c1")
    ClaimFactory(key="c1")  # another document: fine
    with pytest.raises(IntegrityError):
        ClaimFactory(document=claim.document, key="c1")


def test_documents_start_pending():
    assert Document.objects.create(text="The mayor said two people died.").status == Document.Status.PENDING
