"""Ingestion writes: paste, upload, URL, feeds and live blogs, all ending in claims.services.document_create."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.models import Document, Feed, FeedItem, FeedItemVersion, content_hash
from claims.services import DocumentCreateResult, document_create
from sources.models import Source
from verification.audit import event_record

from .feeds import feed_entries
from .fetch import FetchedPage, FetchError, fetch
from .html import Article, article_from_html, article_from_upload, decode_html, tidy_text
from .liveblog import liveblog_entries

logger = logging.getLogger(__name__)

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml"}
# An item that failed this many times is left alone until an admin looks at it.
FEED_ITEM_MAX_ATTEMPTS = 3
# A claimed poll that never finishes (a dead worker) is retried after this long.
POLL_LEASE = timedelta(minutes=10)
MAX_BACKOFF = timedelta(hours=24)


def _message(exc: ValidationError) -> str:
    return "; ".join(exc.messages)


def outlet_for_page(*, site_name: str = "", url: str = "") -> Source | None:
    """The registered outlet a page belongs to: by the site name it gives, else by its domain."""
    # A source an admin dismissed is not an outlet.
    sources = Source.objects.exclude(status=Source.Status.DISMISSED)
    if site_name:
        found = sources.named(site_name).first()
        if found:
            return found
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    found = sources.named(host).first()
    if found:
        return found
    # A homepage on the same domain (or a parent domain: edition.cnn.com belongs to cnn.com).
    for source in sources.exclude(homepage="").only("id", "homepage", "name"):
        home = (urlsplit(source.homepage).hostname or "").lower().removeprefix("www.")
        if home and (host == home or host.endswith("." + home)):
            return source
    return None


def document_ingest_text(
    *,
    text: str,
    title: str = "",
    url: str = "",
    outlet: Source | None = None,
    published_at: datetime | None = None,
    user=None,
    channel: str = Document.Channel.PASTE,
) -> DocumentCreateResult:
    """Store pasted text as a document (line endings made uniform, nothing else touched)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ValidationError({"text": "There is no text to ingest."}, code="empty")
    return document_create(
        text=text, title=title, url=url, outlet=outlet, published_at=published_at, channel=channel, user=user
    )


@transaction.atomic
def document_ingest_live_blog_text(
    *,
    text: str,
    title: str = "",
    url: str = "",
    outlet: Source | None = None,
    published_at: datetime | None = None,
    user=None,
) -> list[DocumentCreateResult]:
    """Store a live blog pasted whole, one document per paragraph; one refused paragraph refuses them all."""
    entries = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]
    if not entries:
        raise ValidationError({"text": "There is no text to ingest."}, code="empty")
    results = []
    for number, entry in enumerate(entries, 1):
        try:
            results.append(
                document_create(
                    text=entry,
                    title=f"{title or 'Live blog'} ({number}/{len(entries)})",
                    url=url,
                    outlet=outlet,
                    published_at=published_at,
                    channel=Document.Channel.LIVE_BLOG,
                    user=user,
                )
            )
        except ValidationError as exc:
            raise ValidationError({"text": f"Entry {number}: {_message(exc)}"}) from None
    return results


def document_ingest_upload(
    *,
    name: str,
    data: bytes,
    title: str = "",
    url: str = "",
    outlet: Source | None = None,
    published_at: datetime | None = None,
    user=None,
) -> DocumentCreateResult:
    """Store an uploaded .txt, .html or .eml file; what the form gives wins over what the file says."""
    from django.conf import settings

    limit = settings.CLAIMTRACK_INGEST_MAX_BYTES
    if len(data) > limit:
        raise ValidationError({"file": f"{name} is {len(data):,} bytes; the limit is {limit:,}."}, code="too_large")
    try:
        article = article_from_upload(name=name, data=data)
    except ValidationError as exc:
        raise ValidationError({"file": _message(exc)}) from None
    return document_create(
        text=article.text,
        title=title or article.title or name,
        url=url,
        outlet=outlet or (outlet_for_page(site_name=article.site_name, url=url) if url or article.site_name else None),
        published_at=published_at or article.published_at,
        channel=Document.Channel.UPLOAD,
        raw_html=article.raw_html,
        user=user,
    )


