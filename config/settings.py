"""Claimtrack settings: one module, everything from the environment (see .env.example)."""

import ipaddress
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

# A production secret has no default: without DEBUG the key must be given.
if DEBUG:
    SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-quickstart-key-for-local-use-only")
else:
    # Offline commands (makemigrations, check) sign nothing and may run without it; the web and
    # worker entry points refuse to start without it (config.startup.require_secret_key).
    SECRET_KEY = env("DJANGO_SECRET_KEY", default="")

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "sources",
    "claims",
    "verification",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so it sees a view's exception first: a lost database is a 503 with Retry-After, not a 500.
    "config.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# The quickstart runs on a SQLite file; production and tests on PostgreSQL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5))
USING_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Production serves collected, hashed files; the quickstart and tests serve them from the apps.
STATIC_MANIFEST = env.bool("DJANGO_STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_AUTOREFRESH = not STATIC_MANIFEST
FORMS_URLFIELD_ASSUME_HTTPS = True

# Security headers; `manage.py check --deploy` passes once production variables are set.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Input limits: a document larger than this is refused, not truncated.
CLAIMTRACK_MAX_DOCUMENT_CHARS = env.int("CLAIMTRACK_MAX_DOCUMENT_CHARS", default=200_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DJANGO_MAX_REQUEST_BYTES", default=2_621_440)
# "parse" (spaCy) or "rules"; empty picks the best one installed.
CLAIMTRACK_EXTRACTION_BACKEND = env("CLAIMTRACK_EXTRACTION_BACKEND", default="")
if CLAIMTRACK_EXTRACTION_BACKEND not in ("", "parse", "rules"):
    raise ImproperlyConfigured("CLAIMTRACK_EXTRACTION_BACKEND must be 'parse', 'rules' or empty")

# Matching across documents: links at or above the first threshold are made by the machine, those at
# or above the second are offered as suggestions; the window (days, 0 = all) bounds the stored claims
# searched; the sentence encoder (requirements-embeddings.txt) reranks when installed and enabled.
CLAIMTRACK_MATCH_LINK_THRESHOLD = env.float("CLAIMTRACK_MATCH_LINK_THRESHOLD", default=0.6)
CLAIMTRACK_MATCH_SUGGEST_THRESHOLD = env.float("CLAIMTRACK_MATCH_SUGGEST_THRESHOLD", default=0.35)
if not 0 <= CLAIMTRACK_MATCH_SUGGEST_THRESHOLD <= CLAIMTRACK_MATCH_LINK_THRESHOLD <= 1:
    raise ImproperlyConfigured("need 0 <= CLAIMTRACK_MATCH_SUGGEST_THRESHOLD <= CLAIMTRACK_MATCH_LINK_THRESHOLD <= 1")
CLAIMTRACK_MATCH_WINDOW_DAYS = env.int("CLAIMTRACK_MATCH_WINDOW_DAYS", default=0)
CLAIMTRACK_MATCH_CANDIDATES = env.int("CLAIMTRACK_MATCH_CANDIDATES", default=30)
CLAIMTRACK_MATCH_EMBEDDINGS = env.bool("CLAIMTRACK_MATCH_EMBEDDINGS", default=True)

# Ingestion by URL, upload and feed: limits, and the private networks an admin lets the fetcher reach
# (empty: only public addresses; loopback, private and link-local ones are refused).
CLAIMTRACK_INGEST_MAX_BYTES = env.int("CLAIMTRACK_INGEST_MAX_BYTES", default=5_000_000)
CLAIMTRACK_FETCH_TIMEOUT_SECONDS = env.float("CLAIMTRACK_FETCH_TIMEOUT_SECONDS", default=15.0)
CLAIMTRACK_FETCH_ALLOWED_NETWORKS = env.list("CLAIMTRACK_FETCH_ALLOWED_NETWORKS", default=[])
for _network in CLAIMTRACK_FETCH_ALLOWED_NETWORKS:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"CLAIMTRACK_FETCH_ALLOWED_NETWORKS: {_network!r} is not a network") from None

# Celery: with no broker configured, tasks run in-process (the quickstart).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL) or "memory://"
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == "memory://"
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL) or None
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
# Tasks are idempotent, so a task is acknowledged only once done and re-run if its worker dies.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=180)
# The visibility timeout must exceed the hard time limit, or Redis re-delivers running tasks.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_TASK_TIME_LIMIT * 2,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
# With the broker down, publishing gives up within a second instead of holding the request.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "claims-sweep-pending-documents": {
        "task": "claims.tasks.sweep_pending_documents",
        "schedule": env.int("CLAIMTRACK_SWEEP_SECONDS", default=300),
    },
    "claims-poll-due-feeds": {
        "task": "claims.ingestion.tasks.poll_due_feeds",
        "schedule": env.int("CLAIMTRACK_FEED_POLL_SECONDS", default=60),
    },
}
CLAIMTRACK_HEALTH_CHECK_WORKERS = env.bool("CLAIMTRACK_HEALTH_CHECK_WORKERS", default=False)
# Benchmarks only: mounts /bench/claims/, a framework-free reference view. Never on in production.
CLAIMTRACK_BENCH_VIEWS = env.bool("CLAIMTRACK_BENCH_VIEWS", default=False)
# The review queue: how long a taken item stays leased, when a flagged claim is overdue, and how
# often the upkeep task releases expired leases, escalates overdue items and reopens late denials.
CLAIMTRACK_REVIEW_LEASE_MINUTES = env.int("CLAIMTRACK_REVIEW_LEASE_MINUTES", default=30)
CLAIMTRACK_REVIEW_DUE_HOURS = env.int("CLAIMTRACK_REVIEW_DUE_HOURS", default=24)
CELERY_BEAT_SCHEDULE["verification-review-queue-maintain"] = {
    "task": "verification.tasks.review_queue_maintain",
    "schedule": env.int("CLAIMTRACK_REVIEW_UPKEEP_SECONDS", default=60),
}

