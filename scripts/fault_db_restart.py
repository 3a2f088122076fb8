"""Fault run: the database restarts under load. Requests made while it is down must get 503 with a clear
problem body (never a 500), and the app must recover by itself once it is back: no restart of gunicorn.

Creates a throwaway PostgreSQL cluster (initdb in a temp directory, its own port), so the shared
server is never touched; the cluster is removed at the end.

    REDIS_URL=redis://127.0.0.1:6379/10 .venv/bin/python scripts/fault_db_restart.py --pg-port 5440

Three clients keep reading the claims list, posting documents and opening the queue page while the
cluster is stopped for --down-for seconds and started again. Prints a timeline and writes
bench/results/fault_db_restart.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def as_postgres(args: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root; the cluster belongs to the postgres user.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def pg_ctl(datadir: str, port: int, action: str) -> None:
    command = [str(PG_BIN / "pg_ctl"), "-D", datadir, "-w", "-t", "60", "-m", "fast"]
    if action == "start":
        command += ["-o", f"-p {port} -k {datadir} -c listen_addresses=127.0.0.1", "-l", f"{datadir}/server.log"]
    subprocess.run(as_postgres([*command, action]), check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-port", type=int, default=5440)
    parser.add_argument("--port", type=int, default=8875, help="gunicorn port")
    parser.add_argument("--down-after", type=float, default=10)
    parser.add_argument("--down-for", type=float, default=15)
    parser.add_argument("--after", type=float, default=20, help="seconds of load after the database is back")
    args = parser.parse_args()
    if args.pg_port == 5432:
        sys.exit("use a cluster of this run's own, not the shared one on 5432")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    tmp = tempfile.mkdtemp(prefix="db-restart-")
    datadir = os.path.join(tmp, "data")
    os.makedirs(datadir)
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres")
        shutil.chown(datadir, "postgres")
    subprocess.run(
        as_postgres([str(PG_BIN / "initdb"), "-D", datadir, "-U", "postgres", "--auth=trust", "-E", "UTF8"]),
        check=True,
        capture_output=True,
    )
    pg_ctl(datadir, args.pg_port, "start")
    subprocess.run(
        [
            str(PG_BIN / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(args.pg_port),
            "-U",
            "postgres",
            "claimtrack_bench_restart",
        ],
        check=True,
    )
    database_url = f"postgres://postgres@127.0.0.1:{args.pg_port}/claimtrack_bench_restart"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/10")
    os.environ["CELERY_BROKER_URL"] = "memory://"  # no worker in this run: nothing may pile up in a shared Redis
    from bench.harness import django_setup, write_result

    django_setup()
    import httpx
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from verification.models import ApiToken
    from verification.roles import API_CLIENTS
    from verification.tokens import api_token_create

    server = None
    results: list[dict] = []
    timeline: list[dict] = []
    stop = threading.Event()
    started = time.monotonic()
    phase = {"name": "before"}

    def log(event: str) -> None:
        entry = {"t": round(time.monotonic() - started, 1), "event": event}
        timeline.append(entry)
        print(f"[{entry['t']:>6.1f} s] {event}")

    try:
        call_command("migrate", verbosity=0)
        call_command("generate_dataset", claims=2000, fresh=True, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        user, _ = User.objects.get_or_create(username="fault-db-client")
        user.groups.add(Group.objects.get_or_create(name=API_CLIENTS)[0])
        token = api_token_create(user=user, name="db restart run", scope=ApiToken.Scope.READ_WRITE).secret
        from django.db import connections

        connections.close_all()
        env = {
            **os.environ,
            "DJANGO_DEBUG": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_LOG_LEVEL": "ERROR",
            "DATABASE_CONN_MAX_AGE": "600",  # persistent connections: the harder case for recovery
            "DATABASE_CONNECT_TIMEOUT": "2",
            "CLAIMTRACK_API_RATE": "1000000/minute",
            "CLAIMTRACK_API_WRITE_RATE": "1000000/minute",
        }
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{args.port}",
                "--workers",
                "2",
                "--timeout",
                "60",
                "--log-level",
                "error",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
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

        def client(kind: str) -> None:
            headers = {"Authorization": f"Bearer {token}"}
            n = 0
            with httpx.Client(base_url=base_url, headers=headers, timeout=30) as http:
                while not stop.is_set():
                    n += 1
                    began = time.perf_counter()
                    try:
                        if kind == "list":
                            response = http.get("/api/v1/claims/?status=flagged")
                        elif kind == "post":
                            text = f"The governor said {n} drones were shot down over the region, run {os.getpid()}."
                            response = http.post("/api/v1/documents/", json={"text": text})
                        else:
                            response = http.get("/", cookies={"sessionid": "x" * 32})
                        status = response.status_code
                        is_problem = response.headers.get("content-type", "").startswith("application/problem+json")
                        body_type = response.json().get("type") if is_problem else None
                        retry_after = response.headers.get("Retry-After")
                    except httpx.HTTPError as exc:
                        status, body_type, retry_after = type(exc).__name__, None, None
                    results.append(
                        {
                            "t": round(time.monotonic() - started, 2),
                            "phase": phase["name"],
                            "client": kind,
                            "status": status,
                            "type": body_type,
                            "retry_after": retry_after,
                            "ms": round(1000 * (time.perf_counter() - began), 1),
                        }
                    )
                    time.sleep(0.2)

        started = time.monotonic()
        threads = [threading.Thread(target=client, args=(kind,), daemon=True) for kind in ("list", "post", "page")]
        for thread in threads:
            thread.start()
        time.sleep(args.down_after)
        phase["name"] = "down"
        log("stopping the database (pg_ctl stop -m fast)")
        pg_ctl(datadir, args.pg_port, "stop")
        log("database stopped")
        time.sleep(args.down_for)
        log("starting the database")
        pg_ctl(datadir, args.pg_port, "start")
        phase["name"] = "after"
        log("database started")
        time.sleep(args.after)
        stop.set()
        for thread in threads:
            thread.join(timeout=40)
    finally:
        stop.set()
        if server is not None:
            try:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
        try:
            pg_ctl(datadir, args.pg_port, "stop")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(tmp, ignore_errors=True)

    back_at = next(e["t"] for e in timeline if e["event"] == "database started")
    by_phase = {
        name: dict(Counter(str(r["status"]) for r in results if r["phase"] == name))
        for name in ("before", "down", "after")
    }
    down_errors = [r for r in results if r["phase"] == "down" and r["status"] != 200 and r["status"] != 202]
    clear_503 = all(
        r["status"] == 503 and r["type"] == "/api/problems/service-unavailable" and r["retry_after"]
        for r in down_errors
    )
    first_ok_after = {
        kind: next(
            (
                round(r["t"] - back_at, 2)
                for r in results
                if r["phase"] == "after" and r["client"] == kind and r["status"] in (200, 202, 302)
            ),
            None,
        )
        for kind in ("list", "post", "page")
    }
    after_failures = [
        r for r in results if r["phase"] == "after" and r["t"] > back_at + 5 and r["status"] not in (200, 202, 302)
    ]
    server_errors = [
        r for r in results if not isinstance(r["status"], int) or r["status"] >= 500 and r["status"] != 503
    ]
    result = {
        "down_seconds": args.down_for,
        "requests": len(results),
        "statuses_by_phase": by_phase,
        "failures_while_down_are_503_problems_with_retry_after": clear_503,
        "seconds_from_database_start_to_first_success": first_ok_after,
        "failures_later_than_5s_after_restart": len(after_failures),
        "server_errors_other_than_503": len(server_errors),
        "max_ms_while_down": max((r["ms"] for r in results if r["phase"] == "down"), default=None),
        "timeline": timeline,
    }
    result["ok"] = bool(
        clear_503
        and not server_errors
        and not after_failures
        and by_phase["down"].get("503", 0) > 0
        and all(v is not None for v in first_ok_after.values())
    )
    print(json.dumps({k: v for k, v in result.items() if k != "timeline"}, indent=2))
    write_result("fault_db_restart", result)
    sys.exit(0 if result["ok"] else 1)


if __name__ == "__main__":
    main()
