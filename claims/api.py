"""REST API for claims, documents and the changes feed."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import UTC, datetime, timedelta

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection
from django.db.models import BooleanField, DateTimeField, Exists, Field, OuterRef, Prefetch, Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date, parse_http_date_safe
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import ISO_8601, exceptions, mixins, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from config.api import (
    ApiCursorPagination,
    BlankableURLField,
    Conflict,
    StrictBooleanFilter,
    StrictFilterSet,
    StrictOrderingFilter,
    StrictQueryParamsMixin,
    StrictSlugRelatedField,
)
from sources.api import SourceRefSerializer
from sources.models import Source
from verification.models import Event, Flag, Verdict
from verification.permissions import CanIngest, IsClient

from .models import Attribution, Claim, ClaimLink, Document
from .services import document_create

MAX_ID = 2**63 - 1
ID_REGEX = r"[0-9]{1,18}"

# Audit verbs that describe a claim's public life; who did it and internal notes stay private.
PUBLIC_HISTORY_VERBS = {
    "flag.added": "flagged",
    "flag.removed": "flag removed",
    "review_item.created": "queued for review",
    "review_item.reopened": "reopened for review",
    "review_item.taken": "in review",
    "verdict.submitted": "verdict awaiting approval",
    "verdict.returned": "verdict returned to the checker",
    "verdict.published": "verdict published",
    "verdict.superseded": "verdict superseded by a correction",
    "claim_link.confirmed": "link confirmed by a checker",
    "claim_link.rejected": "link rejected by a checker",
}


class IdFilter(django_filters.NumberFilter):
    """An id: a positive integer that fits the database column, so an absurd value is a 400, not a 500."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


# Serializers --------------------------------------------------------------------------------


class ChainLinkSerializer(serializers.ModelSerializer):
    source = SourceRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Attribution
        fields = ["position", "role", "name", "source"]
        read_only_fields = fields


class FlagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Flag
        fields = ["reason", "rule", "cue_text", "cue_start", "cue_end", "created_at"]
        read_only_fields = fields


class PublishedVerdictSerializer(serializers.ModelSerializer):
    claim_review = serializers.SerializerMethodField()

    class Meta:
        model = Verdict
        fields = ["id", "rating", "credibility", "rationale", "evidence_links", "published_at", "claim_review"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_claim_review(self, verdict) -> str:
        request = self.context.get("request")
        path = reverse("api:claimreview-detail", args=[verdict.pk])
        return request.build_absolute_uri(path) if request else path


def _published_verdict(claim) -> Verdict | None:
    verdicts = getattr(claim, "published_verdicts", None)
    if verdicts is None:
        verdicts = list(claim.verdicts.filter(state=Verdict.State.PUBLISHED))
    return verdicts[0] if verdicts else None


class ClaimSerializer(serializers.ModelSerializer):
    """A claim in a list: who claimed what, through whom, and where it stands."""

    url = serializers.HyperlinkedIdentityField(view_name="api:claim-detail")
    document = serializers.PrimaryKeyRelatedField(read_only=True)
    claimant = SourceRefSerializer(read_only=True, allow_null=True)
    claimant_body = SourceRefSerializer(read_only=True, allow_null=True)
    chain = ChainLinkSerializer(source="attributions", many=True, read_only=True)
    flags = serializers.SerializerMethodField()
    published_at = serializers.SerializerMethodField()
    rating = serializers.ChoiceField(choices=Claim.Rating.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "url",
            "document",
            "key",
            "kind",
            "text",
            "sentence",
            "claimant_name",
            "claimant",
            "claimant_body_name",
            "claimant_body",
            "chain",
            "status",
            "disputed",
            "rating",
            "flags",
            "published_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=Flag.Reason.choices)))
    def get_flags(self, claim) -> list[str]:
        return sorted({flag.reason for flag in claim.flags.all()})

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_published_at(self, claim) -> datetime | None:
        verdict = _published_verdict(claim)
        return verdict.published_at if verdict else None


class ChangedClaimSerializer(ClaimSerializer):
    changed_at = serializers.DateTimeField(read_only=True)

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "changed_at"]
        read_only_fields = fields


class LinkedClaimSerializer(serializers.Serializer):
    claim = serializers.IntegerField()
    url = serializers.URLField()
    text = serializers.CharField()
    claimant_name = serializers.CharField(allow_blank=True)
    kind = serializers.CharField()
    status = serializers.CharField()
    rating = serializers.CharField(allow_blank=True)
    origin = serializers.CharField()
    link_status = serializers.CharField()
    confidence = serializers.FloatField()
    explanation = serializers.CharField(allow_blank=True)


class ClaimLinksSerializer(serializers.Serializer):
    denies = LinkedClaimSerializer(many=True)
    denied_by = LinkedClaimSerializer(many=True)
    counters = LinkedClaimSerializer(many=True)
    countered_by = LinkedClaimSerializer(many=True)
    corroborates = LinkedClaimSerializer(many=True)
    corroborated_by = LinkedClaimSerializer(many=True)
    same_as = LinkedClaimSerializer(many=True)


class HistoryEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    event = serializers.CharField()
    description = serializers.CharField()


class DocumentRefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:document-detail")
    source_url = BlankableURLField(source="url", read_only=True)
    outlet = SourceRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Document
        fields = ["id", "url", "title", "source_url", "outlet", "published_at"]
        read_only_fields = fields


class PreviousCheckSerializer(serializers.Serializer):
    """A claim checked before whose published verdict covers this one."""

    claim = serializers.IntegerField()
    url = serializers.URLField()
    text = serializers.CharField()
    rating = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)


