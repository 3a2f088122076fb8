"""A gazetteer of known sources: canonical names, aliases, kinds and parent bodies."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .names import fold_name

KINDS = (
    "news_agency",
    "news_outlet",
    "government_body",
    "military",
    "official_person",
    "ngo",
    "platform",
    "anonymous",
)


@dataclass(frozen=True)
class GazetteerEntry:
    """One known source as the extractor sees it."""

    source_id: int | None
    name: str
    aliases: tuple[str, ...]
    kind: str
    parent: str | None = None
    country: str | None = None  # ISO 3166 alpha-2, when the registry gives one


class Gazetteer:
    """Looks sources up by any of their names, folded for case, accents, 'the' and possessives."""

    def __init__(self, entries: Iterable[GazetteerEntry]):
        self.entries: list[GazetteerEntry] = list(entries)
        self._by_fold: dict[str, GazetteerEntry] = {}
        for entry in self.entries:
            for alias in (entry.name, *entry.aliases):
                key = fold_name(alias)
                # The first entry to claim an alias keeps it, so a registry's order decides ties.
                if key and key not in self._by_fold:
                    self._by_fold[key] = entry
        self._cache: dict[str, GazetteerEntry | None] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return True

    def match(self, name: str) -> GazetteerEntry | None:
        """The entry one of whose names folds like `name`, else None."""
        if not name:
            return None
        if name in self._cache:
            return self._cache[name]
        key = fold_name(name)
        found = self._by_fold.get(key)
        if found is None and key.endswith(" s"):
            found = self._by_fold.get(key[:-2])
        if len(self._cache) > 50_000:
            self._cache.clear()  # a long-lived worker sees unboundedly many names
        self._cache[name] = found
        return found

    def aliases(self) -> Iterable[tuple[str, GazetteerEntry]]:
        """Every (folded alias, entry) pair."""
        return self._by_fold.items()

    @classmethod
    def from_json(cls, path: str | Path) -> Gazetteer:
        """Reads a registry file: a list of {"slug", "name", "kind", "country", "parent", "homepage", "aliases"}.

        Records may carry an "id" (or "source_id"); without one the entry's source_id is None.
        """
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        if isinstance(data, dict):
            data = data.get("sources") or data.get("entries") or []
        names_by_slug = {r.get("slug"): r.get("name") for r in data if isinstance(r, dict) and r.get("slug")}
        entries = []
        for rec in data:
            if not isinstance(rec, dict) or not rec.get("name"):
                continue
            aliases = rec.get("aliases") or []
            if isinstance(aliases, str):
                aliases = [aliases]
            entries.append(
                GazetteerEntry(
                    source_id=rec.get("id", rec.get("source_id")),
                    name=rec["name"],
                    aliases=tuple(a for a in aliases if isinstance(a, str) and a),
                    kind=rec.get("kind") or "news_outlet",
                    # registries name the parent by slug; callers want its name
                    parent=names_by_slug.get(rec.get("parent"), rec.get("parent")) or None,
                    country=rec.get("country") or None,
                )
            )
        return cls(entries)


def default_sources_path() -> Path:
    """Where the project keeps its registry of default sources."""
    return Path(__file__).resolve().parents[2] / "sources" / "data" / "default_sources.json"
