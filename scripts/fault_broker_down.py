"""Fault run: the broker (Redis) goes down for 30 s during ingestion. The API must keep accepting
documents (stored pending, never lost), /healthz must say "degraded", and once Redis is back the
sweeper must enqueue what was stored meanwhile, so every document is processed exactly once.

Uses a Redis of its own on --redis-port (started and stopped here; the shared one is never touched)
and a scratch PostgreSQL database, which is wiped:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench_faults \\
        .venv/bin/python scripts/fault_broker_down.py --redis-port 6390

The beat sweeper re-enqueues documents pending for longer than 10 minutes; this run calls the same
service (documents_sweep_stuck) every 10 s with a 20 s threshold so the run takes minutes, not hours.
Prints a timeline and writes bench/results/fault_broker_down.json.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def start_redis(port: int, workdir: str) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            workdir,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        ping = subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True)
        if ping.stdout.strip() == "PONG":
            return proc
        time.sleep(0.2)
    raise RuntimeError(f"redis-server on {port} did not start")


def stop_process_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redis-port", type=int, default=6390)
    parser.add_argument("--port", type=int, default=8874, help="gunicorn port")
    parser.add_argument("--documents", type=int, default=150)
    parser.add_argument("--rate", type=float, default=2.5, help="documents POSTed per second")
    parser.add_argument("--down-after", type=float, default=15)
    parser.add_argument("--down-for", type=float, default=30)
    parser.add_argument("--timeout", type=int, default=900)
    args = parser.parse_args()
    if args.redis_port == 6379:
        sys.exit("use a Redis of this run's own, not the shared one on 6379")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    redis_url = f"redis://127.0.0.1:{args.redis_port}/0"
    os.environ["REDIS_URL"] = redis_url
    os.environ.pop("CELERY_BROKER_URL", None)
    from bench.harness import django_setup, require_scratch_database, write_result

    django_setup()
    require_scratch_database()
    import httpx
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db.models import Count

    from bench.newsgen import documents as synthetic_documents
    from claims.models import Document
    from claims.services import documents_sweep_stuck
    from sources.services import sources_load_defaults
    from verification.models import ApiToken, Event
    from verification.roles import API_CLIENTS
    from verification.tokens import api_token_create

    workdir = tempfile.mkdtemp(prefix="broker-down-")
    redis = start_redis(args.redis_port, workdir)
    call_command("flush", "--noinput", verbosity=0)
    call_command("migrate", verbosity=0)
    sources_load_defaults()
    user, _ = User.objects.get_or_create(username="fault-ingest-client")
    user.groups.add(Group.objects.get_or_create(name=API_CLIENTS)[0])
    token = api_token_create(user=user, name="broker-down run", scope=ApiToken.Scope.READ_WRITE).secret
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "ERROR",
        "CLAIMTRACK_EXTRACTION_BACKEND": "rules",
        "CLAIMTRACK_API_WRITE_RATE": "100000/minute",
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-c",
            "2",
            "-n",
            "broker-down@%h",
            "--loglevel=ERROR",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen(
        [
            gunicorn,
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            "2",
            "--log-level",
            "error",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base_url = f"http://127.0.0.1:{args.port}"
    timeline: list[dict] = []
    posts: list[dict] = []
    health: list[dict] = []
    started = time.monotonic()

    def log(event: str, **extra) -> None:
        entry = {"t": round(time.monotonic() - started, 1), "event": event, **extra}
        timeline.append(entry)
        print(f"[{entry['t']:>6.1f} s] {event} {extra if extra else ''}")

    stop_health = threading.Event()

    def watch_health() -> None:
        with httpx.Client(base_url=base_url, timeout=10) as http:
            while not stop_health.wait(1.0):
                try:
                    body = http.get("/healthz").json()
                    health.append(
                        {"t": round(time.monotonic() - started, 1), "status": body["status"], **body["checks"]}
                    )
                except (httpx.HTTPError, ValueError) as exc:
                    health.append({"t": round(time.monotonic() - started, 1), "status": f"error {exc}"})

    try:
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
        started = time.monotonic()
        watcher = threading.Thread(target=watch_health, daemon=True)
        watcher.start()
        log("posting documents", rate_per_s=args.rate, documents=args.documents)
        texts = synthetic_documents(args.documents, seed=33, words=250)
        broker_state = "up"
        with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
            for n, text in enumerate(texts):
                now = time.monotonic() - started
                if broker_state == "up" and now >= args.down_after:
                    redis.send_signal(signal.SIGKILL)
                    redis.wait()
                    broker_state = "down"
                    log("broker stopped (SIGKILL redis-server)")
                elif broker_state == "down" and now >= args.down_after + args.down_for:
                    redis = start_redis(args.redis_port, workdir)
                    broker_state = "back"
                    log("broker started again (empty: whatever was queued in it is gone)")
                began = time.perf_counter()
                try:
                    response = http.post("/api/v1/documents/", json={"text": text, "title": f"Broker run {n}"})
                    status = response.status_code
                    document_id = response.json().get("id") if status in (200, 202) else None
                except httpx.HTTPError as exc:
                    status, document_id = type(exc).__name__, None
                posts.append(
                    {
                        "t": round(now, 1),
                        "broker": broker_state,
                        "status": status,
                        "ms": round(1000 * (time.perf_counter() - began), 1),
                        "id": document_id,
                    }
                )
                time.sleep(max(0.0, (n + 1) / args.rate - (time.monotonic() - started)))
        if broker_state == "down":
            time.sleep(max(0.0, args.down_after + args.down_for - (time.monotonic() - started)))
            redis = start_redis(args.redis_port, workdir)
            log("broker started again (empty: whatever was queued in it is gone)")
        log("all documents posted", pending=Document.objects.filter(status="pending").count())

        # The sweeper, as beat runs it, until nothing is left pending or processing.
        sweeps = 0
        while time.monotonic() - started < args.timeout:
            left = Document.objects.filter(status__in=["pending", "processing"]).count()
            if left == 0:
                break
            swept = documents_sweep_stuck(older_than=timedelta(seconds=20))
            if swept:
                sweeps += 1
                log("sweeper re-enqueued documents", count=len(swept), left=left)
            time.sleep(10)
        log("all documents processed" if left == 0 else "gave up waiting", left=left)
    finally:
        stop_health.set()
        for proc in (server, worker):
            stop_process_group(proc)
        redis.terminate()
        redis.wait(timeout=10)

    by_phase = {
        phase: dict(Counter(str(p["status"]) for p in posts if p["broker"] == phase))
        for phase in ("up", "down", "back")
    }
    down_ms = sorted(p["ms"] for p in posts if p["broker"] == "down")
    health_down = Counter(
        h["status"] for h in health if args.down_after + 2 <= h["t"] <= args.down_after + args.down_for
    )
    health_after = [h["status"] for h in health if h["t"] > args.down_after + args.down_for + 5]
    stored_ids = {p["id"] for p in posts if p["id"]}
    statuses = dict(Document.objects.values_list("status").annotate(n=Count("id")))
    extracted_twice = (
        Event.objects.filter(verb="document.extracted")
        .values("object_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    server_errors = sum(1 for p in posts if not isinstance(p["status"], int) or p["status"] >= 500)
    result = {
        "documents_posted": len(posts),
        "broker_down_seconds": args.down_for,
        "post_statuses_by_broker_state": by_phase,
        "post_ms_while_down": {
            "median": down_ms[len(down_ms) // 2] if down_ms else None,
            "max": max(down_ms, default=None),
        },
        "server_errors": server_errors,
        "documents_stored": Document.objects.count(),
        "every_accepted_document_stored": stored_ids <= set(Document.objects.values_list("id", flat=True)),
        "statuses_at_end": statuses,
        "processed_more_than_once": extracted_twice,
        "healthz_while_down": dict(health_down),
        "healthz_after_recovery": dict(Counter(health_after)),
        "sweeps": sweeps,
        "timeline": timeline,
    }
    result["ok"] = bool(
        server_errors == 0
        and result["every_accepted_document_stored"]
        and statuses.get("done", 0) + statuses.get("unsupported", 0) == len(posts)
        and extracted_twice == 0
        and health_down.get("degraded", 0) > 0
        and set(health_down) <= {"degraded"}
        and health_after
        and set(health_after) == {"ok"}
    )
    print(json.dumps({k: v for k, v in result.items() if k != "timeline"}, indent=2))
    write_result("fault_broker_down", result)
    sys.exit(0 if result["ok"] else 1)


if __name__ == "__main__":
    main()