class ClaimDetailSerializer(ClaimSerializer):
    """A claim with its chain, flags, links both ways, published verdict and public history."""

    document = DocumentRefSerializer(read_only=True)
    flags = FlagSerializer(many=True, read_only=True)
    links = serializers.SerializerMethodField()
    verdict = serializers.SerializerMethodField()
    previously_checked = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()

    class Meta(ClaimSerializer.Meta):
        fields = [
            *ClaimSerializer.Meta.fields,
            "sentence_start",
            "sentence_end",
            "text_start",
            "text_end",
            "cue_verb",
            "confidence",
            "origin",
            "links",
            "verdict",
            "previously_checked",
            "history",
        ]
        read_only_fields = fields

    @extend_schema_field(ClaimLinksSerializer)
    def get_links(self, claim) -> dict:
        request = self.context.get("request")
        groups: dict[str, list] = {name: [] for name in ClaimLinksSerializer().fields}
        outgoing = {"denies": "denies", "counters": "counters", "corroborates": "corroborates", "same_as": "same_as"}
        incoming = {
            "denies": "denied_by",
            "counters": "countered_by",
            "corroborates": "corroborated_by",
            "same_as": "same_as",
        }
        links = (
            ClaimLink.objects.filter(Q(from_claim=claim) | Q(to_claim=claim))
            .exclude(status=ClaimLink.Status.REJECTED)
            .select_related("from_claim", "to_claim")
            .order_by("created_at", "id")
        )
        for link in links:
            if link.from_claim_id == claim.pk:
                other, group = link.to_claim, outgoing[link.relation]
            else:
                other, group = link.from_claim, incoming[link.relation]
            path = reverse("api:claim-detail", args=[other.pk])
            groups[group].append(
                {
                    "claim": other.pk,
                    "url": request.build_absolute_uri(path) if request else path,
                    "text": other.text,
                    "claimant_name": other.claimant_name,
                    "kind": other.kind,
                    "status": other.status,
                    "rating": other.rating,
                    "origin": link.origin,
                    "link_status": link.status,
                    "confidence": link.confidence,
                    "explanation": link.explanation,
                }
            )
        return groups

    @extend_schema_field(PublishedVerdictSerializer(allow_null=True))
    def get_verdict(self, claim) -> dict | None:
        verdict = _published_verdict(claim)
        return PublishedVerdictSerializer(verdict, context=self.context).data if verdict else None

    @extend_schema_field(PreviousCheckSerializer(allow_null=True))
    def get_previously_checked(self, claim) -> dict | None:
        """The matching claim whose published verdict applies to this one, when this one has none."""
        earlier = claim.previous_check
        if earlier is None:
            return None
        request = self.context.get("request")
        path = reverse("api:claim-detail", args=[earlier.pk])
        verdict = _published_verdict(earlier)
        return {
            "claim": earlier.pk,
            "url": request.build_absolute_uri(path) if request else path,
            "text": earlier.text,
            "rating": earlier.rating,
            "published_at": verdict.published_at if verdict else None,
        }

    @extend_schema_field(HistoryEntrySerializer(many=True))
    def get_history(self, claim) -> list[dict]:
        entries = [{"at": claim.created_at, "event": "claim.extracted", "description": "found in the document"}]
        events = Event.objects.filter(claim=claim, verb__in=PUBLIC_HISTORY_VERBS).order_by("created_at", "id")
        for event in events:
            description = PUBLIC_HISTORY_VERBS[event.verb]
            after = event.after if isinstance(event.after, dict) else {}
            if event.verb == "verdict.published" and after.get("rating"):
                description = f"{description}: {after['rating']}"
            elif event.verb.startswith("flag.") and after.get("reason"):
                description = f"{description}: {after['reason']}"
            entries.append({"at": event.created_at, "event": event.verb, "description": description})
        return HistoryEntrySerializer(entries, many=True).data


