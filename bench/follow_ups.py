"""The follow-up tasks of ingestion, in one process: seconds and queries per story for each task.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench_ingest REDIS_URL=redis://127.0.0.1:6379/10 \\
        .venv/bin/python bench/follow_ups.py --documents 200

The database is wiped. Each synthetic story (bench/newsgen.py, the stories bench/ingestion.py POSTs)
is stored, extracted, then flagged, searched for source suggestions and matched against the stories
before it, one after the other, as one worker would run them. No worker runs: what the services
enqueue goes to the Redis db and is purged. The figures are the tasks' own cost (wall and CPU time
of this process, queries sent), steadier than the end-to-end benchmark on a shared machine. Pass --profile to print where the time of each task
goes (cProfile, cumulative). Matching encodes texts with the sentence encoder where it is installed,
unless CLAIMTRACK_MATCH_EMBEDDINGS=0 (as in the quickstart and CI); the JSON says which was measured.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import os
import pstats
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import django_setup, require_scratch_database, write_result  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--words", type=int, default=700)
    parser.add_argument("--backend", choices=["parse", "rules"], default="parse")
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--runs", type=int, default=1, help="repeat the whole run; medians are reported")
    parser.add_argument("--profile", action="store_true", help="print the top functions of each task (cProfile)")
    args = parser.parse_args()

    django_setup()
    database = require_scratch_database()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.newsgen import documents as synthetic_documents
    from claims.extraction_runner import run_extraction
    from claims.matching.embeddings import model_directory
    from claims.matching.retrieval import _FREQUENT as frequent_words
    from claims.matching.services import document_match_claims
    from claims.models import Claim, ClaimLink, Document
    from claims.services import document_create, document_store_extraction
    from config.celery import app as celery_app
    from sources.services import sources_load_defaults, sources_suggest_from_document
    from verification.models import Event, Flag, ReviewItem
    from verification.services import document_flag_claims

    if settings.CELERY_TASK_ALWAYS_EAGER:
        sys.exit("set REDIS_URL: without a broker the services would run every follow-up task eagerly")
    texts = synthetic_documents(args.documents, seed=args.seed, words=args.words)
    tasks = {
        "extract": lambda d: document_store_extraction(document=d, result=run_extraction(d.text, backend=args.backend)),
        "flag": lambda d: document_flag_claims(document_id=d.pk),
        "suggest_sources": lambda d: sources_suggest_from_document(document_id=d.pk),
        "match": lambda d: document_match_claims(document_id=d.pk),
    }
    runs = []
    profiles = {name: cProfile.Profile() for name in tasks}
    for run in range(args.runs):
        print(f"run {run + 1}: preparing {database}: flush, migrate, default sources")
        call_command("flush", "--noinput", verbosity=0)
        call_command("migrate", verbosity=0)
        sources_load_defaults()
        celery_app.control.purge()
        # Statistics of the empty table, read afresh: candidate search leaves out the words these say
        # are frequent, so every run (and every version of the code) searches with the same words.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_claim")
        frequent_words["at"] = 0.0
        wall: dict[str, list[float]] = defaultdict(list)
        cpu: dict[str, list[float]] = defaultdict(list)
        queries: dict[str, list[int]] = defaultdict(list)
        for text in texts:
            # The tasks are enqueued on commit; here they run right after, in the order a worker takes them.
            document = document_create(text=text, title=text.split("\n")[0]).document
            for name, task in tasks.items():
                document = Document.objects.get(pk=document.pk)
                # The log keeps the last 9,000 queries only; emptied per task so every count is whole.
                connection.queries_log.clear()
                with CaptureQueriesContext(connection) as captured:
                    began, began_cpu = time.perf_counter(), time.process_time()
                    if args.profile:
                        profiles[name].runcall(task, document)
                    else:
                        task(document)
                    wall[name].append(time.perf_counter() - began)
                    cpu[name].append(time.process_time() - began_cpu)
                queries[name].append(len(captured))
        figures = {
            name: {
                "mean_wall_ms": round(1000 * statistics.mean(wall[name]), 1),
                "mean_cpu_ms": round(1000 * statistics.mean(cpu[name]), 1),
                "p95_wall_ms": round(1000 * sorted(wall[name])[int(0.95 * (len(wall[name]) - 1))], 1),
                "mean_queries": round(statistics.mean(queries[name]), 1),
                "max_queries": max(queries[name]),
            }
            for name in tasks
        }
        follow_ups = sum(figures[name]["mean_wall_ms"] for name in ("flag", "suggest_sources", "match"))
        runs.append(
            {
                "tasks": figures,
                "follow_ups_wall_ms_per_story": round(follow_ups, 1),
                "all_tasks_wall_ms_per_story": round(follow_ups + figures["extract"]["mean_wall_ms"], 1),
            }
        )
        for name, row in figures.items():
            print(
                f"  {name:<16} wall {row['mean_wall_ms']:>7} ms (p95 {row['p95_wall_ms']}) "
                f"cpu {row['mean_cpu_ms']:>7} ms  queries {row['mean_queries']:>6} (max {row['max_queries']})"
            )
        print(f"  follow-ups {follow_ups:.1f} ms per story (load average {os.getloadavg()[0]:.1f})")
    celery_app.control.purge()
    # Ids differ between databases; documents' titles, claims' keys and link fields do not, so two
    # versions of the code that make the same links give the same digest.
    link_rows = sorted(
        ClaimLink.objects.values_list(
            "from_claim__document__title",
            "from_claim__key",
            "to_claim__document__title",
            "to_claim__key",
            "relation",
            "status",
            "confidence",
        )
    )
    produced = {
        "links_digest": hashlib.sha256(repr(link_rows).encode()).hexdigest()[:16],
        "claims": Claim.objects.count(),
        "links": ClaimLink.objects.count(),
        "flags": Flag.objects.count(),
        "review_items": ReviewItem.objects.count(),
        "events": Event.objects.count(),
    }
    print(f"produced by the last run: {produced}")
    medians = {
        name: {key: statistics.median(run["tasks"][name][key] for run in runs) for key in runs[0]["tasks"][name]}
        for name in tasks
    }
    if args.profile:
        for name, profile in profiles.items():
            print(f"\n== {name} ==")
            pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
    write_result(
        "follow_ups_in_process",
        {
            "documents": len(texts),
            "backend": args.backend,
            "runs": runs,
            "median_tasks": medians,
            "median_follow_ups_wall_ms_per_story": statistics.median(r["follow_ups_wall_ms_per_story"] for r in runs),
            "match_embeddings": settings.CLAIMTRACK_MATCH_EMBEDDINGS and model_directory() is not None,
            "load_average": os.getloadavg(),
            "produced_by_last_run": produced,
        },
    )


if __name__ == "__main__":
    main()
