"""REST API for the review queue, verdicts, ClaimReview JSON-LD, webhooks and the caller's own identity."""

from __future__ import annotations

import functools

import django_filters
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api import ID_REGEX, ClaimSerializer, claims_for_api
from claims.models import Claim
from config.api import (
    ApiCursorPagination,
    Conflict,
    StrictBooleanFilter,
    StrictFilterSet,
    StrictOrderingFilter,
    StrictQueryParamsMixin,
)

from . import services
from .models import ApiToken, ReviewItem, Verdict, Webhook, WebhookDelivery
from .permissions import IsApiAdmin, IsClient, IsEditor, IsFactChecker
from .roles import API_CLIENTS, EDITORS, FACT_CHECKERS, is_admin
from .webhooks import EVENT_TYPES, webhook_create, webhook_delete


def service_errors_as_conflicts(view_method):
    """A service's ValidationError about state ("already taken", "not submitted") is a 409, not a 400."""

    @functools.wraps(view_method)
    def wrapper(*args, **kwargs):
        try:
            return view_method(*args, **kwargs)
        except DjangoValidationError as exc:
            if hasattr(exc, "error_dict"):
                raise
            raise Conflict(" ".join(exc.messages)) from None

    return wrapper


# The review queue ---------------------------------------------------------------------------


class ReviewItemSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:reviewitem-detail")
    claim = ClaimSerializer(read_only=True)
    assignee = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = ReviewItem
        fields = [
            "id",
            "url",
            "claim",
            "state",
            "priority",
            "priority_reasons",
            "assignee",
            "lease_expires_at",
            "due_at",
            "escalated",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class VerdictSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:verdict-detail")
    reviewer = serializers.SlugRelatedField(slug_field="username", read_only=True)
    approver = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Verdict
        fields = [
            "id",
            "url",
            "claim",
            "review_item",
            "rating",
            "credibility",
            "rationale",
            "evidence_links",
            "state",
            "reviewer",
            "approver",
            "return_comment",
            "supersedes",
            "created_at",
            "published_at",
        ]
        read_only_fields = fields


class VerdictSubmitSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=Claim.Rating.choices)
    credibility = serializers.IntegerField(min_value=1, max_value=6, help_text="Admiralty credibility, 1 to 6")
    rationale = serializers.CharField(max_length=20_000)
    evidence_links = serializers.ListField(
        child=serializers.URLField(max_length=2000), max_length=50, required=False, default=list
    )
    link_decisions = serializers.DictField(
        child=serializers.ChoiceField(choices=["confirmed", "rejected"]),
        required=False,
        default=dict,
        help_text="Link id to 'confirmed' or 'rejected' for the claim's denials and corroborations",
    )

    def validate_link_decisions(self, value):
        if any(not key.isdigit() or len(key) > 18 for key in value):
            raise serializers.ValidationError("Keys are link ids.")
        return {int(k): v for k, v in value.items()}


class HandOverSerializer(serializers.Serializer):
    to = serializers.SlugRelatedField(
        slug_field="username",
        queryset=get_user_model().objects.filter(is_active=True),
        help_text="Username of the fact-checker who takes the item over",
    )


class ReturnSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=5000)


class ReviewItemFilter(StrictFilterSet):
    state = django_filters.MultipleChoiceFilter(choices=ReviewItem.State.choices, distinct=False)
    mine = StrictBooleanFilter(method="filter_mine", help_text="Only items assigned to me")

    class Meta:
        model = ReviewItem
        fields = ["state", "mine"]

    def filter_mine(self, queryset, name, value):
        user = self.request.user
        return queryset.filter(assignee=user) if value else queryset.exclude(assignee=user)


