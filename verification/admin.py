"""Admin for flags, the queue, verdicts and the audit trail: all read-only here."""

from django.contrib import admin

from claims.admin import ReadOnlyAdmin

from .models import ApiToken, Event, Flag, ReviewItem, Verdict, Webhook, WebhookDelivery


@admin.register(Flag)
class FlagAdmin(ReadOnlyAdmin):
    list_display = ["claim", "reason", "rule", "cue_text", "created_at"]
    list_filter = ["reason", "rule"]


@admin.register(ReviewItem)
class ReviewItemAdmin(ReadOnlyAdmin):
    list_display = ["claim", "state", "priority", "assignee", "lease_expires_at", "due_at", "escalated"]
    list_filter = ["state", "escalated"]


@admin.register(Verdict)
class VerdictAdmin(ReadOnlyAdmin):
    list_display = ["claim", "rating", "credibility", "state", "reviewer", "approver", "published_at"]
    list_filter = ["rating", "state", "credibility"]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor_label", "verb", "object_type", "object_id", "note"]
    list_filter = ["verb", "object_type"]
    search_fields = ["object_id", "note", "actor_label"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["name", "user", "prefix", "scope", "created_at", "last_used_at", "revoked_at"]
    exclude = ["token_hash"]


@admin.register(Webhook)
class WebhookAdmin(ReadOnlyAdmin):
    list_display = ["url", "event_types", "active", "paused_at", "consecutive_failures"]
    exclude = ["secret"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["webhook", "event_type", "status", "attempts", "response_status", "created_at"]
    list_filter = ["status", "event_type"]
