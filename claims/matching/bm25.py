"""Okapi BM25 over claims with several weighted fields (claim text, fact-check title), in memory.

Used where the database cannot rank (SQLite), by the benchmark command, and to compute the
lexical features of the reranker. PostgreSQL full-text search supplies candidates at scale;
this module re-scores them the same way everywhere.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass
class FieldIndex:
    """Postings and length statistics of one field."""

    postings: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    lengths: list[int] = field(default_factory=list)
    total_length: int = 0

    @property
    def average_length(self) -> float:
        return self.total_length / len(self.lengths) if self.lengths else 0.0


class BM25Index:
    """Documents with named fields; each field scored with BM25 and summed with a weight."""

    def __init__(self, *, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b
        self.fields: dict[str, FieldIndex] = {}
        self.size = 0

    def add(self, fields: Mapping[str, Sequence[str]]) -> int:
        """Add one document given as field name -> index terms; returns its position."""
        position = self.size
        self.size += 1
        for name, terms in fields.items():
            index = self.fields.setdefault(name, FieldIndex())
            while len(index.lengths) < position:
                index.lengths.append(0)
            index.lengths.append(len(terms))
            index.total_length += len(terms)
            for term, count in Counter(terms).items():
                index.postings.setdefault(term, []).append((position, count))
        return position

    def idf(self, name: str, term: str) -> float:
        postings = self.fields[name].postings.get(term)
        if not postings:
            return 0.0
        n = len(postings)
        return math.log(1.0 + (self.size - n + 0.5) / (n + 0.5))

    def field_scores(self, name: str, query_terms: Iterable[str]) -> dict[int, float]:
        """BM25 score of every document sharing a term with the query, in one field."""
        index = self.fields.get(name)
        if index is None:
            return {}
        average = index.average_length or 1.0
        scores: dict[int, float] = {}
        k1, b = self.k1, self.b
        for term, query_count in Counter(query_terms).items():
            postings = index.postings.get(term)
            if not postings:
                continue
            idf = self.idf(name, term)
            for position, count in postings:
                length = index.lengths[position] if position < len(index.lengths) else 0
                norm = k1 * (1.0 - b + b * length / average)
                scores[position] = scores.get(position, 0.0) + query_count * idf * count * (k1 + 1.0) / (count + norm)
        return scores

    def search(
        self, query_terms: Sequence[str], *, weights: Mapping[str, float], limit: int = 10
    ) -> list[tuple[int, float]]:
        """Top documents by the weighted sum of field scores, best first."""
        total: dict[int, float] = {}
        for name, weight in weights.items():
            if not weight:
                continue
            for position, score in self.field_scores(name, query_terms).items():
                total[position] = total.get(position, 0.0) + weight * score
        ranked = sorted(total.items(), key=lambda item: (-item[1], item[0]))
        return ranked[:limit]