class ReviewItemViewSet(StrictQueryParamsMixin, viewsets.ReadOnlyModelViewSet):
    """The review queue for clients without the web UI: take the next claim, release it, record a verdict."""

    permission_classes = [IsFactChecker]
    filterset_class = ReviewItemFilter
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, StrictOrderingFilter]
    ordering_fields = ["id", "priority", "created_at", "due_at"]
    ordering = ["-id"]
    pagination_class = ApiCursorPagination
    lookup_value_regex = ID_REGEX
    serializer_class = ReviewItemSerializer

    def get_queryset(self):
        return ReviewItem.objects.select_related("assignee").prefetch_related(
            Prefetch("claim", queryset=claims_for_api())
        )

    def _item(self, request, *, item: ReviewItem) -> Response:
        """The item as it is now, after a service changed it."""
        item = self.get_queryset().get(pk=item.pk)
        return Response(ReviewItemSerializer(item, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses={200: ReviewItemSerializer, 204: OpenApiResponse(description="Queue empty")})
    @action(detail=False, methods=["post"], url_path="take-next")
    @service_errors_as_conflicts
    def take_next(self, request):
        """Lease the highest-priority queued claim to me."""
        item = services.review_item_take_next(user=request.user)
        if item is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return self._item(request, item=item)

    @extend_schema(request=None, responses={200: ReviewItemSerializer})
    @action(detail=True, methods=["post"])
    @service_errors_as_conflicts
    def take(self, request, pk=None):
        """Take this queued item."""
        return self._item(request, item=services.review_item_take(item=self.get_object(), user=request.user))

    @extend_schema(request=None, responses={200: ReviewItemSerializer})
    @action(detail=True, methods=["post"])
    @service_errors_as_conflicts
    def release(self, request, pk=None):
        """Put an item I hold back in the queue."""
        return self._item(request, item=services.review_item_release(item=self.get_object(), user=request.user))

    @extend_schema(request=HandOverSerializer, responses={200: ReviewItemSerializer})
    @action(detail=True, methods=["post"], url_path="hand-over")
    @service_errors_as_conflicts
    def hand_over(self, request, pk=None):
        """Give an item to a colleague: its checker or an editor may."""
        item = self.get_object()
        data = HandOverSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        to_user = data.validated_data["to"]
        return self._item(request, item=services.review_item_hand_over(item=item, user=request.user, to_user=to_user))

    @extend_schema(request=None, responses={200: ReviewItemSerializer})
    @action(detail=True, methods=["post"], url_path="renew-lease")
    @service_errors_as_conflicts
    def renew_lease(self, request, pk=None):
        """Keep holding an item I am still working on."""
        return self._item(request, item=services.review_item_renew_lease(item=self.get_object(), user=request.user))

    @extend_schema(request=VerdictSubmitSerializer, responses={201: VerdictSerializer})
    @action(detail=True, methods=["post"])
    @service_errors_as_conflicts
    def verdict(self, request, pk=None):
        """Record my verdict on the claim of an item I hold; it waits for an editor's approval."""
        item = self.get_object()
        data = VerdictSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        verdict = services.verdict_submit(item=item, user=request.user, **data.validated_data)
        return Response(
            VerdictSerializer(verdict, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )


class VerdictFilter(StrictFilterSet):
    state = django_filters.MultipleChoiceFilter(choices=Verdict.State.choices, distinct=False)
    rating = django_filters.MultipleChoiceFilter(choices=Claim.Rating.choices, distinct=False)

    class Meta:
        model = Verdict
        fields = ["state", "rating"]


class VerdictViewSet(StrictQueryParamsMixin, viewsets.ReadOnlyModelViewSet):
    """Verdicts: checkers and editors read them; editors approve (publish) or return submitted ones."""

    filterset_class = VerdictFilter
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, StrictOrderingFilter]
    ordering_fields = ["id", "created_at"]
    ordering = ["-id"]
    pagination_class = ApiCursorPagination
    lookup_value_regex = ID_REGEX
    serializer_class = VerdictSerializer
    queryset = Verdict.objects.select_related("reviewer", "approver")

    def get_permissions(self):
        if self.action in ("approve", "return_"):
            return [IsEditor()]
        return [IsFactChecker()]

    @extend_schema(request=None, responses={200: VerdictSerializer})
    @action(detail=True, methods=["post"])
    @service_errors_as_conflicts
    def approve(self, request, pk=None):
        """Publish a submitted verdict; its author cannot approve it."""
        verdict = services.verdict_approve(verdict=self.get_object(), user=request.user)
        return Response(VerdictSerializer(verdict, context=self.get_serializer_context()).data)

    @extend_schema(request=ReturnSerializer, responses={200: VerdictSerializer})
    @action(detail=True, methods=["post"], url_path="return")
    @service_errors_as_conflicts
    def return_(self, request, pk=None):
        """Send a submitted verdict back to its checker with a comment."""
        data = ReturnSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        verdict = services.verdict_return(verdict=self.get_object(), user=request.user, **data.validated_data)
        return Response(VerdictSerializer(verdict, context=self.get_serializer_context()).data)


# ClaimReview --------------------------------------------------------------------------------

# schema.org reviewRating: 1 (false) to 5 (true); "unverifiable" has no place on that scale, so it
# carries only alternateName, as schema.org allows for a textual rating.
RATING_VALUES = {"false": 1, "mostly_false": 2, "mixed": 3, "mostly_true": 4, "true": 5}


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


def claim_review(verdict: Verdict, request=None) -> dict:
    """One published verdict as a schema.org ClaimReview."""
    claim, document = verdict.claim, verdict.claim.document
    author = claim.claimant_name or claim.claimant_body_name or (document.outlet.name if document.outlet else "")
    person_kinds = {"official_person"}
    author_type = "Person" if claim.claimant and claim.claimant.kind in person_kinds else "Organization"
    if claim.claimant is None and claim.claimant_name and not claim.claimant_body_name:
        author_type = "Person"
    appearance = {"@type": "CreativeWork"}
    if document.url:
        appearance["url"] = document.url
    if document.title:
        appearance["headline"] = document.title
    if document.published_at:
        appearance["datePublished"] = document.published_at.isoformat()
    if document.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": document.outlet.name}
    item_reviewed = {"@type": "Claim", "author": {"@type": author_type, "name": author or "unknown"}}
    item_reviewed["appearance"] = appearance
    if document.published_at:
        item_reviewed["datePublished"] = document.published_at.isoformat()
    rating = {
        "@type": "Rating",
        "alternateName": Claim.Rating(verdict.rating).label,
        "bestRating": 5,
        "worstRating": 1,
    }
    if verdict.rating in RATING_VALUES:
        rating["ratingValue"] = RATING_VALUES[verdict.rating]
    organisation = {"@type": "Organization", "name": settings.CLAIMTRACK_ORGANIZATION_NAME}
    if settings.CLAIMTRACK_ORGANIZATION_URL:
        organisation["url"] = settings.CLAIMTRACK_ORGANIZATION_URL
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": _absolute(request, reverse("api:claimreview-detail", args=[verdict.pk])),
        "claimReviewed": claim.text,
        "itemReviewed": item_reviewed,
        "reviewRating": rating,
        "reviewBody": verdict.rationale,
        "author": organisation,
        "datePublished": (verdict.published_at or verdict.created_at).date().isoformat(),
        "citation": verdict.evidence_links,
    }


