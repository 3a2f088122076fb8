"""Admin for documents and claims: machine-made rows are read-only here."""

from django.contrib import admin

from .models import Attribution, Claim, ClaimLink, Document


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
