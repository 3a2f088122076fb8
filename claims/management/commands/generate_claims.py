"""Bulk-load synthetic claims with PostgreSQL COPY, for matching benchmarks at scale.

manage.py generate_claims --claims 1000000 [--per-document 10] [--seed 11]
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from claims.matching.synthetic import ClaimWriter
from claims.models import content_hash

BATCH_DOCUMENTS = 5000


class Command(BaseCommand):
    help = "Add N synthetic claims (in documents of --per-document claims) with COPY; PostgreSQL only."

    def add_arguments(self, parser):
        parser.add_argument("--claims", type=int, required=True)
        parser.add_argument("--per-document", type=int, default=10)
        parser.add_argument("--seed", type=int, default=11)
        parser.add_argument("--days", type=int, default=365, help="spread creation times over this many days")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("generate_claims writes with COPY and needs PostgreSQL")
        total, per_document = options["claims"], max(1, options["per_document"])
        writer = ClaimWriter(seed=options["seed"])
        started = time.perf_counter()
        now = datetime.now(UTC)
        span = timedelta(days=options["days"]).total_seconds()
        written = 0
        run = f"{options['seed']}-{int(started * 1000)}"
        while written < total:
            with transaction.atomic():
                cursor = connection.cursor().cursor
                cursor.execute("SELECT COALESCE(MAX(id), 0) FROM claims_document")
                next_document = cursor.fetchone()[0] + 1
                documents, claims = [], []
                for d in range(BATCH_DOCUMENTS):
                    if written >= total:
                        break
                    count = min(per_document, total - written)
                    at = now - timedelta(seconds=span * (1 - (written / total)))
                    rows = [writer.claim() for _ in range(count)]
                    text = " ".join(sentence for sentence, _, _ in rows)
                    document_id = next_document + d
                    marker = f"synthetic {run} {document_id}"
                    documents.append(
                        (
                            document_id,
                            f"synthetic:{run}:{document_id}",
                            f"Wire story {document_id}",
                            text,
                            content_hash(f"{text}\n{marker}"),
                            "en",
                            "cli",
                            "done",
                            at,
                            at,
                            at,
                            "",
                            "",
                            "",
                            "",
                            "",
                        )
                    )
                    offset = 0
                    for position, (sentence, claimant, body) in enumerate(rows):
                        claims.append(
                            (
                                document_id,
                                f"c{position + 1}",
                                position,
                                sentence,
                                offset,
                                offset + len(sentence),
                                sentence,
                                claimant,
                                body,
                                "claim",
                                "unreviewed",
                                at,
                                at,
                                "",
                                1.0,
                                False,
                                "",
                                "machine",
                                "",
                            )
                        )
                        offset += len(sentence) + 1
                    written += count
                with cursor.copy(
                    "COPY claims_document (id, external_id, title, text, content_hash, language, channel, status, "
                    "published_at, created_at, updated_at, url, raw_html, error, extractor_version, extractor_backend) FROM STDIN"
                ) as copy:
                    for row in documents:
                        copy.write_row(row)
                with cursor.copy(
                    "COPY claims_claim (document_id, key, position, sentence, sentence_start, sentence_end, text, "
                    "claimant_name, claimant_body_name, kind, status, created_at, updated_at, cue_verb, confidence, disputed, "
                    "rating, origin, extractor_version) FROM STDIN"
                ) as copy:
                    for row in claims:
                        copy.write_row(row)
            self.stderr.write(f"{written:,}/{total:,} claims ({time.perf_counter() - started:.0f} s)")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('claims_document', 'id'), MAX(id)) FROM claims_document"
            )
            cursor.execute("ANALYZE claims_claim")
        elapsed = time.perf_counter() - started
        self.stdout.write(f"generated {written:,} claims in {elapsed:.1f} s ({written / elapsed:,.0f} claims/s)")
