"""Claim extraction: news text and a gazetteer of sources in, attributed claims out.

Pure Python, no Django imports, so it can be tested and benchmarked alone.

    from claims.extraction import extract, Gazetteer
    result = extract(text, gazetteer=Gazetteer.from_json(path))
    for claim in result.claims:
        print(claim.key, claim.claimant, claim.kind, claim.sentence.text)
"""

from .engine import EXTRACTOR_VERSION, available_backends, extract, extract_many
from .gazetteer import Gazetteer, GazetteerEntry
from .names import fold_name
from .types import ChainLink, ExtractedClaim, ExtractionResult, Span

__all__ = [
    "EXTRACTOR_VERSION",
    "ChainLink",
    "ExtractedClaim",
    "ExtractionResult",
    "Gazetteer",
    "GazetteerEntry",
    "Span",
    "available_backends",
    "extract",
    "extract_many",
    "fold_name",
]
