"""The fact-checker workspace over HTTP: who gets in, what the queue and claim page show, the actions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim, ClaimLink
from tests.factories import (
    AttributionFactory,
    ClaimFactory,
    ClaimLinkFactory,
    DocumentFactory,
    FlagFactory,
    ReviewItemFactory,
    SourceFactory,
)
from verification import services
from verification.models import ReviewItem, Verdict

pytestmark = pytest.mark.django_db

XSS = '<script>alert("owned")</script>'


def test_the_queue_sends_anonymous_visitors_to_log_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_queue_is_forbidden_to_users_without_a_review_role(client, outsider, api_client_user):
    for user in (outsider, api_client_user):
        client.force_login(user)
        assert client.get("/").status_code == 403


def test_the_queue_lists_open_items_highest_priority_first_with_their_reasons(checker_client):
    low = ReviewItemFactory(priority=5, claim=ClaimFactory(text="Low priority claim"))
    high = ReviewItemFactory(
        priority=60,
        claim=ClaimFactory(text="High priority claim"),
        priority_reasons=[{"code": "disputed", "label": "Disputed by 1 claim", "points": 25}],
    )
    ReviewItemFactory(priority=99, state=ReviewItem.State.DONE, claim=ClaimFactory(text="Closed claim"))
    page = checker_client.get("/").content.decode()
    assert page.index("High priority claim") < page.index("Low priority claim")
    assert "Closed claim" not in page
    assert "Disputed by 1 claim +25" in page
    assert f'data-item="{high.pk}"' in page and f'data-item="{low.pk}"' in page


def test_queue_filters_narrow_the_list_and_count_each_option(checker_client, fact_checker):
    disputed = ReviewItemFactory(claim=ClaimFactory(text="Disputed one", disputed=True))
    FlagFactory(claim=disputed.claim, reason="disputed", rule="link.disputed")
    plain = ReviewItemFactory(claim=ClaimFactory(text="Plain one"))
    FlagFactory(claim=plain.claim)
    response = checker_client.get("/", {"disputed": "yes"})
    page = response.content.decode()
    assert "Disputed one" in page and "Plain one" not in page
    facets = {f["key"]: {r["value"]: r["count"] for r in f["rows"]} for f in response.context["facets"]}
    assert facets["disputed"] == {"": 2, "yes": 1, "no": 1}
    assert facets["reason"]["disputed"] == 1 and facets["reason"]["unverified"] == 0


def test_queue_filters_by_grade_assignee_and_overdue(checker_client, fact_checker):
    graded = SourceFactory(reliability_grade="E")
    low = ReviewItemFactory(claim=ClaimFactory(text="From an E source", claimant=graded))
    ReviewItemFactory(claim=ClaimFactory(text="Ungraded claimant"))
    assert [i.pk for i in checker_client.get("/", {"grade": "E"}).context["items"]] == [low.pk]
    services.review_item_take(item=low, user=fact_checker)
    assert [i.pk for i in checker_client.get("/", {"assignee": "me"}).context["items"]] == [low.pk]
    assert checker_client.get("/", {"overdue": "yes"}).context["items"] == []


def test_an_htmx_filter_request_gets_only_the_panel(checker_client):
    ReviewItemFactory()
    response = checker_client.get("/", {"view": "queued"}, HTTP_HX_REQUEST="true")
    assert response.templates[0].name == "verification/_queue_panel.html"
    assert b"<html" not in response.content


def test_take_next_opens_the_top_claim(checker_client, fact_checker):
    item = ReviewItemFactory(priority=10)
    response = checker_client.post(reverse("review:take_next"))
    assert response["Location"] == reverse("review:claim", args=[item.claim_id])
    item.refresh_from_db()
    assert item.assignee == fact_checker


def test_take_next_on_an_empty_queue_says_so(checker_client):
    response = checker_client.post(reverse("review:take_next"), follow=True)
    assert b"The queue is empty" in response.content


def test_the_claim_page_marks_the_sentence_and_the_cue_in_the_passage(checker_client):
    text = "Drones hit two houses, the mayor said. Reuters could not independently verify the report."
    claim = ClaimFactory(
        document=DocumentFactory(text=text),
        sentence="Drones hit two houses, the mayor said.",
        sentence_start=0,
        sentence_end=38,
        text="Drones hit two houses",
        claimant_name="the mayor",
    )
    cue = "could not independently verify"
    FlagFactory(claim=claim, cue_text=cue, cue_start=text.index(cue), cue_end=text.index(cue) + len(cue))
    page = checker_client.get(reverse("review:claim", args=[claim.pk])).content.decode()
    assert '<mark class="claim-sentence" title="the claim">Drones hit two houses, the mayor said.</mark>' in page
    assert f'<mark class="cue" title="Marked unverified in the text">{cue}</mark>' in page


def test_the_claim_page_shows_the_chain_with_grades_and_the_linked_denial(checker_client):
    ministry = SourceFactory(name="Ministry of Defence of Examples", reliability_grade="D")
    claim = ClaimFactory(claimant=ministry)
    AttributionFactory(claim=claim, name="Ministry of Defence of Examples", source=ministry)
    denial = ClaimFactory(text="The strike never happened", claimant_name="the foreign ministry")
    ClaimLinkFactory(from_claim=denial, to_claim=claim, relation=ClaimLink.Relation.DENIES)
    page = checker_client.get(reverse("review:claim", args=[claim.pk])).content.decode()
    assert 'class="grade grade-D"' in page
    assert "the foreign ministry denies this claim" in page
    assert reverse("review:claim", args=[denial.pk]) in page
    assert "Show its passage" in page


def test_document_text_is_escaped_everywhere_it_is_shown(checker_client):
    text = f"Officials said {XSS} was found. <img src=x onerror=alert(1)>"
    claim = ClaimFactory(
        document=DocumentFactory(text=text, title=XSS),
        sentence=text,
        text=XSS,
        claimant_name=XSS,
    )
    ReviewItemFactory(claim=claim)
    FlagFactory(claim=claim, cue_text=XSS, cue_start=14, cue_end=14 + len(XSS))
    for url in ("/", reverse("review:claim", args=[claim.pk])):
        page = checker_client.get(url).content.decode()
        assert XSS not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in page


def test_a_checker_records_a_verdict_through_the_form(checker_client, fact_checker):
    item = services.review_item_take(item=ReviewItemFactory(), user=fact_checker)
    response = checker_client.post(
        reverse("review:verdict", args=[item.pk]),
        {"rating": "false", "credibility": "5", "rationale": "Images.", "evidence_links": "https://example.org/a\n"},
    )
    assert response.status_code == 302
    verdict = Verdict.objects.get()
    assert (verdict.rating, verdict.evidence_links, verdict.reviewer) == (
        "false",
        ["https://example.org/a"],
        fact_checker,
    )


def test_a_verdict_without_evidence_shows_the_error_in_the_htmx_form(checker_client, fact_checker):
    item = services.review_item_take(item=ReviewItemFactory(), user=fact_checker)
    response = checker_client.post(
        reverse("review:verdict", args=[item.pk]),
        {"rating": "false", "credibility": "5", "rationale": "Images.", "evidence_links": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert b"at least one evidence link" in response.content
    assert not Verdict.objects.exists()


def test_an_editor_approves_from_the_claim_page(client, fact_checker, editor):
    item = services.review_item_take(item=ReviewItemFactory(), user=fact_checker)
    verdict = services.verdict_submit(
        item=item, user=fact_checker, rating="false", credibility=5, rationale="x", evidence_links=["https://e.org"]
    )
    client.force_login(editor)
    page = client.get(reverse("review:claim", args=[item.claim_id])).content.decode()
    assert "Approve and publish" in page
    client.post(reverse("review:approve", args=[verdict.pk]))
    assert Claim.objects.get(pk=item.claim_id).status == Claim.Status.PUBLISHED


def test_the_author_sees_no_approve_button_and_cannot_post_one(client, editor):
    item = services.review_item_take(item=ReviewItemFactory(), user=editor)
    verdict = services.verdict_submit(
        item=item, user=editor, rating="false", credibility=5, rationale="x", evidence_links=["https://e.org"]
    )
    client.force_login(editor)
    assert b"Approve and publish" not in client.get(reverse("review:claim", args=[item.claim_id])).content
    assert client.post(reverse("review:approve", args=[verdict.pk])).status_code == 403


def test_renewing_a_lease_over_htmx_answers_with_the_new_expiry(checker_client, fact_checker):
    item = services.review_item_take(item=ReviewItemFactory(), user=fact_checker)
    response = checker_client.post(reverse("review:renew", args=[item.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and b"Leased to you until" in response.content


def test_the_claim_page_shows_the_history(checker_client, fact_checker):
    item = services.review_item_take(item=ReviewItemFactory(), user=fact_checker)
    page = checker_client.get(reverse("review:claim", args=[item.claim_id])).content.decode()
    assert "review_item.taken" in page and fact_checker.username in page


def test_base_layout_loads_the_vendored_htmx(checker_client):
    page = checker_client.get("/").content.decode()
    assert '<script src="/static/vendor/htmx.min.js"' in page


def test_the_queue_costs_the_same_queries_for_many_items_as_for_few(checker_client, django_assert_max_num_queries):
    ministry = SourceFactory(reliability_grade="D", parent=SourceFactory(reliability_grade="C"))

    def fill(n):
        for _ in range(n):
            item = ReviewItemFactory(claim=ClaimFactory(claimant=ministry))
            FlagFactory(claim=item.claim)

    fill(2)
    with CaptureQueriesContext(connection) as few:
        checker_client.get("/")
    fill(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = checker_client.get("/")
    assert len(response.context["items"]) == 27


def test_a_checker_requests_a_correction_from_the_claim_page(checker_client):
    claim = ClaimFactory(status=Claim.Status.PUBLISHED, rating="false")
    page = checker_client.get(reverse("review:claim", args=[claim.pk])).content.decode()
    assert "Request a correction" in page
    checker_client.post(reverse("review:reopen", args=[claim.pk]), {"note": "A new video contradicts it."})
    assert ReviewItem.objects.get(claim=claim).state == ReviewItem.State.QUEUED


def test_the_verdict_form_offers_to_reject_a_matched_source(checker_client, fact_checker):
    ministry = SourceFactory(name="Ministry of Examples")
    item = services.review_item_take(item=ReviewItemFactory(claim=ClaimFactory(claimant=ministry)), user=fact_checker)
    attribution = AttributionFactory(claim=item.claim, name="the ministry", source=ministry)
    page = checker_client.get(reverse("review:claim", args=[item.claim_id])).content.decode()
    assert f'name="attribution_{attribution.pk}"' in page
    checker_client.post(
        reverse("review:verdict", args=[item.pk]),
        {"rating": "unverifiable", "credibility": "6", "rationale": "x", f"attribution_{attribution.pk}": "rejected"},
    )
    attribution.refresh_from_db()
    assert attribution.source is None


def test_a_checker_hands_an_item_to_a_colleague_from_the_claim_page(checker_client, fact_checker, other_fact_checker):
    item = services.review_item_take(item=ReviewItemFactory(), user=fact_checker)
    page = checker_client.get(reverse("review:claim", args=[item.claim_id])).content.decode()
    assert other_fact_checker.username in page
    checker_client.post(reverse("review:hand_over", args=[item.pk]), {"to_user": other_fact_checker.pk})
    item.refresh_from_db()
    assert item.assignee == other_fact_checker


def test_an_editor_returns_a_verdict_with_a_comment_from_the_claim_page(client, fact_checker, editor):
    item = services.review_item_take(item=ReviewItemFactory(), user=fact_checker)
    verdict = services.verdict_submit(
        item=item, user=fact_checker, rating="false", credibility=5, rationale="x", evidence_links=["https://e.org"]
    )
    client.force_login(editor)
    client.post(reverse("review:return", args=[verdict.pk]), {"comment": "Add the ministry's statement."})
    verdict.refresh_from_db()
    assert (verdict.state, verdict.return_comment) == ("returned", "Add the ministry's statement.")


def test_an_htmx_history_restore_gets_the_whole_page(checker_client):
    response = checker_client.get("/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert b"<html" in response.content
