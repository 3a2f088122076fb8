"""Documents, the claims found in them, their attribution chains and the links between claims."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models


def content_hash(text: str) -> str:
    """The identity of a document's text: the same text twice is one document."""
    normalised = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n"))
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


class DocumentQuerySet(models.QuerySet):
    def stuck_pending(self, older_than):
        return self.filter(status=Document.Status.PENDING, updated_at__lt=older_than)


class Document(models.Model):
    """A piece of news text as it was ingested."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        PROCESSING = "processing", "Processing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        UNSUPPORTED = "unsupported", "Not processed (empty or not English)"

    class Channel(models.TextChoices):
        API = "api", "API"
        ADMIN = "admin", "Admin"
        CLI = "cli", "Command line"
        UPLOAD = "upload", "Upload"
        URL = "url", "URL"
        FEED = "feed", "Feed"
        PASTE = "paste", "Pasted in the web UI"
        LIVE_BLOG = "live_blog", "Live blog"

    external_id = models.CharField(
        max_length=200, null=True, blank=True, unique=True, help_text="The id it was ingested with"
    )
    title = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    outlet = models.ForeignKey(
        "sources.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    text = models.TextField()
    raw_html = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(max_length=12, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.API)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True)
    extractor_version = models.CharField(max_length=40, blank=True)
    extractor_backend = models.CharField(max_length=20, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "updated_at"], name="document_status_idx"),
            models.Index(fields=["published_at"], name="document_published_idx"),
        ]

    def __str__(self) -> str:
        return self.title or f"Document {self.pk}"

    def save(self, *args, **kwargs):
        self.content_hash = content_hash(self.text)
        super().save(*args, **kwargs)


class Origin(models.TextChoices):
    MACHINE = "machine", "Machine-made"
    HUMAN = "human", "Human-made"


class ClaimQuerySet(models.QuerySet):
    def with_chain(self):
        return self.select_related("document", "claimant", "claimant_body").prefetch_related("attributions__source")

    def flagged(self):
        return self.filter(flags__isnull=False).distinct()

    def machine_made(self):
        return self.filter(origin=Origin.MACHINE)

    def previously_checked(self):
        """Claims that match (same_as / corroborates) a claim with a published verdict."""
        from claims.matching.queries import previously_checked

        return previously_checked(self)


class Claim(models.Model):
    """One attributed assertion in a document: who claimed what, through whom."""

    class Kind(models.TextChoices):
        CLAIM = "claim", "Claim"
        DENIAL = "denial", "Denial"
        COUNTER_CLAIM = "counter_claim", "Counter-claim"

    class Status(models.TextChoices):
        UNREVIEWED = "unreviewed", "Unreviewed"
        FLAGGED = "flagged", "Flagged"
        IN_REVIEW = "in_review", "In review"
        AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
        PUBLISHED = "published", "Published"

    class Rating(models.TextChoices):
        TRUE = "true", "True"
        MOSTLY_TRUE = "mostly_true", "Mostly true"
        MIXED = "mixed", "Mixed"
        MOSTLY_FALSE = "mostly_false", "Mostly false"
        FALSE = "false", "False"
        UNVERIFIABLE = "unverifiable", "Unverifiable"

    # db_index=False on these foreign keys: a composite index leads with each column already
    # (document + key, claimant + created_at, body + created_at), and every index is written on each
    # status change of a claim.
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="claims", db_index=False)
    key = models.CharField(max_length=20, help_text="Position-based id within the document, e.g. c3")
    position = models.PositiveIntegerField(default=0)
    sentence = models.TextField()
    sentence_start = models.PositiveIntegerField()
    sentence_end = models.PositiveIntegerField()
    text = models.TextField(help_text="The asserted content")
    text_start = models.PositiveIntegerField(null=True, blank=True)
    text_end = models.PositiveIntegerField(null=True, blank=True)
    claimant_name = models.CharField(max_length=300, blank=True)
    claimant = models.ForeignKey(
        "sources.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="claims", db_index=False
    )
    claimant_body_name = models.CharField(max_length=300, blank=True)
    claimant_body = models.ForeignKey(
        "sources.Source",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims_as_body",
        db_index=False,
    )
    kind = models.CharField(max_length=14, choices=Kind.choices, default=Kind.CLAIM)
    cue_verb = models.CharField(max_length=100, blank=True)
    confidence = models.FloatField(default=1.0)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UNREVIEWED)
    disputed = models.BooleanField(default=False)
    rating = models.CharField(max_length=14, choices=Rating.choices, blank=True)
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.MACHINE)
    extractor_version = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["document_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "key"], name="claim_key_unique_in_document"),
            models.CheckConstraint(
                condition=models.Q(sentence_end__gt=models.F("sentence_start")), name="claim_sentence_span_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "updated_at"], name="claim_status_idx"),
            models.Index(fields=["claimant", "created_at"], name="claim_claimant_idx"),
            models.Index(fields=["updated_at", "id"], name="claim_changes_idx"),
        ]

    def __str__(self) -> str:
        who = self.claimant_name or "outlet"
        return f"{who}: {self.text[:80]}"

    @property
    def previous_check(self) -> Claim | None:
        """The matching claim whose published verdict applies to this one ("previously checked"), or None."""
        from claims.matching.queries import previous_verdict_claim

        return None if self.status == self.Status.PUBLISHED else previous_verdict_claim(self)


class Attribution(models.Model):
    """One link of a claim's chain, innermost first: claimant -> statement -> agency -> publisher."""

    class Role(models.TextChoices):
        CLAIMANT = "claimant", "Claimant"
        BODY = "body", "Body the claimant speaks for"
        STATEMENT = "statement", "Statement"
        CHANNEL = "channel", "Channel"
        AGENCY = "agency", "Agency"
        PUBLISHER = "publisher", "Publisher"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="attributions")
    position = models.PositiveSmallIntegerField()
    role = models.CharField(max_length=10, choices=Role.choices)
    name = models.CharField(max_length=300)
    source = models.ForeignKey(
        "sources.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="attributions"
    )

    class Meta:
        ordering = ["claim_id", "position"]
        constraints = [models.UniqueConstraint(fields=["claim", "position"], name="attribution_position_unique")]

    def __str__(self) -> str:
        return f"{self.position}. {self.role}: {self.name}"


