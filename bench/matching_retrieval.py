"""Candidate retrieval for one new claim against a large store, and matching-task throughput.

    DATABASE_URL=postgres://.../claimtrack_match_bench python manage.py generate_claims --claims 1000000
    DATABASE_URL=postgres://.../claimtrack_match_bench python bench/matching_retrieval.py [--queries 300]

Prints p50/p95 of `candidate_claims` (the PostgreSQL full-text query the matching task runs per
claim) and claims per second of `document_match_claims` on fresh documents; writes
bench/results/matching_retrieval.json. The documents it adds for the throughput run are removed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import Stopwatch, django_setup, latency_summary, write_result  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--documents", type=int, default=20, help="documents of 10 claims for the throughput run")
    parser.add_argument("--limit", type=int, default=30, help="candidates per claim, as the task asks")
    parser.add_argument("--embeddings", action="store_true", help="rerank with the sentence encoder in the task")
    args = parser.parse_args()

    django_setup()
    from django.conf import settings
    from django.db import connection

    from claims.matching.retrieval import candidate_claims, frequent_lexemes
    from claims.matching.services import document_match_claims
    from claims.matching.synthetic import ClaimWriter
    from claims.models import Claim, Document

    if connection.vendor != "postgresql":
        sys.exit("this benchmark measures PostgreSQL: set DATABASE_URL")
    settings.CLAIMTRACK_MATCH_EMBEDDINGS = args.embeddings
    stored = Claim.objects.count()
    print(f"{stored:,} stored claims in {connection.settings_dict['NAME']}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")
    print(f"{len(frequent_lexemes())} frequent lexemes left out of candidate queries")

    # New claims from another seed: same vocabulary and name pool, different sentences.
    writer = ClaimWriter(seed=11)
    for _ in range(1000):
        writer.rng.random()
    texts = [writer.claim()[0] for _ in range(args.warmup + args.queries)]
    timings, sizes = [], []
    for n, text in enumerate(texts):
        clock = Stopwatch()
        found = candidate_claims(text=text, limit=args.limit)
        elapsed = clock()
        if n >= args.warmup:
            timings.append(elapsed)
            sizes.append(len(found))
    retrieval = latency_summary(timings)
    print(
        f"candidate retrieval, {args.queries} new claims: p50 {retrieval['p50_ms']} ms, "
        f"p95 {retrieval['p95_ms']} ms, p99 {retrieval['p99_ms']} ms "
        f"(mean {sum(sizes) / len(sizes):.1f} candidates)"
    )

    documents = []
    for d in range(args.documents):
        rows = [writer.claim() for _ in range(10)]
        text = " ".join(sentence for sentence, _, _ in rows) + f" (matching bench {d})"
        document = Document.objects.create(text=text, title=f"Matching bench {d}", status=Document.Status.DONE)
        Claim.objects.bulk_create(
            Claim(
                document=document,
                key=f"c{i + 1}",
                position=i,
                sentence=sentence,
                sentence_start=0,
                sentence_end=len(sentence),
                text=sentence,
                claimant_name=claimant,
                claimant_body_name=body,
                kind=Claim.Kind.DENIAL if i == 9 else Claim.Kind.CLAIM,
            )
            for i, (sentence, claimant, body) in enumerate(rows)
        )
        documents.append(document)
    try:
        clock = Stopwatch()
        links = 0
        for document in documents:
            counts = document_match_claims(document_id=document.pk)
            links += counts["linked"] + counts["suggested"]
        elapsed = clock()
    finally:
        for document in documents:
            document.delete()
    claims = 10 * len(documents)
    throughput = claims / elapsed
    print(
        f"matching task: {claims} claims in {len(documents)} documents in {elapsed:.2f} s = "
        f"{throughput:.1f} claims/s ({links} links or suggestions; encoder {'on' if args.embeddings else 'off'})"
    )
    write_result(
        "matching_retrieval_encoder" if args.embeddings else "matching_retrieval",
        {
            "stored_claims": stored,
            "queries": args.queries,
            "candidates_per_claim": args.limit,
            "candidate_retrieval": retrieval,
            "target_p95_ms": 50,
            "task_claims": claims,
            "task_seconds": round(elapsed, 3),
            "task_claims_per_second": round(throughput, 1),
            "encoder": args.embeddings,
        },
    )


if __name__ == "__main__":
    main()
