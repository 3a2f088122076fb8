"""The ingest_url and poll_feeds commands."""

import pytest
from django.core.management import CommandError, call_command

from claims.ingestion.services import feed_create
from claims.models import Document, Feed


def test_ingest_url_prints_what_it_stored(site, allow_loopback, db, capsys):
    call_command("ingest_url", site.url("/articles/drones"))
    out = capsys.readouterr().out
    document = Document.objects.get()
    assert f"Document {document.pk} stored: Russia says air defences downed 24 Ukrainian drones" in out
    assert "published: 2025-10-02T08:15:00+00:00" in out
    assert "in 4 paragraphs" in out


def test_ingest_url_refusal_is_an_error_with_the_reason(site, db):
    with pytest.raises(CommandError, match="not fetched unless an administrator allows"):
        call_command("ingest_url", site.url("/articles/drones"))
    assert Document.objects.count() == 0


def test_ingest_url_with_an_unknown_outlet_is_refused(site, allow_loopback, db):
    with pytest.raises(CommandError, match="No source is named"):
        call_command("ingest_url", site.url("/articles/drones"), "--outlet", "Nobody At All")


def test_poll_feeds_polls_due_feeds_and_prints_each_result(site, allow_loopback, db, capsys):
    rss = feed_create(url=site.url("/feed.xml"), title="World")
    blog = feed_create(url=site.url("/live"), kind=Feed.Kind.LIVE_BLOG, title="Live")
    call_command("poll_feeds")
    out = capsys.readouterr().out
    assert "World [RSS or Atom feed]: 2 new, 0 already there, 1 refused" in out
    assert f"refused: {site.url('/missing')}: The server answered 404" in out
    assert "Live [Live blog page]: 3 new, 0 already there, 0 refused" in out
    assert "2 polled, 0 failing" in out
    call_command("poll_feeds")
    assert capsys.readouterr().out.strip() == "No feeds are due."
    call_command("poll_feeds", "--feed", str(rss.pk), "--feed", str(blog.pk))
    assert "World [RSS or Atom feed]: not modified" in capsys.readouterr().out
