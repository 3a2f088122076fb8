import pytest

from claims.models import Claim, ClaimLink
from tests.factories import ClaimFactory, ReviewItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def repeat_of_a_checked_claim():
    checked = ClaimFactory(status=Claim.Status.PUBLISHED, rating=Claim.Rating.FALSE)
    repeat = ClaimFactory(status=Claim.Status.FLAGGED)
    ClaimLink.objects.create(from_claim=repeat, to_claim=checked, relation=ClaimLink.Relation.SAME_AS)
    return checked, repeat


def test_the_api_shows_the_earlier_verdict_of_a_repeated_claim(checker_client, repeat_of_a_checked_claim):
    checked, repeat = repeat_of_a_checked_claim
    body = checker_client.get(f"/api/v1/claims/{repeat.pk}/").json()
    assert body["previously_checked"]["claim"] == checked.pk
    assert body["previously_checked"]["rating"] == "false"
    assert checker_client.get(f"/api/v1/claims/{checked.pk}/").json()["previously_checked"] is None


def test_the_claim_page_and_its_review_item_say_previously_checked(checker_client, repeat_of_a_checked_claim):
    checked, repeat = repeat_of_a_checked_claim
    ReviewItemFactory(claim=repeat)
    page = checker_client.get(f"/review/claims/{repeat.pk}/").content.decode()
    assert 'id="previously-checked"' in page
    assert 'id="item-previously-checked"' in page
    assert f"/review/claims/{checked.pk}/" in page
