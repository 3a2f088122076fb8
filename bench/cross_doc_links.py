"""Cross-document denial links: gold documents split so each denial and the claim it denies arrive apart.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench_crossdoc \\
        .venv/bin/python bench/cross_doc_links.py [--gold MORE.jsonl ...]

Every gold document (evaluation format) with denial links is cut into two documents: the sentences of
the denials on one side, the sentences they deny on the other, and every other sentence staying with
the marked sentence before it (so a claim keeps the paragraph that follows it). Both halves go
through the product as a document does: created, extracted, matched (Celery eager, no broker), then
written out by `manage.py export --jsonl`, which names a cross-document target "<document id>/<claim
id>". Each exported claim is placed back in the original text and scored like the gold scorer
scores a denial link: a (denial sentence, denied sentence) pair, sentences meeting when they
overlap by at least half the shorter one. Run once with each half-document of the denials first and
once with the claims first, in an emptied database each time; all documents share one store, so a
denial can also pick a wrong target from another story. Links the split cannot separate (a denial
that is itself denied by a sentence on its own side) stay in one document and are left out of the
cross-document figures. Writes bench/results/cross_doc_links.json.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import Stopwatch, django_setup, require_scratch_database, write_result  # noqa: E402

DEFAULT_GOLD = (
    ROOT.parent / "shared" / "eval" / "dev.jsonl",
    ROOT / "tests" / "extraction" / "texts" / "disputes.jsonl",
    ROOT / "tests" / "extraction" / "texts" / "newswire.jsonl",
)
DENIAL_KINDS = ("denial", "counter_claim")
Span = tuple[int, int]


def span_of(text: str, sentence: str, start: int | None = None) -> Span | None:
    if start is not None and text[start : start + len(sentence)] == sentence:
        return (start, start + len(sentence))
    at = text.find(sentence)
    return None if at < 0 or not sentence else (at, at + len(sentence))


def overlap(a: Span, b: Span) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    if shared <= 0:
        return 0.0
    return shared / max(1, min(a[1] - a[0], b[1] - b[0]))


@dataclass
class Half:
    """One of the two documents cut from a gold document, with where each of its pieces came from."""

    external_id: str
    text: str = ""
    # (start in this text, start in the original, length)
    pieces: list[tuple[int, int, int]] = field(default_factory=list)

    def add(self, original: str, start: int, end: int) -> None:
        if self.text and not self.text[-1].isspace():
            self.text += "\n"
        self.pieces.append((len(self.text), start, end - start))
        self.text += original[start:end]

    def to_original(self, start: int, end: int) -> Span | None:
        for here, there, length in self.pieces:
            if here <= start < here + length:
                return (there + start - here, there + min(end, here + length) - here)
        return None


@dataclass
class Split:
    """A gold document cut in two, with the gold links it separates and those it cannot."""

    gold: dict
    spans: dict[str, Span]
    sentences: list[Span]
    separated: set[tuple[Span, Span]]
    kept_together: set[tuple[Span, Span]]
    halves: tuple[Half, Half]


def gold_links(document: dict, spans: dict[str, Span]) -> set[tuple[Span, Span]]:
    links = set()
    for claim in document["claims"]:
        target = claim.get("denies")
        if claim.get("kind") in DENIAL_KINDS and target and claim["id"] in spans and target in spans:
            if spans[claim["id"]] != spans[target]:
                links.add((spans[claim["id"]], spans[target]))
    return links


def split_document(document: dict) -> Split | None:
    """Cut a gold document so that each denial and its target land in different halves, when possible."""
    text = document["text"]
    spans = {}
    for claim in document["claims"]:
        found = span_of(text, claim["sentence"], claim.get("start"))
        if found:
            spans[claim["id"]] = found
    links = gold_links(document, spans)
    if not links:
        return None
    # Two-colour the sentences joined by links, denials first: side 0 holds the first denial.
    neighbours: dict[Span, set[Span]] = {}
    for denial, target in sorted(links):
        neighbours.setdefault(denial, set()).add(target)
        neighbours.setdefault(target, set()).add(denial)
    side: dict[Span, int] = {}
    for denial, _ in sorted(links):
        if denial in side:
            continue
        side[denial] = 0
        queue = deque([denial])
        while queue:
            node = queue.popleft()
            for other in neighbours[node]:
                if other not in side:
                    side[other] = 1 - side[node]
                    queue.append(other)
    separated = {(d, t) for d, t in links if side[d] != side[t]}
    kept_together = links - separated
    # Every other stretch of text goes with the marked sentence before it; the opening with the first.
    cuts = sorted(side)
    halves = (Half(f"{document['id']}#1"), Half(f"{document['id']}#2"))
    for n, start_span in enumerate(cuts):
        start = 0 if n == 0 else start_span[0]
        end = cuts[n + 1][0] if n + 1 < len(cuts) else len(text)
        if start < end:
            halves[side[start_span]].add(text, start, end)
    for half in halves:
        half.text = half.text.strip()
    sentences = sorted(set(spans.values()))
    return Split(document, spans, sentences, separated, kept_together, halves)


def place(split: Split, span: Span) -> Span:
    """The gold sentence a predicted claim sits in (overlap >= half), else its own span."""
    best = max(split.sentences, key=lambda g: overlap(g, span), default=None)
    return best if best is not None and overlap(best, span) >= 0.5 else span


def ingest(text: str, external_id: str) -> None:
    from claims.models import Document
    from claims.services import document_create

    result = document_create(text=text, external_id=external_id, channel=Document.Channel.CLI)
    document = Document.objects.get(pk=result.document.pk)
    if document.status != Document.Status.DONE:
        raise SystemExit(f"{external_id}: not processed ({document.status}: {document.error})")


def run_order(splits: list[Split], *, claims_first: bool) -> dict:
    """Empty the store, ingest every split in one order, export, and score cross-document links."""
    from django.core.management import call_command

    from claims.models import ClaimLink, Document

    ClaimLink.objects.all().delete()
    Document.objects.all().delete()
    clock = Stopwatch()
    for split in splits:
        halves = split.halves[::-1] if claims_first else split.halves
        for half in halves:
            if half.text:
                ingest(half.text, half.external_id)
    seconds = clock()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "export.jsonl"
        call_command("export", jsonl=path, stdout=open(os.devnull, "w"))  # noqa: SIM115
        exported = {row["id"]: row for row in map(json.loads, path.read_text().splitlines())}

    # Where each exported claim sits in its original document.
    owner: dict[str, tuple[Split, Half]] = {}
    for split in splits:
        for half in split.halves:
            owner[half.external_id] = (split, half)
    located: dict[tuple[str, str], tuple[Split, Span]] = {}
    for document_id, row in exported.items():
        split, half = owner[document_id]
        for claim in row["claims"]:
            span = span_of(half.text, claim["sentence"], claim.get("start"))
            original = half.to_original(*span) if span else None
            if original:
                located[(document_id, claim["id"])] = (split, place(split, original))

    predicted: dict[str, set] = {split.gold["id"]: set() for split in splits}
    stray = 0
    for document_id, row in exported.items():
        for claim in row["claims"]:
            target = claim.get("denies")
            if claim["kind"] not in DENIAL_KINDS or not target or "/" not in target:
                continue
            target_document, target_key = target.rsplit("/", 1)
            source = located.get((document_id, claim["id"]))
            found = located.get((target_document, target_key))
            if source is None or found is None:
                continue
            if found[0] is not source[0]:
                stray += 1
                predicted[source[0].gold["id"]].add((source[1], ("elsewhere", target)))
            else:
                predicted[source[0].gold["id"]].add((source[1], found[1]))
    tp = n_pred = n_gold = 0
    misses, wrong = [], []
    for split in splits:
        gold, pred = split.separated, predicted[split.gold["id"]]
        # Links the split left inside one document are not cross-document: neither side counts them.
        denials_kept_together = {d for d, _ in split.kept_together}
        pred = {p for p in pred if p[0] not in denials_kept_together}
        tp += len(gold & pred)
        n_pred += len(pred)
        n_gold += len(gold)
        text = split.gold["text"]
        for denial, target in sorted(gold - pred):
            misses.append(
                {"document": split.gold["id"], "denial": text[slice(*denial)], "target": text[slice(*target)]}
            )
        for denial, target in sorted(pred - gold, key=str):
            wrong.append(
                {
                    "document": split.gold["id"],
                    "denial": text[slice(*denial)],
                    "linked_to": target[1] if target[0] == "elsewhere" else text[slice(*target)],
                }
            )
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "predicted": n_pred,
        "gold": n_gold,
        "links_to_other_stories": stray,
        "ingest_seconds": round(seconds, 1),
        "misses": misses,
        "wrong": wrong,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, action="append", default=[], help="more gold files (JSON lines)")
    parser.add_argument("--gold-only", action="store_true", help="score only the --gold files, not the default ones")
    parser.add_argument("--result", default="cross_doc_links", help="name of the JSON file under bench/results/")
    parser.add_argument("--encoder", action="store_true", help="let matching use the sentence encoder if installed")
    parser.add_argument("--show", action="store_true", help="print every miss and wrong link")
    args = parser.parse_args()
    # No broker: extraction and its follow-ups run in this process as each document commits.
    os.environ.pop("REDIS_URL", None)
    os.environ["CELERY_BROKER_URL"] = "memory://"
    os.environ["CELERY_RESULT_BACKEND"] = ""
    django_setup()
    # Every task logs a line; the figures are what matters here.
    logging.getLogger("celery").setLevel(logging.WARNING)
    from django.conf import settings
    from django.core.management import call_command

    settings.CLAIMTRACK_MATCH_EMBEDDINGS = args.encoder
    name = require_scratch_database()
    call_command("migrate", verbosity=0)

    splits = []
    sources = []
    for path in [*([] if args.gold_only else DEFAULT_GOLD), *args.gold]:
        if not path.exists():
            print(f"skipping {path.name}: not found")
            continue
        sources.append(path.name)
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                split = split_document(json.loads(line))
                if split:
                    splits.append(split)
    separated = sum(len(s.separated) for s in splits)
    together = sum(len(s.kept_together) for s in splits)
    print(
        f"{len(splits)} documents with denial links from {', '.join(sources)}: {separated} links split across "
        f"two documents, {together} left in one; database {name}"
    )
    results = {}
    for label, claims_first in (("denial_first", False), ("claim_first", True)):
        figures = run_order(splits, claims_first=claims_first)
        results[label] = figures
        print(
            f"{label.replace('_', ' ')}: P {figures['precision']:.3f} R {figures['recall']:.3f} "
            f"F1 {figures['f1']:.3f} ({figures['tp']} of {figures['gold']} gold, {figures['predicted']} predicted, "
            f"{figures['links_to_other_stories']} to other stories; {figures['ingest_seconds']} s)"
        )
        if args.show:
            for miss in figures["misses"]:
                print(f"  MISS {miss['document']}: {miss['denial'][:110]!r}\n        -> {miss['target'][:110]!r}")
            for link in figures["wrong"]:
                print(f"  WRONG {link['document']}: {link['denial'][:110]!r}\n        -> {link['linked_to'][:110]!r}")
    write_result(
        args.result,
        {
            "gold_files": sources,
            "documents": len(splits),
            "links_split": separated,
            "links_left_in_one_document": together,
            "encoder": bool(args.encoder),
            **results,
        },
    )


if __name__ == "__main__":
    main()