# Claims -------------------------------------------------------------------------------------


def claims_for_api():
    """Claims with everything a list row shows, in a fixed number of queries."""
    return Claim.objects.select_related("claimant", "claimant_body").prefetch_related(
        Prefetch("attributions", queryset=Attribution.objects.select_related("source").order_by("position")),
        Prefetch("flags", queryset=Flag.objects.order_by("reason", "id")),
        Prefetch(
            "verdicts", queryset=Verdict.objects.filter(state=Verdict.State.PUBLISHED), to_attr="published_verdicts"
        ),
    )


# The claims list's rows, built from .values() ---------------------------------------------------

_SOURCE_REF = ("id", "slug", "name", "kind", "reliability_grade")
CLAIM_ROW_FIELDS = (
    "id",
    "document_id",
    "key",
    "kind",
    "text",
    "sentence",
    "claimant_name",
    "claimant_body_name",
    "status",
    "disputed",
    "rating",
    "created_at",
    "updated_at",
    *(f"claimant__{name}" for name in _SOURCE_REF),
    *(f"claimant_body__{name}" for name in _SOURCE_REF),
)
_datetime_field = serializers.DateTimeField()


def _source_ref(row: dict, prefix: str) -> dict | None:
    if row[f"{prefix}id"] is None:
        return None
    return {name: row[f"{prefix}{name}"] for name in _SOURCE_REF}


# On PostgreSQL a row's chain, flag reasons and publication date are read in the row's own statement,
# as correlated subqueries on indexed columns: one round trip and one compiled query per page instead
# of four. Elsewhere (the SQLite quickstart) claim_list_rows reads them with three more queries.
_CHAIN_SOURCE = ", ".join(f"'{name}', s.{name}" for name in _SOURCE_REF)
_ROW_EXTRAS = {
    "chain_json": RawSQL(
        # The source as a scalar subquery per link rather than a join, with which the planner built
        # a hash of the whole sources table once per claim (EXPLAIN ANALYZE: 2 ms of a 7 ms page).
        "(SELECT json_agg(json_build_object('position', a.position, 'role', a.role, 'name', a.name, 'source', "
        f"(SELECT json_build_object({_CHAIN_SOURCE}) FROM sources_source s WHERE s.id = a.source_id)) "
        "ORDER BY a.position) FROM claims_attribution a WHERE a.claim_id = claims_claim.id)",
        [],
        output_field=Field(),  # json, which psycopg decodes itself (keeping the keys' order)
    ),
    # Not json_agg(DISTINCT ...), whose sort per claim cost 4 ms a page; the reasons are made
    # distinct (and sorted) in Python.
    "flag_reasons": RawSQL(
        "(SELECT array_agg(f.reason) FROM verification_flag f WHERE f.claim_id = claims_claim.id)",
        [],
        output_field=Field(),
    ),
    "verdict_published_at": RawSQL(
        "(SELECT v.published_at FROM verification_verdict v "
        "WHERE v.claim_id = claims_claim.id AND v.state = %s LIMIT 1)",
        [Verdict.State.PUBLISHED.value],
        output_field=DateTimeField(),
    ),
}


