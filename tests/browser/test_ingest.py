"""The paste, upload and URL forms in a real Chromium against the live server."""

import pytest

from claims.models import Document
from tests.ingestion.server import FIXTURES, start_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def news_site():
    """The local news site of the ingestion tests, for the URL form to fetch."""
    site, thread = start_site()
    yield site
    site.shutdown()
    site.server_close()
    thread.join(timeout=5)


@pytest.fixture
def checker_page(browser_page, log_in, fact_checker):
    log_in(browser_page, fact_checker.username)
    browser_page.goto("/ingest/")
    return browser_page


def test_pasting_text_stores_it_and_shows_the_document(checker_page):
    page = checker_page
    page.fill("#text-form textarea[name=text]", "The army said it took the village.\n\nKyiv denied it.")
    page.fill("#text-form input[name=title]", "Village taken, Kyiv denies")
    page.click("#text-form button[type=submit]")
    page.wait_for_selector("text=Stored as document")
    assert page.inner_text("h1") == "Village taken, Kyiv denies"
    assert page.locator(".document-text p").all_inner_texts() == [
        "The army said it took the village.",
        "Kyiv denied it.",
    ]
    document = Document.objects.get()
    assert document.channel == "paste"


def test_uploading_an_email_stores_it_with_its_subject(checker_page):
    page = checker_page
    page.set_input_files("#text-form input[type=file]", str(FIXTURES / "release.eml"))
    page.click("#text-form button[type=submit]")
    page.wait_for_selector("text=Stored as document")
    assert page.inner_text("h1") == "Statement on the overnight air defence operation"


def test_url_form_fetches_a_page_when_its_network_is_allowed(checker_page, news_site, settings):
    settings.CLAIMTRACK_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    page = checker_page
    page.fill("#url-form input[name=url]", news_site.url("/articles/drones"))
    page.click("#url-form button[type=submit]")
    page.wait_for_selector("text=Stored as document")
    assert page.inner_text("h1") == "Russia says air defences downed 24 Ukrainian drones over Belgorod"
    assert page.locator(".document-text p").count() == 4
    assert page.locator("text=Raw HTML as fetched").is_visible()


def test_url_form_explains_why_a_private_address_is_refused(checker_page, news_site):
    page = checker_page
    page.fill("#url-form input[name=url]", news_site.url("/articles/drones"))
    page.click("#url-form button[type=submit]")
    alert = page.locator("#url-form [role=alert]")
    alert.wait_for()
    assert "not fetched unless an administrator allows their network" in alert.inner_text()
    assert Document.objects.count() == 0
