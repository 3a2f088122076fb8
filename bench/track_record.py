"""Source track records: the per-claim update a published verdict triggers, against the nightly full recompute.

Fills a scratch database with sources, claims (claimant, body, agency and outlet) and published
verdicts, then reports: the full recompute from empty and with nothing to change; the latency of
the incremental update for newly published claims; and whether the two give the same records.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench_sources \\
        .venv/bin/python bench/track_record.py --claims 20000 --sources 200 --updates 200
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import Stopwatch, django_setup, latency_summary, require_scratch_database, write_result  # noqa: E402

RATINGS = ["true", "mostly_true", "mixed", "mostly_false", "false", "unverifiable"]


def prepare(claims: int, sources: int, rng: random.Random) -> list[int]:
    """Wipe and fill; returns the ids of claims that have no verdict yet (for the incremental run)."""
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from claims.models import Attribution, Claim, Document, content_hash
    from sources.models import Source
    from verification.models import Verdict

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE claims_document, claims_claim, claims_attribution, verification_verdict, verification_event, "
            "sources_source, sources_sourceclaimoutcome, sources_sourcetrackrecord RESTART IDENTITY CASCADE"
        )
    reviewer, _ = User.objects.get_or_create(username="bench-reviewer")
    approver, _ = User.objects.get_or_create(username="bench-approver")
    kinds = ["government_body", "military", "official_person", "news_agency", "news_outlet"]
    registry = Source.objects.bulk_create(
        [Source(name=f"Bench source {n}", slug=f"bench-source-{n}", kind=kinds[n % len(kinds)]) for n in range(sources)]
    )
    start = datetime(2026, 1, 1, tzinfo=UTC)
    documents = Document.objects.bulk_create(
        [
            Document(
                text=(text := f"Track record benchmark document {n}."),
                content_hash=content_hash(text),
                status=Document.Status.DONE,
                outlet=rng.choice(registry),
                published_at=start + timedelta(hours=n),
            )
            for n in range(claims // 10 + 1)
        ],
        batch_size=2000,
    )
    rows = Claim.objects.bulk_create(
        [
            Claim(
                document=documents[n // 10],
                key=f"c{n % 10}",
                sentence="The ministry said a depot was hit.",
                sentence_start=0,
                sentence_end=34,
                text="a depot was hit",
                claimant=rng.choice(registry),
                claimant_body=rng.choice([None, *registry[:20]]),
                kind="denial" if n % 9 == 8 else "claim",
            )
            for n in range(claims)
        ],
        batch_size=2000,
    )
    Attribution.objects.bulk_create(
        [Attribution(claim=c, position=1, role="agency", name="wire", source=rng.choice(registry)) for c in rows],
        batch_size=2000,
    )
    published = rows[: int(len(rows) * 0.7)]
    Verdict.objects.bulk_create(
        [
            Verdict(
                claim=c,
                rating=rng.choice(RATINGS),
                credibility=3,
                rationale="bench",
                state="published",
                reviewer=reviewer,
                approver=approver,
                published_at=start,
            )
            for c in published
        ],
        batch_size=2000,
    )
    return [c.pk for c in rows[len(published) :]]


def snapshot():
    from sources.models import SourceTrackRecord

    fields = [f.name for f in SourceTrackRecord._meta.fields if f.name not in ("id", "updated_at")]
    return sorted(tuple(str(r[f]) for f in fields) for r in SourceTrackRecord.objects.values(*fields))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=20000)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--updates", type=int, default=200)
    args = parser.parse_args()
    django_setup()
    database = require_scratch_database()

    from django.contrib.auth.models import User

    from sources.services import track_record_update, track_records_recompute_all
    from verification.models import Verdict

    rng = random.Random(3)
    unrated = prepare(args.claims, args.sources, rng)

    clock = Stopwatch()
    written = track_records_recompute_all()
    full_from_empty = clock()
    clock = Stopwatch()
    unchanged = track_records_recompute_all()
    full_nothing_to_do = clock()

    reviewer, approver = User.objects.get(username="bench-reviewer"), User.objects.get(username="bench-approver")
    latencies = []
    for claim_id in unrated[: args.updates]:
        Verdict.objects.create(
            claim_id=claim_id,
            rating=rng.choice(RATINGS),
            credibility=3,
            rationale="bench",
            state="published",
            reviewer=reviewer,
            approver=approver,
            published_at=datetime.now(UTC),
        )
        clock = Stopwatch()
        track_record_update(claim_id=claim_id)
        latencies.append(clock())
    incremental = snapshot()
    clock = Stopwatch()
    changed_by_full = track_records_recompute_all()
    full_after = clock()
    equal = snapshot() == incremental

    result = {
        "database": database,
        "claims": args.claims,
        "sources": args.sources,
        "published_verdicts": Verdict.objects.filter(state="published").count(),
        "records_written_from_empty": written,
        "full_recompute_from_empty_s": round(full_from_empty, 2),
        "full_recompute_nothing_to_change_s": round(full_nothing_to_do, 2),
        "records_changed_by_second_full_pass": unchanged,
        "incremental_updates": len(latencies),
        "incremental_update": latency_summary(latencies),
        "full_recompute_after_incremental_s": round(full_after, 2),
        "records_changed_by_full_after_incremental": changed_by_full,
        "incremental_equals_full": equal,
    }
    for key, value in result.items():
        print(f"{key}: {value}")
    write_result("track_record", result)


if __name__ == "__main__":
    main()
