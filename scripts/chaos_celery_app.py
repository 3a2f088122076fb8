"""The Celery app of runs that measure extraction alone (the worker-kill run, the ingestion benchmark):
the project's app, with the follow-up tasks of a processed document (flagging, source suggestions,
cross-document matching) sent to a queue of their own that the run's workers do not serve."""

from config.celery import app

FOLLOW_UP_QUEUE = "follow-ups"
FOLLOW_UP_TASKS = (
    "verification.tasks.flag_document",
    "sources.tasks.suggest_sources_for_document",
    "claims.tasks.match_document",
)
app.conf.task_routes = {name: {"queue": FOLLOW_UP_QUEUE} for name in FOLLOW_UP_TASKS}
