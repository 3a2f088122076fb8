"""Shared browser fixtures: Django's live server and Debian's Chromium driven by Playwright's sync API."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in the test thread; Django's ORM calls from that
# thread are still plain synchronous calls, so the async-safety guard is switched off for these tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CLAIMTRACK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's password


@pytest.fixture(scope="module")
def chromium():
    """A headless Chromium per test module; skipped with a reason when it is not installed.

    Per module, not per session: only one Playwright sync API instance may run at a time, and a
    module that starts its own must find none left running by an earlier module.
    """
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set CLAIMTRACK_CHROMIUM)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def eager_tasks():
    """Run Celery tasks in-process, as the quickstart does, so ingestion flows through to the queue."""
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def browser_page(chromium, live_server):
    """A fresh browser context (no cookies) on the live server; dialogs are recorded, never accepted."""
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 1360, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    context.close()


@pytest.fixture
def log_in():
    """Log a page in through the login form, as a person would; any earlier login is dropped first."""

    def log_in(page, username: str, password: str = PASSWORD) -> None:
        page.context.clear_cookies()
        page.goto("/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()

    return log_in
