"""The registry of sources: who speaks, through whom, and how far they are trusted."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from claims.extraction.names import fold_name


class Grade(models.TextChoices):
    """Source reliability on the Admiralty (NATO AJP-2.1) scale."""

    A = "A", "A: completely reliable"
    B = "B", "B: usually reliable"
    C = "C", "C: fairly reliable"
    D = "D", "D: not usually reliable"
    E = "E", "E: unreliable"
    F = "F", "F: reliability cannot be judged"


class SourceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Source.Status.ACTIVE)

    def with_aliases(self):
        return self.prefetch_related("aliases")

    def named(self, name: str):
        """Sources one of whose aliases folds to the same name ("the AP" finds Associated Press)."""
        return self.filter(aliases__alias_folded=fold_name(name))


class Source(models.Model):
    """A person, body, outlet or platform that makes or carries claims."""

    class Kind(models.TextChoices):
        NEWS_AGENCY = "news_agency", "News agency"
        NEWS_OUTLET = "news_outlet", "News outlet"
        GOVERNMENT_BODY = "government_body", "Government body"
        MILITARY = "military", "Military"
        OFFICIAL_PERSON = "official_person", "Official person"
        NGO = "ngo", "NGO"
        PLATFORM = "platform", "Platform"
        ANONYMOUS = "anonymous", "Anonymous"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        SUGGESTED = "suggested", "Suggested by extraction"
        DISMISSED = "dismissed", "Dismissed"
        MERGED = "merged", "Merged into another source"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The body it belongs to",
    )
    homepage = models.URLField(blank=True)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    # The current grade; its history lives in ReliabilityRating and changes only through
    # sources.services.source_set_grade.
    reliability_grade = models.CharField(max_length=1, choices=Grade.choices, blank=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_sources",
        help_text="Set when a suggested source turned out to be another name for this one",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reliability_grade__in=["", "A", "B", "C", "D", "E", "F"]),
                name="source_grade_valid",
            ),
            models.CheckConstraint(condition=~models.Q(parent=models.F("id")), name="source_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": "A source cannot sit under itself."})
            ancestor = ancestor.parent


class SourceAlias(models.Model):
    """A name journalists use for a source ("AP", "The Associated Press")."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    # Case, accents, possessives and a leading "the" folded away; one source per folded name.
    alias_folded = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "source aliases"

    def __str__(self) -> str:
        return self.alias

    def save(self, *args, **kwargs):
        self.alias_folded = fold_name(self.alias)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        folded = fold_name(self.alias)
        if not folded:
            raise ValidationError({"alias": "An alias needs at least one letter or digit."})
        clash = SourceAlias.objects.filter(alias_folded=folded).exclude(pk=self.pk).select_related("source").first()
        if clash:
            raise ValidationError({"alias": f"'{self.alias}' already names {clash.source}."})


class ReliabilityRating(models.Model):
    """One change of a source's grade: append-only history (who, when, from, to, why)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="ratings")
    grade_from = models.CharField(max_length=1, choices=Grade.choices, blank=True)
    grade_to = models.CharField(max_length=1, choices=Grade.choices)
    reason = models.TextField()
    topic = models.CharField(max_length=100, blank=True, help_text="Blank: the grade applies to all topics")
    effective_date = models.DateField(null=True, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="rating_reason_required"),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.grade_from or '-'} -> {self.grade_to}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Rating history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Rating history is append-only.")


class Role(models.TextChoices):
    """A source's part in a claim: it said it, or it passed it on."""

    CLAIMANT = "claimant", "As claimant"
    CARRIER = "carrier", "As carrier in the chain"


class SourceClaimOutcome(models.Model):
    """What one claim's published verdict (or a denial's fate) says about one source: the track record's ledger.

    Rows are derived data, rewritten by sources.services from verdicts and links; the per-claim
    rows let a newly published verdict update only the sources it touches.
    """

    class DenialOutcome(models.TextChoices):
        NONE = "", "Not a decided denial"
        UPHELD = "upheld", "Denial upheld"
        REFUTED = "refuted", "Denial refuted"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="claim_outcomes")
    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="source_outcomes")
    role = models.CharField(max_length=8, choices=Role.choices)
    rating = models.CharField(max_length=14, blank=True)
    denial_outcome = models.CharField(max_length=8, choices=DenialOutcome.choices, blank=True)
    claimed_at = models.DateTimeField()
    verdict_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["source_id", "claimed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "claim", "role"], name="outcome_unique_per_source_claim_role")
        ]
        indexes = [models.Index(fields=["source", "role"], name="outcome_source_role_idx")]

    def __str__(self) -> str:
        return f"{self.source_id} {self.role} claim {self.claim_id}: {self.rating or self.denial_outcome}"


class SourceTrackRecordQuerySet(models.QuerySet):
    def for_dashboard(self):
        return self.select_related("source").filter(source__status=Source.Status.ACTIVE)


class SourceTrackRecord(models.Model):
    """One source's record in one role: counts by rating, accuracy with its 90% interval, denials, a grade."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="track_records")
    role = models.CharField(max_length=8, choices=Role.choices)
    counts = models.JSONField(default=dict, help_text="Published verdicts by rating")
    claims_rated = models.PositiveIntegerField(default=0)
    successes = models.PositiveIntegerField(default=0, help_text="Rated true or mostly true")
    failures = models.PositiveIntegerField(default=0, help_text="Rated false or mostly false")
    accuracy_mean = models.FloatField()
    accuracy_low = models.FloatField(help_text="5th percentile of the posterior")
    accuracy_high = models.FloatField(help_text="95th percentile of the posterior")
    denials_upheld = models.PositiveIntegerField(default=0)
    denials_refuted = models.PositiveIntegerField(default=0)
    suggested_grade = models.CharField(max_length=1, choices=Grade.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SourceTrackRecordQuerySet.as_manager()

    class Meta:
        ordering = ["source__name", "role"]
        constraints = [models.UniqueConstraint(fields=["source", "role"], name="track_record_unique_per_role")]

    def __str__(self) -> str:
        return f"{self.source} {self.role}: {self.accuracy_mean:.2f} ({self.claims_rated} rated)"


class SourceMention(models.Model):
    """A place where extraction found a suggested source's name: the claim field or chain link, and its sentence."""

    class Field(models.TextChoices):
        CLAIMANT = "claimant", "Claimant"
        BODY = "body", "Body the claimant speaks for"
        ATTRIBUTION = "attribution", "Link in the attribution chain"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="mentions")
    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="source_mentions")
    field = models.CharField(max_length=12, choices=Field.choices)
    # The chain position for attribution mentions; 0 for the claim's own fields.
    attribution_position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=300)
    sentence = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source_id", "-created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "field", "attribution_position"], name="mention_unique_per_claim_field"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} in claim {self.claim_id}"
