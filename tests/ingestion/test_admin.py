"""Feeds in the admin: registered per outlet, their health visible, a poll on demand."""

from django.urls import reverse

from claims.ingestion.services import feed_create, feed_poll
from claims.models import Document, Feed
from tests.factories import SourceFactory
from verification.models import Event


def test_admin_registers_a_feed_with_an_audit_event(admin_client, admin_user):
    outlet = SourceFactory(name="Example World News")
    response = admin_client.post(
        reverse("admin:claims_feed_add"),
        {
            "kind": "feed",
            "url": "https://news.example/world.rss",
            "title": "",
            "outlet": outlet.pk,
            "is_active": "on",
            "fetch_full_text": "on",
            "poll_minutes": 15,
        },
    )
    assert response.status_code == 302
    feed = Feed.objects.get()
    assert (feed.outlet, feed.created_by) == (outlet, admin_user)
    assert Event.objects.filter(verb="feed.created", object_id=str(feed.pk), actor=admin_user).exists()


def test_feed_list_shows_each_feeds_health(admin_client, site, allow_loopback):
    good = feed_create(url=site.url("/feed.xml"), title="Healthy feed")
    bad = feed_create(url=site.url("/broken-feed.xml"), title="Broken feed")
    feed_poll(feed_id=good.pk)
    feed_poll(feed_id=bad.pk)
    page = admin_client.get(reverse("admin:claims_feed_changelist")).content.decode()
    assert ">ok</strong>" in page
    assert ">failing (1×)</strong>" in page
    assert "500 Internal Server Error" in page


def test_poll_now_action_polls_the_selected_feeds(admin_client, site, allow_loopback):
    feed = feed_create(url=site.url("/feed.xml"), title="World")
    response = admin_client.post(
        reverse("admin:claims_feed_changelist"), {"action": "poll_now", "_selected_action": [feed.pk]}, follow=True
    )
    assert "World: 2 new, 0 already there, 1 refused" in response.content.decode()
    assert Document.objects.count() == 2


def test_changing_a_feeds_address_clears_its_validators_and_failures(admin_client, site, allow_loopback):
    feed = feed_create(url=site.url("/broken-feed.xml"), title="World")
    feed_poll(feed_id=feed.pk)
    Feed.objects.filter(pk=feed.pk).update(etag='"old"')
    admin_client.post(
        reverse("admin:claims_feed_change", args=[feed.pk]),
        {
            "kind": "feed",
            "url": site.url("/feed.xml"),
            "title": "World",
            "is_active": "on",
            "fetch_full_text": "on",
            "poll_minutes": 15,
        },
    )
    feed.refresh_from_db()
    assert (feed.etag, feed.consecutive_failures, feed.next_poll_at) == ("", 0, None)