# Webhooks: task modules outside `tasks.py` are registered here; failed deliveries are retried with
# exponential backoff, and a hook that fails this many times in a row is paused.
CELERY_IMPORTS = ["verification.tasks_webhooks"]
CELERY_BEAT_SCHEDULE["verification-retry-stale-webhook-deliveries"] = {
    "task": "verification.tasks_webhooks.retry_stale_webhook_deliveries",
    "schedule": 3600,
}
CLAIMTRACK_WEBHOOK_MAX_ATTEMPTS = env.int("CLAIMTRACK_WEBHOOK_MAX_ATTEMPTS", default=6)
CLAIMTRACK_WEBHOOK_PAUSE_AFTER = env.int("CLAIMTRACK_WEBHOOK_PAUSE_AFTER", default=10)
CLAIMTRACK_WEBHOOK_RETRY_BASE_SECONDS = env.int("CLAIMTRACK_WEBHOOK_RETRY_BASE_SECONDS", default=30)
CLAIMTRACK_WEBHOOK_TIMEOUT_SECONDS = env.float("CLAIMTRACK_WEBHOOK_TIMEOUT_SECONDS", default=10.0)
# Source track records: updated per claim when a verdict is published, and rebuilt in full nightly.
CELERY_BEAT_SCHEDULE["sources-recompute-track-records"] = {
    "task": "sources.tasks.track_records_recompute_all",
    "schedule": crontab(hour=env.int("CLAIMTRACK_TRACK_RECORD_HOUR", default=3), minute=15),
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "verification.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PARSER_CLASSES": ["config.api.LimitedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "config.api.ApiCursorPagination",
    "EXCEPTION_HANDLER": "config.api.problem_exception_handler",
    # Throttles count per token (per user for browser sessions, per address when anonymous) in the
    # default cache, which is Redis whenever REDIS_URL is set.
    "DEFAULT_THROTTLE_CLASSES": ["config.api.ApiRateThrottle", "config.api.ApiWriteRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "api": env("CLAIMTRACK_API_RATE", default="1200/minute"),
        "api_write": env("CLAIMTRACK_API_WRITE_RATE", default="120/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Claimtrack API",
    "DESCRIPTION": (
        "Claim status, denials, verdicts and sources for fact-checking clients. Authenticate with "
        "`Authorization: Bearer <token>`. Errors are RFC 9457 application/problem+json with a stable `type`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # The docs page's Swagger UI is served from the installed package, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.api.problem_responses_hook",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.Claim.Status",
        "VerdictStateEnum": "verification.models.Verdict.State",
        "ReviewItemStateEnum": "verification.models.ReviewItem.State",
        "DocumentStatusEnum": "claims.models.Document.Status",
        "SourceStatusEnum": "sources.models.Source.Status",
        "FlagReasonEnum": "verification.models.Flag.Reason",
        "ClaimKindEnum": "claims.models.Claim.Kind",
        "SourceKindEnum": "sources.models.Source.Kind",
        "GradeEnum": "sources.models.Grade",
    },
}
# The public ClaimReview feed names the organisation that publishes the verdicts.
CLAIMTRACK_ORGANIZATION_NAME = env("CLAIMTRACK_ORGANIZATION_NAME", default="Claimtrack")
CLAIMTRACK_ORGANIZATION_URL = env("CLAIMTRACK_ORGANIZATION_URL", default="")
# The changes feed holds back changes younger than this, so a late commit is not skipped.
CLAIMTRACK_CHANGES_SETTLE_SECONDS = env.int("CLAIMTRACK_CHANGES_SETTLE_SECONDS", default=2)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}
