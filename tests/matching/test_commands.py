import csv
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from claims.matching.services import document_match_claims
from claims.models import Claim
from tests.factories import ClaimFactory, DocumentFactory

pytestmark = pytest.mark.django_db

CHECKTHAT = Path(settings.BASE_DIR).parent / "shared" / "eval" / "checkthat2020"


def read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader)
        return header, list(reader)


def write(path, header, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def mean_average_precision(gold, results, k=5):
    ranked = {}
    for line in results.read_text(encoding="utf-8").splitlines():
        query, _, claim, _rank, score, _tag = line.split("\t")
        ranked.setdefault(query, []).append((-float(score), claim))
    total = 0.0
    for query, relevant in gold.items():
        top = [claim for _, claim in sorted(ranked.get(query, []))][:k]
        hits, precision = 0, 0.0
        for position, claim in enumerate(top, 1):
            if claim in relevant:
                hits += 1
                precision += hits / position
        total += precision / min(len(relevant), k)
    return total / len(gold)


@pytest.mark.skipif(not CHECKTHAT.exists(), reason="the CheckThat! 2020 data is not beside the repository")
def test_match_benchmark_ranks_train_queries_well_on_a_slice(tmp_path):
    gold = {}
    for line in (CHECKTHAT / "train.qrels").read_text().splitlines():
        query, _, claim, relevance = line.split()
        if relevance == "1":
            gold.setdefault(query, set()).add(claim)
    query_header, queries = read(CHECKTHAT / "train.queries.tsv")
    queries = queries[:60]
    gold = {q: gold[q] for q, _ in queries}
    claim_header, claims = read(CHECKTHAT / "verified_claims.docs.tsv")
    needed = set().union(*gold.values())
    # The gold claims plus every 10th other claim as distractors.
    sliced = [row for n, row in enumerate(claims) if row[0] in needed or n % 10 == 0]
    write(tmp_path / "claims.tsv", claim_header, sliced)
    write(tmp_path / "queries.tsv", query_header, queries)

    call_command(
        "match-benchmark",
        claims=tmp_path / "claims.tsv",
        queries=tmp_path / "queries.tsv",
        out=tmp_path / "results.tsv",
        lexical=True,
    )

    lines = (tmp_path / "results.tsv").read_text().splitlines()
    assert all(len(line.split("\t")) == 6 for line in lines)
    assert max(sum(1 for line in lines if line.startswith(f"{q}\t")) for q, _ in queries) == 5
    assert mean_average_precision(gold, tmp_path / "results.tsv") >= 0.8
    assert Claim.objects.filter(status=Claim.Status.PUBLISHED).count() == len(sliced)


def test_loading_the_same_verified_claims_twice_adds_nothing(tmp_path):
    write(tmp_path / "claims.tsv", ["id", "claim", "title"], [["7", "Koalas are extinct.", "Koalas?"]])
    write(tmp_path / "queries.tsv", ["id", "text"], [["1", "koalas extinct"]])
    for _ in range(2):
        call_command(
            "match-benchmark",
            claims=tmp_path / "claims.tsv",
            queries=tmp_path / "queries.tsv",
            out=tmp_path / "out.tsv",
            lexical=True,
        )
    assert Claim.objects.count() == 1
    assert (tmp_path / "out.tsv").read_text().split("\t")[:4] == ["1", "Q0", "7", "1"]


def test_export_writes_a_cross_document_denial_target_as_document_slash_claim(tmp_path):
    claim_text = "Russia said that Shoigu and Lecornu discussed the potential for talks on the Ukraine conflict."
    denial_text = "France has denied Russia's claim of a discussion on potential Ukraine talks, according to AFP."
    claim_doc = DocumentFactory(text=claim_text, external_id="wire-1")
    ClaimFactory(document=claim_doc, key="c1", sentence=claim_text, text=claim_text, claimant_name="Russia")
    denial_doc = DocumentFactory(text=denial_text, external_id="wire-2")
    ClaimFactory(
        document=denial_doc, key="c1", sentence=denial_text, text=denial_text, claimant_name="France", kind="denial"
    )
    document_match_claims(document_id=denial_doc.pk)

    call_command("export", jsonl=tmp_path / "out.jsonl")

    exported = {doc["id"]: doc for doc in map(json.loads, (tmp_path / "out.jsonl").read_text().splitlines())}
    assert exported["wire-2"]["claims"][0]["denies"] == "wire-1/c1"
    assert exported["wire-2"]["claims"][0]["kind"] == "denial"
    assert exported["wire-1"]["claims"][0]["denies"] is None
    assert exported["wire-1"]["text"] == claim_text
