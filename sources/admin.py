"""Admin for the source registry; grades change only through a form that asks why."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from .models import Grade, ReliabilityRating, Source, SourceAlias, SourceTrackRecord
from .services import source_approve, source_dismiss, source_merge, source_set_grade
from .track_record import grading_role


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


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=Source.objects.active(), label="Existing source", help_text="The names become its aliases."
    )


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
        fields = ["name", "slug", "kind", "country", "parent", "homepage", "description"]

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
    list_display = [
        "name",
        "kind",
        "country",
        "parent",
        "reliability_grade",
        "suggested_grade",
        "status",
        "mention_count",
    ]
    list_filter = ["kind", "reliability_grade", "status", "country"]
    search_fields = ["name", "slug", "aliases__alias"]
    prepopulated_fields = {"slug": ["name"]}
    # Status changes only through the approve / merge / dismiss actions, which rewire claims and audit.
    readonly_fields = ["status", "reliability_grade", "track_record", "mentions", "merged_into"]
    autocomplete_fields = ["parent"]
    inlines = [SourceAliasInline, ReliabilityRatingInline]
    actions = ["approve_suggested", "merge_suggested", "dismiss_suggested"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "status", "country", "parent", "homepage", "description"]}),
        (
            "Reliability",
            {"fields": ["reliability_grade", "new_grade", "grade_topic", "grade_effective_date", "grade_reason"]},
        ),
        ("Track record from published verdicts", {"fields": ["track_record"]}),
        ("Where extraction found this name", {"fields": ["mentions", "merged_into"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("track_records").annotate(mention_count=Count("mentions"))

    @admin.display(description="Mentions", ordering="mention_count")
    def mention_count(self, obj):
        return obj.mention_count

    @admin.display(description="Record suggests")
    def suggested_grade(self, obj):
        role = grading_role(obj.kind)
        return next((r.suggested_grade for r in obj.track_records.all() if r.role == role), "")

    @admin.display(description="Track record")
    def track_record(self, obj):
        records = list(obj.track_records.all()) if obj.pk else []
        if not records:
            return "No published verdict concerns this source yet."
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} / {}</td><td>{}</td></tr>",
            (
                (
                    r.get_role_display(),
                    r.claims_rated,
                    ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in r.counts.items() if v),
                    f"{r.accuracy_mean:.0%} ({r.accuracy_low:.0%} to {r.accuracy_high:.0%})",
                    r.denials_upheld,
                    r.denials_refuted,
                    r.suggested_grade,
                )
                for r in records
            ),
        )
        return format_html(
            "<table><thead><tr><th>Role</th><th>Rated</th><th>By rating</th><th>Accuracy (90% interval)</th>"
            "<th>Denials upheld / refuted</th><th>Suggests</th></tr></thead><tbody>{}</tbody></table>"
            '<p><a href="{}">Charts on the sources dashboard</a></p>',
            rows,
            reverse("sources:source", args=[obj.slug]),
        )

    @admin.display(description="Mentions")
    def mentions(self, obj):
        found = list(obj.mentions.select_related("claim")[:20]) if obj.pk else []
        if not found:
            return "None recorded."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li><strong>{}</strong> ({}): {}</li>",
                ((m.name, m.get_field_display().lower(), m.sentence) for m in found),
            ),
        )

    def _each_suggested(self, request, queryset, action):
        done = 0
        for source in queryset:
            try:
                action(source)
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(
                    request, f"{source}: {'; '.join(getattr(exc, 'messages', [str(exc)]))}", messages.ERROR
                )
        return done

    @admin.action(description="Approve selected suggested sources")
    def approve_suggested(self, request, queryset):
        done = self._each_suggested(request, queryset, lambda s: source_approve(source=s, user=request.user))
        if done:
            self.message_user(
                request, f"Approved {done} source(s); claims that name them are attached.", messages.SUCCESS
            )

    @admin.action(description="Dismiss selected suggested sources")
    def dismiss_suggested(self, request, queryset):
        done = self._each_suggested(
            request, queryset, lambda s: source_dismiss(source=s, user=request.user, reason="Dismissed in the admin")
        )
        if done:
            self.message_user(request, f"Dismissed {done} source(s).", messages.SUCCESS)

    @admin.action(description="Merge selected suggested sources into an existing source")
    def merge_suggested(self, request, queryset):
        form = MergeForm(request.POST if "into" in request.POST else None)
        if form.is_bound and form.is_valid():
            into = form.cleaned_data["into"]
            done = self._each_suggested(
                request, queryset, lambda s: source_merge(source=s, into=into, user=request.user)
            )
            if done:
                self.message_user(
                    request,
                    f"Merged {done} source(s) into {into} as aliases; their claims now name it.",
                    messages.SUCCESS,
                )
            return None
        return TemplateResponse(
            request,
            "sources/admin_merge.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge suggested sources into an existing source",
                "opts": self.model._meta,
                "sources": queryset,
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

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


@admin.register(SourceTrackRecord)
class SourceTrackRecordAdmin(admin.ModelAdmin):
    """Derived figures, rebuilt from verdicts: readable, never edited here."""

    list_display = [
        "source",
        "role",
        "claims_rated",
        "accuracy",
        "denials_upheld",
        "denials_refuted",
        "suggested_grade",
    ]
    list_filter = ["role", "suggested_grade", "source__reliability_grade"]
    search_fields = ["source__name"]
    list_select_related = ["source"]

    @admin.display(description="Accuracy (90% interval)", ordering="accuracy_mean")
    def accuracy(self, obj):
        return f"{obj.accuracy_mean:.0%} ({obj.accuracy_low:.0%} to {obj.accuracy_high:.0%})"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
