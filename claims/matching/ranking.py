"""Ranking stored claims for a new statement: "has this claim been reported or checked already?".

Two stages. Candidates come from a lexical index (BM25 here, PostgreSQL full-text search in the
product at scale) and, when the sentence encoder is installed, from a nearest-neighbour search
over claim embeddings. With the encoder, a small learned model weighs each candidate's features
(BM25 over claim and title together and apart, the cosine of the normalised and the raw statement
to the claim and to its title, the cosine of the statement's closest sentence, shared word pairs,
names and figures); without it the ranking is lexical only.

Measured on CLEF CheckThat! 2020 task 2 train queries (bench/matching_checkthat.py): plain BM25
0.80 MAP@5; with tweet normalisation and light stemming 0.85; fixed fusion with all-MiniLM-L6-v2
0.911 held out; the learned reranker 0.917 (5-fold) to 0.920 (two halves) held out.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from claims.matching.bm25 import BM25Index
from claims.matching.linking import story_names
from claims.matching.text import content_terms, fold, normalise_post

LEXICAL_WEIGHT = 0.2
LEXICAL_CANDIDATES = 50
SEMANTIC_CANDIDATES = 20

# The features the learned reranker weighs, in order (see ClaimRanker.features).
FEATURES = (
    "lexical",
    "cosine_claim",
    "cosine_title",
    "cosine_claim_raw",
    "cosine_title_raw",
    "lexical_rank",
    "semantic_rank",
    "lexical_claim",
    "lexical_title",
    "lexical_unstemmed",
    "shared_bigrams",
    "shared_names",
    "shared_numbers",
    "cosine_best",
    "cosine_sentence",
)
# A listwise logistic model fitted on the CheckThat! 2020 train queries (bench/matching_checkthat.py --fit).
# Held out (fitted on one half, scored on the other; and 5-fold) it scores MAP@5 0.920 and 0.917 there,
# against 0.911 for the fixed fusion with its weight chosen the same way.
RERANK_WEIGHTS: tuple[float, ...] = (
    3.1453,
    4.3158,
    0.0028,
    7.6111,
    2.4421,
    0.1115,
    0.0295,
    0.3863,
    0.2580,
    1.5349,
    2.3691,
    0.4826,
    1.2656,
    2.6485,
    6.2787,
)
_NUMBER = re.compile(r"\d[\d,.]*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


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
    scale: bool = True,
) -> list[RankedClaim]:
    """Fused ranking of candidates, best first; near-duplicates rank together, earliest stored first.

    The store often holds one claim twice (re-published with other quote marks); the first-stored
    record is the canonical one that later links and verdicts point to, so within a group of
    duplicates it goes first and the group takes its best member's score.
    """
    if not candidates:
        return []
    top = (max(lexical) or 1.0) if scale else 1.0
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
        weights: Sequence[float] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.claims = list(claims)
        self.encoder = encoder
        self.lexical_weight = lexical_weight
        self.lexical_candidates = lexical_candidates
        self.semantic_candidates = semantic_candidates
        self.weights = np.array(weights if weights is not None else RERANK_WEIGHTS, dtype=float)
        self.index = BM25Index(k1=0.9, b=0.4)
        self.bigrams: list[set[tuple[str, str]]] = []
        self.names: list[frozenset[str]] = []
        self.numbers: list[set[str]] = []
        for claim in self.claims:
            both = f"{claim.text} . {claim.title}"
            self.index.add(
                {
                    "both": claim_terms(claim),
                    "text": content_terms(claim.text),
                    "title": content_terms(claim.title),
                    "unstemmed": content_terms(both, stemmed=False),
                }
            )
            self.bigrams.append(_bigrams(both))
            self.names.append(story_names(both))
            self.numbers.append(set(_NUMBER.findall(both)))
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
        positions, features = self.features(text)
        if len(self.weights) == len(FEATURES):
            learned = features @ self.weights
            return fuse([self.claims[p] for p in positions], list(learned), None, scale=False)[:limit]
        return fuse(
            [self.claims[p] for p in positions],
            list(features[:, FEATURES.index("lexical")]),
            list(features[:, FEATURES.index("cosine_best")]),
            lexical_weight=self.lexical_weight,
        )[:limit]

    def features(self, text: str) -> tuple[list[int], np.ndarray]:
        """Candidates for `text` (lexical and nearest by the encoder) and one row of FEATURES each."""
        query = query_text(text)
        terms = content_terms(query)
        scores = self.index.field_scores("both", terms)
        lexical = heapq.nlargest(self.lexical_candidates, scores, key=lambda p: (scores[p], -p))
        vector, raw = self.encoder.encode([query, text])
        claim_cos, title_cos = self.claim_vectors @ vector, self.title_vectors @ vector
        best = np.maximum(claim_cos, title_cos)
        nearest = [int(p) for p in np.argsort(-best)[: self.semantic_candidates]]
        positions = list(dict.fromkeys(lexical + nearest))
        top = max(scores.values()) if scores else 1.0
        lexical_rank = {p: n for n, p in enumerate(lexical)}
        fields = {}
        for name, field_terms in (
            ("text", terms),
            ("title", terms),
            ("unstemmed", content_terms(query, stemmed=False)),
        ):
            field = self.index.field_scores(name, field_terms)
            fields[name] = (field, max(field.values()) if field else 1.0)
        bigrams, names, numbers = _bigrams(query), story_names(query), set(_NUMBER.findall(query))
        # A post often wraps the claim in comment ("Once more for the folks who missed it ..."):
        # its closest sentence can match the claim better than the whole post does.
        sentences = [part for part in _SENTENCE_END.split(query) if len(content_terms(part)) >= 3]
        if len(sentences) > 1:
            sentence_vectors = self.encoder.encode(sentences)
            sentence_cos = np.maximum(
                (self.claim_vectors @ sentence_vectors.T).max(1), (self.title_vectors @ sentence_vectors.T).max(1)
            )
        else:
            sentence_cos = best
        rows = []
        for p in positions:
            rows.append(
                [
                    scores.get(p, 0.0) / top,
                    claim_cos[p],
                    title_cos[p],
                    self.claim_vectors[p] @ raw,
                    self.title_vectors[p] @ raw,
                    1.0 / (60 + lexical_rank.get(p, 100)),
                    1.0 / (60 + int(np.sum(best > best[p]))),
                    fields["text"][0].get(p, 0.0) / fields["text"][1],
                    fields["title"][0].get(p, 0.0) / fields["title"][1],
                    fields["unstemmed"][0].get(p, 0.0) / fields["unstemmed"][1],
                    len(bigrams & self.bigrams[p]) / max(1, min(len(bigrams), len(self.bigrams[p]))),
                    len(names & self.names[p]) / max(1, len(self.names[p])),
                    float(bool(numbers & self.numbers[p])),
                    best[p],
                    max(sentence_cos[p], best[p]),
                ]
            )
        return positions, np.array(rows, dtype=float)


def _bigrams(text: str) -> set[tuple[str, str]]:
    terms = content_terms(text)
    return set(zip(terms, terms[1:], strict=False))
