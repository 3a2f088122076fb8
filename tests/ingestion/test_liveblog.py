"""Live blogs: one document per entry with its timestamp; new entries added, edits kept as versions."""

import json
from datetime import UTC, datetime

import pytest

from claims.ingestion.liveblog import liveblog_entries
from claims.ingestion.services import feed_create, feed_poll
from claims.models import Document, Feed, FeedItem, FeedItemVersion
from tests.factories import SourceFactory
from verification.models import Event


@pytest.fixture
def blog(site, allow_loopback, db):
    outlet = SourceFactory(name="The Example Gazette", slug="example-gazette", kind="news_outlet")
    return feed_create(url=site.url("/live"), outlet=outlet, kind=Feed.Kind.LIVE_BLOG, title="Russia-Ukraine live")


def test_each_entry_becomes_one_document_with_its_timestamp(blog, site):
    result = feed_poll(feed_id=blog.pk)
    assert result.new == 3
    documents = Document.objects.filter(channel=Document.Channel.LIVE_BLOG).order_by("published_at")
    assert [d.published_at for d in documents] == [
        datetime(2025, 10, 2, 8, 50, tzinfo=UTC),
        datetime(2025, 10, 2, 9, 30, tzinfo=UTC),
        datetime(2025, 10, 2, 10, 5, tzinfo=UTC),
    ]
    assert documents[0].text.startswith("Sergei Shoigu told French Defence Minister")
    assert documents[1].text == (
        "Russian drones hit residences in the city overnight, the mayor and the regional governor said.\n\n"
        "Reuters was unable to independently verify the accounts."
    )
    assert documents[2].title == "France denies Russian account of call"
    assert documents[0].url == site.url("/live#entry-101")
    assert all(d.outlet == blog.outlet for d in documents)


def test_repolling_adds_new_entries_and_records_edits_as_versions(blog, site):
    feed_poll(feed_id=blog.pk)
    site.state.liveblog = "liveblog_v2.html"
    result = feed_poll(feed_id=blog.pk)
    assert (result.new, result.edited, result.unchanged) == (1, 1, 2)
    assert FeedItem.objects.filter(feed=blog).count() == 4
    edited = FeedItem.objects.get(feed=blog, key="entry-102")
    assert edited.version == 2
    first, second = (v.document for v in edited.versions.order_by("number"))
    assert "the mayor and the regional governor said" in first.text
    assert "killing one person and wounding four" in second.text
    assert edited.document == second
    assert second.published_at == first.published_at
    assert Event.objects.filter(verb="feed_item.edited", object_id=str(edited.pk)).count() == 1


def test_repolling_an_unchanged_blog_never_duplicates(blog, site):
    feed_poll(feed_id=blog.pk)
    site.state.liveblog = "liveblog_v2.html"
    feed_poll(feed_id=blog.pk)
    counts = (Document.objects.count(), FeedItemVersion.objects.count())
    assert feed_poll(feed_id=blog.pk).not_modified
    Feed.objects.filter(pk=blog.pk).update(etag="", last_modified="")
    result = feed_poll(feed_id=blog.pk)
    assert (result.new, result.edited, result.unchanged) == (0, 0, 4)
    assert (Document.objects.count(), FeedItemVersion.objects.count()) == counts == (5, 5)


def test_entry_edited_back_to_an_earlier_text_points_at_the_earlier_document(blog, site):
    feed_poll(feed_id=blog.pk)
    site.state.liveblog = "liveblog_v2.html"
    feed_poll(feed_id=blog.pk)
    site.state.liveblog = "liveblog_v1.html"
    feed_poll(feed_id=blog.pk)
    item = FeedItem.objects.get(feed=blog, key="entry-102")
    numbers = list(item.versions.order_by("number").values_list("number", "document_id"))
    assert [n for n, _ in numbers] == [1, 2, 3]
    assert numbers[2][1] == numbers[0][1]
    assert Document.objects.count() == 5


def test_page_without_entries_marks_the_live_blog_failing(site, allow_loopback, db):
    blog = feed_create(url=site.url("/articles/drones"), kind=Feed.Kind.LIVE_BLOG)
    result = feed_poll(feed_id=blog.pk)
    assert result.error == "No live-blog entries were found on the page."
    blog.refresh_from_db()
    assert blog.health == "failing"


def test_structured_live_blog_updates_are_read_from_json_ld():
    data = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "@id": "https://news.example/live#p2",
                "headline": "Governor reports damage",
                "datePublished": "2025-10-02T09:30:00+00:00",
                "dateModified": "2025-10-02T10:40:00+00:00",
                "articleBody": "The governor said two homes were damaged.\n\nNo casualties were reported.",
            },
            {
                "@type": "BlogPosting",
                "@id": "https://news.example/live#p1",
                "headline": "Drones over the region",
                "datePublished": "2025-10-02T08:00:00+00:00",
                "articleBody": "The ministry said 12 drones were shot down.",
            },
        ],
    }
    html = f'<html><head><script type="application/ld+json">{json.dumps(data)}</script></head><body></body></html>'
    entries = liveblog_entries(html)
    assert [e.key for e in entries] == ["https://news.example/live#p1", "https://news.example/live#p2"]
    assert entries[1].text == "The governor said two homes were damaged.\n\nNo casualties were reported."
    assert entries[1].updated_at == datetime(2025, 10, 2, 10, 40, tzinfo=UTC)
    assert entries[0].title == "Drones over the region"
