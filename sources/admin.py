"""Admin for the source registry; grades change only through a form that asks why."""

from django import forms
from django.contrib import admin
from django.db import transaction

from .models import Grade, ReliabilityRating, Source, SourceAlias
from .services import source_set_grade


class SourceAliasInline(admin.TabularInline):
    model = SourceAlias
    extra = 1
    fields = ["alias"]


class ReliabilityRatingInline(admin.TabularInline):
    """The grade history, shown beside the source and never editable."""

    model = ReliabilityRating
    extra = 0
    fields = ["changed_at", "changed_by", "grade_from", "grade_to", "topic", "effective_date", "reason"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SourceAdminForm(forms.ModelForm):
    new_grade = forms.ChoiceField(
        choices=[("", "(unchanged)"), *Grade.choices], required=False, label="Change reliability grade to"
    )
    grade_topic = forms.CharField(
        required=False, max_length=100, help_text="Optional: the grade applies to this topic only"
    )
    grade_effective_date = forms.DateField(required=False, help_text="Optional: from when the grade applies")
    grade_reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Reason for the change"
    )

    class Meta:
        model = Source
        fields = ["name", "slug", "kind", "status", "country", "parent", "homepage", "description"]

    def clean(self):
        data = super().clean()
        new_grade = data.get("new_grade")
        changes_grade = new_grade and (new_grade != self.instance.reliability_grade or data.get("grade_topic"))
        if changes_grade and not (data.get("grade_reason") or "").strip():
            self.add_error("grade_reason", "A reason is required to change a reliability grade.")
        return data


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    form = SourceAdminForm
    list_display = ["name", "kind", "country", "parent", "reliability_grade", "status"]
    list_filter = ["kind", "reliability_grade", "status", "country"]
    search_fields = ["name", "slug", "aliases__alias"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["reliability_grade"]
    autocomplete_fields = ["parent"]
    inlines = [SourceAliasInline, ReliabilityRatingInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "status", "country", "parent", "homepage", "description"]}),
        (
            "Reliability",
            {"fields": ["reliability_grade", "new_grade", "grade_topic", "grade_effective_date", "grade_reason"]},
        ),
    ]

    @transaction.atomic
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        data = form.cleaned_data
        new_grade = data.get("new_grade")
        if new_grade and (new_grade != form.instance.reliability_grade or data.get("grade_topic")):
            source_set_grade(
                source=form.instance,
                grade=new_grade,
                reason=data["grade_reason"],
                user=request.user,
                topic=data.get("grade_topic") or "",
                effective_date=data.get("grade_effective_date"),
            )


@admin.register(ReliabilityRating)
class ReliabilityRatingAdmin(admin.ModelAdmin):
    """Append-only history: readable by admins, never edited or deleted here."""

    list_display = ["source", "grade_from", "grade_to", "topic", "changed_by", "changed_at"]
    list_filter = ["grade_to", "topic"]
    search_fields = ["source__name", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SourceAlias)
class SourceAliasAdmin(admin.ModelAdmin):
    list_display = ["alias", "source"]
    search_fields = ["alias", "source__name"]
    autocomplete_fields = ["source"]
