"""Fetching a page for ingestion: http(s) only, public addresses only, bounded in size and time."""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx
from django.conf import settings
from django.core.exceptions import ValidationError

USER_AGENT = "Claimtrack/0.1 (news ingestion for fact-checking)"
MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}


class FetchError(ValidationError):
    """A page could not be fetched; the message says why in words a desk can act on."""


@dataclass
class FetchedPage:
    """A fetched response: the final URL after redirects, its body and its caching validators."""

    url: str
    status_code: int
    content_type: str = ""
    charset: str | None = None
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status_code == 304


def _allowed_networks() -> list:
    return [ipaddress.ip_network(n, strict=False) for n in settings.CLAIMTRACK_FETCH_ALLOWED_NETWORKS]


def address_is_allowed(address: str) -> bool:
    """True for a public address, or one inside a network an admin has allowed."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip in network for network in _allowed_networks()):
        return True
    # is_global is False for private, loopback, link-local, shared (CGNAT), reserved and unspecified ranges.
    return ip.is_global and not ip.is_multicast


def _check_url(url: str) -> tuple[str, int]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchError(f"{url!r} is not a valid URL.", code="bad_url") from None
    if parts.scheme not in ("http", "https"):
        raise FetchError(
            f"Only http and https addresses can be fetched, not {parts.scheme or 'a bare name'!r}.", code="scheme"
        )
    if not parts.hostname:
        raise FetchError(f"{url!r} has no host name.", code="bad_url")
    if parts.username or parts.password:
        raise FetchError("Addresses with a user name or password are not fetched.", code="bad_url")
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


def _check_host(host: str, port: int) -> None:
    """Resolve the host and refuse it if any of its addresses is private, loopback or link-local."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"The host {host} could not be found (DNS lookup failed).", code="dns") from None
    addresses = sorted({info[4][0] for info in infos})
    # Every address is checked, not just the first: a name with one public and one private address
    # would otherwise let the connection land on the private one.
    refused = [address for address in addresses if not address_is_allowed(address)]
    if refused:
        where = (
            f"{host} is a private, loopback or link-local address"
            if refused == [host]
            else f"{host} resolves to a private, loopback or link-local address ({', '.join(refused)})"
        )
        raise FetchError(
            f"{where}; such addresses are not fetched unless an administrator allows their network.",
            code="private_address",
        )


def _check_peer(response: httpx.Response, host: str) -> None:
    # The name is resolved again when the connection opens; checking the address actually connected
    # to closes the gap a DNS answer that changes between the two lookups would leave.
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if peer and not address_is_allowed(peer[0]):
        raise FetchError(
            f"{host} connected to the private address {peer[0]}; it is not fetched.", code="private_address"
        )


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    accept: str = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
    max_bytes: int | None = None,
    timeout: float | None = None,
) -> FetchedPage:
    """GET a URL, following redirects (each one checked again), within the size and time limits."""
    max_bytes = max_bytes or settings.CLAIMTRACK_INGEST_MAX_BYTES
    timeout = timeout or settings.CLAIMTRACK_FETCH_TIMEOUT_SECONDS
    deadline = time.monotonic() + timeout
    headers = {"User-Agent": USER_AGENT, "Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    redirects: list[str] = []
    # trust_env=False: a proxy from the environment would hide the address actually reached.
    with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False) as client:
        while True:
            host, port = _check_url(url)
            try:
                _check_host(host, port)
            except FetchError as exc:
                if not redirects:
                    raise
                raise FetchError(f"{redirects[-1]} redirected to {url}: {exc.messages[0]}", code=exc.code) from None
            try:
                with client.stream("GET", url, headers=headers) as response:
                    _check_peer(response, host)
                    if response.status_code in _REDIRECTS and response.headers.get("location"):
                        if len(redirects) >= MAX_REDIRECTS:
                            raise FetchError(f"More than {MAX_REDIRECTS} redirects; gave up.", code="redirects")
                        redirects.append(url)
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code == 304:
                        return FetchedPage(url=url, status_code=304, redirects=redirects)
                    if response.status_code >= 400:
                        raise FetchError(
                            f"The server answered {response.status_code} {response.reason_phrase} for {url}.",
                            code="http_status",
                        )
                    declared = response.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > max_bytes:
                        raise FetchError(
                            f"The page is {int(declared):,} bytes; the limit is {max_bytes:,}.", code="too_large"
                        )
                    chunks, size = [], 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchError(
                                f"The page is larger than the limit of {max_bytes:,} bytes.", code="too_large"
                            )
                        if time.monotonic() > deadline:
                            raise FetchError(f"The page took longer than {timeout:g} s to download.", code="timeout")
                        chunks.append(chunk)
                    content_type = response.headers.get("content-type", "")
                    return FetchedPage(
                        url=url,
                        status_code=response.status_code,
                        content_type=content_type.split(";", 1)[0].strip().lower(),
                        charset=response.charset_encoding,
                        body=b"".join(chunks),
                        etag=response.headers.get("etag", ""),
                        last_modified=response.headers.get("last-modified", ""),
                        redirects=redirects,
                    )
            except httpx.TimeoutException:
                raise FetchError(f"{host} did not answer within {timeout:g} s.", code="timeout") from None
            except httpx.TooManyRedirects:
                raise FetchError("Too many redirects.", code="redirects") from None
            except httpx.DecodingError:
                raise FetchError(f"The response from {host} could not be decompressed.", code="decoding") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"Could not connect to {host}: {exc or type(exc).__name__}.", code="connect") from None
