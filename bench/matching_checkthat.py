"""Claim retrieval quality on CLEF CheckThat! 2020 task 2 train queries, every tuned figure held out.

    python bench/matching_checkthat.py [--data ../shared/eval/checkthat2020] [--lexical]
        [--vectors CACHE.npz] [--fit]

Pure ranking code, no database. Prints MAP@5 of plain BM25, of BM25 on normalised tweets, of the
fixed fusion for several lexical weights (the weight chosen on one half of the queries and scored
on the other, both ways), and of the learned reranker: a listwise logistic model over the ranker's
features, fitted on one half and scored on the other (both ways) and by 5-fold cross-validation,
so no reported figure is tuned on what it measures. "learned_with_shipped_weights" is the shipped
model on all train queries, which it was fitted on: it is what `manage.py match-benchmark` scores
there. --fit prints the weights fitted on all train queries, to paste into RERANK_WEIGHTS.
--vectors keeps the encoded texts in a file so a second run does not encode 20,000 texts again.
Writes bench/results/matching_checkthat.json.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import write_result  # noqa: E402
from claims.matching.bm25 import BM25Index  # noqa: E402
from claims.matching.ranking import FEATURES, RERANK_WEIGHTS, ClaimRanker, StoredClaim, fuse  # noqa: E402
from claims.matching.text import content_terms  # noqa: E402

WEIGHTS = (0.1, 0.15, 0.2, 0.25, 0.3)
L2 = 1e-4


def fit(rows: list[tuple[np.ndarray, np.ndarray]], *, epochs: int = 400, step: float = 10.0) -> np.ndarray:
    """Listwise logistic weights: softmax over each query's candidates towards its relevant claims."""
    weights = np.zeros(rows[0][0].shape[1])
    rows = [(x, y / y.sum()) for x, y in rows if y.sum()]
    for _ in range(epochs):
        gradient = np.zeros_like(weights)
        for x, y in rows:
            scores = x @ weights
            p = np.exp(scores - scores.max())
            gradient += x.T @ (p / p.sum() - y)
        weights -= step * (gradient / len(rows) + L2 * weights)
    return weights


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
    parser.add_argument("--vectors", type=Path, help="file of encoded texts, read and extended")
    parser.add_argument("--fit", action="store_true", help="print reranker weights fitted on all train queries")
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
        from claims.matching.embeddings import VectorFile, load_encoder

        encoder = load_encoder()
        if encoder is None:
            print("sentence encoder not installed (requirements-embeddings.txt): lexical figures only")
        elif args.vectors:
            encoder = VectorFile(encoder, args.vectors)
    if encoder is not None:
        started = time.perf_counter()
        fused = ClaimRanker(records, encoder=encoder, weights=())
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

        # The learned reranker: features once per query, then fitted and scored on disjoint queries.
        table = {}
        for query_id, text in queries:
            positions, x = fused.features(text)
            y = np.array([records[p].key in gold[query_id] for p in positions], dtype=float)
            table[query_id] = (positions, x, y)
        if isinstance(encoder, VectorFile):
            encoder.save()

        def learned_map(weights: np.ndarray, query_ids: list[str]) -> float:
            total = 0.0
            for q in query_ids:
                positions, x, _ = table[q]
                ranked = fuse([records[p] for p in positions], list(x @ weights), None, scale=False)
                total += average_precision([h.claim.key for h in ranked], gold[q])
            return total / len(query_ids)

        def fit_on(query_ids: list[str]) -> np.ndarray:
            return fit([(table[q][1], table[q][2]) for q in query_ids])

        halves_scores = [learned_map(fit_on(tune), test) for tune, test in (halves, halves[::-1])]
        results["learned_held_out"] = sum(halves_scores) / 2
        print(
            "learned reranker fitted on one half, scored on the other: "
            + ", ".join(f"{s:.4f}" for s in halves_scores)
            + f"; mean {results['learned_held_out']:.4f}"
        )
        folds = [ids[k::5] for k in range(5)]
        total = 0.0
        for k, fold in enumerate(folds):
            train = [q for j, other in enumerate(folds) if j != k for q in other]
            total += learned_map(fit_on(train), fold) * len(fold)
        results["learned_5fold"] = total / len(ids)
        print(f"learned reranker, 5-fold cross-validated: MAP@5 {results['learned_5fold']:.4f}")
        if len(RERANK_WEIGHTS) == len(FEATURES):
            results["learned_with_shipped_weights"] = learned_map(np.array(RERANK_WEIGHTS), ids)
            print(
                "shipped weights on all train queries (fitted on them, not held out): "
                f"MAP@5 {results['learned_with_shipped_weights']:.4f}"
            )
        if args.fit:
            weights = fit_on(ids)
            print("weights fitted on all train queries:")
            print("RERANK_WEIGHTS = (" + ", ".join(f"{w:.4f}" for w in weights) + ")")
    write_result(
        "matching_checkthat", {"queries": len(queries), "map_at_5": {k: round(v, 4) for k, v in results.items()}}
    )


if __name__ == "__main__":
    main()
