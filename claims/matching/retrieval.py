"""Candidate retrieval of stored claims inside the database.

PostgreSQL: full-text search over claim text through the GIN index of migration 0003, ranked by
ts_rank, newest claims breaking ties. Other databases (the SQLite quickstart): a portable
fallback that filters on the rarest-looking words and scores the rows with BM25 in Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import connection

from claims.matching.bm25 import BM25Index
from claims.matching.text import content_terms
from claims.models import Claim

MAX_QUERY_TERMS = 12
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


def _postgresql_candidates(terms, limit, kinds, exclude_document_id, since) -> list[Candidate]:
    tsquery = " | ".join(terms)
    where = ["to_tsvector('english'::regconfig, text) @@ query"]
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
        "SELECT id, ts_rank(to_tsvector('english'::regconfig, text), query) AS rank "
        "FROM claims_claim, to_tsquery('english', %s) AS query "
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
