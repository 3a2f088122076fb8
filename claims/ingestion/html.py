"""From what arrives (HTML pages, e-mails, text files) to article text with its paragraph breaks kept."""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import trafilatura
from dateutil.parser import isoparse
from django.core.exceptions import ValidationError
from lxml import html as lxml_html

# Block elements of trafilatura's output that become paragraphs of the stored text.
_BLOCKS = {"p", "head", "list", "quote", "table", "code"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


@dataclass
class Article:
    """Article text and what the page says about itself."""

    text: str
    title: str = ""
    published_at: datetime | None = None
    site_name: str = ""
    hostname: str = ""
    raw_html: str = ""


def _charset_known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("'\"")).name
    except LookupError:
        return None


def decode_html(body: bytes, *, declared_charset: str | None = None) -> str:
    """Bytes of a page as text: the HTTP charset, a BOM or the page's own meta charset, else strict UTF-8."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(name, errors="replace").lstrip("\ufeff")
    candidates = [_charset_known(declared_charset)]
    found = _META_CHARSET.search(body[:4096])
    if found:
        candidates.append(_charset_known(found.group(1).decode("ascii", "ignore")))
    for name in filter(None, candidates):
        # A page whose declared charset is wrong still decodes; the odd character is better than refusing it.
        return body.decode(name, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    if best is None or best.encoding is None:
        raise ValidationError("The page declares no character encoding and is not UTF-8.", code="encoding")
    return body.decode(best.encoding, errors="replace")


def decode_text_file(data: bytes) -> str:
    """A plain-text upload as text; only UTF-8 (with or without BOM) or UTF-16 with a BOM is accepted."""
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            # A lone surrogate or an odd byte count: refused like bad UTF-8, never a server error.
            raise ValidationError(
                f"The file is not valid UTF-16 text (bad bytes at position {exc.start}); save it as UTF-8 and try again.",
                code="encoding",
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"The file is not UTF-8 text (invalid byte at position {exc.start}); save it as UTF-8 and try again.",
            code="encoding",
        ) from None


def tidy_text(text: str) -> str:
    """Paragraphs separated by one blank line, spaces inside a paragraph collapsed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [_SPACES.sub(" ", line).strip() for line in block.split("\n")]
        block = "\n".join(line for line in lines if line)
        if block:
            paragraphs.append(block)
    return "\n\n".join(paragraphs)


def _block_text(element) -> str:
    if element.tag == "list":
        items = [" ".join("".join(item.itertext()).split()) for item in element.iter("item")]
        return "\n".join(item for item in items if item)
    if element.tag == "table":
        rows = []
        for row in element.iter("row"):
            cells = [" ".join("".join(cell.itertext()).split()) for cell in row.iter("cell")]
            rows.append(" | ".join(cell for cell in cells if cell))
        return "\n".join(row for row in rows if row)
    return " ".join("".join(element.itertext()).split())


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = isoparse(value)
    except ValueError:
        try:
            parsed = datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")
        except ValueError:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


# Where news pages state their publication time, most specific first.
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
)


def _stated_published_at(html: str) -> datetime | None:
    """The publication time the page states in its meta tags or JSON-LD, to the minute when it says so."""
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return None
    stated: dict[str, str] = {}
    for meta in tree.xpath("//meta[@content]"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if name in _PUBLISHED_META:
            stated.setdefault(name, meta.get("content"))
    for name in _PUBLISHED_META:
        parsed = _parse_date(stated.get(name))
        if parsed is not None:
            return parsed
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        found = re.search(r'"datePublished"\s*:\s*"([^"]+)"', script.text_content())
        parsed = _parse_date(found.group(1)) if found else None
        if parsed is not None:
            return parsed
    return None


def _fallback_paragraphs(html: str) -> list[str]:
    # trafilatura refuses very short pages (a pasted snippet); then every paragraph-like element counts.
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    for bad in tree.xpath("//script|//style|//noscript|//nav|//header|//footer|//form"):
        bad.drop_tree()
    blocks = tree.xpath("//p|//li|//blockquote|//h2|//h3|//pre")
    if not blocks:
        body = tree.find("body") if tree.tag != "body" else tree
        text = (body if body is not None else tree).text_content()
        return [tidy_text(text)] if text.strip() else []
    return [" ".join(block.text_content().split()) for block in blocks if block.text_content().strip()]


def article_from_html(html: str, *, url: str = "") -> Article:
    """The article in a page: its text (paragraphs kept), title, publication time and site name."""
    if not html.strip():
        raise ValidationError("The page is empty.", code="empty")
    extracted = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        date_extraction_params={"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True, "extensive_search": True},
    )
    title = ""
    paragraphs: list[str] = []
    published_at = None
    site_name = hostname = ""
    if extracted is not None:
        title = " ".join((extracted.title or "").split())
        # htmldate sometimes settles for the day in the URL; the page's own statement is more precise.
        published_at = _stated_published_at(html) or _parse_date(extracted.date)
        site_name = extracted.sitename or ""
        hostname = extracted.hostname or ""
        if extracted.body is not None:
            for element in extracted.body:
                if element.tag not in _BLOCKS:
                    continue
                block = _block_text(element)
                if block:
                    paragraphs.append(block)
    # The headline is kept as the title, not repeated as the first paragraph.
    if paragraphs and title and " ".join(paragraphs[0].split()) == title:
        paragraphs.pop(0)
    if not paragraphs:
        paragraphs = _fallback_paragraphs(html)
    text = tidy_text("\n\n".join(paragraphs))
    if not text:
        raise ValidationError("No article text was found in the page.", code="no_text")
    return Article(
        text=text, title=title, published_at=published_at, site_name=site_name, hostname=hostname, raw_html=html
    )


def article_from_email(data: bytes) -> Article:
    """A saved e-mail (.eml): subject as title, Date header as publication time, body as text."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not message.keys():
        raise ValidationError("The file is not an e-mail message (no headers found).", code="not_email")
    title = " ".join(str(message.get("Subject", "")).split())
    published_at = None
    if message.get("Date"):
        try:
            published_at = parsedate_to_datetime(str(message["Date"]))
        except (TypeError, ValueError):
            published_at = None
        if published_at is not None and published_at.tzinfo is None:
            published_at = published_at.replace(tzinfo=UTC)
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        raise ValidationError("The e-mail has no text or HTML body.", code="no_text")
    try:
        content = body.get_content()
    except (LookupError, UnicodeDecodeError):
        raise ValidationError("The e-mail body is in an unknown character encoding.", code="encoding") from None
    if body.get_content_type() == "text/html":
        article = article_from_html(content)
        article.title = title or article.title
        article.published_at = published_at or article.published_at
        return article
    text = tidy_text(content)
    if not text:
        raise ValidationError("The e-mail body is empty.", code="no_text")
    return Article(text=text, title=title, published_at=published_at)


def article_from_upload(*, name: str, data: bytes) -> Article:
    """An uploaded .txt, .html/.htm or .eml file as an article; any other kind of file is refused."""
    lowered = name.lower()
    if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ValidationError(f"{name} is not a text file.", code="not_text")
    if lowered.endswith((".html", ".htm")):
        return article_from_html(decode_html(data))
    if lowered.endswith(".eml"):
        return article_from_email(data)
    if lowered.endswith(".txt"):
        text = tidy_text(decode_text_file(data))
        if not text:
            raise ValidationError(f"{name} is empty.", code="empty")
        return Article(text=text)
    raise ValidationError(f"{name}: only .txt, .html and .eml files can be ingested.", code="file_type")
