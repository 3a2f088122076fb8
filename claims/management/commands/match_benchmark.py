"""Rank stored claims for each query of a claim-retrieval benchmark and write the top 5 in TREC format."""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

# Before numpy loads: OpenBLAS threads spinning for a busy core slow the encoder by an order of
# magnitude on a shared machine; one thread is steady everywhere. An explicit setting still wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from django.conf import settings  # noqa: E402
from django.core.management.base import BaseCommand, CommandError  # noqa: E402

from claims.matching.ranking import ClaimRanker, StoredClaim  # noqa: E402
from claims.matching.services import verified_claims_store  # noqa: E402
from claims.models import Claim  # noqa: E402


def read_tsv(path: Path, columns: int) -> list[list[str]]:
    """Rows of a tab-separated file with a header line; quoted cells may span lines."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter="\t")
            next(reader, None)
            rows = [row for row in reader if row]
    except FileNotFoundError:
        raise CommandError(f"No such file: {path}") from None
    for number, row in enumerate(rows, 2):
        if len(row) < columns:
            raise CommandError(f"{path} row {number}: expected {columns} tab-separated columns, got {len(row)}")
    return rows


class Command(BaseCommand):
    help = "Load verified claims as stored claims, rank them for each query, write the top 5 per query (TREC)."

    def add_arguments(self, parser):
        parser.add_argument("--claims", type=Path, required=True, help="id <TAB> claim <TAB> title, with a header")
        parser.add_argument("--queries", type=Path, required=True, help="id <TAB> text, with a header")
        parser.add_argument("--out", type=Path, required=True, help="results: qid Q0 claim_id rank score tag")
        parser.add_argument("--top", type=int, default=5)
        parser.add_argument("--lexical", action="store_true", help="do not rerank with the sentence encoder")
        parser.add_argument(
            "--vectors", type=Path, help="file of encoded texts (.npz), read and extended, so a rerun skips encoding"
        )

    def handle(self, *args, **options):
        claims_path: Path = options["claims"]
        verified = read_tsv(claims_path, 3)
        queries = read_tsv(options["queries"], 2)
        prefix = f"verified:{claims_path.stem}"
        added = verified_claims_store(rows=[(r[0], r[1], r[2]) for r in verified], prefix=prefix)
        self.stderr.write(f"stored {added} new verified claims ({len(verified)} in the file)")

        stored = (
            Claim.objects.filter(document__external_id__startswith=f"{prefix}:")
            .order_by("pk")
            .values_list("pk", "document__external_id", "text", "document__title")
        )
        records = [
            StoredClaim(key=external_id.rsplit(":", 1)[1], text=text, title=title, order=pk)
            for pk, external_id, text, title in stored
        ]
        encoder = vector_file = None
        if not options["lexical"] and getattr(settings, "CLAIMTRACK_MATCH_EMBEDDINGS", True):
            from claims.matching.embeddings import load_encoder

            encoder = load_encoder()
            if encoder is not None and options["vectors"]:
                from claims.matching.embeddings import VectorFile

                try:
                    encoder = vector_file = VectorFile(encoder, options["vectors"])
                except ValueError as error:
                    raise CommandError(str(error)) from None
        self.stderr.write(
            f"ranking {len(queries)} queries over {len(records)} claims "
            + ("with the sentence encoder" if encoder else "lexically (no sentence encoder installed or --lexical)")
        )

        def progress(done: int, total: int) -> None:
            self.stderr.write(f"\rencoded {done}/{total} claims", ending="")
            self.stderr.flush()

        ranker = ClaimRanker(records, encoder=encoder, progress=progress)
        if encoder:
            self.stderr.write("")
        tag = "claimtrack-fused" if encoder else "claimtrack-bm25"
        with options["out"].open("w", encoding="utf-8") as out:
            for number, (query_id, text, *_rest) in enumerate(queries, 1):
                for rank, hit in enumerate(ranker.rank(text, limit=options["top"]), 1):
                    out.write(f"{query_id}\tQ0\t{hit.claim.key}\t{rank}\t{hit.score:.6f}\t{tag}\n")
                if number % 100 == 0:
                    self.stderr.write(f"ranked {number}/{len(queries)} queries")
        if vector_file is not None:
            vector_file.save()
        self.stdout.write(f"wrote top {options['top']} for {len(queries)} queries to {options['out']}")
        sys.stdout.flush()