def page_article(page: FetchedPage) -> Article:
    """The article in a fetched page; anything that is not an HTML or text page is refused."""
    if page.content_type in _HTML_TYPES or (not page.content_type and page.body.lstrip()[:1] == b"<"):
        return article_from_html(decode_html(page.body, declared_charset=page.charset), url=page.url)
    if page.content_type == "text/plain":
        text = tidy_text(decode_html(page.body, declared_charset=page.charset))
        if not text:
            raise ValidationError("The page is empty.", code="empty")
        return Article(text=text)
    raise ValidationError(
        f"The address returned {page.content_type or 'an unknown type'}, not an HTML or text page.", code="not_text"
    )


def document_ingest_url(
    *,
    url: str,
    title: str = "",
    outlet: Source | None = None,
    published_at: datetime | None = None,
    user=None,
) -> DocumentCreateResult:
    """Fetch a page, reduce it to its article and store it with the raw HTML beside the text."""
    url = url.strip()
    try:
        page = fetch(url)
        article = page_article(page)
    except ValidationError as exc:
        raise ValidationError({"url": _message(exc)}) from None
    return document_create(
        text=article.text,
        title=title or article.title,
        url=page.url,
        outlet=outlet or outlet_for_page(site_name=article.site_name, url=page.url),
        published_at=published_at or article.published_at,
        channel=Document.Channel.URL,
        raw_html=article.raw_html,
        user=user,
    )


@dataclass
class FeedPollResult:
    """What one poll did: items new, edited, unchanged or refused; or why it failed."""

    feed_id: int
    not_modified: bool = False
    new: int = 0
    edited: int = 0
    unchanged: int = 0
    rejected: int = 0
    error: str = ""
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.error:
            return f"error: {self.error}"
        if self.not_modified:
            return "not modified"
        parts = [f"{self.new} new"]
        if self.edited:
            parts.append(f"{self.edited} edited")
        parts += [f"{self.unchanged} already there", f"{self.rejected} refused"]
        return ", ".join(parts)


@transaction.atomic
def feed_save(*, feed: Feed, user=None, changed_fields: list[str] | None = None) -> Feed:
    """Register a feed or live-blog page, or change one; the audit trail says who and what."""
    created = feed.pk is None
    if created:
        feed.created_by = user if getattr(user, "is_authenticated", False) else None
    elif changed_fields and {"url", "kind"} & set(changed_fields):
        # Another address: the old validators and failure count say nothing about it.
        feed.etag = feed.last_modified = feed.last_error = ""
        feed.consecutive_failures = 0
        feed.next_poll_at = None
    feed.full_clean()
    feed.save()
    event_record(
        verb="feed.created" if created else "feed.changed",
        obj=feed,
        actor=user,
        after={"url": feed.url, "kind": feed.kind, "active": feed.is_active, "changed": changed_fields or []},
    )
    return feed


def feed_create(
    *, url: str, outlet: Source | None = None, kind: str = Feed.Kind.FEED, title: str = "", user=None, **options
) -> Feed:
    """Register a feed or live-blog page for polling."""
    return feed_save(feed=Feed(url=url, outlet=outlet, kind=kind, title=title, **options), user=user)


def feeds_claim_due(*, now: datetime | None = None, include_not_due: bool = False) -> list[int]:
    """Feeds due for a poll, each claimed with a conditional UPDATE so two pollers never take the same one."""
    now = now or timezone.now()
    candidates = Feed.objects.filter(is_active=True) if include_not_due else Feed.objects.due(now)
    claimed = []
    for feed in candidates.only("id", "next_poll_at"):
        # Only the poller whose UPDATE still sees the old next_poll_at wins; the other sees 0 rows.
        won = Feed.objects.filter(pk=feed.pk, next_poll_at=feed.next_poll_at).update(next_poll_at=now + POLL_LEASE)
        if won:
            claimed.append(feed.pk)
    return claimed


