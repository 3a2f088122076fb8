"""A live-blog page as its entries: each with a stable id, its timestamp and its text."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

from dateutil.parser import isoparse
from lxml import html as lxml_html

from .html import tidy_text

# Elements that carry an entry's text inside an entry container.
_TEXT_XPATH = ".//p|.//li|.//blockquote"
_HEADLINE_XPATH = ".//h1|.//h2|.//h3|.//h4"


@dataclass
class LiveBlogEntry:
    """One entry as the page shows it now."""

    key: str
    text: str
    title: str = ""
    published_at: datetime | None = None
    updated_at: datetime | None = None
    url: str = ""
    # The entry as the page carried it (its HTML, or its structured data), kept for audit.
    raw: str = ""


def _date(value) -> datetime | None:
    if not value or not isinstance(value, str):
        return None
    try:
        parsed = isoparse(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _json_ld_objects(tree):
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if "@graph" in item:
                    stack.append(item["@graph"])


def _is_type(obj: dict, name: str) -> bool:
    kind = obj.get("@type")
    return name in kind if isinstance(kind, list) else kind == name


def _entries_from_json_ld(tree, base_url: str) -> list[LiveBlogEntry]:
    """schema.org LiveBlogPosting.liveBlogUpdate, which the large live blogs publish for search engines."""
    entries = []
    for obj in _json_ld_objects(tree):
        if not _is_type(obj, "LiveBlogPosting"):
            continue
        updates = obj.get("liveBlogUpdate") or []
        for update in updates if isinstance(updates, list) else [updates]:
            if not isinstance(update, dict):
                continue
            body = update.get("articleBody") or update.get("text") or ""
            headline = " ".join(str(update.get("headline") or "").split())
            text = tidy_text(str(body)) or headline
            published = _date(update.get("datePublished"))
            url = urljoin(base_url, str(update.get("url") or "")) if update.get("url") else ""
            key = str(update.get("@id") or update.get("url") or "")
            if not key and published:
                key = f"{published.isoformat()}#{hashlib.sha256(headline.encode()).hexdigest()[:12]}"
            if key and text:
                entries.append(
                    LiveBlogEntry(
                        key=key,
                        text=text,
                        title=headline,
                        published_at=published,
                        updated_at=_date(update.get("dateModified")),
                        url=url,
                        raw=json.dumps(update, ensure_ascii=False),
                    )
                )
    return entries


def _entries_from_markup(tree, base_url: str) -> list[LiveBlogEntry]:
    """Entry containers in the markup: elements with an id that hold a <time datetime> and text."""
    candidates = tree.xpath("//*[@id][.//time[@datetime]]")
    # The innermost container is the entry; the page wrapper around all entries also matches.
    innermost = [el for el in candidates if not el.xpath(".//*[@id][.//time[@datetime]]")]
    entries = []
    for element in innermost:
        stamps = element.xpath(".//time[@datetime]/@datetime")
        published = _date(stamps[0]) if stamps else None
        updated = _date(stamps[1]) if len(stamps) > 1 else None
        headline_el = element.xpath(_HEADLINE_XPATH)
        headline = " ".join(headline_el[0].text_content().split()) if headline_el else ""
        paragraphs = [" ".join(p.text_content().split()) for p in element.xpath(_TEXT_XPATH)]
        text = tidy_text("\n\n".join(p for p in paragraphs if p)) or headline
        if not text:
            continue
        entry_id = element.get("id")
        entries.append(
            LiveBlogEntry(
                key=entry_id,
                text=text,
                title=headline,
                published_at=published,
                updated_at=updated,
                url=urljoin(base_url, f"#{entry_id}") if base_url else "",
                raw=lxml_html.tostring(element, encoding="unicode"),
            )
        )
    return entries


def liveblog_entries(html: str, *, base_url: str = "") -> list[LiveBlogEntry]:
    """The entries of a live-blog page, oldest first; structured data wins over markup when both exist."""
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    entries = _entries_from_json_ld(tree, base_url) or _entries_from_markup(tree, base_url)
    # One entry per key: a page that repeats an entry (a pinned post) is read once.
    unique: dict[str, LiveBlogEntry] = {}
    for entry in entries:
        unique.setdefault(entry.key, entry)
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted(unique.values(), key=lambda e: e.published_at or oldest)
