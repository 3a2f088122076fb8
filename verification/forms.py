"""Forms of the fact-checker workspace; the rules themselves live in verification.services."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from claims.models import Attribution, Claim, ClaimLink

from .roles import EDITORS, FACT_CHECKERS

CREDIBILITY_CHOICES = [
    (1, "1: confirmed by independent sources"),
    (2, "2: probably true"),
    (3, "3: possibly true"),
    (4, "4: doubtful"),
    (5, "5: improbable"),
    (6, "6: cannot be judged"),
]
LINK_DECISION_CHOICES = [("", "leave as is"), ("confirmed", "confirm"), ("rejected", "reject")]
ATTRIBUTION_DECISION_CHOICES = [("", "leave as is"), ("confirmed", "confirm"), ("rejected", "wrong source")]


class VerdictForm(forms.Form):
    """A checker's verdict, with a keep/confirm/reject choice for each machine-made link of the claim."""

    rating = forms.ChoiceField(choices=[("", "Choose a rating")] + list(Claim.Rating.choices))
    credibility = forms.TypedChoiceField(
        coerce=int, choices=[("", "Choose credibility")] + CREDIBILITY_CHOICES, label="Credibility (Admiralty)"
    )
    rationale = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    evidence_links = forms.CharField(
        required=False,
        label="Evidence links",
        help_text="One http(s) link per line; at least one unless the rating is unverifiable.",
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "https://"}),
    )

    def __init__(self, *args, links: list[ClaimLink] = (), attributions: list[Attribution] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.attribution_fields: list[tuple[str, Attribution]] = []
        for attribution in attributions:
            if attribution.source_id is None:
                continue  # Nothing machine-matched to confirm or reject.
            name = f"attribution_{attribution.pk}"
            self.fields[name] = forms.ChoiceField(choices=ATTRIBUTION_DECISION_CHOICES, required=False, label="")
            self.attribution_fields.append((name, attribution))
        self.link_fields: list[tuple[str, ClaimLink]] = []
        for link in links:
            if link.status in (ClaimLink.Status.CONFIRMED, ClaimLink.Status.REJECTED):
                continue
            name = f"link_{link.pk}"
            self.fields[name] = forms.ChoiceField(choices=LINK_DECISION_CHOICES, required=False, label="")
            self.link_fields.append((name, link))

    def evidence_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("evidence_links", "").splitlines() if line.strip()]

    def link_decisions(self) -> dict[int, str]:
        return {link.pk: self.cleaned_data[name] for name, link in self.link_fields if self.cleaned_data.get(name)}

    def attribution_decisions(self) -> dict[int, str]:
        return {a.pk: self.cleaned_data[name] for name, a in self.attribution_fields if self.cleaned_data.get(name)}

    def bound_attribution_fields(self):
        return [(self[name], attribution) for name, attribution in self.attribution_fields]

    def bound_link_fields(self):
        return [(self[name], link) for name, link in self.link_fields]


class ReturnForm(forms.Form):
    """An editor's reason for sending a verdict back."""

    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="What needs changing")


class HandOverForm(forms.Form):
    """Pick the colleague who takes the item over."""

    to_user = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), label="Hand over to", empty_label="Hand over to a colleague…"
    )

    def __init__(self, *args, exclude_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        colleagues = (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(groups__name__in=[FACT_CHECKERS, EDITORS]) | Q(is_staff=True))
            .distinct()
            .order_by("username")
        )
        if exclude_user is not None:
            colleagues = colleagues.exclude(pk=exclude_user.pk)
        self.fields["to_user"].queryset = colleagues