@transaction.atomic
def _feed_record_outcome(*, feed_id: int, result: FeedPollResult, page: FetchedPage | None, title: str = "") -> Feed:
    feed = Feed.objects.select_for_update().get(pk=feed_id)
    now = timezone.now()
    was_failing = feed.consecutive_failures > 0
    feed.last_polled_at = now
    if result.error:
        feed.consecutive_failures += 1
        feed.last_error = result.error[:5000]
        feed.last_status = result.summary()[:200]
        # Exponential backoff: a broken feed is asked less and less often, at most once a day.
        delay = timedelta(minutes=feed.poll_minutes) * (2 ** min(feed.consecutive_failures, 10))
        feed.next_poll_at = now + min(delay, MAX_BACKOFF)
        if not was_failing:
            event_record(verb="feed.failing", obj=feed, actor_label="feed poller", note=result.error[:500])
    else:
        feed.consecutive_failures = 0
        feed.last_error = "; ".join(result.errors)[:5000]
        feed.last_success_at = now
        feed.last_status = result.summary()[:200]
        feed.next_poll_at = now + timedelta(minutes=feed.poll_minutes)
        if page is not None and not page.not_modified:
            feed.etag = page.etag[:300]
            feed.last_modified = page.last_modified[:100]
        if title and not feed.title:
            feed.title = title[:300]
        if was_failing:
            event_record(verb="feed.recovered", obj=feed, actor_label="feed poller")
    feed.save()
    return feed


def _item_article(feed: Feed, entry) -> Article:
    if feed.fetch_full_text and entry.link:
        article = page_article(fetch(entry.link))
        article.title = entry.title or article.title
        return article
    if entry.content_is_html:
        return article_from_html(entry.content, url=entry.link)
    text = tidy_text(entry.content)
    if not text:
        raise ValidationError("The item carries no text.", code="empty")
    return Article(text=text, title=entry.title)


@transaction.atomic
def _feed_item_store(*, feed: Feed, key: str, link: str, title: str, published_at, text: str, raw: str, channel: str):
    """One new item or one edit of an entry: its Document and its version row in one transaction."""
    item = FeedItem.objects.select_for_update().filter(feed=feed, key=key).first()
    new_hash = content_hash(text)
    if item is not None and item.content_hash == new_hash:
        return item, "unchanged"
    result = document_create(
        text=text,
        title=title,
        url=link,
        outlet=feed.outlet,
        published_at=published_at,
        channel=channel,
        raw_html=raw,
    )
    outcome = "new" if item is None or item.version == 0 else "edited"
    if item is None:
        item = FeedItem(feed=feed, key=key)
    item.link, item.title, item.published_at = link, title[:500], published_at
    item.document = result.document
    item.content_hash = new_hash
    item.version += 1
    item.error = ""
    item.save()
    FeedItemVersion.objects.create(item=item, number=item.version, document=result.document, content_hash=new_hash)
    if outcome == "edited":
        event_record(
            verb="feed_item.edited",
            obj=item,
            actor_label="feed poller",
            before={"version": item.version - 1},
            after={"version": item.version, "document": result.document.pk},
        )
    return item, outcome


@transaction.atomic
def _feed_item_record_failure(*, feed: Feed, key: str, link: str, title: str, error: str) -> None:
    item, _ = FeedItem.objects.select_for_update().get_or_create(feed=feed, key=key, defaults={"link": link})
    item.title = title[:500]
    item.attempts += 1
    item.error = error[:2000]
    item.save()


