"""The REST API at scale: gunicorn serving a database of a million claims, driven by an aiohttp load
script in a second process at 8 and 32 concurrent clients.

Scenarios: the claims list with typical filters, claim detail, a caught-up changes-feed poll that
answers 304 (clients polling back to back, and paced: each client polling once per --poll-interval
seconds, as feed readers do, so the figure is the poll's own latency rather than a queue), and the
bench-only bare view that reads the list's rows with `.values()` (the
framework-free reference; the API/bare throughput ratio says what DRF costs). Then deep pagination:
page 1 against page 10,000 of the cursor. Each figure is the median of --runs runs.

    # once: a million claims (about 2 minutes)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench .venv/bin/python manage.py \\
        generate_dataset --claims 1000000 --fresh
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench REDIS_URL=redis://127.0.0.1:6379/10 \\
        .venv/bin/python bench/api_load.py --runs 3 --seconds 15

Nothing is written to the database except one API client and its token.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import latency_summary, write_result  # noqa: E402

LIST_FILTERS = [
    {"status": "flagged"},
    {"status": "published", "rating": "false"},
    {"disputed": "true", "kind": "claim"},
    {"kind": "denial"},
    {"status": ["unreviewed", "flagged"]},
]
TARGETS = {"claims_list_p95_ms_at_8": 25, "changes_304_p95_ms": 5, "api_to_bare_ratio": 0.5, "errors": 0}


# The load driver (runs in its own process) ------------------------------------------------


async def _drive(config: dict) -> dict:
    import aiohttp

    rng = random.Random(config["seed"])
    headers = {"Authorization": f"Bearer {config['token']}"} if config.get("token") else {}
    scenario = config["scenario"]
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    stop_at = time.perf_counter() + config["warmup"] + config["seconds"]
    measure_from = time.perf_counter() + config["warmup"]

    def request_for() -> tuple[str, dict]:
        if scenario in ("changes_304", "changes_304_paced"):
            return config["changes_path"], {**headers, "If-None-Match": config["etag"]}
        if scenario == "claim_detail":
            return f"/api/v1/claims/{rng.choice(config['claim_ids'])}/", headers
        query = urlencode(rng.choice(LIST_FILTERS), doseq=True)
        path = "/bench/claims/" if scenario == "bare_list" else "/api/v1/claims/"
        return f"{path}?{query}", headers

    # Paced clients poll on a fixed schedule (one poll per `interval` each, start times staggered),
    # as feed readers do; the others send their next request as soon as the last one is answered.
    interval = config.get("interval") if scenario.endswith("_paced") else None

    async def client(http: aiohttp.ClientSession, number: int) -> None:
        next_at = time.perf_counter() + (interval * number / config["concurrency"] if interval else 0)
        while True:
            if interval:
                await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
                next_at += interval
            path, request_headers = request_for()
            began = time.perf_counter()
            if began >= stop_at:
                return
            try:
                async with http.get(path, headers=request_headers, allow_redirects=False) as response:
                    await response.read()
                    code = str(response.status)
            except (aiohttp.ClientError, TimeoutError) as exc:
                code = type(exc).__name__
            ended = time.perf_counter()
            if began >= measure_from:
                latencies.append(ended - began)
                statuses[code] = statuses.get(code, 0) + 1

    # aiohttp rather than httpx: a lighter client leaves more of the two cores to the server and adds
    # less of its own time to each latency (a caught-up poll: p50 3.7 ms against 4.4 ms, same server)
    connector = aiohttp.TCPConnector(limit=config["concurrency"])
    timeout = aiohttp.ClientTimeout(total=30.0)
    async with aiohttp.ClientSession(config["base_url"], connector=connector, timeout=timeout) as http:
        await asyncio.gather(*(client(http, n) for n in range(config["concurrency"])))
    expected = "304" if scenario.startswith("changes_304") else "200"
    errors = sum(n for code, n in statuses.items() if code != expected)
    return {
        "requests": len(latencies),
        "throughput_rps": round(len(latencies) / config["seconds"], 1),
        "errors": errors,
        "statuses": statuses,
        **latency_summary(latencies),
    }


def drive_in_second_process(config: dict) -> dict:
    """Run one scenario from a separate Python process, so the load tool is not the server's process."""
    out = subprocess.run(
        [sys.executable, __file__, "--drive", json.dumps(config)],
        capture_output=True,
        text=True,
        timeout=config["warmup"] + config["seconds"] + 120,
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


# The server -------------------------------------------------------------------------------


def start_gunicorn(port: int, workers: int, database_url: str, redis_url: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DATABASE_CONN_MAX_AGE": "600",  # persistent connections, as in production
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnop"),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_STATIC_MANIFEST": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        "CLAIMTRACK_API_RATE": "100000000/minute",  # the benchmark measures the server, not the throttle
        "CLAIMTRACK_BENCH_VIEWS": "1",
    }
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--backlog",
            "256",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    stop(proc)
    raise RuntimeError("gunicorn did not come up")


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


# Preparation (in this process, with Django) ------------------------------------------------


def prepare() -> dict:
    from bench.harness import django_setup

    django_setup()
    from django.contrib.auth.models import Group, User

    from claims.models import Claim
    from verification.roles import API_CLIENTS
    from verification.tokens import api_token_create

    claims = Claim.objects.count()
    if claims < 1000:
        sys.exit("load the data first: manage.py generate_dataset --claims 1000000 --fresh")
    user, _ = User.objects.get_or_create(username="bench-api-client")
    user.groups.add(Group.objects.get_or_create(name=API_CLIENTS)[0])
    token = api_token_create(user=user, name=f"load benchmark {datetime.now(UTC):%Y-%m-%d %H:%M:%S}").secret
    top = Claim.objects.order_by("-id").values_list("id", flat=True).first()
    rng = random.Random(3)
    ids = list(Claim.objects.filter(id__in=[rng.randint(1, top) for _ in range(3000)]).values_list("id", flat=True))
    claim_ids = ids[:2000]
    # The 10,000th page of the default ordering (-id, 50 a page) starts after 499,950 claims.
    page_size = 50
    deep_page = 10_000
    skip = page_size * (deep_page - 1)
    deep_position = Claim.objects.order_by("-id").values_list("id", flat=True)[skip - 1 : skip].first()
    return {"claims": claims, "token": token, "claim_ids": claim_ids, "deep_position": deep_position}


def drf_cursor(position: int) -> str:
    """A cursor as DRF's CursorPagination writes it for a position in the -id ordering."""
    return base64.b64encode(urlencode({"p": str(position)}).encode()).decode()


def caught_up_changes(base_url: str, token: str) -> tuple[str, str, int]:
    """Follow the changes feed from ten minutes ago to its end: the path and ETag a caught-up client polls with."""
    import httpx

    headers = {"Authorization": f"Bearer {token}"}
    since = (datetime.now(UTC) - timedelta(minutes=10)).isoformat()
    path = "/api/v1/changes/?" + urlencode({"since": since})
    pages = 0
    with httpx.Client(base_url=base_url, headers=headers, timeout=60) as http:
        while True:
            response = http.get(path)
            response.raise_for_status()
            pages += 1
            body = response.json()
            path = "/api/v1/changes/?" + urlencode({"cursor": body["next_cursor"]})
            if not body["has_more"]:
                etag = http.get(path).headers["ETag"]
                return path, etag, pages


def deep_pagination(base_url: str, token: str, deep_position: int, requests: int) -> dict:
    import httpx

    headers = {"Authorization": f"Bearer {token}"}
    deep = "/api/v1/claims/?" + urlencode({"cursor": drf_cursor(deep_position)})
    timings: dict[str, list[float]] = {"page_1": [], "page_10000": []}
    with httpx.Client(base_url=base_url, headers=headers, timeout=60) as http:
        # The cursor encoding is checked against the API's own next link before it is trusted.
        first = http.get("/api/v1/claims/").json()
        last_on_first = first["results"][-1]["id"]
        assert drf_cursor(last_on_first) in first["next"].replace("%3D", "="), first["next"]
        deep_first_id = http.get(deep).json()["results"][0]["id"]
        for n in range(requests * 2):
            path, name = ("/api/v1/claims/", "page_1") if n % 2 == 0 else (deep, "page_10000")
            began = time.perf_counter()
            response = http.get(path)
            timings[name].append(time.perf_counter() - began)
            response.raise_for_status()
    return {
        "page_10000_first_id": deep_first_id,
        "page_1": latency_summary(timings["page_1"]),
        "page_10000": latency_summary(timings["page_10000"]),
    }


# Main -------------------------------------------------------------------------------------


def main() -> None:
    import logging

    logging.getLogger("httpx").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drive", help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--warmup", type=float, default=2)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8871)
    parser.add_argument("--deep-requests", type=int, default=50)
    parser.add_argument(
        "--poll-interval", type=float, default=1.0, help="seconds between polls of each paced changes-feed client"
    )
    parser.add_argument(
        "--changes-runs", type=int, default=None, help="measure the changes poll in the first N runs only (it is slow)"
    )
    args = parser.parse_args()
    if args.drive:
        print(json.dumps(asyncio.run(_drive(json.loads(args.drive)))))
        return

    database_url = os.environ["DATABASE_URL"]
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/10")
    prepared = prepare()
    base_url = f"http://127.0.0.1:{args.port}"
    print(f"{prepared['claims']:,} claims; starting gunicorn with {args.workers} workers")
    server = start_gunicorn(args.port, args.workers, database_url, redis_url)
    try:
        changes_path, etag, pages = caught_up_changes(base_url, prepared["token"])
        print(f"changes feed caught up after {pages} page(s); polling {changes_path[:60]}... with its ETag")
        scenarios = ["claims_list", "bare_list", "claim_detail", "changes_304", "changes_304_paced"]
        results: dict[str, dict[str, list[dict]]] = {s: {str(c): [] for c in args.concurrency} for s in scenarios}
        for run in range(args.runs):
            for concurrency in args.concurrency:
                for scenario in scenarios:
                    if (
                        scenario.startswith("changes_304")
                        and args.changes_runs is not None
                        and run >= args.changes_runs
                    ):
                        continue
                    config = {
                        "scenario": scenario,
                        "concurrency": concurrency,
                        "seconds": args.seconds,
                        "warmup": args.warmup,
                        "base_url": base_url,
                        "token": prepared["token"],
                        "claim_ids": prepared["claim_ids"],
                        "changes_path": changes_path,
                        "etag": etag,
                        "seed": run * 100 + concurrency,
                        "interval": args.poll_interval,
                    }
                    outcome = drive_in_second_process(config)
                    results[scenario][str(concurrency)].append(outcome)
                    print(
                        f"run {run + 1} c={concurrency:>2} {scenario:<17} {outcome['throughput_rps']:>7} req/s  "
                        f"p50 {outcome['p50_ms']:>7} ms  p95 {outcome['p95_ms']:>7} ms  p99 {outcome['p99_ms']:>7} ms  "
                        f"errors {outcome['errors']}"
                    )
        deep = None
        if prepared["deep_position"] is not None:
            deep = deep_pagination(base_url, prepared["token"], prepared["deep_position"], args.deep_requests)
    finally:
        stop(server)

    summary: dict[str, dict] = {}
    for scenario, by_concurrency in results.items():
        summary[scenario] = {}
        for concurrency, runs in by_concurrency.items():
            summary[scenario][concurrency] = {
                key: statistics.median(run[key] for run in runs)
                for key in ("throughput_rps", "p50_ms", "p95_ms", "p99_ms")
            } | {"errors": sum(run["errors"] for run in runs), "requests": sum(run["requests"] for run in runs)}
    ratios = {
        c: round(summary["claims_list"][c]["throughput_rps"] / summary["bare_list"][c]["throughput_rps"], 2)
        for c in summary["claims_list"]
    }
    errors = sum(v["errors"] for s in summary.values() for v in s.values())
    print()
    print(f"{'scenario':<18}{'clients':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for scenario, by_concurrency in summary.items():
        for concurrency, figures in by_concurrency.items():
            print(
                f"{scenario:<18}{concurrency:>8}{figures['throughput_rps']:>9}{figures['p50_ms']:>9}"
                f"{figures['p95_ms']:>9}{figures['p99_ms']:>9}{figures['errors']:>8}"
            )
    print(f"API/bare throughput ratio: {ratios}")
    if deep is not None:
        print(
            f"deep pagination: page 1 p50 {deep['page_1']['p50_ms']} ms, p95 {deep['page_1']['p95_ms']} ms; "
            f"page 10,000 p50 {deep['page_10000']['p50_ms']} ms, p95 {deep['page_10000']['p95_ms']} ms"
        )
    write_result(
        "api_load",
        {
            "claims": prepared["claims"],
            "gunicorn_workers": args.workers,
            "seconds_per_run": args.seconds,
            "poll_interval_s": args.poll_interval,
            "runs": args.runs,
            "median": summary,
            "api_to_bare_throughput_ratio": ratios,
            "errors_total": errors,
            "deep_pagination": deep,
            "targets": TARGETS,
            "all_runs": results,
        },
    )


if __name__ == "__main__":
    main()
