"""Fault run: kill -9 Celery worker processes while documents are processed; nothing may be lost or doubled.

Usage (a scratch PostgreSQL database and a Redis db of its own; both are wiped):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_chaos REDIS_URL=redis://127.0.0.1:6379/9 \
        .venv/bin/python scripts/chaos_worker_kill.py --documents 1000 --kills 5

Starts two prefork workers, stores the documents (each enqueues its extraction on commit), kills a random
worker process (a pool child or a worker's main process) with SIGKILL at intervals, restarting main
processes, then checks that every document was processed exactly once, that no claim is duplicated, and
that each document holds the claims a clean run finds. Prints the figures and writes
bench/results/chaos_worker_kill.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "chaos-run-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
# Short limits so a task lost with a killed main process comes back within minutes, not hours.
os.environ.setdefault("CELERY_TASK_SOFT_TIME_LIMIT", "40")
os.environ.setdefault("CELERY_TASK_TIME_LIMIT", "60")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402

from bench.newsgen import documents as synthetic_documents  # noqa: E402
from claims.extraction_runner import run_extraction  # noqa: E402
from claims.models import Claim, Document  # noqa: E402
from claims.services import document_create, documents_sweep_stuck  # noqa: E402
from config.celery import app as celery_app  # noqa: E402
from sources.services import sources_load_defaults  # noqa: E402
from verification.models import Event  # noqa: E402


def start_worker(name: str, app: str = "config") -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", app, "worker", "-Q", "celery", "-c", "2", "-n", f"{name}@%h"]
        + ["--loglevel=WARNING"],
        cwd=ROOT,
        env=os.environ.copy(),
    )


def pool_children(parent_pid: int) -> list[int]:
    try:
        out = subprocess.run(["pgrep", "-P", str(parent_pid)], capture_output=True, text=True).stdout
    except FileNotFoundError:
        return []
    return [int(pid) for pid in out.split()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--words", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--timeout", type=int, default=1800, help="give up after this many seconds")
    parser.add_argument(
        "--with-follow-ups",
        action="store_true",
        help="let the workers also run flagging, suggestions and matching (by default they go to a queue nobody serves)",
    )
    args = parser.parse_args()
    # A SIGTERM (a timeout) still stops the workers this run started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    app = "config" if args.with_follow_ups else "scripts.chaos_celery_app"
    rng = random.Random(args.seed)

    call_command("flush", "--noinput", verbosity=0)
    call_command("migrate", verbosity=0)
    sources_load_defaults()
    celery_app.control.purge()

    workers: dict[str, subprocess.Popen] = {}
    try:
        workers.update({f"chaos{i}": start_worker(f"chaos{i}", app) for i in range(2)})
        started = time.monotonic()
        texts = synthetic_documents(args.documents, seed=args.seed, words=args.words)
        for text in texts:
            document_create(text=text, title="chaos")
        print(f"stored {len(texts)} documents in {time.monotonic() - started:.1f} s")

        kills, log = 0, []
        next_kill = time.monotonic() + rng.uniform(3, 8)
        next_sweep = time.monotonic() + 60
        while time.monotonic() - started < args.timeout:
            left = Document.objects.filter(status__in=["pending", "processing"]).count()
            if left == 0:
                break
            now = time.monotonic()
            if kills < args.kills and now >= next_kill:
                name = rng.choice(sorted(workers))
                parent = workers[name]
                children = pool_children(parent.pid)
                if children and rng.random() < 0.6:
                    victim, what = rng.choice(children), "pool child"
                else:
                    victim, what = parent.pid, "main process"
                os.kill(victim, signal.SIGKILL)
                kills += 1
                log.append({"at_s": round(now - started, 1), "worker": name, "killed": what, "pending": left})
                print(f"kill {kills}: SIGKILL {what} {victim} of {name} ({left} documents left)")
                if what == "main process":
                    parent.wait()
                    for child in children:  # orphans of a killed main process are not left running
                        try:
                            os.kill(child, signal.SIGKILL)
                        except ProcessLookupError:
                            pass
                    workers[name] = start_worker(name, app)
                next_kill = now + rng.uniform(5, 15)
            # The beat sweeper's job, on its own schedule: documents whose message died with a process come back.
            if now >= next_sweep:
                documents_sweep_stuck(older_than=timedelta(seconds=120))
                next_sweep = now + 60
            time.sleep(1)
        elapsed = time.monotonic() - started
    finally:
        leftovers = [child for proc in workers.values() for child in pool_children(proc.pid)]
        for proc in workers.values():
            proc.terminate()
        for proc in workers.values():
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        for child in leftovers:
            try:
                os.kill(child, signal.SIGKILL)
            except ProcessLookupError:
                pass
        with celery_app.connection_for_write() as conn:
            conn.default_channel.client.delete("follow-ups")

    statuses = dict(Document.objects.values_list("status").annotate(n=Count("id")))
    extracted_events = Event.objects.filter(verb="document.extracted").values("object_id").annotate(n=Count("id"))
    processed_twice = [row["object_id"] for row in extracted_events if row["n"] > 1]
    duplicate_claims = (
        Claim.objects.values("document_id", "sentence_start", "kind", "claimant_name", "text_start")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    sample = list(Document.objects.order_by("?")[:100])
    mismatched = [d.pk for d in sample if d.claims.count() != len(run_extraction(d.text).claims)]
    result = {
        "documents": args.documents,
        "backend": os.environ.get("CLAIMTRACK_EXTRACTION_BACKEND") or "default",
        "follow_up_tasks": "run by the same workers"
        if args.with_follow_ups
        else "routed to a queue not served in this run",
        "kills": log,
        "seconds": round(elapsed, 1),
        "statuses": statuses,
        "processed_more_than_once": len(processed_twice),
        "duplicate_claims": duplicate_claims,
        "sample_checked": len(sample),
        "sample_claim_count_mismatches": len(mismatched),
        "ok": statuses.get("done", 0) + statuses.get("unsupported", 0) == args.documents
        and not processed_twice
        and duplicate_claims == 0
        and not mismatched,
    }
    print(json.dumps(result, indent=2))
    out = ROOT / "bench" / "results" / "chaos_worker_kill.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    sys.exit(0 if result["ok"] else 1)


if __name__ == "__main__":
    main()
