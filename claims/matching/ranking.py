"""Ranking stored claims for a new statement: "has this claim been reported or checked already?".

Two stages. Candidates come from a lexical index (BM25 here, PostgreSQL full-text search in the
product at scale) and, when the sentence encoder is installed, from a nearest-neighbour search
over claim embeddings. The reranker fuses the lexical score (scaled by the best candidate's) with
the cosine similarity of the statement to the claim or its title, whichever is closer. Without
the encoder the ranking is lexical only.

Measured on CLEF CheckThat! 2020 task 2 train queries (bench/matching_checkthat.py): plain BM25
0.81 MAP@5; with tweet normalisation and light stemming 0.85; fused with all-MiniLM-L6-v2 0.91.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from claims.matching.bm25 import BM25Index
from claims.matching.text import content_terms, fold, normalise_post

LEXICAL_WEIGHT = 0.2
LEXICAL_CANDIDATES = 50
SEMANTIC_CANDIDATES = 20


class Encoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class StoredClaim:
    """A claim already in the store: its key, text, an optional title, and the order it was stored in."""

    key: str
    text: str
    title: str = ""
    order: int = 0


@dataclass(frozen=True)
class RankedClaim:
    """A stored claim with its fused score and the two scores it came from."""

    claim: StoredClaim
    score: float
    lexical: float
    semantic: float | None


def duplicate_key(text: str) -> str:
    """Claims that differ only in quotes, case or punctuation share this key."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def fuse(
    candidates: Sequence[StoredClaim],
    lexical: Sequence[float],
    semantic: Sequence[float] | None,
    *,
    lexical_weight: float = LEXICAL_WEIGHT,
) -> list[RankedClaim]:
    """Fused ranking of candidates, best first; near-duplicates rank together, earliest stored first.

    The store often holds one claim twice (re-published with other quote marks); the first-stored
    record is the canonical one that later links and verdicts point to, so within a group of
    duplicates it goes first and the group takes its best member's score.
    """
    if not candidates:
        return []
    top = max(lexical) or 1.0
    scores = []
    for n in range(len(candidates)):
        scaled = lexical[n] / top
        if semantic is None:
            scores.append(scaled)
        else:
            scores.append(lexical_weight * scaled + (1.0 - lexical_weight) * float(semantic[n]))
    group_best: dict[str, float] = {}
    keys = [duplicate_key(claim.text) for claim in candidates]
    for key, score in zip(keys, scores, strict=True):
        group_best[key] = max(group_best.get(key, float("-inf")), score)
    ranked = sorted(
        range(len(candidates)),
        key=lambda n: (-group_best[keys[n]], keys[n], candidates[n].order),
    )
    return [
        RankedClaim(
            claim=candidates[n],
            score=group_best[keys[n]],
            lexical=float(lexical[n]),
            semantic=None if semantic is None else float(semantic[n]),
        )
        for n in ranked
    ]


def claim_terms(claim: StoredClaim) -> list[str]:
    return content_terms(f"{claim.text} {claim.title}")


def query_text(text: str) -> str:
    """The statement as the ranker sees it (links, handles, hashtags, signatures normalised)."""
    return normalise_post(text)


def semantic_similarity(encoder: Encoder, query: str, claims: Sequence[StoredClaim]) -> np.ndarray:
    """Cosine of the statement to each claim or its title, whichever is closer."""
    vector = encoder.encode([query])[0]
    texts = [claim.text for claim in claims]
    similarity = encoder.encode(texts) @ vector
    titled = [n for n, claim in enumerate(claims) if claim.title]
    if titled:
        titles = encoder.encode([claims[n].title for n in titled]) @ vector
        similarity[titled] = np.maximum(similarity[titled], titles)
    return similarity


def rerank(
    text: str,
    candidates: Sequence[StoredClaim],
    lexical: Sequence[float],
    *,
    encoder: Encoder | None,
    lexical_weight: float = LEXICAL_WEIGHT,
) -> list[RankedClaim]:
    """Rerank lexical candidates (from any index) with the encoder when there is one."""
    semantic = semantic_similarity(encoder, query_text(text), candidates) if encoder and candidates else None
    return fuse(candidates, lexical, semantic, lexical_weight=lexical_weight)


class ClaimRanker:
    """An in-memory ranker over a fixed set of stored claims: BM25 candidates, optional dense ones, fusion."""

    def __init__(
        self,
        claims: Sequence[StoredClaim],
        *,
        encoder: Encoder | None = None,
        lexical_weight: float = LEXICAL_WEIGHT,
        lexical_candidates: int = LEXICAL_CANDIDATES,
        semantic_candidates: int = SEMANTIC_CANDIDATES,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.claims = list(claims)
        self.encoder = encoder
        self.lexical_weight = lexical_weight
        self.lexical_candidates = lexical_candidates
        self.semantic_candidates = semantic_candidates
        self.index = BM25Index(k1=0.9, b=0.4)
        for claim in self.claims:
            self.index.add({"both": claim_terms(claim)})
        self.claim_vectors: np.ndarray | None = None
        self.title_vectors: np.ndarray | None = None
        if encoder is not None and self.claims:
            self._encode_claims(progress)

    def _encode_claims(self, progress: Callable[[int, int], None] | None) -> None:
        step = 512
        parts = []
        for start in range(0, len(self.claims), step):
            parts.append(self.encoder.encode([claim.text for claim in self.claims[start : start + step]]))
            if progress:
                progress(min(start + step, len(self.claims)), len(self.claims))
        self.claim_vectors = np.vstack(parts)
        self.title_vectors = self.claim_vectors.copy()
        titled = [n for n, claim in enumerate(self.claims) if claim.title]
        for start in range(0, len(titled), step):
            chunk = titled[start : start + step]
            self.title_vectors[chunk] = self.encoder.encode([self.claims[n].title for n in chunk])

    def rank(self, text: str, *, limit: int = 5) -> list[RankedClaim]:
        """The stored claims most likely to be the same claim as `text`, best first."""
        query = query_text(text)
        # Every stored claim sharing a word gets its BM25 score, so a claim found by the encoder
        # alone still brings its lexical evidence to the fusion.
        scores = self.index.field_scores("both", content_terms(query))
        lexical = heapq.nlargest(self.lexical_candidates, scores, key=lambda p: (scores[p], -p))
        if self.claim_vectors is None:
            return fuse([self.claims[p] for p in lexical], [scores[p] for p in lexical], None)[:limit]
        vector = self.encoder.encode([query])[0]
        similarity = np.maximum(self.claim_vectors @ vector, self.title_vectors @ vector)
        nearest = np.argsort(-similarity)[: self.semantic_candidates]
        chosen = set(lexical)
        positions = lexical + [int(p) for p in nearest if int(p) not in chosen]
        lexical_scores = [scores.get(p, 0.0) for p in positions]
        return fuse(
            [self.claims[p] for p in positions],
            lexical_scores,
            [float(similarity[p]) for p in positions],
            lexical_weight=self.lexical_weight,
        )[:limit]