def _claim_review_to_representation(self, verdict):
    return claim_review(verdict, self.context.get("request"))


# Declared with type(): the JSON-LD keys ("@context", "@type") are not Python identifiers.
ClaimReviewSerializer = type(
    "ClaimReviewSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "A published verdict as schema.org ClaimReview JSON-LD.",
        "@context": serializers.CharField(),
        "@type": serializers.CharField(),
        "url": serializers.URLField(),
        "claimReviewed": serializers.CharField(),
        "itemReviewed": serializers.DictField(),
        "reviewRating": serializers.DictField(),
        "reviewBody": serializers.CharField(),
        "author": serializers.DictField(),
        "datePublished": serializers.DateField(),
        "citation": serializers.ListField(child=serializers.URLField()),
        "to_representation": _claim_review_to_representation,
    },
)


class ClaimReviewViewSet(StrictQueryParamsMixin, viewsets.ReadOnlyModelViewSet):
    """Published verdicts as schema.org ClaimReview JSON-LD, one by one and as a feed (newest first). Public."""

    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer, JSONLDRenderer]
    pagination_class = ApiCursorPagination
    filter_backends = []
    lookup_value_regex = ID_REGEX
    serializer_class = ClaimReviewSerializer

    def get_queryset(self):
        return (
            Verdict.objects.filter(state=Verdict.State.PUBLISHED)
            .select_related("claim__document__outlet", "claim__claimant")
            .order_by("-published_at", "-id")
        )


