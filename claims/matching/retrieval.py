"""Candidate retrieval of stored claims inside the database.

PostgreSQL: full-text search over the claims' generated search_vector column and its GIN index (migration 0004), ranked by
ts_rank, newest claims breaking ties. Other databases (the SQLite quickstart): a portable
fallback that filters on the rarest-looking words and scores the rows with BM25 in Python.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import connection

from claims.matching.bm25 import BM25Index
from claims.matching.text import content_terms
from claims.models import Claim

MAX_QUERY_TERMS = 12
MAX_LEXEME_FREQUENCY = 0.02
_SAFE_TERM = re.compile(r"^[a-z0-9]+$")


@dataclass(frozen=True)
class Candidate:
    """A stored claim id with its lexical score for one query."""

    claim_id: int
    score: float


def query_terms(text: str, *, limit: int = MAX_QUERY_TERMS) -> list[str]:
    """Distinct content words of a query, longest (usually rarest) first."""
    seen: dict[str, None] = {}
    for term in content_terms(text, stemmed=False):
        term = term.replace("'", "")
        if _SAFE_TERM.match(term) and len(term) > 2:
            seen.setdefault(term, None)
    return sorted(seen, key=lambda t: (-len(t), t))[:limit]


def candidate_claims(
    *,
    text: str,
    limit: int = 50,
    kinds: Iterable[str] | None = None,
    exclude_document_id: int | None = None,
    since: datetime | None = None,
) -> list[Candidate]:
    """Stored claims sharing words with `text`, best lexical match first."""
    (found,) = candidate_claims_many(
        texts=[text], limit=limit, kinds=kinds, exclude_document_id=exclude_document_id, since=since
    )
    return found


def candidate_claims_many(
    *,
    texts: list[str],
    limit: int = 50,
    kinds: Iterable[str] | None = None,
    exclude_document_id: int | None = None,
    since: datetime | None = None,
) -> list[list[Candidate]]:
    """candidate_claims for each of several texts; on PostgreSQL two round trips, however many texts."""
    terms = [query_terms(text) for text in texts]
    kinds = list(kinds) if kinds else None
    if connection.vendor == "postgresql":
        return _postgresql_candidates(terms, limit, kinds, exclude_document_id, since)
    return [_portable_candidates(t, limit, kinds, exclude_document_id, since) if t else [] for t in terms]


_FREQUENT: dict[str, object] = {"at": 0.0, "lexemes": {}}
FREQUENT_REFRESH_SECONDS = 600


def frequent_lexemes() -> dict[str, float]:
    """Lexemes in more than a few percent of claims, with their frequency, from PostgreSQL's own statistics.

    ANALYZE keeps the most common elements of the claims' search_vector column. A query word found in
    a tenth of a million claims narrows nothing and makes ranking score every one of them, so such
    words are left out of the candidate query (the reranker still sees them).
    """
    now = time.monotonic()
    if now - float(_FREQUENT["at"]) < FREQUENT_REFRESH_SECONDS:
        return _FREQUENT["lexemes"]  # type: ignore[return-value]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE tablename = 'claims_claim' AND attname = 'search_vector' LIMIT 1"
        )
        row = cursor.fetchone()
    lexemes = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
    _FREQUENT.update(at=now, lexemes=lexemes)
    return lexemes


def _lexemes(terms: list[list[str]]) -> list[list[str]]:
    """The English lexemes of each query's words, in the order PostgreSQL keeps them in a tsvector."""
    found: list[list[str]] = [[] for _ in terms]
    asked = [(n, " ".join(words)) for n, words in enumerate(terms) if words]
    if not asked:
        return found
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT q.n, l.lexeme FROM unnest(%s::int[], %s::text[]) AS q(n, words), "
            "LATERAL unnest(to_tsvector('english', q.words)) WITH ORDINALITY AS l(lexeme, positions, weights, at) "
            "ORDER BY q.n, l.at",
            [[n for n, _ in asked], [words for _, words in asked]],
        )
        for n, lexeme in cursor.fetchall():
            if _SAFE_TERM.match(lexeme):
                found[n].append(lexeme)
    return found


def _tsquery(lexemes: list[str], frequency: dict[str, float]) -> str:
    """The OR of the query's most selective lexemes; the three rarest when none is selective."""
    lexemes = sorted(lexemes, key=lambda lexeme: (frequency.get(lexeme, 0.0), -len(lexeme)))
    selective = [lexeme for lexeme in lexemes if frequency.get(lexeme, 0.0) <= MAX_LEXEME_FREQUENCY]
    return " | ".join((selective or lexemes[:3])[:MAX_QUERY_TERMS])


def _postgresql_candidates(terms, limit, kinds, exclude_document_id, since) -> list[list[Candidate]]:
    lexemes = _lexemes(terms)
    found: list[list[Candidate]] = [[] for _ in terms]
    if not any(lexemes):
        return found
    frequency = frequent_lexemes()
    asked = [(n, _tsquery(words, frequency)) for n, words in enumerate(lexemes) if words]
    where = ["search_vector @@ query"]
    params: list = [[n for n, _ in asked], [tsquery for _, tsquery in asked]]
    if kinds:
        where.append("kind = ANY(%s)")
        params.append(kinds)
    if exclude_document_id is not None:
        where.append("document_id <> %s")
        params.append(exclude_document_id)
    if since is not None:
        where.append("created_at >= %s")
        params.append(since)
    params.append(limit)
    # One statement for every query: each row of the outer list runs the same indexed search and
    # ranking a query of its own would (the GIN index on search_vector, top `limit` by rank).
    sql = (
        "SELECT q.n, found.id, found.rank FROM unnest(%s::int[], %s::text[]) AS q(n, tsquery), "
        "LATERAL (SELECT id, ts_rank(search_vector, query) AS rank "
        "FROM claims_claim, to_tsquery('simple', q.tsquery) AS query "
        f"WHERE {' AND '.join(where)} ORDER BY rank DESC, id DESC LIMIT %s) AS found "
        "ORDER BY q.n, found.rank DESC, found.id DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for n, claim_id, rank in cursor.fetchall():
            found[n].append(Candidate(claim_id=claim_id, score=float(rank)))
    return found


def _portable_candidates(terms, limit, kinds, exclude_document_id, since) -> list[Candidate]:
    from django.db.models import Q

    match = Q()
    for term in terms[:6]:
        match |= Q(text__icontains=term)
    rows = Claim.objects.filter(match)
    if kinds:
        rows = rows.filter(kind__in=kinds)
    if exclude_document_id is not None:
        rows = rows.exclude(document_id=exclude_document_id)
    if since is not None:
        rows = rows.filter(created_at__gte=since)
    pool = list(rows.order_by("-id").values_list("id", "text")[:2000])
    index = BM25Index(k1=0.9, b=0.4)
    for _, claim_text in pool:
        index.add({"text": content_terms(claim_text)})
    ranked = index.search(content_terms(" ".join(terms)), weights={"text": 1.0}, limit=limit)
    return [Candidate(claim_id=pool[position][0], score=score) for position, score in ranked]