def _datetime_text_for_page():
    """DRF's DateTimeField.to_representation for aware datetimes, with its per-value lookups done once a page."""
    if api_settings.DATETIME_FORMAT != ISO_8601 or not settings.USE_TZ:
        return _datetime_field.to_representation
    zone = timezone.get_current_timezone()

    def as_text(value: datetime) -> str:
        if timezone.is_naive(value):
            return _datetime_field.to_representation(value)
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return as_text


def claim_row_values(claims):
    """Claims as the list's plain rows (.values of CLAIM_ROW_FIELDS, plus what claim_list_rows reads with them)."""
    if settings.USING_POSTGRES:
        return claims.values(*CLAIM_ROW_FIELDS, **_ROW_EXTRAS)
    return claims.values(*CLAIM_ROW_FIELDS)


def _chains_flags_published(ids: list[int]) -> tuple[dict, dict, dict]:
    """Each claim's attribution chain, flag reasons and publication date, in three queries."""
    chains: dict[int, list[dict]] = {claim_id: [] for claim_id in ids}
    flags: dict[int, set[str]] = {claim_id: set() for claim_id in ids}
    published: dict[int, datetime] = {}
    if ids:
        for link in (
            Attribution.objects.filter(claim_id__in=ids)
            .order_by("claim_id", "position")
            .values("claim_id", "position", "role", "name", *(f"source__{name}" for name in _SOURCE_REF))
        ):
            chains[link["claim_id"]].append(
                {
                    "position": link["position"],
                    "role": link["role"],
                    "name": link["name"],
                    "source": _source_ref(link, "source__"),
                }
            )
        for claim_id, reason in Flag.objects.filter(claim_id__in=ids).values_list("claim_id", "reason"):
            flags[claim_id].add(reason)
        for claim_id, at in Verdict.objects.filter(claim_id__in=ids, state=Verdict.State.PUBLISHED).values_list(
            "claim_id", "published_at"
        ):
            published[claim_id] = at
    return chains, flags, published


def claim_list_rows(rows: list[dict], *, request) -> list[dict]:
    """ClaimSerializer's output for claims read with claim_row_values(), in one query or four in all.

    The list is the API's busiest read; serialising model instances field by field cost about ten
    times the reads themselves. The JSON is the same (tests compare the two on varied claims).
    """
    if rows and "chain_json" in rows[0]:
        chains = {row["id"]: row["chain_json"] or [] for row in rows}
        flags = {row["id"]: set(row["flag_reasons"] or ()) for row in rows}
        published = {row["id"]: row["verdict_published_at"] for row in rows if row["verdict_published_at"]}
    else:
        chains, flags, published = _chains_flags_published([row["id"] for row in rows])
    # One reverse() for the page: the detail URL differs only by the id.
    prefix, _, suffix = request.build_absolute_uri(reverse("api:claim-detail", args=[0])).rpartition("/0/")
    as_text = _datetime_text_for_page()
    out = []
    for row in rows:
        claim_id = row["id"]
        verdict_at = published.get(claim_id)
        out.append(
            {
                "id": claim_id,
                "url": f"{prefix}/{claim_id}/{suffix}",
                "document": row["document_id"],
                "key": row["key"],
                "kind": row["kind"],
                "text": row["text"],
                "sentence": row["sentence"],
                "claimant_name": row["claimant_name"],
                "claimant": _source_ref(row, "claimant__"),
                "claimant_body_name": row["claimant_body_name"],
                "claimant_body": _source_ref(row, "claimant_body__"),
                "chain": chains[claim_id],
                "status": row["status"],
                "disputed": row["disputed"],
                "rating": row["rating"],
                "flags": sorted(flags[claim_id]),
                "published_at": as_text(verdict_at) if verdict_at else None,
                "created_at": as_text(row["created_at"]),
                "updated_at": as_text(row["updated_at"]),
            }
        )
    return out


