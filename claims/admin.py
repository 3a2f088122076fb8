"""Admin for documents and claims: machine-made rows are read-only here."""

from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from .models import Attribution, Claim, ClaimLink, Document, Feed, FeedItem, FeedItemVersion


class ReadOnlyAdmin(admin.ModelAdmin):
    """For rows that extraction and matching make: visible, not editable by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AttributionInline(admin.TabularInline):
    model = Attribution
    extra = 0
    fields = ["position", "role", "name", "source"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ClaimInline(admin.TabularInline):
    model = Claim
    extra = 0
    fields = ["key", "kind", "claimant_name", "text", "status", "disputed"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "outlet", "status", "channel", "published_at", "created_at"]
    list_filter = ["status", "channel", "language"]
    search_fields = ["title", "external_id", "url"]
    readonly_fields = [f.name for f in Document._meta.fields]
    inlines = [ClaimInline]


@admin.register(Claim)
class ClaimAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "kind", "claimant", "status", "disputed", "rating", "document"]
    list_filter = ["kind", "status", "disputed", "rating", "origin"]
    search_fields = ["text", "claimant_name", "claimant_body_name"]
    list_select_related = ["claimant", "document"]
    readonly_fields = [f.name for f in Claim._meta.fields]
    inlines = [AttributionInline]


@admin.register(Attribution)
class AttributionAdmin(ReadOnlyAdmin):
    list_display = ["claim", "position", "role", "name", "source"]
    list_filter = ["role"]
    list_select_related = ["claim", "source"]


@admin.register(ClaimLink)
class ClaimLinkAdmin(ReadOnlyAdmin):
    list_display = ["from_claim", "relation", "to_claim", "origin", "status", "confidence", "explanation"]
    list_filter = ["relation", "origin", "status"]
    list_select_related = ["from_claim", "to_claim"]


_HEALTH_COLOURS = {"ok": "#1e7b34", "failing": "#a4262c", "paused": "#5b6570", "new": "#1f5fa8"}


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    """Admins register feeds and live blogs per outlet here and watch each one's health."""

    list_display = [
        "__str__",
        "kind",
        "outlet",
        "health_badge",
        "last_status",
        "last_success_at",
        "consecutive_failures",
        "next_poll_at",
        "item_count",
    ]
    list_filter = ["kind", "is_active"]
    search_fields = ["url", "title", "outlet__name"]
    list_select_related = ["outlet"]
    fields = ["kind", "url", "title", "outlet", "is_active", "fetch_full_text", "poll_minutes"]
    readonly_fields = [
        "health_badge",
        "last_polled_at",
        "last_success_at",
        "last_status",
        "last_error",
        "consecutive_failures",
        "next_poll_at",
        "etag",
        "last_modified",
    ]
    actions = ["poll_now", "retry_now"]

    def get_fields(self, request, obj=None):
        return self.fields + (self.readonly_fields if obj else [])

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_total=Count("items"))

    @admin.display(description="health", ordering="consecutive_failures")
    def health_badge(self, obj):
        label = obj.health
        if obj.consecutive_failures:
            label = f"failing ({obj.consecutive_failures}×)"
        return format_html(
            '<strong style="color:{}" title="{}">{}</strong>', _HEALTH_COLOURS[obj.health], obj.last_error, label
        )

    @admin.display(description="items", ordering="item_total")
    def item_count(self, obj):
        url = reverse("admin:claims_feeditem_changelist") + f"?feed__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, getattr(obj, "item_total", obj.items.count()))

    def save_model(self, request, obj, form, change):
        from .ingestion.services import feed_save

        feed_save(feed=obj, user=request.user, changed_fields=form.changed_data if change else None)

    @admin.action(description="Poll the selected feeds now")
    def poll_now(self, request, queryset):
        from .ingestion.services import feed_poll

        for feed in queryset:
            result = feed_poll(feed_id=feed.pk)
            level = messages.ERROR if result.error else messages.SUCCESS
            self.message_user(request, f"{feed}: {result.summary()}", level)

    @admin.action(description="Clear the backoff: poll at the next beat")
    def retry_now(self, request, queryset):
        updated = queryset.update(next_poll_at=None)
        self.message_user(request, f"{updated} feeds will be polled at the next beat.")


class FeedItemVersionInline(admin.TabularInline):
    model = FeedItemVersion
    extra = 0
    fields = ["number", "document", "content_hash", "seen_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FeedItem)
class FeedItemAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "feed", "published_at", "version", "document", "attempts", "error", "first_seen_at"]
    list_filter = ["feed"]
    search_fields = ["title", "key", "link"]
    list_select_related = ["feed", "document"]
    readonly_fields = [f.name for f in FeedItem._meta.fields]
    inlines = [FeedItemVersionInline]
