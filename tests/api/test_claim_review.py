"""ClaimReview JSON-LD: each published verdict as schema.org ClaimReview, one by one and as a feed."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from claims.models import Claim
from tests.factories import ClaimFactory, DocumentFactory, SourceFactory, UserFactory, VerdictFactory
from verification.models import Verdict

# The fields Google's fact-check markup and schema.org ClaimReview need.
REQUIRED = {"@context", "@type", "url", "claimReviewed", "itemReviewed", "reviewRating", "author", "datePublished"}


def validate_claim_review(review: dict) -> None:
    """Fails unless the object carries every field a ClaimReview consumer requires, with the right types."""
    assert REQUIRED <= set(review), REQUIRED - set(review)
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["url"].startswith("http")
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"]
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
    assert item["appearance"]["@type"] == "CreativeWork"
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"]
    if "ratingValue" in rating:
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert review["author"]["@type"] == "Organization" and review["author"]["name"]
    datetime.fromisoformat(review["datePublished"])


@pytest.fixture
def published(db):
    outlet = SourceFactory(name="Reuters", slug="reuters", kind="news_agency")
    document = DocumentFactory(
        title="Drone strike on Odesa", url="https://example.org/odesa", outlet=outlet, published_at=timezone.now()
    )
    claim = ClaimFactory(
        document=document, text="the port was not damaged", claimant_name="the governor", status=Claim.Status.PUBLISHED
    )
    return VerdictFactory(
        claim=claim,
        rating="mostly_false",
        state=Verdict.State.PUBLISHED,
        approver=UserFactory(username="approver"),
        published_at=timezone.now() - timedelta(hours=1),
    )


def test_a_published_verdict_is_a_valid_claim_review(anonymous_api, published):
    response = anonymous_api.get(f"/api/v1/claim-reviews/{published.pk}/")
    assert response.status_code == 200
    review = response.json()
    validate_claim_review(review)
    assert review["claimReviewed"] == "the port was not damaged"
    assert review["reviewRating"]["alternateName"] == "Mostly false" and review["reviewRating"]["ratingValue"] == 2
    assert review["itemReviewed"]["author"]["name"] == "the governor"
    assert review["itemReviewed"]["appearance"]["url"] == "https://example.org/odesa"
    assert review["url"].endswith(f"/api/v1/claim-reviews/{published.pk}/")


def test_unverifiable_carries_a_name_but_no_number(anonymous_api, published):
    Verdict.objects.filter(pk=published.pk).update(rating="unverifiable")
    review = anonymous_api.get(f"/api/v1/claim-reviews/{published.pk}/").json()
    validate_claim_review(review)
    assert review["reviewRating"]["alternateName"] == "Unverifiable" and "ratingValue" not in review["reviewRating"]


def test_the_feed_lists_only_published_verdicts(anonymous_api, published):
    VerdictFactory(state=Verdict.State.SUBMITTED)
    page = anonymous_api.get("/api/v1/claim-reviews/").json()
    assert [r["url"] for r in page["results"]] == [f"http://testserver/api/v1/claim-reviews/{published.pk}/"]
    for review in page["results"]:
        validate_claim_review(review)


def test_an_unpublished_verdict_has_no_claim_review(anonymous_api, db):
    verdict = VerdictFactory(state=Verdict.State.SUBMITTED)
    assert anonymous_api.get(f"/api/v1/claim-reviews/{verdict.pk}/").status_code == 404


def test_json_ld_is_served_when_asked_for(anonymous_api, published):
    response = anonymous_api.get(f"/api/v1/claim-reviews/{published.pk}/", HTTP_ACCEPT="application/ld+json")
    assert response["Content-Type"].startswith("application/ld+json")


def test_the_validator_rejects_a_review_missing_its_rating(anonymous_api, published):
    review = anonymous_api.get(f"/api/v1/claim-reviews/{published.pk}/").json()
    del review["reviewRating"]
    with pytest.raises(AssertionError):
        validate_claim_review(review)