class ClaimFilter(StrictFilterSet):
    # distinct=False: these are columns of the claim itself, so no row can repeat, and SELECT DISTINCT
    # over every column of a page's join costs about a second on a million claims.
    status = django_filters.MultipleChoiceFilter(choices=Claim.Status.choices, distinct=False)
    rating = django_filters.MultipleChoiceFilter(choices=Claim.Rating.choices, distinct=False)
    kind = django_filters.MultipleChoiceFilter(choices=Claim.Kind.choices, distinct=False)
    disputed = StrictBooleanFilter()
    flag = django_filters.MultipleChoiceFilter(
        choices=Flag.Reason.choices, method="filter_flag", help_text="Claims with a flag of one of these reasons"
    )
    source = django_filters.CharFilter(
        method="filter_source",
        max_length=200,
        help_text="A source id or slug: claims it made, spoke for, or carried in the attribution chain",
    )
    claimant = django_filters.CharFilter(
        method="filter_claimant", max_length=300, help_text="Claimant name contains, or the claimant's source slug"
    )
    document = IdFilter(field_name="document_id")
    updated_after = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    updated_before = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="lt")
    created_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")
    published_after = django_filters.IsoDateTimeFilter(
        method="filter_published", help_text="Verdict published at or after"
    )
    published_before = django_filters.IsoDateTimeFilter(method="filter_published", help_text="Verdict published before")
    q = django_filters.CharFilter(
        method="filter_q", max_length=500, help_text="Full-text search in the claim text (PostgreSQL websearch syntax)"
    )

    class Meta:
        model = Claim
        fields = []

    def filter_flag(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(Flag.objects.filter(claim=OuterRef("pk"), reason__in=value)))

    def filter_source(self, queryset, name, value):
        sources = Source.objects.filter(pk=int(value)) if value.isdigit() and int(value) <= MAX_ID else None
        if sources is None:
            sources = Source.objects.filter(slug=value)
        ids = sources.values("pk")
        return queryset.filter(
            Q(claimant_id__in=ids)
            | Q(claimant_body_id__in=ids)
            | Exists(Attribution.objects.filter(claim=OuterRef("pk"), source_id__in=ids))
        )

    def filter_claimant(self, queryset, name, value):
        return queryset.filter(Q(claimant_name__icontains=value) | Q(claimant__slug=value))

    def filter_published(self, queryset, name, value):
        lookup = "published_at__gte" if name == "published_after" else "published_at__lt"
        published = Verdict.objects.filter(claim=OuterRef("pk"), state=Verdict.State.PUBLISHED, **{lookup: value})
        return queryset.filter(Exists(published))

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if settings.USING_POSTGRES:
            # Written to match the GIN index on to_tsvector('english', text) exactly, so it is used.
            return queryset.filter(
                RawSQL(
                    "to_tsvector('english'::regconfig, claims_claim.text) @@ websearch_to_tsquery('english'::regconfig, %s)",
                    [value],
                    output_field=BooleanField(),
                )
            )
        return queryset.filter(text__icontains=value)


