"""Soak run: ten minutes of mixed load on gunicorn, Celery workers and beat. Pass: no 5xx, no growing
memory, no stuck leases.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench_soak REDIS_URL=redis://127.0.0.1:6379/10 \\
        .venv/bin/python scripts/soak.py --minutes 10

The load: REST clients polling the changes feed (with If-None-Match) and the claims list; checkers
working the queue through the API (take next, record a verdict; one in five walks away from its item,
so its lease must expire and the upkeep task must put it back); an editor approving verdicts; and
documents POSTed for ingestion. Leases are one minute and upkeep runs every 20 s so that expiry is
exercised within the run. The database is wiped and seeded with a synthetic archive.
Writes bench/results/soak.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.ingestion import process_tree, rss_kib  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--claims", type=int, default=20_000, help="size of the seeded archive")
    parser.add_argument("--checkers", type=int, default=3)
    parser.add_argument("--pollers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8876)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    os.environ["CLAIMTRACK_REVIEW_LEASE_MINUTES"] = "1"
    from bench.harness import django_setup, require_scratch_database, write_result

    django_setup()
    require_scratch_database()
    import httpx
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.utils import timezone

    from bench.newsgen import documents as synthetic_documents
    from claims.models import Document
    from config.celery import app as celery_app
    from sources.services import sources_load_defaults
    from verification.models import ApiToken, ReviewItem
    from verification.roles import API_CLIENTS, EDITORS, FACT_CHECKERS
    from verification.tokens import api_token_create

    if settings.CELERY_TASK_ALWAYS_EAGER:
        sys.exit("set REDIS_URL: the soak needs a real broker, workers and beat")
    print("seeding the archive")
    call_command("flush", "--noinput", verbosity=0)
    call_command("migrate", verbosity=0)
    sources_load_defaults()
    call_command("generate_dataset", claims=args.claims, fresh=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    celery_app.control.purge()

    def member(name: str, group: str) -> str:
        user, _ = User.objects.get_or_create(username=name)
        user.groups.add(Group.objects.get_or_create(name=group)[0])
        return api_token_create(user=user, name=f"soak {name}", scope=ApiToken.Scope.READ_WRITE).secret

    checker_tokens = [member(f"soak-checker-{n}", FACT_CHECKERS) for n in range(args.checkers)]
    editor_token = member("soak-editor", EDITORS)
    client_token = member("soak-client", API_CLIENTS)

    tmp = tempfile.mkdtemp(prefix="soak-")
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "ERROR",
        "DATABASE_CONN_MAX_AGE": "600",
        "CLAIMTRACK_API_RATE": "1000000/minute",
        "CLAIMTRACK_API_WRITE_RATE": "1000000/minute",
        "CLAIMTRACK_REVIEW_UPKEEP_SECONDS": "20",
        "CLAIMTRACK_SWEEP_SECONDS": "60",
    }
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    procs = {
        "gunicorn": subprocess.Popen(
            [gunicorn, "config.wsgi:application", "--bind", f"127.0.0.1:{args.port}", "--workers", "2"]
            + ["--log-level", "error"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        ),
        "worker": subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "-c", "2", "-n", "soak@%h"]
            + ["--without-gossip", "--without-mingle", "--loglevel=ERROR"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        ),
        "beat": subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "beat", "-s", f"{tmp}/beat-schedule", "--loglevel=ERROR"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        ),
    }
    base_url = f"http://127.0.0.1:{args.port}"
    statuses: dict[str, Counter] = defaultdict(Counter)
    latencies: dict[str, list[float]] = defaultdict(list)
    server_errors: list[dict] = []
    memory: list[dict] = []
    stop = threading.Event()
    started = time.monotonic()
    lock = threading.Lock()

    def record(kind: str, response: httpx.Response | None, began: float, error: str = "") -> None:
        with lock:
            code = str(response.status_code) if response is not None else error
            statuses[kind][code] += 1
            latencies[kind].append(time.perf_counter() - began)
            if response is None or response.status_code >= 500:
                server_errors.append({"t": round(time.monotonic() - started, 1), "kind": kind, "status": code})

    def call(http: httpx.Client, kind: str, method: str, path: str, **kwargs) -> httpx.Response | None:
        began = time.perf_counter()
        try:
            response = http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            record(kind, None, began, type(exc).__name__)
            return None
        record(kind, response, began)
        return response

    def poller(n: int) -> None:
        rng = random.Random(n)
        etag, cursor = None, None
        with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {client_token}"}, timeout=60) as http:
            while not stop.wait(5):
                path = "/api/v1/changes/" + (f"?cursor={cursor}" if cursor else f"?since={timezone.now().isoformat()}")
                headers = {"If-None-Match": etag} if etag else {}
                response = call(http, "changes_poll", "GET", path.replace("+", "%2B"), headers=headers)
                if response is not None and response.status_code == 200:
                    etag, cursor = response.headers.get("ETag"), response.json()["next_cursor"]
                status = rng.choice(["flagged", "published", "in_review"])
                call(http, "claims_list", "GET", f"/api/v1/claims/?status={status}")

    def checker(token: str, n: int) -> None:
        rng = random.Random(100 + n)
        with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=60) as http:
            while not stop.wait(rng.uniform(2, 4)):
                response = call(http, "take_next", "POST", "/api/v1/review/items/take-next/")
                if response is None or response.status_code != 200:
                    continue
                item = response.json()["id"]
                if rng.random() < 0.2:
                    continue  # walks away: the lease must run out and upkeep must requeue the item
                call(
                    http,
                    "verdict",
                    "POST",
                    f"/api/v1/review/items/{item}/verdict/",
                    json={
                        "rating": rng.choice(["true", "false", "mixed", "unverifiable"]),
                        "credibility": rng.randint(1, 6),
                        "rationale": "Checked against the official statement and satellite imagery.",
                        "evidence_links": ["https://evidence.example.org/soak"],
                    },
                )

    def editor() -> None:
        with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {editor_token}"}, timeout=60) as http:
            while not stop.wait(5):
                response = call(http, "verdict_list", "GET", "/api/v1/verdicts/?state=submitted&page_size=20")
                if response is None or response.status_code != 200:
                    continue
                for verdict in response.json()["results"]:
                    call(http, "approve", "POST", f"/api/v1/verdicts/{verdict['id']}/approve/")

    def ingester() -> None:
        texts = iter(synthetic_documents(2000, seed=77, words=300))
        with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {client_token}"}, timeout=60) as http:
            while not stop.wait(2):
                call(http, "post_document", "POST", "/api/v1/documents/", json={"text": next(texts)})

    def sampler() -> None:
        while not stop.wait(15):
            sample = {"t": round(time.monotonic() - started, 1)}
            for name, proc in procs.items():
                sample[name] = round(sum(rss_kib(p) for p in process_tree(proc.pid)) / 1024, 1)
            memory.append(sample)

    result: dict = {}
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
        threads = [threading.Thread(target=poller, args=(n,)) for n in range(args.pollers)]
        threads += [threading.Thread(target=checker, args=(t, n)) for n, t in enumerate(checker_tokens)]
        threads += [
            threading.Thread(target=editor),
            threading.Thread(target=ingester),
            threading.Thread(target=sampler),
        ]
        for thread in threads:
            thread.daemon = True
            thread.start()
        print(f"soaking for {args.minutes} minutes")
        while time.monotonic() - started < args.minutes * 60:
            time.sleep(30)
            with lock:
                done = {k: sum(v.values()) for k, v in statuses.items()}
            print(
                f"[{time.monotonic() - started:>5.0f} s] requests {done}; 5xx {len(server_errors)}; memory {memory[-1:]}"
            )
        stop.set()
        for thread in threads:
            thread.join(timeout=90)
        # Items walked away from must be back in the queue once their lease is over and upkeep has run.
        time.sleep(75)
        now = timezone.now()
        stuck = ReviewItem.objects.filter(state=ReviewItem.State.IN_PROGRESS, lease_expires_at__lt=now).count()
        walked_away = ReviewItem.objects.filter(state=ReviewItem.State.IN_PROGRESS).count()
        documents = Counter(Document.objects.filter(channel="api").values_list("status", flat=True))
    finally:
        stop.set()
        for proc in procs.values():
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for proc in procs.values():
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        celery_app.control.purge()

    def growth(name: str) -> dict:
        values = [(m["t"], m[name]) for m in memory]
        early = [v for t, v in values if 60 <= t <= 180] or [v for _t, v in values[:4]]
        late = [v for _t, v in values[-8:]]
        return {
            "minutes_1_to_3_mib": round(statistics.mean(early), 1) if early else None,
            "last_2_minutes_mib": round(statistics.mean(late), 1) if late else None,
            "max_mib": max((v for _t, v in values), default=None),
        }

    summary = {
        kind: {
            "requests": sum(codes.values()),
            "statuses": dict(codes),
            "p50_ms": round(1000 * statistics.median(latencies[kind]), 1),
            "p95_ms": round(1000 * sorted(latencies[kind])[int(0.95 * (len(latencies[kind]) - 1))], 1),
        }
        for kind, codes in statuses.items()
    }
    memory_growth = {name: growth(name) for name in procs}
    growing = {
        name: g
        for name, g in memory_growth.items()
        if g["minutes_1_to_3_mib"] and g["last_2_minutes_mib"] > 1.2 * g["minutes_1_to_3_mib"] + 20
    }
    result = {
        "minutes": args.minutes,
        "requests": summary,
        "server_errors": len(server_errors),
        "server_error_samples": server_errors[:20],
        "memory": memory_growth,
        "memory_growing": sorted(growing),
        "stuck_leases": stuck,
        "items_in_progress_at_end": walked_away,
        "documents_posted_by_status": dict(documents),
        "memory_samples": memory,
    }
    result["ok"] = not server_errors and not growing and stuck == 0
    print(json.dumps({k: v for k, v in result.items() if k != "memory_samples"}, indent=2))
    write_result("soak", result)
    sys.exit(0 if result["ok"] else 1)


if __name__ == "__main__":
    main()
