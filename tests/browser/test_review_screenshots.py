"""Screenshots of the queue and the claim page on the example news, for the README.

Set CLAIMTRACK_SCREENSHOTS_DIR=docs/screenshots to refresh the committed images; otherwise they go to
a temporary folder and the test checks that both pages render into real images.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from claims.models import Claim
from sources.models import Source
from sources.services import source_set_grade
from verification import services
from verification.models import ReviewItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXAMPLES = Path(__file__).resolve().parents[2] / "claims" / "data" / "example_documents.jsonl"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Grades an admin might have set; the default registry ships without grades.
DEMO_GRADES = {
    "reuters": "A",
    "associated-press": "A",
    "bbc": "B",
    "al-jazeera": "B",
    "kremlin": "D",
    "russian-defence-ministry": "D",
    "ukrainian-air-force": "C",
    "idf": "C",
    "gaza-health-ministry": "C",
}


@pytest.fixture
def graded_example_queue(eager_tasks, admin_user, other_fact_checker):
    call_command("load_sources", verbosity=0)
    for slug, grade in DEMO_GRADES.items():
        source = Source.objects.filter(slug=slug).first()
        if source is not None:
            source_set_grade(source=source, grade=grade, reason="Desk assessment", user=admin_user)
    call_command("ingest", "--jsonl", str(EXAMPLES), "--no-progress", verbosity=0)
    # A colleague is already working on one item, so the queue shows more than one state.
    busy = ReviewItem.objects.filter(state=ReviewItem.State.QUEUED).order_by("priority", "id").first()
    services.review_item_take(item=busy, user=other_fact_checker)


def test_queue_and_claim_page_screenshots(browser_page, log_in, graded_example_queue, fact_checker, tmp_path):
    folder = Path(os.environ.get("CLAIMTRACK_SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page = browser_page
    log_in(page, fact_checker.username)
    page.keyboard.press("j")
    page.screenshot(path=str(folder / "queue.png"), full_page=True)

    # The claim page of the highest-priority disputed claim, taken, with a verdict being written.
    queued = ReviewItem.objects.filter(state=ReviewItem.State.QUEUED)
    disputed = queued.filter(claim__disputed=True).order_by("-priority").first()
    item = disputed or queued.order_by("-priority").first()
    claim = Claim.objects.get(pk=item.claim_id)
    page.goto(f"/review/claims/{claim.pk}/")
    page.click("#take-button")
    page.select_option("#id_rating", "mostly_false")
    page.select_option("#id_credibility", "4")
    page.fill("#id_rationale", "Denied on the record; no document or second source supports the report so far.")
    page.fill("#id_evidence_links", "https://example.org/statement-transcript\nhttps://example.org/briefing-video")
    page.screenshot(path=str(folder / "claim.png"), full_page=True)

    for name in ("queue.png", "claim.png"):
        assert (folder / name).read_bytes()[:8] == PNG_MAGIC
    assert ReviewItem.objects.get(pk=item.pk).assignee == fact_checker
