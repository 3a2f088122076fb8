"""Claim retrieval quality on CLEF CheckThat! 2020 task 2 train queries, with a held-out check of the fusion weight.

    python bench/matching_checkthat.py [--data ../shared/eval/checkthat2020] [--lexical]

Pure ranking code, no database. Prints MAP@5 of plain BM25, of BM25 on normalised tweets, and of
the fused reranker for several lexical weights; the weight is then chosen on one half of the
queries and scored on the other (both ways), so the reported figure is not tuned on what it
measures. Writes bench/results/matching_checkthat.json.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import write_result  # noqa: E402
from claims.matching.bm25 import BM25Index  # noqa: E402
from claims.matching.ranking import ClaimRanker, StoredClaim  # noqa: E402
from claims.matching.text import content_terms  # noqa: E402

WEIGHTS = (0.1, 0.15, 0.2, 0.25, 0.3)


def read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        next(reader)
        return [row for row in reader if row]


def average_precision(ranked: list[str], relevant: set[str], k: int = 5) -> float:
    hits, total = 0, 0.0
    for position, key in enumerate(ranked[:k], 1):
        if key in relevant:
            hits += 1
            total += hits / position
    return total / min(len(relevant), k)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval" / "checkthat2020")
    parser.add_argument("--lexical", action="store_true", help="skip the sentence encoder")
    args = parser.parse_args()

    claims = read_tsv(args.data / "verified_claims.docs.tsv")
    queries = read_tsv(args.data / "train.queries.tsv")
    gold: dict[str, set[str]] = {}
    for line in (args.data / "train.qrels").read_text().splitlines():
        query, _, claim, relevance = line.split()
        if relevance == "1":
            gold.setdefault(query, set()).add(claim)
    queries = [q for q in queries if q[0] in gold]
    results: dict[str, float] = {}

    plain = BM25Index()
    for _, claim, title in claims:
        plain.add({"both": content_terms(f"{claim} {title}", stemmed=False)})
    keys = [row[0] for row in claims]
    scores = []
    for query_id, text in queries:
        hits = plain.search(content_terms(text, stemmed=False), weights={"both": 1.0}, limit=5)
        scores.append(average_precision([keys[p] for p, _ in hits], gold[query_id]))
    results["bm25_plain"] = sum(scores) / len(scores)
    print(f"plain BM25 over claim + title: MAP@5 {results['bm25_plain']:.4f}")

    records = [StoredClaim(key=k, text=c, title=t, order=n) for n, (k, c, t) in enumerate(claims)]
    lexical = ClaimRanker(records)
    per_query = {q: average_precision([h.claim.key for h in lexical.rank(t)], gold[q]) for q, t in queries}
    results["bm25_normalised"] = sum(per_query.values()) / len(per_query)
    print(f"BM25 on normalised tweets, stemmed, duplicates collapsed: MAP@5 {results['bm25_normalised']:.4f}")

    encoder = None
    if not args.lexical:
        from claims.matching.embeddings import load_encoder

        encoder = load_encoder()
        if encoder is None:
            print("sentence encoder not installed (requirements-embeddings.txt): lexical figures only")
    if encoder is not None:
        started = time.perf_counter()
        fused = ClaimRanker(records, encoder=encoder)
        print(f"encoded {len(records)} claims and titles in {time.perf_counter() - started:.0f} s")
        by_weight: dict[float, dict[str, float]] = {}
        for weight in WEIGHTS:
            fused.lexical_weight = weight
            by_weight[weight] = {
                q: average_precision([h.claim.key for h in fused.rank(t)], gold[q]) for q, t in queries
            }
            mean = sum(by_weight[weight].values()) / len(queries)
            results[f"fused_w{weight}"] = mean
            print(f"fused, lexical weight {weight}: MAP@5 {mean:.4f}")
        ids = [q for q, _ in queries]
        random.Random(5).shuffle(ids)
        halves = [ids[: len(ids) // 2], ids[len(ids) // 2 :]]
        held_out = []
        for tune, test in (halves, halves[::-1]):
            best = max(WEIGHTS, key=lambda w: sum(by_weight[w][q] for q in tune))
            held_out.append((best, sum(by_weight[best][q] for q in test) / len(test)))
        results["fused_held_out"] = sum(score for _, score in held_out) / 2
        print(
            "weight chosen on one half, scored on the other: "
            + ", ".join(f"w={w} -> {s:.4f}" for w, s in held_out)
            + f"; mean {results['fused_held_out']:.4f}"
        )
    write_result(
        "matching_checkthat", {"queries": len(queries), "map_at_5": {k: round(v, 4) for k, v in results.items()}}
    )


if __name__ == "__main__":
    main()
