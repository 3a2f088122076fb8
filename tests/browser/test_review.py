"""The review workflow in a real browser: a checker works the queue, an editor publishes, text stays inert."""

from pathlib import Path

import pytest
from django.core.management import call_command

from claims.models import Claim, Document
from tests.factories import ClaimFactory, DocumentFactory, FlagFactory, ReviewItemFactory
from verification.models import ReviewItem, Verdict

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXAMPLES = Path(__file__).resolve().parents[2] / "claims" / "data" / "example_documents.jsonl"


@pytest.fixture
def example_queue(eager_tasks):
    """The example news documents, ingested, extracted and flagged by the real pipeline."""
    call_command("load_sources", verbosity=0)
    call_command("ingest", "--jsonl", str(EXAMPLES), "--no-progress", verbosity=0)
    assert Document.objects.filter(status=Document.Status.DONE).exists()
    queued = ReviewItem.objects.filter(state=ReviewItem.State.QUEUED).order_by("-priority", "created_at", "id")
    assert queued.count() >= 2
    return queued


def test_a_checker_takes_the_top_item_and_an_editor_publishes_the_verdict(
    browser_page, log_in, example_queue, fact_checker, editor
):
    from playwright.sync_api import expect

    page = browser_page
    top = example_queue.first()
    log_in(page, fact_checker.username)
    expect(page.locator("#queue-table tbody tr").first).to_be_visible()

    # j selects the first row; t takes the next item and opens its claim.
    page.keyboard.press("j")
    expect(page.locator("#queue-table tbody tr").first).to_have_class("selected")
    page.keyboard.press("t")
    page.wait_for_url(f"**/review/claims/{top.claim_id}/")
    expect(page.locator("#item-state")).to_have_text("In progress")

    # v jumps to the verdict form.
    page.keyboard.press("v")
    expect(page.locator("#id_rating")).to_be_focused()
    page.select_option("#id_rating", "mostly_false")
    page.select_option("#id_credibility", "4")
    page.fill("#id_rationale", "Satellite images from the next morning show the site intact.")
    page.fill("#id_evidence_links", "https://example.org/satellite-2026-11-21")
    page.click("#submit-verdict")
    expect(page.locator("#approval")).to_contain_text("Verdict awaiting approval")
    expect(page.locator("#claim-status")).to_contain_text("Awaiting approval")

    log_in(page, editor.username)
    page.goto(f"/review/claims/{top.claim_id}/")
    page.click("#approve-button")
    expect(page.locator("#claim-status")).to_contain_text("Published")
    expect(page.locator("#claim-status")).to_contain_text("Mostly false")

    # What REST clients see, read with the editor's session.
    api = page.request.get(f"/api/v1/claims/{top.claim_id}/")
    assert api.status == 200
    body = api.json()
    assert (body["status"], body["rating"]) == ("published", "mostly_false")
    claim = Claim.objects.get(pk=top.claim_id)
    assert (claim.status, claim.rating) == (Claim.Status.PUBLISHED, "mostly_false")
    verdict = Verdict.objects.get(claim=claim, state=Verdict.State.PUBLISHED)
    assert (verdict.reviewer, verdict.approver, verdict.evidence_links) == (
        fact_checker,
        editor,
        ["https://example.org/satellite-2026-11-21"],
    )
    assert page.dialogs == []


def test_a_script_in_a_document_stays_inert_text(browser_page, log_in, fact_checker):
    from playwright.sync_api import expect

    payload = '<script>window.__owned = 1; alert("owned")</script>'
    image = "<img src=x onerror=\"window.__owned = 2; alert('img')\">"
    text = f"Officials said {payload} the depot was hit. {image}"
    claim = ClaimFactory(
        document=DocumentFactory(text=text, title=f"Report {payload}"),
        sentence=text,
        sentence_start=0,
        sentence_end=len(text),
        text=f"{payload} the depot was hit",
        claimant_name=f"Officials {image}",
    )
    FlagFactory(claim=claim, cue_text=payload, cue_start=15, cue_end=15 + len(payload))
    ReviewItemFactory(claim=claim, priority=50)

    page = browser_page
    log_in(page, fact_checker.username)
    expect(page.locator("#queue-table")).to_contain_text(payload)
    page.goto(f"/review/claims/{claim.pk}/")
    expect(page.locator("#claim-text")).to_have_text(claim.text)
    expect(page.locator("#passage")).to_contain_text(payload)
    expect(page.locator("#passage")).to_contain_text(image)
    assert page.evaluate("window.__owned") is None
    assert page.locator("#passage script, #passage img, #claim-text script").count() == 0
    assert page.dialogs == []
