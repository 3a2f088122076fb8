"""RSS and Atom feeds as a list of items: identity (link, else guid), title, time and carried text."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser
from django.core.exceptions import ValidationError


@dataclass
class FeedEntry:
    """One item as the feed describes it."""

    key: str
    link: str
    title: str
    published_at: datetime | None
    content: str
    content_is_html: bool


def _when(entry) -> datetime | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(name)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    return None


def _content(entry) -> tuple[str, bool]:
    # Full content (content:encoded, Atom content) is preferred to the summary when both are there.
    blocks = entry.get("content") or []
    candidates = [(b.get("value") or "", b.get("type") or "") for b in blocks]
    if entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        candidates.append((entry["summary"], detail.get("type") or "text/html"))
    if not candidates:
        return "", False
    value, kind = max(candidates, key=lambda c: len(c[0]))
    return value, "html" in kind


def feed_entries(body: bytes, *, content_type: str = "", base_url: str = "") -> tuple[str, list[FeedEntry]]:
    """The feed's title and its items, newest as the feed orders them; a page that is no feed is refused."""
    parsed = feedparser.parse(
        body, response_headers={"content-type": content_type or "application/xml", "content-location": base_url}
    )
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({reason})" if reason else ""
        raise ValidationError(f"The address did not return an RSS or Atom feed{detail}.", code="not_feed")
    entries = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        key = link or (entry.get("id") or "").strip()
        if not key:
            continue
        content, is_html = _content(entry)
        entries.append(
            FeedEntry(
                key=key[:2000],
                link=link[:2000],
                title=" ".join((entry.get("title") or "").split())[:500],
                published_at=_when(entry),
                content=content,
                content_is_html=is_html,
            )
        )
    return " ".join((parsed.feed.get("title") or "").split()), entries
