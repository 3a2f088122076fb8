"""A local news site for the ingestion tests: saved pages and feeds served on 127.0.0.1, no internet."""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
TEN_MB = 10 * 1024 * 1024


@dataclass
class SiteState:
    """What the site serves right now, and the requests it has seen (tests change and read it)."""

    feed: str = "feed.xml"
    liveblog: str = "liveblog_v1.html"
    requests: list[tuple[str, dict]] = field(default_factory=list)

    def requests_for(self, path: str) -> list[dict]:
        return [headers for seen, headers in self.requests if seen == path]


# path -> (fixture file, content type) for plain saved pages
PAGES = {
    "/articles/drones": ("article_drones.html", "text/html; charset=utf-8"),
    "/articles/denial": ("article_denial.html", "text/html; charset=utf-8"),
    "/articles/grain": ("article_grain.html", "text/html; charset=utf-8"),
    # Declared only in the page's own meta tag, as many older sites do.
    "/articles/cp1252": ("cp1252_article.html", "text/html"),
    "/atom.xml": ("atom.xml", "application/atom+xml"),
    "/wire.txt": ("wire.txt", "text/plain; charset=utf-8"),
}


class Handler(BaseHTTPRequestHandler):
    server: NewsSite

    def log_message(self, format, *args):  # noqa: A002 - the stdlib signature
        pass

    def do_GET(self):  # noqa: N802 - the stdlib name
        state = self.server.state
        state.requests.append((self.path, dict(self.headers)))
        path = self.path.split("?", 1)[0]
        if path in PAGES:
            name, content_type = PAGES[path]
            return self._send(200, self._fixture(name), content_type)
        if path == "/feed.xml":
            return self._send_cacheable(self._fixture(state.feed), "application/rss+xml; charset=utf-8")
        if path == "/live":
            return self._send_cacheable(self._fixture(state.liveblog), "text/html; charset=utf-8")
        if path == "/redirect/article":
            return self._redirect("/articles/drones")
        if path == "/redirect/private":
            # The cloud metadata address: the classic target of a server-side request forgery.
            return self._redirect("http://169.254.169.254/latest/meta-data/")
        if path == "/redirect/loop":
            return self._redirect("/redirect/loop")
        if path == "/big":
            return self._send_big(with_length=True)
        if path == "/big-chunked":
            return self._send_big(with_length=False)
        if path == "/image.png":
            return self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        if path == "/slow":
            time.sleep(self.server.slow_seconds)
            return self._send(200, self._fixture("article_grain.html"), "text/html; charset=utf-8")
        if path == "/broken-feed.xml":
            return self._send(500, b"Internal Server Error", "text/plain")
        return self._send(404, b"Not found", "text/plain")

    def _fixture(self, name: str) -> bytes:
        return (FIXTURES / name).read_bytes().replace(b"{base}", self.server.base_url.encode())

    def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _send_cacheable(self, body: bytes, content_type: str):
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        last_modified = formatdate(self.server.started, usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self._send(200, body, content_type, {"ETag": etag, "Last-Modified": last_modified})

    def _redirect(self, location: str):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_big(self, *, with_length: bool):
        chunk = b"<p>" + b"The ministry said the drones were shot down. " * 200 + b"</p>\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if with_length:
            self.send_header("Content-Length", str(TEN_MB))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        sent = 0
        try:
            while sent < TEN_MB:
                part = chunk[: TEN_MB - sent]
                if with_length:
                    self.wfile.write(part)
                else:
                    self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
                sent += len(part)
            if not with_length:
                self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading at its limit, as it should


class NewsSite(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int = 0):
        super().__init__(("127.0.0.1", port), Handler)
        self.state = SiteState()
        self.started = time.time()
        self.slow_seconds = 2.0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base_url + path


def start_site(port: int = 0) -> tuple[NewsSite, threading.Thread]:
    site = NewsSite(port)
    thread = threading.Thread(target=site.serve_forever, name="news-site", daemon=True)
    thread.start()
    return site, thread


if __name__ == "__main__":
    # `python -m tests.ingestion.server 8765 [--updated]` serves the same site for trying the commands
    # by hand; --updated serves the second version of the feed and the live blog.
    import sys

    site = NewsSite(int(sys.argv[1]) if len(sys.argv) > 1 else 8765)
    if "--updated" in sys.argv:
        site.state.feed, site.state.liveblog = "feed_v2.xml", "liveblog_v2.html"
    print(f"serving {site.base_url}", flush=True)
    site.serve_forever()
