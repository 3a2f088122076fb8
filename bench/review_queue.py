"""Review queue under contention: N checkers (separate processes, own connections) take items until the
queue is empty. Reports takes per second, per-take latency and duplicates (must be 0).

Each take is the real service call, review_item_take_next: SELECT ... FOR UPDATE SKIP LOCKED, the
conditional UPDATE, the claim's status and the audit Event, in one transaction.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench_queue \\
        .venv/bin/python bench/review_queue.py --items 20000 --takers 16 --runs 3

The database is wiped and filled with documents, claims and queued review items.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import django_setup, latency_summary, require_scratch_database, write_result  # noqa: E402

CLAIMS_PER_DOCUMENT = 100


def prepare(items: int, takers: int) -> None:
    """Wipe the review tables and create the documents, claims, items and checkers."""
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection

    from claims.models import Claim, Document, content_hash
    from verification.models import ReviewItem
    from verification.roles import FACT_CHECKERS

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE claims_document, claims_claim, verification_reviewitem, verification_event RESTART IDENTITY CASCADE"
        )
    group, _ = Group.objects.get_or_create(name=FACT_CHECKERS)
    for n in range(takers):
        user, _ = User.objects.get_or_create(username=f"bench-checker-{n}")
        user.groups.add(group)
    rng = random.Random(5)
    documents = []
    for n in range((items + CLAIMS_PER_DOCUMENT - 1) // CLAIMS_PER_DOCUMENT):
        text = f"Queue benchmark document {n}. The governor said drones hit a depot."
        documents.append(Document(text=text, content_hash=content_hash(text), status=Document.Status.DONE))
    Document.objects.bulk_create(documents, batch_size=1000)
    claims = []
    for n in range(items):
        document = documents[n // CLAIMS_PER_DOCUMENT]
        claims.append(
            Claim(
                document=document,
                key=f"c{n % CLAIMS_PER_DOCUMENT + 1}",
                position=n % CLAIMS_PER_DOCUMENT,
                sentence="The governor said drones hit a depot.",
                sentence_start=0,
                sentence_end=38,
                text="drones hit a depot",
                claimant_name="governor",
                status=Claim.Status.FLAGGED,
            )
        )
    Claim.objects.bulk_create(claims, batch_size=2000)
    ReviewItem.objects.bulk_create(
        [ReviewItem(claim=claim, priority=round(rng.uniform(0, 100), 2)) for claim in claims], batch_size=2000
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def reset() -> None:
    """Every item queued again and the take events gone, so each run starts from the same queue."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE verification_reviewitem SET state = 'queued', assignee_id = NULL, lease_expires_at = NULL"
        )
        cursor.execute("UPDATE claims_claim SET status = 'flagged'")
        cursor.execute("TRUNCATE verification_event")
        cursor.execute("VACUUM ANALYZE verification_reviewitem")
        cursor.execute("VACUUM ANALYZE claims_claim")


def taker(username: str, start, results) -> None:
    """One checker: take the next item until the queue is empty; report what was taken and how long each took."""
    django_setup()
    from django.contrib.auth.models import User
    from django.db import connection

    from verification.services import review_item_take_next

    user = User.objects.get(username=username)
    connection.ensure_connection()
    start.wait()
    taken, latencies = [], []
    while True:
        began = time.perf_counter()
        item = review_item_take_next(user=user)
        if item is None:
            break
        latencies.append(time.perf_counter() - began)
        taken.append(item.pk)
    results.put((username, taken, latencies, time.perf_counter()))
    connection.close()


def run_once(items: int, takers: int) -> dict:
    from django.db import connection

    from verification.models import Event, ReviewItem

    reset()
    connection.close()  # children get their own connections; this one must not be inherited
    context = mp.get_context("spawn")
    start = context.Event()
    results = context.Queue()
    procs = [context.Process(target=taker, args=(f"bench-checker-{n}", start, results)) for n in range(takers)]
    for proc in procs:
        proc.start()
    time.sleep(3)  # every child has set Django up and connected before the clock starts
    began = time.perf_counter()
    start.set()
    collected = [results.get(timeout=600) for _ in procs]
    elapsed = max(finished for *_rest, finished in collected) - began
    for proc in procs:
        proc.join()

    all_taken = [pk for _user, taken, _lat, _f in collected for pk in taken]
    latencies = [s for _user, _taken, lat, _f in collected for s in lat]
    per_taker = sorted(len(taken) for _user, taken, _lat, _f in collected)
    in_progress = ReviewItem.objects.filter(state=ReviewItem.State.IN_PROGRESS).count()
    events = Event.objects.filter(verb="review_item.taken").count()
    return {
        "seconds": round(elapsed, 3),
        "takes": len(all_taken),
        "takes_per_second": round(len(all_taken) / elapsed, 1),
        "duplicates": len(all_taken) - len(set(all_taken)),
        "items_left_queued": ReviewItem.objects.filter(state=ReviewItem.State.QUEUED).count(),
        "items_in_progress": in_progress,
        "take_events": events,
        "takes_per_taker_min_max": [per_taker[0], per_taker[-1]],
        **latency_summary(latencies),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--takers", type=int, default=16)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--any-database", action="store_true", help="allow a database not named claimtrack_bench*")
    args = parser.parse_args()

    django_setup()
    database = require_scratch_database(allow_any=args.any_database)
    print(f"preparing {args.items:,} queued items for {args.takers} checkers in {database}")
    prepare(args.items, args.takers)
    runs = []
    for n in range(args.runs):
        run = run_once(args.items, args.takers)
        runs.append(run)
        print(
            f"run {n + 1}: {run['takes']:,} takes in {run['seconds']} s = {run['takes_per_second']:,} takes/s, "
            f"duplicates {run['duplicates']}, p50 {run['p50_ms']} ms, p95 {run['p95_ms']} ms, "
            f"left queued {run['items_left_queued']}, events {run['take_events']}"
        )
    median = statistics.median(run["takes_per_second"] for run in runs)
    duplicates = sum(run["duplicates"] for run in runs)
    consistent = all(
        run["takes"] == args.items == run["items_in_progress"] == run["take_events"] and run["items_left_queued"] == 0
        for run in runs
    )
    print(
        f"median {median:,} takes/s over {len(runs)} runs; duplicates {duplicates}; every item taken once: {consistent}"
    )
    write_result(
        "review_queue",
        {
            "items": args.items,
            "takers": args.takers,
            "mode": "processes, one connection each",
            "median_takes_per_second": median,
            "target_takes_per_second": 1000,
            "duplicates_total": duplicates,
            "every_item_taken_exactly_once": consistent,
            "runs": runs,
        },
    )


if __name__ == "__main__":
    main()
