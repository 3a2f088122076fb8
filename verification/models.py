"""Flags, the review queue, verdicts, the audit trail, and what clients subscribe to."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from claims.models import Claim


class Flag(models.Model):
    """Why a claim needs a checker's eye: a reason code, the cue that says so, and the rule."""

    class Reason(models.TextChoices):
        UNVERIFIED = "unverified", "Marked unverified in the text"
        NO_EVIDENCE = "no_evidence", "Made without evidence"
        DISPUTED = "disputed", "Denied or countered"
        LOW_GRADE_SOURCE = "low_grade_source", "Source graded D, E or F"
        UNGRADED_SOURCE = "ungraded_source", "Source not graded"
        SINGLE_SOURCE_CASUALTIES = "single_source_casualties", "Single-source claim of casualties or attacks"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="flags")
    reason = models.CharField(max_length=30, choices=Reason.choices)
    rule = models.CharField(max_length=60)
    cue_text = models.TextField(blank=True)
    cue_start = models.PositiveIntegerField(null=True, blank=True)
    cue_end = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim_id", "reason"]
        constraints = [models.UniqueConstraint(fields=["claim", "reason", "rule"], name="flag_unique_per_rule")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.rule})"


class ReviewItem(models.Model):
    """A claim waiting for, or under, human review."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        IN_PROGRESS = "in_progress", "In progress"
        AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    OPEN_STATES = (State.QUEUED, State.IN_PROGRESS, State.AWAITING_APPROVAL)

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="review_items")
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    priority = models.FloatField(default=0)
    priority_reasons = models.JSONField(default=list, blank=True)
    # No index of its own: reviewitem_assignee_idx leads with it.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="review_items",
        db_index=False,
    )
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    escalated = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-priority", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"],
                condition=models.Q(state__in=["queued", "in_progress", "awaiting_approval"]),
                name="reviewitem_one_open_per_claim",
            ),
        ]
        indexes = [
            models.Index(
                fields=["-priority", "created_at"],
                condition=models.Q(state="queued"),
                name="reviewitem_queue_idx",
            ),
            models.Index(fields=["assignee", "state"], name="reviewitem_assignee_idx"),
        ]

    def __str__(self) -> str:
        return f"Review of claim {self.claim_id} ({self.state})"


class Verdict(models.Model):
    """A checker's finding on a claim, published once a second reviewer approves it."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", "Awaiting approval"
        RETURNED = "returned", "Returned to the checker"
        PUBLISHED = "published", "Published"
        SUPERSEDED = "superseded", "Superseded by a correction"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdicts")
    review_item = models.ForeignKey(
        ReviewItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="verdicts"
    )
    rating = models.CharField(max_length=14, choices=Claim.Rating.choices)
    credibility = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(6)], help_text="Admiralty information credibility, 1-6"
    )
    rationale = models.TextField()
    evidence_links = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.SUBMITTED)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verdicts_written")
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="verdicts_approved"
    )
    return_comment = models.TextField(blank=True)
    supersedes = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(credibility__gte=1) & models.Q(credibility__lte=6), name="verdict_credibility_1_6"
            ),
            models.CheckConstraint(
                condition=models.Q(approver__isnull=True) | ~models.Q(approver=models.F("reviewer")),
                name="verdict_not_self_approved",
            ),
            models.UniqueConstraint(
                fields=["claim"], condition=models.Q(state="published"), name="verdict_one_published_per_claim"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rating_display()} on claim {self.claim_id}"


class Event(models.Model):
    """Append-only audit of every state change: who did what to which object, before and after."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True, help_text="'system' or a task name when no user acted")
    verb = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)
    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="event_object_idx")]

    def __str__(self) -> str:
        return f"{self.verb} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("The audit trail is append-only.")


class ApiToken(models.Model):
    """A client's API token, stored as a SHA-256 hash; the secret is shown once."""

    class Scope(models.TextChoices):
        READ = "read", "Read"
        READ_WRITE = "read_write", "Read and write"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=12, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}...)"


class Webhook(models.Model):
    """A URL that receives signed event deliveries."""

    url = models.URLField(max_length=2000)
    event_types = models.JSONField(default=list, help_text="e.g. ['claim.flagged', 'verdict.published']")
    secret = models.CharField(max_length=128)
    active = models.BooleanField(default=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One attempt-tracked delivery of one event to one webhook."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event_type = models.CharField(max_length=60)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    response_status = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        return f"{self.event_type} to {self.webhook_id} ({self.status})"
