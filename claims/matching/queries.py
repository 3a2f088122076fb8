"""Named reads about matches: which claims were checked before, and with what verdict."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from claims.models import Claim, ClaimLink

REPEAT_RELATIONS = (ClaimLink.Relation.SAME_AS, ClaimLink.Relation.CORROBORATES)
LIVE = (ClaimLink.Status.ACTIVE, ClaimLink.Status.CONFIRMED)


def _published_links():
    return ClaimLink.objects.filter(relation__in=REPEAT_RELATIONS, status__in=LIVE)


def previously_checked(claims: QuerySet) -> QuerySet:
    """Claims without a verdict of their own that match a claim with a published verdict."""
    outgoing = _published_links().filter(from_claim=OuterRef("pk"), to_claim__status=Claim.Status.PUBLISHED)
    incoming = _published_links().filter(to_claim=OuterRef("pk"), from_claim__status=Claim.Status.PUBLISHED)
    return claims.exclude(status=Claim.Status.PUBLISHED).filter(Q(Exists(outgoing)) | Q(Exists(incoming)))


def previous_verdict_claim(claim: Claim) -> Claim | None:
    """The matching claim whose published verdict applies, most recently updated first, or None."""
    links = _published_links().filter(Q(from_claim=claim) | Q(to_claim=claim))
    ids = {pk for pair in links.values_list("from_claim_id", "to_claim_id") for pk in pair} - {claim.pk}
    return (
        Claim.objects.filter(pk__in=ids, status=Claim.Status.PUBLISHED)
        .select_related("document")
        .order_by("-updated_at", "-id")
        .first()
    )
