"""RSS/Atom feeds: conditional GET, each item ingested once, backoff on errors, health recorded."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.ingestion.services import FEED_ITEM_MAX_ATTEMPTS, feed_create, feed_poll, feeds_claim_due
from claims.ingestion.tasks import poll_feed
from claims.models import Document, Feed, FeedItem
from tests.factories import SourceFactory
from verification.models import Event


@pytest.fixture
def outlet(db):
    return SourceFactory(name="Example World News", slug="example-world-news", kind="news_outlet")


@pytest.fixture
def rss(site, allow_loopback, outlet):
    return feed_create(url=site.url("/feed.xml"), outlet=outlet)


def test_first_poll_ingests_each_reachable_item_with_the_feeds_outlet(rss, site, outlet):
    result = feed_poll(feed_id=rss.pk)
    assert (result.new, result.rejected, result.error) == (2, 1, "")
    documents = Document.objects.filter(channel=Document.Channel.FEED)
    assert {d.url for d in documents} == {site.url("/articles/drones"), site.url("/articles/denial")}
    assert all(d.outlet == outlet for d in documents)
    drones = documents.get(url=site.url("/articles/drones"))
    assert drones.title == "Russia says air defences downed 24 Ukrainian drones over Belgorod"
    assert drones.text.startswith("MOSCOW, Oct 2 (Reuters)")
    assert "<article>" in drones.raw_html


def test_item_whose_page_fails_is_recorded_with_its_error_and_no_document(rss, site):
    feed_poll(feed_id=rss.pk)
    missing = FeedItem.objects.get(feed=rss, key=site.url("/missing"))
    assert missing.document is None
    assert "404" in missing.error
    assert missing.attempts == 1


def test_second_poll_sends_the_etag_and_stores_nothing_new(rss, site):
    feed_poll(feed_id=rss.pk)
    rss.refresh_from_db()
    assert rss.etag
    result = feed_poll(feed_id=rss.pk)
    assert result.not_modified
    assert site.state.requests_for("/feed.xml")[-1]["If-None-Match"] == rss.etag
    assert Document.objects.count() == 2


def test_items_are_ingested_once_even_when_the_feed_is_read_again_in_full(rss, site):
    feed_poll(feed_id=rss.pk)
    Feed.objects.filter(pk=rss.pk).update(etag="", last_modified="")
    article_requests = len(site.state.requests_for("/articles/drones"))
    result = feed_poll(feed_id=rss.pk)
    # The stored items are skipped; only the one whose page failed is tried again.
    assert (result.new, result.unchanged, result.rejected) == (0, 2, 1)
    assert len(site.state.requests_for("/articles/drones")) == article_requests
    assert Document.objects.count() == 2
    assert FeedItem.objects.filter(feed=rss).count() == 3


def test_new_item_in_an_updated_feed_is_added_alone(rss, site):
    feed_poll(feed_id=rss.pk)
    site.state.feed = "feed_v2.xml"
    result = feed_poll(feed_id=rss.pk)
    assert result.new == 1
    assert Document.objects.count() == 3
    assert Document.objects.filter(url=site.url("/articles/grain")).count() == 1


def test_same_article_in_two_feeds_is_one_document(rss, site, outlet):
    feed_poll(feed_id=rss.pk)
    # The same stories reached through another address of the feed.
    twin = feed_create(url=site.url("/feed.xml?edition=uk"), outlet=outlet)
    result = feed_poll(feed_id=twin.pk)
    assert result.new == 2
    assert Document.objects.count() == 2
    assert FeedItem.objects.filter(document__isnull=False).count() == 4


def test_failed_item_is_retried_only_a_few_times(rss, site):
    for _ in range(FEED_ITEM_MAX_ATTEMPTS + 2):
        Feed.objects.filter(pk=rss.pk).update(etag="", last_modified="")
        feed_poll(feed_id=rss.pk)
    assert len(site.state.requests_for("/missing")) == FEED_ITEM_MAX_ATTEMPTS


def test_atom_feed_carrying_full_text_is_ingested_without_fetching_item_pages(site, allow_loopback, outlet):
    feed = feed_create(url=site.url("/atom.xml"), outlet=outlet, fetch_full_text=False)
    result = feed_poll(feed_id=feed.pk)
    assert result.new == 1
    document = Document.objects.get()
    assert document.title == "Ministry statement on the Zaporizhzhia plant"
    assert (
        document.text.split("\n\n")[1]
        == "The International Atomic Energy Agency said it could not yet confirm the report."
    )
    assert site.state.requests_for("/statements/1") == []


def test_failing_feed_backs_off_longer_each_time_and_records_its_health(site, allow_loopback, outlet):
    feed = feed_create(url=site.url("/broken-feed.xml"), outlet=outlet, poll_minutes=10)
    before = timezone.now()
    result = feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert "500" in result.error
    assert (feed.health, feed.consecutive_failures) == ("failing", 1)
    assert feed.last_status.startswith("error: The server answered 500")
    assert "500" in feed.last_error
    first_delay = feed.next_poll_at - before
    assert timedelta(minutes=20) <= first_delay < timedelta(minutes=21)
    feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert feed.consecutive_failures == 2
    assert feed.next_poll_at - timezone.now() > timedelta(minutes=39)
    assert Event.objects.filter(verb="feed.failing", object_id=str(feed.pk)).count() == 1


def test_backoff_is_capped_at_a_day(site, allow_loopback, outlet):
    feed = feed_create(url=site.url("/broken-feed.xml"), outlet=outlet, poll_minutes=60)
    Feed.objects.filter(pk=feed.pk).update(consecutive_failures=20)
    feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert feed.next_poll_at - timezone.now() <= timedelta(hours=24)


def test_feed_that_recovers_is_healthy_again(site, allow_loopback, outlet):
    feed = feed_create(url=site.url("/broken-feed.xml"), outlet=outlet)
    feed_poll(feed_id=feed.pk)
    Feed.objects.filter(pk=feed.pk).update(url=site.url("/feed.xml"))
    feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert (feed.health, feed.consecutive_failures) == ("ok", 0)
    assert feed.last_status.startswith("2 new")
    assert Event.objects.filter(verb="feed.recovered", object_id=str(feed.pk)).exists()


def test_page_that_is_not_a_feed_marks_the_feed_failing(site, allow_loopback, outlet):
    feed = feed_create(url=site.url("/wire.txt"), outlet=outlet)
    result = feed_poll(feed_id=feed.pk)
    assert "did not return an RSS or Atom feed" in result.error
    assert Document.objects.count() == 0


def test_loopback_feed_is_refused_without_the_admin_setting(site, outlet):
    feed = feed_create(url=site.url("/feed.xml"), outlet=outlet)
    result = feed_poll(feed_id=feed.pk)
    assert "private" in result.error
    assert site.state.requests == []


def test_a_due_feed_is_claimed_by_one_poller_only(rss):
    assert feeds_claim_due() == [rss.pk]
    assert feeds_claim_due() == []
    rss.refresh_from_db()
    assert rss.next_poll_at > timezone.now()


def test_paused_and_not_yet_due_feeds_are_not_claimed(rss, site, outlet):
    paused = feed_create(url=site.url("/atom.xml"), outlet=outlet, is_active=False)
    Feed.objects.filter(pk=rss.pk).update(next_poll_at=timezone.now() + timedelta(minutes=5))
    assert feeds_claim_due() == []
    assert feeds_claim_due(include_not_due=True) == [rss.pk]
    assert paused.pk not in feeds_claim_due(include_not_due=True)


def test_poll_task_run_twice_stores_each_item_once(rss):
    assert poll_feed(rss.pk).startswith("2 new")
    Feed.objects.filter(pk=rss.pk).update(etag="", last_modified="")
    assert poll_feed(rss.pk) == "0 new, 2 already there, 1 refused"
    assert Document.objects.count() == 2


def test_registering_a_feed_is_audited(site, outlet, admin_user):
    feed = feed_create(url=site.url("/feed.xml"), outlet=outlet, user=admin_user)
    event = Event.objects.get(verb="feed.created", object_id=str(feed.pk))
    assert event.actor == admin_user
    assert feed.created_by == admin_user


def test_poll_of_a_feed_deleted_after_it_was_claimed_does_nothing(rss):
    feed_id = rss.pk
    rss.delete()
    assert poll_feed(feed_id) == "error: The feed no longer exists."
