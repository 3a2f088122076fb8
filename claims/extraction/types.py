"""The dataclasses the extraction engine returns: spans, chain links, claims, results."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A stretch of the original text; `text == original[start:end]` always."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ChainLink:
    """One channel an assertion passed through: a statement, an agency, a platform, a publisher."""

    name: str
    role: str  # "statement" | "agency" | "channel" | "publisher"
    source_id: int | None = None


def _named_channel(link: ChainLink) -> bool:
    return bool(link.name) and link.role != "channel" and link.name.lower() not in ("statement", "a statement")


@dataclass
class ExtractedClaim:
    """One attributed assertion, with who made it, through whom, and how the text qualifies it."""

    key: str
    sentence: Span
    content: Span | None
    claimant: str | None
    claimant_source_id: int | None
    claimant_org: str | None
    claimant_org_source_id: int | None
    via: list[ChainLink]
    kind: str  # "claim" | "denial" | "counter_claim"
    denies: str | None
    cue: Span | None
    unverified: bool
    unverified_cue: Span | None
    confidence: float
    # How sure the dispute rules are of the `denies` target, where they weighed candidates; else None.
    link_confidence: float | None = None

    def to_eval(self) -> dict:
        """This claim in the shared evaluation format (with extra keys readers ignore)."""
        return {
            "id": self.key,
            "sentence": self.sentence.text,
            "start": self.sentence.start,
            "end": self.sentence.end,
            "claimant": self.claimant,
            "claimant_org": self.claimant_org,
            # Platforms ("on Telegram") and bare "a statement" are kept as chain links for
            # storage, but the evaluation format lists only named channels.
            "via": [link.name for link in self.via if _named_channel(link)],
            "kind": self.kind,
            "denies": self.denies,
            "unverified": self.unverified,
            "cue": self.unverified_cue.text if self.unverified_cue else None,
            "content": self.content.text if self.content else None,
            "reporting_cue": self.cue.text if self.cue else None,
            "claimant_source_id": self.claimant_source_id,
            "claimant_org_source_id": self.claimant_org_source_id,
            "via_source_ids": [link.source_id for link in self.via if _named_channel(link)],
            "confidence": round(self.confidence, 3),
        }


@dataclass
class ExtractionResult:
    """Everything extracted from one text."""

    status: str  # "ok" | "empty" | "non_english"
    language: str
    backend: str
    version: str
    sentences: list[Span] = field(default_factory=list)
    claims: list[ExtractedClaim] = field(default_factory=list)

    def to_eval(self, doc_id: str) -> dict:
        """The result as one line of the shared evaluation format (text is not repeated)."""
        return {
            "id": doc_id,
            "status": self.status,
            "language": self.language,
            "backend": self.backend,
            "version": self.version,
            "claims": [c.to_eval() for c in self.claims],
        }
