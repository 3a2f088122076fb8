"""GET /healthz: the state of the database, the broker and (when asked) the workers."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from config.celery import app as celery_app


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means the database is unusable
        return f"down: {type(exc).__name__}"


def _broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=1)
        return "ok"
    except Exception as exc:  # noqa: BLE001
        return f"down: {type(exc).__name__}"


def _workers() -> str | int:
    try:
        replies = celery_app.control.ping(timeout=1.0)
    except Exception as exc:  # noqa: BLE001
        return f"down: {type(exc).__name__}"
    return len(replies) if replies else "none"


@require_GET
def healthz(request):
    """200 when the database answers ("degraded" if the broker or workers do not), 503 when it does not."""
    checks = {"database": _database(), "broker": _broker()}
    if settings.CLAIMTRACK_HEALTH_CHECK_WORKERS and checks["broker"] == "ok":
        checks["workers"] = _workers()
    if checks["database"] != "ok":
        status = "down"
    elif any(str(v).startswith("down") or v == "none" for v in checks.values()):
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse({"status": status, "checks": checks}, status=503 if status == "down" else 200)