class ClaimLink(models.Model):
    """A typed link between two claims: a denial, a counter-claim, a corroboration or the same claim."""

    class Relation(models.TextChoices):
        DENIES = "denies", "denies"
        COUNTERS = "counters", "counters"
        CORROBORATES = "corroborates", "corroborates"
        SAME_AS = "same_as", "same as"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        SUGGESTED = "suggested", "Suggested"
        CONFIRMED = "confirmed", "Confirmed by a checker"
        REJECTED = "rejected", "Rejected by a checker"

    from_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_out")
    to_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_in")
    relation = models.CharField(max_length=12, choices=Relation.choices)
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.MACHINE)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    confidence = models.FloatField(default=1.0)
    explanation = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["from_claim", "to_claim", "relation"], name="claimlink_unique_per_pair"),
            models.CheckConstraint(condition=~models.Q(from_claim=models.F("to_claim")), name="claimlink_no_self_link"),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0) & models.Q(confidence__lte=1), name="claimlink_confidence_0_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_claim_id} {self.relation} {self.to_claim_id}"


class FeedQuerySet(models.QuerySet):
    def due(self, now):
        return self.filter(is_active=True).filter(models.Q(next_poll_at__isnull=True) | models.Q(next_poll_at__lte=now))


class Feed(models.Model):
    """An RSS/Atom feed or a live-blog page of one outlet, polled on a schedule for new items."""

    class Kind(models.TextChoices):
        FEED = "feed", "RSS or Atom feed"
        LIVE_BLOG = "live_blog", "Live blog page"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FEED)
    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    outlet = models.ForeignKey("sources.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="feeds")
    is_active = models.BooleanField(default=True)
    fetch_full_text = models.BooleanField(
        default=True, help_text="Fetch each item's page for the full article (feeds often carry only a summary)"
    )
    poll_minutes = models.PositiveIntegerField(default=15, help_text="Minutes between polls when the feed is healthy")
    # Conditional GET validators from the last successful poll.
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(max_length=200, blank=True)
    last_error = models.TextField(blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FeedQuerySet.as_manager()

    class Meta:
        ordering = ["outlet__name", "url"]
        indexes = [models.Index(fields=["is_active", "next_poll_at"], name="feed_due_idx")]
        constraints = [models.CheckConstraint(condition=models.Q(poll_minutes__gte=1), name="feed_poll_minutes_min")]

    def __str__(self) -> str:
        return self.title or self.url

    @property
    def health(self) -> str:
        """One word for the admin list: new, ok, failing or paused."""
        if not self.is_active:
            return "paused"
        if self.consecutive_failures:
            return "failing"
        return "ok" if self.last_success_at else "new"


class FeedItem(models.Model):
    """One item of a feed or one entry of a live blog, ingested once; its current text is a Document."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items")
    # The item's identity in its feed: the link for RSS/Atom (guid when there is none), the entry id for a live blog.
    key = models.CharField(max_length=2000)
    link = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="feed_items")
    content_hash = models.CharField(max_length=64, blank=True)
    version = models.PositiveIntegerField(default=0)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["feed_id", "-published_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["feed", "key"], name="feeditem_key_unique_in_feed")]

    def __str__(self) -> str:
        return self.title or self.key


class FeedItemVersion(models.Model):
    """One text of a live-blog entry: the first as published, then each edit; each text is a Document."""

    item = models.ForeignKey(FeedItem, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="entry_versions")
    content_hash = models.CharField(max_length=64)
    seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item_id", "number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="feeditemversion_number_unique")]

    def __str__(self) -> str:
        return f"{self.item} v{self.number}"
