"""The REST API's plumbing: problem+json errors, strict query parameters, size limits, throttles, pagination."""

from __future__ import annotations

import copy
import functools
import logging
import math

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django_filters.filters import QuerySetRequestMixin
from drf_spectacular.utils import extend_schema_field
from redis import Redis
from redis.exceptions import RedisError
from rest_framework import exceptions, serializers, status
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_BASE = "/api/problems/"

# The stable problem types: clients branch on `type`, never on `title` or `detail`.
PROBLEMS = {
    "validation-error": (400, "The request is not valid", "A field or query parameter has a bad value; see errors."),
    "malformed-request": (400, "The request body cannot be parsed", "The body is not well-formed JSON."),
    "unknown-parameter": (
        400,
        "Unknown query parameter",
        "A query parameter this endpoint does not know was given; it is refused rather than ignored.",
    ),
    "not-authenticated": (401, "Authentication required", "Send `Authorization: Bearer <token>` or log in."),
    "authentication-failed": (401, "Authentication failed", "The token is unknown, revoked or malformed."),
    "permission-denied": (403, "Not allowed", "Your role does not allow this action on this object."),
    "insufficient-scope": (403, "The token's scope is too narrow", "A read token cannot change anything."),
    "not-found": (404, "Not found", "No such resource, or not visible to you."),
    "method-not-allowed": (405, "Method not allowed", "This endpoint does not accept this HTTP method."),
    "not-acceptable": (406, "Not acceptable", "The Accept header asks for a format this endpoint cannot produce."),
    "conflict": (409, "Conflict", "The resource is not in a state that allows this action."),
    "request-too-large": (413, "Request too large", "The request body exceeds the size limit."),
    "unsupported-media-type": (415, "Unsupported media type", "Send the body as application/json."),
    "throttled": (429, "Too many requests", "The rate limit for this token was exceeded; see Retry-After."),
    "server-error": (500, "Internal error", "Something failed on the server; it has been logged."),
    "service-unavailable": (
        503,
        "Service temporarily unavailable",
        "The database is unreachable; nothing was changed. Try again after Retry-After seconds.",
    ),
}


def problem_type(slug: str) -> str:
    return PROBLEM_BASE + slug


class InsufficientScope(exceptions.PermissionDenied):
    default_detail = "This token is read-only; a read-write token is needed to change anything."
    default_code = "insufficient-scope"


class UnknownParameter(exceptions.ValidationError):
    default_code = "unknown-parameter"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The resource is not in a state that allows this action."
    default_code = "conflict"


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "request-too-large"


_SLUG_BY_EXCEPTION = [
    (UnknownParameter, "unknown-parameter"),
    (InsufficientScope, "insufficient-scope"),
    (exceptions.ParseError, "malformed-request"),
    (exceptions.ValidationError, "validation-error"),
    (exceptions.NotAuthenticated, "not-authenticated"),
    (exceptions.AuthenticationFailed, "authentication-failed"),
    (exceptions.PermissionDenied, "permission-denied"),
    (exceptions.NotFound, "not-found"),
    (exceptions.MethodNotAllowed, "method-not-allowed"),
    (exceptions.NotAcceptable, "not-acceptable"),
    (exceptions.UnsupportedMediaType, "unsupported-media-type"),
    (exceptions.Throttled, "throttled"),
    (Conflict, "conflict"),
    (RequestTooLarge, "request-too-large"),
]


def problem_body(slug: str, *, detail: str | None = None, instance: str = "", errors=None, status_code=None) -> dict:
    default_status, title, default_detail = PROBLEMS[slug]
    body = {
        "type": problem_type(slug),
        "title": title,
        "status": status_code or default_status,
        "detail": detail or default_detail,
    }
    if instance:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    return body


def _flat_detail(data) -> str:
    if isinstance(data, str):
        return data
    if isinstance(data, list) and data:
        return _flat_detail(data[0])
    if isinstance(data, dict) and data:
        key, value = next(iter(data.items()))
        inner = _flat_detail(value)
        return inner if key in ("detail", "non_field_errors") else f"{key}: {inner}"
    return ""


