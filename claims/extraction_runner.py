"""The bridge from stored sources to the pure extraction engine: one cached gazetteer per process."""

from __future__ import annotations

import threading

from django.conf import settings
from django.db.models import Count, Max

from sources.models import Source

_lock = threading.Lock()
_cached: tuple[tuple, object] | None = None


def _registry_version() -> tuple:
    # One cheap query tells whether any source or alias changed since the gazetteer was built.
    row = Source.objects.aggregate(n=Count("id"), aliases=Count("aliases"), changed=Max("updated_at"))
    return (row["n"], row["aliases"], row["changed"])


def current_gazetteer():
    """The gazetteer of active sources, rebuilt only when the registry has changed."""
    global _cached
    from claims.extraction import Gazetteer
    from sources.services import gazetteer_entries

    version = _registry_version()
    with _lock:
        if _cached is None or _cached[0] != version:
            _cached = (version, Gazetteer(gazetteer_entries()))
        return _cached[1]


def run_extraction(text: str, *, backend: str | None = None):
    """Extract claims from text with the configured backend and the stored registry."""
    from claims.extraction import extract

    return extract(
        text, gazetteer=current_gazetteer(), backend=backend or settings.CLAIMTRACK_EXTRACTION_BACKEND or None
    )
