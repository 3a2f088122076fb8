"""Answer 503 with a clear body while the database is unreachable, instead of a 500 page."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError, connections
from django.http import JsonResponse

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5


def database_unavailable_response(request) -> JsonResponse:
    """An RFC 9457 problem saying the database is unreachable and when to try again."""
    body = {
        "type": "/api/problems/service-unavailable",
        "title": "Service temporarily unavailable",
        "status": 503,
        "detail": "The database is unreachable; nothing was changed. Try again in a few seconds.",
        "instance": request.get_full_path(),
    }
    response = JsonResponse(body, status=503, content_type="application/problem+json")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def is_database_unavailable(exc: BaseException) -> bool:
    """A lost or refused connection, as opposed to a bad query (which stays a 500 and is logged)."""
    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    # OperationalError also covers some query errors; a connection that is gone or never opened
    # is what a restart looks like.
    for conn in connections.all(initialized_only=True):
        if conn.connection is None or not conn.is_usable():
            return True
    return isinstance(exc, InterfaceError) or "connect" in str(exc).lower() or "terminat" in str(exc).lower()


class DatabaseUnavailableMiddleware:
    """Turns a database outage into 503 + Retry-After; each request reconnects, so recovery needs nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        logger.warning("database unavailable for %s: %s", request.path, exception)
        # A dead connection is dropped now, so the next request opens a fresh one.
        for conn in connections.all(initialized_only=True):
            conn.close_if_unusable_or_obsolete()
        return database_unavailable_response(request)
