"""The claims list builds its rows from plain reads; they must say exactly what the claim serializer says."""

from datetime import datetime

import pytest
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from claims.api import ChangedClaimSerializer, ClaimSerializer, claims_for_api
from claims.models import Attribution, Claim
from tests.api.conftest import token_client
from tests.factories import AttributionFactory, ClaimFactory, FlagFactory, SourceFactory, VerdictFactory
from verification.models import Flag, Verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied_claims():
    """Claims with and without sources, chains, flags and verdicts, in every status."""
    ministry = SourceFactory(name="Russian defence ministry", reliability_grade="C")
    agency = SourceFactory(name="Associated Press", reliability_grade="")
    bare = ClaimFactory(claimant_name="a witness")
    full = ClaimFactory(
        claimant=ministry,
        claimant_body=ministry,
        claimant_name="Sergei Shoigu",
        claimant_body_name="Russian defence ministry",
        kind=Claim.Kind.DENIAL,
        status=Claim.Status.PUBLISHED,
        rating="false",
        disputed=True,
        text="Ukrainian “drones” hit <b>nothing</b> — officials",
    )
    AttributionFactory(claim=full, position=0, role=Attribution.Role.CLAIMANT, name="Sergei Shoigu", source=ministry)
    AttributionFactory(claim=full, position=2, role=Attribution.Role.AGENCY, name="AP", source=agency)
    AttributionFactory(claim=full, position=1, role=Attribution.Role.CHANNEL, name="state media", source=None)
    FlagFactory(claim=full, reason=Flag.Reason.UNVERIFIED)
    FlagFactory(claim=full, reason=Flag.Reason.UNVERIFIED, rule="cue.unverified.later")
    FlagFactory(claim=full, reason=Flag.Reason.DISPUTED, rule="link.denied")
    VerdictFactory(claim=full, state=Verdict.State.PUBLISHED, published_at=timezone.now())
    pending = ClaimFactory(claimant=agency, status=Claim.Status.IN_REVIEW)
    VerdictFactory(claim=pending, state=Verdict.State.SUBMITTED)
    return [bare, full, pending]


def test_list_rows_equal_the_claim_serializer(varied_claims, api_client_user):
    response = token_client(api_client_user).get("/api/v1/claims/")
    assert response.status_code == 200
    claims = sorted(claims_for_api().filter(pk__in=[c.pk for c in varied_claims]), key=lambda c: -c.pk)
    expected = ClaimSerializer(claims, many=True, context={"request": response.wsgi_request}).data
    # Compare as the client sees them: rendered JSON, field order included.
    assert JSONRenderer().render(response.data["results"]) == JSONRenderer().render(expected)


def test_list_rows_follow_a_filter_and_the_cursor(varied_claims, api_client_user):
    client = token_client(api_client_user)
    first = client.get("/api/v1/claims/", {"page_size": 1, "ordering": "created_at"}).json()
    second = client.get(first["next"]).json()
    assert [first["results"][0]["id"], second["results"][0]["id"]] == [c.pk for c in varied_claims[:2]]
    published = client.get("/api/v1/claims/", {"status": "published"}).json()["results"]
    assert [row["id"] for row in published] == [varied_claims[1].pk]
    assert [link["name"] for link in published[0]["chain"]] == ["Sergei Shoigu", "state media", "AP"]
    assert published[0]["flags"] == ["disputed", "unverified"]


def test_changes_feed_rows_equal_the_changed_claim_serializer(varied_claims, api_client_user, settings):
    settings.CLAIMTRACK_CHANGES_SETTLE_SECONDS = 0
    response = token_client(api_client_user).get("/api/v1/changes/")
    assert response.status_code == 200
    rows = response.data["results"]
    assert sorted(row["id"] for row in rows) == sorted(c.pk for c in varied_claims)
    claims = claims_for_api().in_bulk([row["id"] for row in rows])
    for row in rows:
        claims[row["id"]].changed_at = datetime.fromisoformat(row["changed_at"].replace("Z", "+00:00"))
    expected = ChangedClaimSerializer(
        [claims[row["id"]] for row in rows], many=True, context={"request": response.wsgi_request}
    ).data
    assert JSONRenderer().render(rows) == JSONRenderer().render(expected)