def _poll_rss(feed: Feed, page: FetchedPage, result: FeedPollResult) -> str:
    title, entries = feed_entries(page.body, content_type=page.content_type, base_url=page.url)
    known = {
        item.key: item
        for item in FeedItem.objects.filter(feed=feed, key__in=[e.key for e in entries]).only(
            "key", "document_id", "attempts"
        )
    }
    for entry in entries:
        item = known.get(entry.key)
        # Ingested once: an item already stored (or given up on) is not fetched again.
        if item is not None and (item.document_id or item.attempts >= FEED_ITEM_MAX_ATTEMPTS):
            result.unchanged += 1
            continue
        try:
            article = _item_article(feed, entry)
            _, outcome = _feed_item_store(
                feed=feed,
                key=entry.key,
                link=entry.link,
                title=entry.title or article.title,
                published_at=entry.published_at or article.published_at,
                text=article.text,
                raw=article.raw_html or entry.content,
                channel=Document.Channel.FEED,
            )
        except IntegrityError:
            # Another poll of the same feed (an admin's "poll now" during a beat poll) stored it first.
            result.unchanged += 1
            continue
        except ValidationError as exc:
            result.rejected += 1
            result.errors.append(f"{entry.link or entry.key}: {_message(exc)}")
            _feed_item_record_failure(feed=feed, key=entry.key, link=entry.link, title=entry.title, error=_message(exc))
            continue
        setattr(result, outcome, getattr(result, outcome) + 1)
    return title


def _poll_liveblog(feed: Feed, page: FetchedPage, result: FeedPollResult) -> str:
    html = decode_html(page.body, declared_charset=page.charset)
    entries = liveblog_entries(html, base_url=page.url)
    if not entries:
        raise ValidationError("No live-blog entries were found on the page.", code="no_entries")
    for entry in entries:
        when = entry.published_at.strftime("%d %b %Y %H:%M UTC") if entry.published_at else ""
        title = entry.title or " ".join(filter(None, [feed.title or "Live blog", when]))
        try:
            _, outcome = _feed_item_store(
                feed=feed,
                key=entry.key,
                link=entry.url or page.url,
                title=title,
                published_at=entry.published_at,
                text=entry.text,
                raw=entry.raw,
                channel=Document.Channel.LIVE_BLOG,
            )
        except IntegrityError:
            result.unchanged += 1
            continue
        except ValidationError as exc:
            result.rejected += 1
            result.errors.append(f"entry {entry.key}: {_message(exc)}")
            continue
        setattr(result, outcome, getattr(result, outcome) + 1)
    try:
        return article_from_html(html, url=page.url).title
    except ValidationError:
        return ""


def feed_poll(*, feed_id: int) -> FeedPollResult:
    """Poll one feed or live blog with a conditional GET and store what is new or edited."""
    feed = Feed.objects.select_related("outlet").filter(pk=feed_id).first()
    if feed is None:
        return FeedPollResult(feed_id=feed_id, error="The feed no longer exists.")
    result = FeedPollResult(feed_id=feed.pk)
    page = None
    title = ""
    try:
        accept = (
            "text/html,application/xhtml+xml"
            if feed.kind == Feed.Kind.LIVE_BLOG
            else ", ".join(sorted(_FEED_TYPES)) + ", */*;q=0.5"
        )
        # The network is read outside any transaction; each item is stored in a transaction of its own.
        page = fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified, accept=accept)
        if page.not_modified:
            result.not_modified = True
        elif feed.kind == Feed.Kind.LIVE_BLOG:
            title = _poll_liveblog(feed, page, result)
        else:
            title = _poll_rss(feed, page, result)
    except (FetchError, ValidationError) as exc:
        result.error = _message(exc)
    except Exception as exc:  # noqa: BLE001 - a feed that breaks the parser is recorded as failing, not lost
        logger.exception("polling feed %s failed", feed.pk)
        result.error = f"{type(exc).__name__}: {exc}"
    _feed_record_outcome(feed_id=feed.pk, result=result, page=page, title=title)
    return result