class ClaimViewSet(StrictQueryParamsMixin, viewsets.ReadOnlyModelViewSet):
    """Claims found in documents: filter by status, rating, dispute, flag, source, claimant, dates, text."""

    permission_classes = [IsClient]
    filterset_class = ClaimFilter
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, StrictOrderingFilter]
    ordering_fields = ["id", "created_at", "updated_at"]
    ordering = ["-id"]
    pagination_class = ApiCursorPagination
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        if self.action == "retrieve":
            return claims_for_api().select_related("document__outlet")
        return Claim.objects.all()

    def get_serializer_class(self):
        return ClaimDetailSerializer if self.action == "retrieve" else ClaimSerializer

    def list(self, request, *args, **kwargs):
        # Pages of plain rows (the cursor reads its position from a dict as well as from a model).
        page = self.paginate_queryset(claim_row_values(self.filter_queryset(self.get_queryset())))
        return self.get_paginated_response(claim_list_rows(page, request=request))


# Changes feed -------------------------------------------------------------------------------

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _encode_cursor(at: datetime, claim_id: int) -> str:
    raw = f"{at.isoformat()}|{claim_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        at, claim_id = raw.split("|")
        parsed = datetime.fromisoformat(at)
        if parsed.tzinfo is None or not 0 <= int(claim_id) <= MAX_ID:
            raise ValueError
        return parsed, int(claim_id)
    except (ValueError, UnicodeDecodeError, TypeError) as exc:
        raise exceptions.ValidationError({"cursor": ["Invalid cursor; use next_cursor from a previous page."]}) from exc


# Every table that records a change to a claim's public state, with the column that dates it.
_CHANGE_SOURCES = [
    ("id", "updated_at", "claims_claim", ""),
    ("claim_id", "created_at", "verification_event", "claim_id IS NOT NULL AND "),
    ("claim_id", "created_at", "verification_flag", ""),
    ("from_claim_id", "updated_at", "claims_claimlink", ""),
    ("to_claim_id", "updated_at", "claims_claimlink", ""),
    ("claim_id", "published_at", "verification_verdict", ""),
]


