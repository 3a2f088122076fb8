import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from tests.factories import ClaimFactory, ReviewItemFactory, UserFactory, VerdictFactory
from verification.models import Event, ReviewItem

pytestmark = pytest.mark.django_db


def test_a_claim_has_at_most_one_open_review_item():
    item = ReviewItemFactory()
    with pytest.raises(IntegrityError):
        ReviewItemFactory(claim=item.claim, state=ReviewItem.State.IN_PROGRESS)


def test_a_closed_review_item_does_not_block_a_new_one():
    item = ReviewItemFactory(state=ReviewItem.State.DONE)
    assert ReviewItemFactory(claim=item.claim).state == ReviewItem.State.QUEUED


def test_a_verdict_cannot_be_approved_by_its_author():
    author = UserFactory()
    with pytest.raises(IntegrityError):
        VerdictFactory(reviewer=author, approver=author)


def test_credibility_outside_one_to_six_is_refused():
    with pytest.raises(IntegrityError):
        VerdictFactory(credibility=7)


def test_a_claim_has_at_most_one_published_verdict():
    claim = ClaimFactory()
    VerdictFactory(claim=claim, state="published")
    with pytest.raises(IntegrityError):
        VerdictFactory(claim=claim, state="published")


def test_audit_events_cannot_be_changed_or_deleted():
    event = Event.objects.create(verb="claim.flagged", object_type="claims.claim", object_id="1")
    event.note = "rewritten"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
