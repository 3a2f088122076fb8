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
    terms = query_terms(text)
    if not terms:
        return []
    kinds = list(kinds) if kinds else None
    if connection.vendor == "postgresql":
        return _postgresql_candidates(terms, limit, kinds, exclude_document_id, since)
    return _portable_candidates(terms, limit, kinds, exclude_document_id, since)


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


def _postgresql_candidates(terms, limit, kinds, exclude_document_id, since) -> list[Candidate]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT lexeme FROM unnest(to_tsvector('english', %s))", [" ".join(terms)])
        lexemes = [row[0] for row in cursor.fetchall() if _SAFE_TERM.match(row[0])]
    if not lexemes:
        return []
    frequency = frequent_lexemes()
    lexemes.sort(key=lambda lexeme: (frequency.get(lexeme, 0.0), -len(lexeme)))
    selective = [lexeme for lexeme in lexemes if frequency.get(lexeme, 0.0) <= MAX_LEXEME_FREQUENCY]
    chosen = (selective or lexemes[:3])[:MAX_QUERY_TERMS]
    tsquery = " | ".join(chosen)
    where = ["search_vector @@ query"]
    params: list = [tsquery]
    if kinds:
        where.append("kind = ANY(%s)")
        params.append(kinds)
    if exclude_document_id is not None:
        where.append("document_id <> %s")
        params.append(exclude_document_id)
    if since is not None:
        where.append("created_at >= %s")
        params.append(since)
    sql = (
        "SELECT id, ts_rank(search_vector, query) AS rank "
        "FROM claims_claim, to_tsquery('simple', %s) AS query "
        f"WHERE {' AND '.join(where)} ORDER BY rank DESC, id DESC LIMIT %s"
    )
    params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Candidate(claim_id=row[0], score=float(row[1])) for row in cursor.fetchall()]


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