def claims_changed_since(*, since: datetime, after_id: int, until: datetime, limit: int) -> list[dict]:
    """Claims whose public state changed after (since, after_id) and at or before `until`, oldest change first.

    A claim's change time is the latest of its own update, its flags, its links either way, its
    published verdict and its audit events: some writes touch only the related rows. Each source
    is a range scan on an indexed timestamp; the latest change per claim is the group's maximum.
    Each claim is a row of CLAIM_ROW_FIELDS plus `changed_at`.
    """
    branches = " UNION ALL ".join(
        f"SELECT {claim} AS claim_id, {stamp} AS ts FROM {table} WHERE {extra}{stamp} >= %s"
        for claim, stamp, table, extra in _CHANGE_SOURCES
    )
    sql = (
        f"SELECT claim_id, MAX(ts) AS changed_at FROM ({branches}) AS changes GROUP BY claim_id "
        "HAVING MAX(ts) <= %s AND (MAX(ts) > %s OR (MAX(ts) = %s AND claim_id > %s)) "
        "ORDER BY changed_at, claim_id LIMIT %s"
    )
    adapt = connection.ops.adapt_datetimefield_value
    params = [adapt(since)] * len(_CHANGE_SOURCES) + [adapt(until), adapt(since), adapt(since), after_id, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        changes = [(claim_id, _as_datetime(changed_at)) for claim_id, changed_at in cursor.fetchall()]
    if not changes:
        return []
    claims = {
        row["id"]: row for row in claim_row_values(Claim.objects.filter(pk__in=[claim_id for claim_id, _ in changes]))
    }
    rows = []
    for claim_id, changed_at in changes:
        row = claims.get(claim_id)
        if row is not None:  # deleted since: nothing left to report
            row["changed_at"] = changed_at
            rows.append(row)
    return rows


def _as_datetime(value) -> datetime:
    # PostgreSQL returns an aware datetime; SQLite returns the stored UTC text.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value, UTC)


class ChangesPageSerializer(serializers.Serializer):
    results = ChangedClaimSerializer(many=True)
    next_cursor = serializers.CharField(help_text="Pass back as `cursor` on the next poll")
    has_more = serializers.BooleanField(help_text="More changes are waiting: poll again at once")


class ChangesView(StrictQueryParamsMixin, APIView):
    """Everything whose public state changed since a cursor, oldest change first: one request per poll.

    Start with `since` (an ISO date-time) or nothing (everything), then pass `next_cursor` back as
    `cursor`. An unchanged feed answers 304 to If-None-Match (the ETag) or If-Modified-Since.
    """

    permission_classes = [IsClient]
    extra_query_params = ("cursor", "since", "page_size")
    page_size = 100
    max_page_size = 500

    def _settle(self) -> timedelta:
        # Changes younger than this are held back for one poll, so a transaction that commits a
        # little after its rows were stamped is not skipped by a client that already moved on.
        return timedelta(seconds=getattr(settings, "CLAIMTRACK_CHANGES_SETTLE_SECONDS", 2))

    def _page_size(self, request) -> int:
        raw = request.query_params.get("page_size")
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise exceptions.ValidationError({"page_size": [f"Give a number from 1 to {self.max_page_size}."]})
        return int(raw)

    def _position(self, request) -> tuple[datetime, int]:
        cursor, since = request.query_params.get("cursor"), request.query_params.get("since")
        if since is not None and not since.strip():
            raise exceptions.ValidationError({"since": ["Give an ISO 8601 date-time."]})
        if cursor and since:
            raise exceptions.ValidationError({"since": ["Give either cursor or since, not both."]})
        if cursor:
            return _decode_cursor(cursor)
        if since:
            field = forms.DateTimeField()
            try:
                parsed = field.clean(since)
            except DjangoValidationError:
                raise exceptions.ValidationError({"since": ["Give an ISO 8601 date-time."]}) from None
            if timezone.is_naive(parsed):
                parsed = timezone.make_aware(parsed, UTC)
            return parsed, 0
        return EPOCH, 0

    @extend_schema(
        parameters=[
            OpenApiParameter("cursor", str, description="next_cursor from the previous response"),
            OpenApiParameter("since", OpenApiTypes.DATETIME, description="Start from changes after this time"),
            OpenApiParameter("page_size", {"type": "integer", "minimum": 1, "maximum": 500}, description="Default 100"),
        ],
        responses={
            200: ChangesPageSerializer,
            304: OpenApiResponse(description="Nothing changed since the ETag or date given"),
        },
    )
    def get(self, request):
        since, after_id = self._position(request)
        size = self._page_size(request)
        until = timezone.now() - self._settle()
        rows = claims_changed_since(since=since, after_id=after_id, until=until, limit=size + 1)
        has_more = len(rows) > size
        rows = rows[:size]
        if rows:
            next_cursor = _encode_cursor(rows[-1]["changed_at"], rows[-1]["id"])
            last_modified = rows[-1]["changed_at"]
        else:
            next_cursor = _encode_cursor(since, after_id)
            last_modified = since if since != EPOCH else None
        etag = (
            '"'
            + hashlib.sha256(
                json.dumps([next_cursor, size, [(r["id"], r["changed_at"].isoformat()) for r in rows]]).encode()
            ).hexdigest()[:32]
            + '"'
        )
        headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
        if last_modified is not None:
            headers["Last-Modified"] = http_date(last_modified.timestamp())

        if_none_match = request.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
            if etag in tags or "*" in tags:
                return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
        elif not rows and request.headers.get("If-Modified-Since"):
            if parse_http_date_safe(request.headers["If-Modified-Since"]) is not None:
                return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)

        data = {
            "results": [
                {**claim, "changed_at": _datetime_field.to_representation(row["changed_at"])}
                for claim, row in zip(claim_list_rows(rows, request=request), rows, strict=True)
            ],
            "next_cursor": next_cursor,
            "has_more": has_more,
        }
        return Response(data, headers=headers)


