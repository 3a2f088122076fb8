"""A framework-free reference for the API benchmark: the claims list's rows with `.values()`.

Mounted only when CLAIMTRACK_BENCH_VIEWS is on (never in production). It reads the same rows as
GET /api/v1/claims/ (the claim, its claimant and body, its chain with sources, its flag reasons and
the published verdict's date), with the same filters the benchmark uses and the same page size,
but without DRF: no authentication, throttling, serializers or hyperlinks. The API's throughput
divided by this one's says what the framework costs.
"""

from __future__ import annotations

from collections import defaultdict

from django.http import HttpResponseBadRequest, JsonResponse

from claims.api import CLAIM_ROW_FIELDS
from claims.models import Attribution, Claim
from verification.models import Flag, Verdict

PAGE_SIZE = 50


def bare_claims(request):
    """GET the claims list as plain rows: status, kind, rating, disputed filters; `before` id for paging."""
    claims = Claim.objects.order_by("-id")
    for name in ("status", "kind", "rating"):
        values = request.GET.getlist(name)
        if values:
            claims = claims.filter(**{f"{name}__in": values})
    if "disputed" in request.GET:
        claims = claims.filter(disputed=request.GET["disputed"] == "true")
    before = request.GET.get("before")
    if before:
        if not before.isdigit():
            return HttpResponseBadRequest("before: an id")
        claims = claims.filter(id__lt=int(before))
    rows = list(claims.values(*CLAIM_ROW_FIELDS)[:PAGE_SIZE])  # the API list's own columns
    ids = [row["id"] for row in rows]
    chains, flags, published = defaultdict(list), defaultdict(set), {}
    for link in (
        Attribution.objects.filter(claim_id__in=ids)
        .order_by("claim_id", "position")
        .values("claim_id", "position", "role", "name", "source__id", "source__slug", "source__name")
    ):
        chains[link.pop("claim_id")].append(link)
    for claim_id, reason in Flag.objects.filter(claim_id__in=ids).values_list("claim_id", "reason"):
        flags[claim_id].add(reason)
    for claim_id, at in Verdict.objects.filter(claim_id__in=ids, state=Verdict.State.PUBLISHED).values_list(
        "claim_id", "published_at"
    ):
        published[claim_id] = at
    for row in rows:
        row["chain"] = chains[row["id"]]
        row["flags"] = sorted(flags[row["id"]])
        row["published_at"] = published.get(row["id"])
    return JsonResponse({"results": rows, "next_before": ids[-1] if len(ids) == PAGE_SIZE else None})
