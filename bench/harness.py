"""What every benchmark shares: Django set-up, a guard against wiping a real database, percentiles,
medians over runs and the JSON result file."""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def django_setup() -> None:
    """Settings from the environment, as the app reads them; a bench-only secret when none is given."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
    os.environ.setdefault("DJANGO_STATIC_MANIFEST", "false")
    import django

    django.setup()


def require_scratch_database(*, allow_any: bool = False) -> str:
    """The database name, after refusing to touch one that is not a scratch benchmark database."""
    from django.db import connection

    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql":
        sys.exit("benchmarks run on PostgreSQL: set DATABASE_URL to a scratch database")
    if not allow_any and not str(name).startswith(("claimtrack_bench", "claimtrack_load")):
        sys.exit(f"refusing to wipe database {name!r}: use one named claimtrack_bench* (or pass --any-database)")
    return name


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def latency_summary(seconds: list[float]) -> dict[str, float]:
    """p50/p95/p99/max in milliseconds."""
    ms = [s * 1000 for s in seconds]
    return {
        "p50_ms": round(percentile(ms, 50), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "p99_ms": round(percentile(ms, 99), 2),
        "max_ms": round(max(ms), 2) if ms else float("nan"),
    }


def median_of(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def machine() -> dict:
    load1, load5, _ = os.getloadavg()
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_average_1m_at_end": round(load1, 2),
        "load_average_5m_at_end": round(load5, 2),
    }


def write_result(name: str, result: dict) -> Path:
    """bench/results/<name>.json with when and where it ran; prints the path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    payload = {"benchmark": name, "finished_at": datetime.now(UTC).isoformat(timespec="seconds"), **result}
    payload["machine"] = machine()
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2) + "\n")
    print(f"wrote {path.relative_to(ROOT)}")
    return path


class Stopwatch:
    """Seconds since creation, monotonic."""

    def __init__(self):
        self.started = time.perf_counter()

    def __call__(self) -> float:
        return time.perf_counter() - self.started
