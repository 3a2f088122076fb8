"""What one API request costs inside the server process: the caught-up changes poll (304) and the claims
list with the load benchmark's filters, through the whole middleware and DRF stack, without HTTP.

Steadier than the load benchmark on a shared machine: no scheduler queue between client and server,
so before/after comparisons of the per-request work show up here first. Prints the median and p95
wall time per request, the process CPU time per request and the SQL queries each one runs;
--profile SCENARIO prints where the time goes (cProfile, by cumulative time; PROFILE_SORT=tottime
for time spent in each function itself).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench REDIS_URL=redis://127.0.0.1:6379/11 \\
        .venv/bin/python bench/api_request_cost.py --requests 300 --runs 3

Nothing is written to the database except one API client and its token.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.api_load import LIST_FILTERS  # noqa: E402
from bench.harness import django_setup, latency_summary, write_result  # noqa: E402


def prepare():
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from claims.models import Claim
    from verification.roles import API_CLIENTS
    from verification.tokens import api_token_create

    if Claim.objects.count() < 1000:
        sys.exit("load the data first: manage.py generate_dataset --claims 1000000 --fresh")
    user, _ = User.objects.get_or_create(username="bench-api-client")
    user.groups.add(Group.objects.get_or_create(name=API_CLIENTS)[0])
    token = api_token_create(user=user, name=f"request cost benchmark {datetime.now(UTC):%Y-%m-%d %H:%M:%S}").secret
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    # A caught-up client: follow the feed from ten minutes ago to its end, then poll with the ETag.
    path = "/api/v1/changes/?" + urlencode({"since": (datetime.now(UTC) - timedelta(minutes=10)).isoformat()})
    while True:
        response = client.get(path)
        assert response.status_code == 200, response.content[:500]
        body = response.json()
        path = "/api/v1/changes/?" + urlencode({"cursor": body["next_cursor"]})
        if not body["has_more"]:
            break
    etag = client.get(path)["ETag"]
    return client, path, etag


def scenarios(client, changes_path: str, etag: str) -> dict:
    def changes_304():
        response = client.get(changes_path, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304, response.status_code

    def claims_list(filters):
        def run():
            response = client.get("/api/v1/claims/?" + urlencode(filters, doseq=True))
            assert response.status_code == 200, response.content[:500]

        return run

    def bare_list():
        response = client.get("/bench/claims/?" + urlencode(rng.choice(LIST_FILTERS), doseq=True))
        assert response.status_code == 200, response.status_code

    rng = random.Random(3)
    out = {"changes_304": changes_304}
    for filters in LIST_FILTERS:
        out["claims_list " + urlencode(filters, doseq=True)] = claims_list(filters)
    out["bare_list (reference, filters in turn)"] = bare_list
    return out


def measure(run, requests: int) -> dict:
    run()  # warm: connection, caches, imports
    walls, cpu_started = [], time.process_time()
    for _ in range(requests):
        began = time.perf_counter()
        run()
        walls.append(time.perf_counter() - began)
    cpu_ms = (time.process_time() - cpu_started) * 1000 / requests
    return {**latency_summary(walls), "cpu_ms": round(cpu_ms, 3)}


def count_queries(run) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        run()
    return [query["sql"] for query in captured]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per scenario and run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", help="print a cProfile of this scenario (e.g. changes_304) instead")
    parser.add_argument("--show-queries", action="store_true", help="print each scenario's SQL")
    args = parser.parse_args()
    os.environ["CLAIMTRACK_BENCH_VIEWS"] = "1"  # the framework-free reference view, as the load benchmark mounts it
    django_setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    # The benchmark measures the request, not the throttle's refusal.
    settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"api": "100000000/minute", "api_write": "100000000/minute"}
    from rest_framework.throttling import SimpleRateThrottle

    SimpleRateThrottle.THROTTLE_RATES = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    client, changes_path, etag = prepare()
    runs = scenarios(client, changes_path, etag)

    if args.profile:
        run = runs[args.profile]
        run()
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            run()
        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative"))
        stats.print_stats(45)
        if os.environ.get("PROFILE_CALLERS"):
            stats.print_callers(os.environ["PROFILE_CALLERS"])
        return

    results: dict[str, dict] = {}
    for name, run in runs.items():
        queries = count_queries(run)
        if args.show_queries:
            print(f"-- {name}")
            for sql in queries:
                print("  ", sql[:400])
        per_run = [measure(run, args.requests) for _ in range(args.runs)]
        results[name] = {key: statistics.median(r[key] for r in per_run) for key in ("p50_ms", "p95_ms", "cpu_ms")} | {
            "queries": len(queries)
        }
        figures = results[name]
        print(
            f"{name:<52} p50 {figures['p50_ms']:>7} ms  p95 {figures['p95_ms']:>7} ms  "
            f"cpu {figures['cpu_ms']:>7} ms  queries {figures['queries']}"
        )
    write_result("api_request_cost", {"requests_per_run": args.requests, "runs": args.runs, "median": results})


if __name__ == "__main__":
    main()
