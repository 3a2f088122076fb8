"""Admin for flags, the queue, verdicts and the audit trail (read-only), and for API tokens and webhooks."""

from django import forms
from django.contrib import admin, messages
from django.db import transaction

from claims.admin import ReadOnlyAdmin

from .audit import event_record
from .models import ApiToken, Event, Flag, ReviewItem, Verdict, Webhook, WebhookDelivery
from .webhooks import EVENT_TYPES


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


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["user", "name", "scope"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued here: the secret is shown once, after saving; only its hash is kept."""

    form = ApiTokenForm
    list_display = ["name", "user", "prefix", "scope", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["scope"]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = ["user", "name", "scope", "prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ["user", "name", "scope"]

    def has_change_permission(self, request, obj=None):
        # Nothing about an issued token is edited; the change page is a read-only view with the revoke action.
        return super().has_change_permission(request, obj) if obj is None else False

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, never deleted: the audit trail refers to them

    def save_model(self, request, obj, form, change):
        from .tokens import api_token_create

        result = api_token_create(
            user=form.cleaned_data["user"],
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            created_by=request.user,
        )
        obj.pk = result.token.pk
        obj.token_hash = result.token.token_hash
        messages.warning(
            request,
            f"Token for {result.token.user}: {result.secret} (copy it now: it is stored only as a hash and "
            "will not be shown again).",
        )

    @admin.action(description="Revoke selected tokens")
    def revoke(self, request, queryset):
        from .tokens import api_token_revoke

        for token in queryset:
            api_token_revoke(token=token, revoked_by=request.user)
        self.message_user(request, f"Revoked {queryset.count()} token(s).")


class WebhookForm(forms.ModelForm):
    event_types = forms.MultipleChoiceField(
        choices=[(t, t) for t in EVENT_TYPES], widget=forms.CheckboxSelectMultiple, required=True
    )

    class Meta:
        model = Webhook
        fields = ["url", "event_types", "active"]


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    """Hooks are registered here: the signing secret is shown once, after saving, and stored encrypted."""

    form = WebhookForm
    list_display = ["url", "event_types", "active", "paused_at", "consecutive_failures", "created_at"]
    list_filter = ["active"]
    readonly_fields = ["paused_at", "consecutive_failures", "created_by", "created_at"]
    actions = ["resume", "rotate_secret"]

    def save_model(self, request, obj, form, change):
        from .webhooks import webhook_create

        if change:
            with transaction.atomic():
                obj.save(update_fields=["url", "event_types", "active"])
                event_record(
                    verb="webhook.edited",
                    obj=obj,
                    actor=request.user,
                    after={"url": obj.url, "events": obj.event_types, "active": obj.active},
                )
            return
        result = webhook_create(url=obj.url, event_types=form.cleaned_data["event_types"], created_by=request.user)
        obj.pk = result.webhook.pk
        obj.secret = result.webhook.secret
        messages.warning(
            request,
            f"Signing secret for {obj.url}: {result.secret} (copy it now: it will not be shown again).",
        )

    def delete_model(self, request, obj):
        from .webhooks import webhook_delete

        webhook_delete(webhook=obj, user=request.user)

    @admin.action(description="Resume selected paused hooks")
    def resume(self, request, queryset):
        from .webhooks import webhook_resume

        for hook in queryset:
            webhook_resume(webhook=hook, user=request.user)
        self.message_user(request, f"Resumed {queryset.count()} hook(s).")

    @admin.action(description="Give selected hooks a new signing secret")
    def rotate_secret(self, request, queryset):
        from .webhooks import webhook_rotate_secret

        for hook in queryset:
            secret = webhook_rotate_secret(webhook=hook, user=request.user)
            messages.warning(request, f"New signing secret for {hook.url}: {secret} (shown once).")


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["webhook", "event_type", "status", "attempts", "response_status", "created_at"]
    list_filter = ["status", "event_type"]