def problem_exception_handler(exc, context):
    """Every API error as RFC 9457 application/problem+json with a stable `type`."""
    # Imported here: rest_framework.views reads the API settings, which name classes in this module.
    from rest_framework.views import exception_handler as drf_exception_handler

    from config.middleware import database_unavailable_response, is_database_unavailable

    if is_database_unavailable(exc):
        # A restart or an outage, not a bug: 503 with Retry-After, and the next request reconnects.
        logger.warning("database unavailable: %s", exc)
        return database_unavailable_response(context["request"])
    if isinstance(exc, RequestDataTooBig):
        # Django refuses to read a body over DATA_UPLOAD_MAX_MEMORY_SIZE; that is the client's 413.
        exc = RequestTooLarge(f"The body exceeds the limit of {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes.")
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, DjangoValidationError):
        # Service functions raise Django's ValidationError for bad input.
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages})

    response = drf_exception_handler(exc, context)
    request = context.get("request")
    instance = request.get_full_path() if request is not None else ""
    if response is None:
        logger.exception("unhandled error in %s", instance, exc_info=exc)
        body = problem_body("server-error", instance=instance)
        return Response(body, status=500, content_type=PROBLEM_CONTENT_TYPE)

    slug = next((s for cls, s in _SLUG_BY_EXCEPTION if isinstance(exc, cls)), None)
    if slug is None:
        slug = {400: "validation-error", 404: "not-found", 409: "conflict"}.get(response.status_code, "server-error")
    errors = None
    if isinstance(exc, UnknownParameter):
        errors = response.data
        detail = f"Unknown query parameter: {', '.join(errors['unknown'])}. Allowed: {', '.join(errors['allowed']) or 'none'}."
    elif isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"detail": response.data}
        detail = _flat_detail(response.data) or None
    else:
        detail = _flat_detail(response.data) or None
    body = problem_body(slug, detail=detail, instance=instance, errors=errors, status_code=response.status_code)
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        body["retry_after"] = int(exc.wait + 0.999)
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def problem_response(request, slug: str, *, detail: str | None = None) -> JsonResponse:
    """A problem+json response outside DRF views (unknown URLs under /api/, the 500 handler)."""
    body = problem_body(slug, detail=detail, instance=request.get_full_path())
    return JsonResponse(body, status=body["status"], content_type=PROBLEM_CONTENT_TYPE)


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    return problem_response(request, "not-found", detail="No API endpoint at this address.")


def problem_docs(request, slug: str | None = None):
    """What each problem `type` means: the URI a problem's `type` names resolves here."""
    if slug is not None and slug not in PROBLEMS:
        return problem_response(request, "not-found", detail="No such problem type.")
    slugs = [slug] if slug else list(PROBLEMS)
    return JsonResponse(
        {
            "problems": [
                {"type": problem_type(s), "status": PROBLEMS[s][0], "title": PROBLEMS[s][1], "meaning": PROBLEMS[s][2]}
                for s in slugs
            ]
        }
    )


# Query parameters ---------------------------------------------------------------------------


class StrictQueryParamsMixin:
    """Refuses query parameters the endpoint does not know: a typo in a filter must not widen the result."""

    extra_query_params: tuple[str, ...] = ()

    def allowed_query_params(self) -> set[str]:
        allowed = {"format", *self.extra_query_params}
        if getattr(self, "action", None) in (None, "list") or not hasattr(self, "action"):
            filterset_class = getattr(self, "filterset_class", None)
            if filterset_class is not None:
                allowed |= set(filterset_class.base_filters)
            paginator = getattr(self, "paginator", None)
            if paginator is not None:
                allowed |= {
                    p for p in (getattr(paginator, "cursor_query_param", None), paginator.page_size_query_param) if p
                }
            if getattr(self, "ordering_fields", None):
                allowed.add(api_settings.ORDERING_PARAM)
        return allowed

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        unknown = sorted(set(request.query_params) - self.allowed_query_params())
        if unknown:
            raise UnknownParameter({"unknown": unknown, "allowed": sorted(self.allowed_query_params() - {"format"})})


