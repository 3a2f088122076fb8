"""Entry points: pick a backend, split sentences, find attributions, denials and cues."""

from __future__ import annotations

from collections.abc import Iterable

from .gazetteer import Gazetteer
from .types import ExtractionResult

EXTRACTOR_VERSION = "2026.11.0"


def available_backends() -> list[str]:
    return ["rules"]


def extract(text: str, *, gazetteer: Gazetteer | None = None, backend: str | None = None) -> ExtractionResult:
    return ExtractionResult(status="empty", language="und", backend="rules", version=EXTRACTOR_VERSION)


def extract_many(texts: Iterable[str], *, gazetteer: Gazetteer | None = None, backend: str | None = None) -> list[ExtractionResult]:
    return [extract(t, gazetteer=gazetteer, backend=backend) for t in texts]
