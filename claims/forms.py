"""Forms of the ingestion pages: paste or upload, and fetch by URL."""

from django import forms
from django.conf import settings

from sources.models import Source


class _OutletField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class TextIngestForm(forms.Form):
    """Pasted text or an uploaded .txt/.html/.eml file, with what the desk knows about it."""

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 12}), required=False, strip=False)
    file = forms.FileField(required=False, help_text=".txt, .html or .eml")
    split_entries = forms.BooleanField(
        required=False,
        label="Live blog: one document per paragraph",
        help_text="For a live blog pasted whole, where each paragraph is an entry",
    )
    title = forms.CharField(max_length=500, required=False)
    url = forms.URLField(max_length=2000, required=False, label="Original URL", assume_scheme="https")
    outlet = _OutletField(queryset=Source.objects.active().order_by("name"), required=False)
    published_at = forms.DateTimeField(
        required=False, label="Published", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        limit = settings.CLAIMTRACK_INGEST_MAX_BYTES
        # Checked before the file is read into memory.
        if upload and upload.size > limit:
            raise forms.ValidationError(f"{upload.name} is {upload.size:,} bytes; the limit is {limit:,}.")
        return upload

    def clean(self):
        cleaned = super().clean()
        has_text = bool((cleaned.get("text") or "").strip())
        has_file = bool(cleaned.get("file"))
        if has_text and has_file:
            raise forms.ValidationError("Paste text or upload a file, not both.")
        if not has_text and not has_file and not self.errors:
            raise forms.ValidationError("Paste the text or choose a file to upload.")
        if has_file and cleaned.get("split_entries"):
            raise forms.ValidationError("Splitting into entries works on pasted text only.")
        return cleaned


class UrlIngestForm(forms.Form):
    """A page to fetch; the outlet is recognised from the page unless chosen here."""

    # A plain field: the fetcher explains a wrong scheme or host better than "Enter a valid URL".
    url = forms.CharField(max_length=2000, label="Page URL", widget=forms.TextInput(attrs={"type": "url"}))
    outlet = _OutletField(
        queryset=Source.objects.active().order_by("name"), required=False, help_text="Leave empty to recognise it"
    )