# Request size -------------------------------------------------------------------------------


def max_request_bytes() -> int:
    return getattr(settings, "CLAIMTRACK_API_MAX_REQUEST_BYTES", settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


class LimitedJSONParser(JSONParser):
    """JSON bodies up to the configured size; larger ones are refused with 413 before being read whole."""

    def parse(self, stream, media_type=None, parser_context=None):
        request = (parser_context or {}).get("request")
        limit = max_request_bytes()
        length = request.META.get("CONTENT_LENGTH") if request is not None else None
        if length and length.isdigit() and int(length) > limit:
            raise RequestTooLarge(f"The body is {int(length):,} bytes; the limit is {limit:,}.")
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            # json.loads gives up on deep nesting with RecursionError, which is not a ValueError.
            raise exceptions.ParseError("The JSON is nested too deeply.") from None


# Throttling ---------------------------------------------------------------------------------


class ApiRateThrottle(SimpleRateThrottle):
    """Requests per token (or per user for browser sessions, per address when anonymous), counted in Redis."""

    scope = "api"

    def allow_request(self, request, view):
        try:
            if settings.REDIS_URL:
                return self._allow_by_counter(request, view)
            return super().allow_request(request, view)
        except (RedisError, OSError) as exc:
            # Redis is also the broker: while it is down the API must still accept documents (they
            # are stored pending and swept later), so the throttle lets requests through and says so.
            logger.warning("throttle store unavailable, request allowed: %s", exc)
            return True

    def _allow_by_counter(self, request, view) -> bool:
        # A sliding window from two fixed-window counters: this window's count plus the previous
        # window's, weighted by how much of it still lies within the last `duration` seconds. One
        # round trip of O(1) commands, atomic across processes; DRF's own throttle reads and writes
        # the whole list of request times, which grows with the rate and loses counts in a race.
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        self.now = self.timer()
        window, into = divmod(self.now, self.duration)
        current, previous = f"{key}:{int(window)}", f"{key}:{int(window) - 1}"
        with throttle_redis().pipeline(transaction=False) as pipe:
            pipe.incr(current)
            pipe.expire(current, 2 * self.duration)
            pipe.get(previous)
            counted, _, before = pipe.execute()
        before = int(before or 0)
        weight = 1 - into / self.duration
        if counted + before * weight <= self.num_requests:
            return True
        # A refused request does not use up the budget. The wait is until the estimate has room for
        # one more: the previous window's weight falls as time goes on, and this window's count
        # carries into the next one as its previous window.
        throttle_redis().decr(current)
        counted -= 1
        if counted < self.num_requests:
            wait = (1 - (self.num_requests - counted - 1) / before) * self.duration - into
        else:
            wait = (self.duration - into) + (1 - (self.num_requests - 1) / max(counted, 1)) * self.duration
        self._wait = max(1, math.ceil(round(wait, 3)))  # whole seconds, as Retry-After gives them
        return False

    def wait(self):
        waited = getattr(self, "_wait", None)
        return waited if waited is not None else super().wait()

    def get_cache_key(self, request, view):
        from verification.models import ApiToken

        if isinstance(request.auth, ApiToken):
            ident = f"token:{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user:{request.user.pk}"
        else:
            ident = f"addr:{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


@functools.cache
def throttle_redis() -> Redis:
    """The throttle's own Redis client: INCR needs Redis itself, not the cache API's get and set."""
    return Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)


class ApiWriteRateThrottle(ApiRateThrottle):
    """A tighter budget for writes (ingesting documents, review actions)."""

    scope = "api_write"

    def allow_request(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)


# Pagination ---------------------------------------------------------------------------------


