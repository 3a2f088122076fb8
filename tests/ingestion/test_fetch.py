"""Fetching pages: only http(s), only public addresses unless an admin allows a network, bounded."""

import pytest

from claims.ingestion.fetch import FetchError, address_is_allowed, fetch
from tests.ingestion.server import TEN_MB


def _refusal(url: str, **kwargs) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(url, **kwargs)
    return caught.value


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.5",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "224.0.0.1",
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused_by_default(address):
    assert not address_is_allowed(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "151.101.1.69", "2a04:4e42::81"])
def test_public_addresses_are_allowed(address):
    assert address_is_allowed(address)


def test_an_allowed_network_admits_only_its_own_addresses(settings):
    settings.CLAIMTRACK_FETCH_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    assert address_is_allowed("10.20.3.4")
    assert not address_is_allowed("10.21.3.4")
    assert not address_is_allowed("127.0.0.1")


def test_loopback_site_is_refused_by_default(site):
    error = _refusal(site.url("/articles/drones"))
    assert error.code == "private_address"
    assert "127.0.0.1" in error.messages[0]
    assert site.state.requests == []


def test_host_name_resolving_to_loopback_is_refused(site):
    error = _refusal(site.url("/articles/drones").replace("127.0.0.1", "localhost"))
    assert error.code == "private_address"
    assert site.state.requests == []


def test_loopback_site_is_fetched_when_an_admin_allows_it(site, allow_loopback):
    page = fetch(site.url("/articles/drones"))
    assert page.status_code == 200
    assert page.content_type == "text/html"
    assert b"Belgorod" in page.body


def test_redirect_is_followed_and_checked_again(site, allow_loopback):
    page = fetch(site.url("/redirect/article"))
    assert page.url == site.url("/articles/drones")
    assert page.redirects == [site.url("/redirect/article")]


def test_redirect_to_a_private_address_is_refused(site, allow_loopback):
    error = _refusal(site.url("/redirect/private"))
    assert error.code == "private_address"
    assert error.messages[0].startswith(
        f"{site.url('/redirect/private')} redirected to http://169.254.169.254/latest/meta-data/: "
        "169.254.169.254 is a private, loopback or link-local address"
    )


def test_redirect_loop_gives_up(site, allow_loopback):
    assert _refusal(site.url("/redirect/loop")).code == "redirects"


@pytest.mark.parametrize("url", ["ftp://example.org/file.html", "file:///etc/passwd", "javascript:alert(1)", "example"])
def test_only_http_and_https_are_fetched(url):
    assert _refusal(url).code == "scheme"


def test_address_with_credentials_is_refused():
    assert _refusal("http://user:secret@example.org/").code == "bad_url"


def test_ten_megabyte_page_is_refused_from_its_declared_length(site, allow_loopback):
    error = _refusal(site.url("/big"))
    assert error.code == "too_large"
    assert f"{TEN_MB:,}" in error.messages[0]


def test_ten_megabyte_page_without_a_length_is_cut_off_at_the_limit(site, allow_loopback, settings):
    settings.CLAIMTRACK_INGEST_MAX_BYTES = 1_000_000
    error = _refusal(site.url("/big-chunked"))
    assert error.code == "too_large"
    assert "1,000,000" in error.messages[0]


def test_server_that_does_not_answer_in_time_is_given_up_on(site, allow_loopback):
    error = _refusal(site.url("/slow"), timeout=0.3)
    assert error.code == "timeout"
    assert "0.3 s" in error.messages[0]


def test_http_error_status_is_reported(site, allow_loopback):
    error = _refusal(site.url("/missing"))
    assert error.code == "http_status"
    assert "404" in error.messages[0]


def test_conditional_get_sends_validators_and_reads_not_modified(site, allow_loopback):
    first = fetch(site.url("/feed.xml"))
    assert first.etag and first.last_modified
    second = fetch(site.url("/feed.xml"), etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified
    sent = site.state.requests_for("/feed.xml")[-1]
    assert sent["If-None-Match"] == first.etag
    assert sent["If-Modified-Since"] == first.last_modified


def test_address_actually_connected_to_is_checked_again(site, settings, monkeypatch):
    """A DNS answer that turns private between the check and the connection (rebinding) is still refused."""
    import claims.ingestion.fetch as fetch_module

    settings.CLAIMTRACK_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    check_host = fetch_module._check_host

    def check_then_rebind(host, port):
        check_host(host, port)
        settings.CLAIMTRACK_FETCH_ALLOWED_NETWORKS = []

    monkeypatch.setattr(fetch_module, "_check_host", check_then_rebind)
    error = _refusal(site.url("/articles/drones"))
    assert error.code == "private_address"
    assert "connected to the private address 127.0.0.1" in error.messages[0]
