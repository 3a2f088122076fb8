"""REST API for the source registry: reads for every client, grade and alias changes for admins."""

from __future__ import annotations

import django_filters
from django.db import transaction
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from config.api import (
    ApiCursorPagination,
    BlankableURLField,
    StrictFilterSet,
    StrictOrderingFilter,
    StrictQueryParamsMixin,
    StrictSlugRelatedField,
)
from verification.audit import event_record
from verification.permissions import IsAdminOrReadOnly

from .models import Grade, ReliabilityRating, Source, SourceAlias, SourceTrackRecord
from .services import source_add_alias, source_set_grade


class SourceRefSerializer(serializers.ModelSerializer):
    """A source as other resources mention it: enough to show its name and grade."""

    reliability_grade = serializers.ChoiceField(choices=Grade.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Source
        fields = ["id", "slug", "name", "kind", "reliability_grade"]
        read_only_fields = fields


class RatingSerializer(serializers.ModelSerializer):
    grade_from = serializers.ChoiceField(choices=Grade.choices, allow_blank=True, read_only=True)

    class Meta:
        model = ReliabilityRating
        fields = ["grade_from", "grade_to", "reason", "topic", "effective_date", "changed_at"]
        read_only_fields = fields


class TrackRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = SourceTrackRecord
        fields = [
            "role",
            "counts",
            "claims_rated",
            "successes",
            "failures",
            "accuracy_mean",
            "accuracy_low",
            "accuracy_high",
            "denials_upheld",
            "denials_refuted",
            "suggested_grade",
            "updated_at",
        ]
        read_only_fields = fields


class SourceSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:source-detail")
    parent = StrictSlugRelatedField(slug_field="slug", queryset=Source.objects.all(), required=False, allow_null=True)
    aliases = serializers.SerializerMethodField()
    homepage = BlankableURLField(required=False, max_length=200)
    reliability_grade = serializers.ChoiceField(choices=Grade.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Source
        fields = [
            "id",
            "url",
            "slug",
            "name",
            "kind",
            "country",
            "parent",
            "homepage",
            "description",
            "status",
            "reliability_grade",
            "aliases",
            "updated_at",
        ]
        read_only_fields = ["id", "url", "status", "reliability_grade", "aliases", "updated_at"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_aliases(self, source) -> list[str]:
        return [a.alias for a in source.aliases.all()]


class SourceDetailSerializer(SourceSerializer):
    history = RatingSerializer(source="ratings", many=True, read_only=True)
    track_record = TrackRecordSerializer(source="track_records", many=True, read_only=True)

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "history", "track_record"]
        read_only_fields = [*SourceSerializer.Meta.read_only_fields, "history", "track_record"]


class GradeChangeSerializer(serializers.Serializer):
    grade = serializers.ChoiceField(choices=Grade.choices)
    reason = serializers.CharField(max_length=5000)
    topic = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    effective_date = serializers.DateField(required=False, allow_null=True, default=None)


class AliasSerializer(serializers.Serializer):
    alias = serializers.CharField(max_length=200)


class SourceFilter(StrictFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=Source.Kind.choices, distinct=False)
    status = django_filters.MultipleChoiceFilter(choices=Source.Status.choices, distinct=False)
    grade = django_filters.MultipleChoiceFilter(field_name="reliability_grade", choices=Grade.choices, distinct=False)
    country = django_filters.CharFilter(field_name="country", lookup_expr="iexact", max_length=2)
    q = django_filters.CharFilter(method="filter_q", max_length=200, help_text="Name or alias contains")

    class Meta:
        model = Source
        fields = ["kind", "status", "grade", "country", "q"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(aliases__alias__icontains=value)).distinct()


class SourceViewSet(
    StrictQueryParamsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Sources with their reliability grade, its history and their track record. Writes: admins only."""

    permission_classes = [IsAdminOrReadOnly]
    filterset_class = SourceFilter
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, StrictOrderingFilter]
    ordering_fields = ["name", "id", "updated_at"]
    ordering = ["name"]
    pagination_class = ApiCursorPagination
    lookup_value_regex = r"[0-9]{1,18}|[-a-zA-Z0-9_]{1,200}"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        queryset = Source.objects.select_related("parent").prefetch_related("aliases")
        if self.action != "list":
            queryset = queryset.prefetch_related(
                Prefetch("ratings", queryset=ReliabilityRating.objects.order_by("-changed_at", "-id")),
                "track_records",
            )
        return queryset

    def get_object(self):
        # A source is addressed by id or by slug.
        lookup = self.kwargs["pk"]
        field = "pk" if lookup.isdigit() else "slug"
        source = get_object_or_404(self.get_queryset(), **{field: lookup})
        self.check_object_permissions(self.request, source)
        return source

    def get_serializer_class(self):
        if self.action == "list":
            return SourceSerializer
        if self.action == "grade":
            return GradeChangeSerializer
        if self.action == "aliases":
            return AliasSerializer
        return SourceDetailSerializer

    def perform_create(self, serializer):
        with transaction.atomic():
            source = serializer.save()
            event_record(verb="source.created", obj=source, actor=self.request.user, after={"slug": source.slug})

    def perform_update(self, serializer):
        with transaction.atomic():
            before = {f: getattr(serializer.instance, f) for f in serializer.validated_data if f != "parent"}
            source = serializer.save()
            event_record(
                verb="source.edited",
                obj=source,
                actor=self.request.user,
                before={k: str(v) for k, v in before.items()},
                after={k: str(getattr(source, k)) for k in before},
            )

    @extend_schema(request=GradeChangeSerializer, responses={201: SourceDetailSerializer})
    @action(detail=True, methods=["post"])
    def grade(self, request, pk=None):
        """Change the reliability grade, with a reason; the change is appended to the history."""
        source = self.get_object()
        data = GradeChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        source_set_grade(source=source, user=request.user, **data.validated_data)
        source = self.get_queryset().get(pk=source.pk)
        return Response(
            SourceDetailSerializer(source, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=AliasSerializer,
        responses={201: inline_serializer("AliasCreated", {"alias": serializers.CharField()})},
    )
    @action(detail=True, methods=["post"])
    def aliases(self, request, pk=None):
        """Add another name for the source."""
        source = self.get_object()
        data = AliasSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        alias: SourceAlias = source_add_alias(source=source, alias=data.validated_data["alias"], user=request.user)
        return Response({"alias": alias.alias}, status=status.HTTP_201_CREATED)