# Webhooks -----------------------------------------------------------------------------------


class WebhookSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:webhook-detail")
    target = serializers.URLField(source="url", max_length=2000)
    event_types = serializers.ListField(
        child=serializers.ChoiceField(choices=EVENT_TYPES), allow_empty=False, max_length=len(EVENT_TYPES)
    )

    class Meta:
        model = Webhook
        fields = ["id", "url", "target", "event_types", "active", "paused_at", "consecutive_failures", "created_at"]
        read_only_fields = ["id", "url", "active", "paused_at", "consecutive_failures", "created_at"]


class WebhookCreatedSerializer(WebhookSerializer):
    secret = serializers.CharField(read_only=True, help_text="Shown once: keep it to verify signatures")

    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "secret"]


class WebhookDeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event_type",
            "payload",
            "status",
            "attempts",
            "response_status",
            "error",
            "created_at",
            "delivered_at",
        ]
        read_only_fields = fields


class WebhookViewSet(
    StrictQueryParamsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Admins register URLs for event types; the secret is returned once, at creation."""

    permission_classes = [IsApiAdmin]
    serializer_class = WebhookSerializer
    pagination_class = ApiCursorPagination
    filter_backends = []
    lookup_value_regex = ID_REGEX
    queryset = Webhook.objects.all()

    @extend_schema(responses={201: WebhookCreatedSerializer})
    def create(self, request, *args, **kwargs):
        incoming = WebhookSerializer(data=request.data, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        result = webhook_create(
            url=incoming.validated_data["url"],
            event_types=incoming.validated_data["event_types"],
            created_by=request.user,
        )
        result.webhook.secret = result.secret  # in memory only, for this one response
        body = WebhookCreatedSerializer(result.webhook, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": str(body["url"])})

    def perform_destroy(self, instance):
        webhook_delete(webhook=instance, user=self.request.user)

    @extend_schema(responses={200: WebhookDeliverySerializer(many=True)})
    @action(detail=True, methods=["get"])
    def deliveries(self, request, pk=None):
        """The latest deliveries to this hook, with their status."""
        webhook = self.get_object()
        rows = webhook.deliveries.order_by("-id")[:100]
        return Response(WebhookDeliverySerializer(rows, many=True).data)


# Who am I -----------------------------------------------------------------------------------


class MeView(StrictQueryParamsMixin, APIView):
    """The caller: username, roles and, with a token, its name and scope."""

    permission_classes = [IsClient]

    @extend_schema(
        responses=inline_serializer(
            "Me",
            {
                "username": serializers.CharField(),
                "roles": serializers.ListField(child=serializers.CharField()),
                "token": inline_serializer(
                    "MeToken",
                    {
                        "name": serializers.CharField(),
                        "prefix": serializers.CharField(),
                        "scope": serializers.CharField(),
                    },
                    allow_null=True,
                ),
            },
        )
    )
    def get(self, request):
        user = request.user
        groups = set(user.groups.values_list("name", flat=True))
        roles = [
            role
            for role, present in (
                ("admin", is_admin(user)),
                ("editor", EDITORS in groups),
                ("fact_checker", FACT_CHECKERS in groups),
                ("api_client", API_CLIENTS in groups),
            )
            if present
        ]
        token = request.auth if isinstance(request.auth, ApiToken) else None
        return Response(
            {
                "username": user.get_username(),
                "roles": roles,
                "token": {"name": token.name, "prefix": token.prefix, "scope": token.scope} if token else None,
            }
        )