# Documents ----------------------------------------------------------------------------------


class DocumentClaimSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:claim-detail")
    rating = serializers.ChoiceField(choices=Claim.Rating.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Claim
        fields = ["id", "url", "key", "kind", "text", "claimant_name", "status", "disputed", "rating"]
        read_only_fields = fields


class DocumentSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:document-detail")
    source_url = BlankableURLField(source="url", read_only=True)
    outlet = SourceRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Document
        fields = [
            "id",
            "url",
            "external_id",
            "title",
            "source_url",
            "outlet",
            "published_at",
            "channel",
            "status",
            "error",
            "created_at",
            "processed_at",
        ]
        read_only_fields = fields


class DocumentDetailSerializer(DocumentSerializer):
    claims = DocumentClaimSerializer(many=True, read_only=True)

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "text", "claims"]
        read_only_fields = fields


class DocumentCreateSerializer(serializers.Serializer):
    text = serializers.CharField(trim_whitespace=False)
    title = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    url = BlankableURLField(max_length=2000, required=False, default="")
    published_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    outlet = StrictSlugRelatedField(
        slug_field="slug", queryset=Source.objects.all(), required=False, allow_null=True, default=None
    )
    external_id = serializers.CharField(max_length=200, required=False, allow_blank=True, allow_null=True, default=None)

    def validate_text(self, value):
        limit = settings.CLAIMTRACK_MAX_DOCUMENT_CHARS
        if len(value) > limit:
            raise serializers.ValidationError(f"Text is {len(value):,} characters; the limit is {limit:,}.")
        if not value.strip():
            raise serializers.ValidationError("Text is empty.")
        return value


class DocumentFilter(StrictFilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Document.Status.choices, distinct=False)
    channel = django_filters.MultipleChoiceFilter(choices=Document.Channel.choices, distinct=False)
    external_id = django_filters.CharFilter(max_length=200)

    class Meta:
        model = Document
        fields = ["status", "channel", "external_id"]


class DocumentViewSet(StrictQueryParamsMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Documents: POST text to ingest it (202, processed in the background), GET its status and claims."""

    permission_classes = [CanIngest]
    filterset_class = DocumentFilter
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, StrictOrderingFilter]
    ordering_fields = ["id", "created_at"]
    ordering = ["-id"]
    pagination_class = ApiCursorPagination
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        queryset = Document.objects.select_related("outlet")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(Prefetch("claims", queryset=Claim.objects.order_by("position", "id")))
        return queryset.defer("raw_html") if self.action == "list" else queryset

    def get_serializer_class(self):
        if self.action == "create":
            return DocumentCreateSerializer
        return DocumentDetailSerializer if self.action == "retrieve" else DocumentSerializer

    @extend_schema(
        request=DocumentCreateSerializer,
        responses={
            202: OpenApiResponse(DocumentSerializer, description="Stored; extraction runs in the background"),
            200: OpenApiResponse(DocumentSerializer, description="The same text was already ingested"),
            409: OpenApiResponse(description="The external_id belongs to a different document"),
        },
    )
    def create(self, request, *args, **kwargs):
        incoming = DocumentCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            result = document_create(
                text=data["text"],
                title=data["title"],
                url=data["url"],
                outlet=data["outlet"],
                published_at=data["published_at"],
                external_id=data["external_id"] or None,
                channel=Document.Channel.API,
                user=request.user,
            )
        except DjangoValidationError as exc:
            if hasattr(exc, "error_dict") and "id" in exc.error_dict:
                raise Conflict(exc.message_dict["id"][0]) from None
            raise
        document = Document.objects.select_related("outlet").get(pk=result.document.pk)
        body = DocumentSerializer(document, context=self.get_serializer_context()).data
        code = status.HTTP_202_ACCEPTED if result.created else status.HTTP_200_OK
        return Response(body, status=code, headers={"Location": str(body["url"])})
