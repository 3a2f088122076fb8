"""Ingestion end to end: news documents of ~700 words POSTed to the API (gunicorn), processed by Celery
workers on this machine; documents per second until all are done, worker memory, and where the time goes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench_ingest REDIS_URL=redis://127.0.0.1:6379/10 \\
        .venv/bin/python bench/ingestion.py --documents 1000 --backend parse

The database is wiped and the Redis db is purged. Two prefork workers run extraction and its
follow-ups (flagging, source suggestions, cross-document matching) as in production. Where the time
goes comes from the workers' own log of each task's run time, summed per task. The workers inherit
CLAIMTRACK_MATCH_EMBEDDINGS; the JSON says whether matching used the sentence encoder.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import django_setup, latency_summary, require_scratch_database, write_result  # noqa: E402

TASK_LINE = re.compile(r"Task (?P<name>[\w.]+)\[[\w-]+\] succeeded in (?P<seconds>[\d.]+)s")
TASK_FAILED = re.compile(r"Task (?P<name>[\w.]+)\[[\w-]+\] raised unexpected: (?P<error>\w+)")


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def process_tree(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    children = [int(p) for p in out.split()]
    return [pid, *[grand for child in children for grand in process_tree(child)]]


class MemorySampler(threading.Thread):
    """Samples the resident memory of every worker process once a second."""

    def __init__(self, pids: list[int]):
        super().__init__(daemon=True)
        self.pids = pids
        self.samples: list[tuple[float, int, int]] = []  # (t, total KiB, largest process KiB)
        self.stopped = threading.Event()
        self.started_at = time.monotonic()

    def run(self) -> None:
        while not self.stopped.wait(1.0):
            sizes = [rss_kib(p) for root in self.pids for p in process_tree(root)]
            self.samples.append((time.monotonic() - self.started_at, sum(sizes), max(sizes, default=0)))


def service_env(backend: str) -> dict:
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnop"),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_STATIC_MANIFEST": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_CONN_MAX_AGE": "600",
        "CLAIMTRACK_EXTRACTION_BACKEND": backend,
        "CLAIMTRACK_API_RATE": "100000000/minute",
        "CLAIMTRACK_API_WRITE_RATE": "100000000/minute",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--words", type=int, default=700)
    parser.add_argument("--backend", choices=["parse", "rules"], default="parse")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (prefork concurrency)")
    parser.add_argument("--posters", type=int, default=4, help="concurrent POSTing clients")
    parser.add_argument("--port", type=int, default=8873)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--timeout", type=int, default=1800)
    parser.add_argument(
        "--with-follow-ups",
        action="store_true",
        help="the workers also run flagging, suggestions and matching (by default those go to a queue not served here)",
    )
    parser.add_argument(
        "--follow-up-timeout", type=int, default=300, help="stop waiting for follow-up tasks this long after extraction"
    )
    args = parser.parse_args()
    # A SIGTERM (a timeout, ^C from a wrapper) still stops the server and workers this run started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    django_setup()
    database = require_scratch_database()
    import httpx
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db.models import Count, Max, Min

    from bench.newsgen import documents as synthetic_documents
    from claims.matching.embeddings import model_directory
    from claims.models import Claim, Document
    from config.celery import app as celery_app
    from sources.services import sources_load_defaults
    from verification.models import ApiToken, ReviewItem
    from verification.roles import API_CLIENTS
    from verification.tokens import api_token_create

    if settings.CELERY_TASK_ALWAYS_EAGER:
        sys.exit("set REDIS_URL: the benchmark needs a real broker and workers")
    print(f"preparing {database}: flush, migrate, default sources")
    call_command("flush", "--noinput", verbosity=0)
    call_command("migrate", verbosity=0)
    sources_load_defaults()
    celery_app.control.purge()
    user, _ = User.objects.get_or_create(username="bench-ingest-client")
    user.groups.add(Group.objects.get_or_create(name=API_CLIENTS)[0])
    token = api_token_create(user=user, name="ingestion benchmark", scope=ApiToken.Scope.READ_WRITE).secret
    texts = synthetic_documents(args.documents, seed=args.seed, words=args.words)
    words = statistics.mean(len(t.split()) for t in texts)

    env = service_env(args.backend)
    log_file = tempfile.NamedTemporaryFile(prefix="ingest-worker-", suffix=".log", delete=False)  # noqa: SIM115
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config" if args.with_follow_ups else "scripts.chaos_celery_app",
            "worker",
            "-Q",
            "celery",
            "-c",
            str(args.workers),
            "-n",
            f"ingest-bench-{os.getpid()}@%h",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        base_url = f"http://127.0.0.1:{args.port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base_url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not come up")
            time.sleep(0.5)
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(timeout=1.0):
            if time.monotonic() > deadline:
                raise RuntimeError("the worker did not come up")
        sampler = MemorySampler([worker.pid])
        sampler.start()
        print(f"POSTing {len(texts)} documents of ~{words:.0f} words with {args.posters} clients")

        post_latencies: list[float] = []
        post_codes: dict[int, int] = defaultdict(int)
        headers = {"Authorization": f"Bearer {token}"}

        def post(text: str) -> None:
            with httpx.Client(base_url=base_url, headers=headers, timeout=60) as http:
                began = time.perf_counter()
                response = http.post("/api/v1/documents/", json={"text": text, "title": text.split("\n")[0]})
                post_latencies.append(time.perf_counter() - began)
                post_codes[response.status_code] += 1

        started = time.monotonic()
        with ThreadPoolExecutor(args.posters) as pool:
            list(pool.map(post, texts))
        posted_s = time.monotonic() - started
        print(f"posted in {posted_s:.1f} s ({len(texts) / posted_s:.1f} documents/s): {dict(post_codes)}")

        progress = []
        while time.monotonic() - started < args.timeout:
            left = Document.objects.filter(status__in=[Document.Status.PENDING, Document.Status.PROCESSING]).count()
            progress.append((round(time.monotonic() - started, 1), left))
            if left == 0:
                break
            time.sleep(1)
        extracted_s = time.monotonic() - started
        # The follow-up tasks (flagging, suggestions, matching) finish after the last extraction.
        follow_up_deadline = time.monotonic() + (args.follow_up_timeout if args.with_follow_ups else 0)
        follow_ups_left = None
        while time.monotonic() < follow_up_deadline:
            stats = celery_app.control.inspect(timeout=1.0)
            active = stats.active() or {}
            reserved = stats.reserved() or {}
            busy = sum(len(v) for v in active.values()) + sum(len(v) for v in reserved.values())
            with celery_app.connection_for_write() as conn:
                queued = conn.default_channel.client.llen("celery")
            follow_ups_left = busy + queued
            if follow_ups_left == 0 or time.monotonic() >= follow_up_deadline:
                break
            time.sleep(1)
        all_done_s = time.monotonic() - started
        sampler.stopped.set()
        sampler.join()
    finally:
        with celery_app.connection_for_write() as conn:
            conn.default_channel.client.delete("follow-ups")
        for proc in (server, worker):
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for proc in (server, worker):
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)

    statuses = dict(Document.objects.values_list("status").annotate(n=Count("id")))
    processed = Document.objects.filter(processed_at__isnull=False)
    span = processed.aggregate(first=Min("created_at"), last=Max("processed_at"))
    latencies = [(d.processed_at - d.created_at).total_seconds() for d in processed.only("created_at", "processed_at")]
    per_task: dict[str, list[float]] = defaultdict(list)
    failures: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for line in Path(log_file.name).read_text(errors="replace").splitlines():
        found = TASK_LINE.search(line)
        if found:
            per_task[found["name"]].append(float(found["seconds"]))
        failed = TASK_FAILED.search(line)
        if failed:
            failures[failed["name"]][failed["error"]] += 1
    busy_total = sum(sum(v) for v in per_task.values())
    where = {
        name: {
            "tasks": len(seconds),
            "total_s": round(sum(seconds), 1),
            "share_of_worker_time": round(sum(seconds) / busy_total, 3) if busy_total else None,
            "mean_ms": round(1000 * statistics.mean(seconds), 1),
            "p95_ms": round(1000 * sorted(seconds)[int(0.95 * (len(seconds) - 1))], 1),
        }
        for name, seconds in sorted(per_task.items(), key=lambda kv: -sum(kv[1]))
    }
    memory = sampler.samples
    result = {
        "documents": len(texts),
        "mean_words": round(words),
        "backend": args.backend,
        "worker_processes": args.workers,
        "follow_up_tasks": "run by the same workers" if args.with_follow_ups else "routed to a queue not served here",
        "match_embeddings": settings.CLAIMTRACK_MATCH_EMBEDDINGS and model_directory() is not None,
        "load_average": os.getloadavg(),
        "posting_clients": args.posters,
        "post_seconds": round(posted_s, 1),
        "post_documents_per_second": round(len(texts) / posted_s, 1),
        "post_latency": latency_summary(post_latencies),
        "post_statuses": dict(post_codes),
        "seconds_until_all_extracted": round(extracted_s, 1),
        "documents_per_second": round(len(texts) / extracted_s, 2),
        "seconds_until_follow_ups_done": round(all_done_s, 1) if follow_ups_left == 0 else None,
        "follow_up_tasks_left_when_stopped": follow_ups_left,
        "task_failures": {name: dict(errors) for name, errors in failures.items()},
        "documents_per_second_including_follow_ups": round(len(texts) / all_done_s, 2)
        if follow_ups_left == 0
        else None,
        "target_documents_per_second": 10,
        "statuses": statuses,
        "claims": Claim.objects.count(),
        "review_items": ReviewItem.objects.count(),
        "document_latency_s": {k: round(v / 1000, 2) for k, v in latency_summary(latencies).items()},
        "first_created_to_last_processed_s": round((span["last"] - span["first"]).total_seconds(), 1)
        if span["last"]
        else None,
        "worker_memory_mib": {
            "peak_total": round(max((s[1] for s in memory), default=0) / 1024, 1),
            "peak_largest_process": round(max((s[2] for s in memory), default=0) / 1024, 1),
            "at_end_total": round(memory[-1][1] / 1024, 1) if memory else None,
            "at_start_total": round(memory[0][1] / 1024, 1) if memory else None,
        },
        "where_the_time_goes": where,
        "worker_busy_seconds": round(busy_total, 1),
    }
    print(
        f"{len(texts)} documents extracted in {extracted_s:.1f} s = {result['documents_per_second']} documents/s "
        f"({result['documents_per_second_including_follow_ups']}/s with follow-ups); statuses {statuses}"
    )
    if follow_ups_left:
        print(f"stopped waiting with {follow_ups_left} follow-up tasks left; failures: {result['task_failures']}")
    print(
        f"worker memory: peak {result['worker_memory_mib']['peak_total']} MiB total, "
        f"largest process {result['worker_memory_mib']['peak_largest_process']} MiB"
    )
    for name, figures in where.items():
        print(
            f"  {name:<45} {figures['tasks']:>5} tasks {figures['total_s']:>8} s "
            f"({100 * (figures['share_of_worker_time'] or 0):.0f}%) mean {figures['mean_ms']} ms"
        )
    # The two modes answer different questions, so each keeps its own latest result.
    write_result("ingestion_follow_ups" if args.with_follow_ups else "ingestion", result)


if __name__ == "__main__":
    main()
