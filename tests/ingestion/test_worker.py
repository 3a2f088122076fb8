"""The beat entry's task on a real Celery worker: due feeds are claimed, polled and their items stored."""

import pytest
from django.conf import settings

from claims.ingestion.tasks import poll_due_feeds
from claims.models import Document, Feed, FeedItem
from tests.integration.conftest import celery_worker_process, wait_until  # noqa: F401 - the shared worker fixture

pytestmark = pytest.mark.worker


@pytest.fixture
def worker_allowing_loopback(request, monkeypatch, settings, transactional_db):
    # The worker is another process: the admin setting reaches it through its environment.
    monkeypatch.setenv("CLAIMTRACK_FETCH_ALLOWED_NETWORKS", "127.0.0.1/32")
    settings.CLAIMTRACK_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    return request.getfixturevalue("celery_worker_process")


def test_beat_task_polls_due_feeds_on_the_worker(site, worker_allowing_loopback):
    assert "claims.ingestion.tasks.poll_due_feeds" in {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    feed = Feed.objects.create(url=site.url("/feed.xml"), title="World")
    blog = Feed.objects.create(url=site.url("/live"), kind=Feed.Kind.LIVE_BLOG, title="Live")
    poll_due_feeds.delay()
    wait_until(lambda: Feed.objects.filter(last_success_at__isnull=False).count() == 2, timeout=60)
    assert FeedItem.objects.filter(feed=feed, document__isnull=False).count() == 2
    assert FeedItem.objects.filter(feed=blog).count() == 3
    assert Document.objects.count() == 5
    # The next beat tick finds nothing due: each feed waits its interval before the next poll.
    assert poll_due_feeds() == 0
    assert len(site.state.requests_for("/feed.xml")) == 1
