"""The local news site, and the admin setting that lets the fetcher reach it (loopback is refused by default)."""

import pytest

from tests.ingestion.server import SiteState, start_site


@pytest.fixture(scope="session")
def _news_site():
    site, thread = start_site()
    yield site
    site.shutdown()
    site.server_close()
    thread.join(timeout=5)


@pytest.fixture
def site(_news_site):
    _news_site.state = SiteState()
    return _news_site


@pytest.fixture
def allow_loopback(settings):
    """An administrator allows the loopback network, where the test site runs."""
    settings.CLAIMTRACK_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