class ApiCursorPagination(CursorPagination):
    """Opaque cursors: stable pages while rows are added, at constant cost however deep the client reads."""

    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"
    ordering = "-id"

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except (ValueError, TypeError, DjangoValidationError):
            # A forged cursor whose position is not a value of the ordering field: refused like any bad cursor.
            if request.query_params.get(self.cursor_query_param) is None:
                raise
            raise exceptions.NotFound(self.invalid_cursor_message) from None

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise exceptions.ValidationError(
                {self.page_size_query_param: [f"Give a number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return parameters


@extend_schema_field({"type": "string", "description": "An http(s) URL, or empty"})
class BlankableURLField(serializers.URLField):
    """A URL that may be empty; documented without format "uri", which an empty string would break."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_blank", True)
        super().__init__(**kwargs)


class StrictSlugRelatedField(serializers.SlugRelatedField):
    """A slug or null: an empty string is refused instead of silently meaning null."""

    def run_validation(self, data=serializers.empty):
        if data == "":
            raise serializers.ValidationError("Give a slug, or null for none.")
        return super().run_validation(data)


class StrictOrderingFilter(OrderingFilter):
    """Ordering by the listed fields only; an unknown field is a 400, not silently the default order."""

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params:
            fields = [param.strip() for param in params.split(",")]
            valid = {name for name, _label in self.get_valid_fields(queryset, view, {"request": request})}
            unknown = [f for f in fields if f.lstrip("-") not in valid]
            if unknown:
                raise exceptions.ValidationError(
                    {
                        self.ordering_param: [
                            f"Cannot order by {', '.join(unknown)}; use one of {', '.join(sorted(valid))}."
                        ]
                    }
                )
        return super().get_ordering(request, queryset, view)


# The OpenAPI schema -------------------------------------------------------------------------

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details. Branch on `type`; `title` and `detail` are for people.",
    "properties": {
        "type": {"type": "string", "enum": [problem_type(slug) for slug in PROBLEMS]},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": True, "description": "Field name to messages"},
        "retry_after": {"type": "integer", "description": "Seconds to wait (throttled only)"},
    },
    "required": ["type", "title", "status", "detail"],
}

# Which errors an operation can answer with, besides its own documented responses.
_READ_ERRORS = ("400", "401", "403", "404", "406", "429")
_WRITE_ERRORS = (*_READ_ERRORS, "409", "413", "415")
_TITLES = {str(code): title for code, title, _meaning in reversed(list(PROBLEMS.values()))}


def problem_responses_hook(result, generator, request, public):
    """drf-spectacular postprocessing: document every error an operation can return, as problem+json."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = _READ_ERRORS if method in ("get", "head", "options") else _WRITE_ERRORS
            for code in codes:
                operation["responses"].setdefault(
                    code,
                    {
                        "description": _TITLES.get(code, "Error"),
                        "content": {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
                    },
                )
    return result


class StrictFilterSet(django_filters.FilterSet):
    """A typed filter given with an empty or unreadable value ("", "null") is an error, not "no filter"."""

    def get_form_class(self):
        # django-filter builds a new form class from fresh copies of every filter's field on each
        # request, most of a list request's filtering cost. The fields depend only on the class's
        # declared filters (no choices or querysets read per request here), so the form class is
        # built once per filter set; each form instance still gets its own copies of the fields.
        cls = type(self)
        if any(isinstance(f, QuerySetRequestMixin) for f in cls.base_filters.values()):
            return super().get_form_class()  # choices read per request: the form cannot be shared
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            fields = {name: filter_.field for name, filter_ in copy.deepcopy(cls.base_filters).items()}
            form_class = type(f"{cls.__name__}Form", (cls._meta.form,), fields)
            cls._form_class = form_class
        return form_class

    def is_valid(self):
        if not super().is_valid():
            return False
        for name, filter_ in self.filters.items():
            if name in self.data and not isinstance(filter_, django_filters.CharFilter):
                if self.form.cleaned_data.get(name) in (None, "", [], ()):
                    self.form.add_error(name, "Give a value.")
        return self.form.is_valid()


class StrictBooleanField(forms.Field):
    """true/false (or 1/0); anything else is an error rather than "no filter"."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise DjangoValidationError("Give true or false.", code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField
