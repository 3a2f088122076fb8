"""The sources dashboard: who may see it, and that its charts and tables show the stored figures."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim
from sources.models import Source
from sources.services import source_set_grade, sources_suggest_from_document, track_record_update
from tests.factories import ClaimFactory, DocumentFactory, SourceFactory, VerdictFactory
from verification.models import Verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(fact_checker, editor):
    def publish(claim, rating):
        VerdictFactory(
            claim=claim,
            rating=rating,
            state=Verdict.State.PUBLISHED,
            reviewer=fact_checker,
            approver=editor,
            published_at=timezone.now(),
        )
        track_record_update(claim_id=claim.pk)

    return publish


@pytest.fixture
def graded_ministry(admin_user, publish):
    ministry = SourceFactory(name="Ministry of Examples", slug="ministry-of-examples", kind="government_body")
    source_set_grade(source=ministry, grade="A", reason="Official statements have held up", user=admin_user)
    source_set_grade(
        source=ministry,
        grade="D",
        reason="Casualty figures for the other side are inflated",
        user=admin_user,
        topic="enemy losses",
        effective_date=date(2026, 3, 1),
    )
    for month, rating in [(1, "true"), (1, "false"), (2, "false"), (4, "mixed")] + [(5, "false")] * 8:
        document = DocumentFactory(published_at=timezone.make_aware(timezone.datetime(2026, month, 10)))
        publish(ClaimFactory(claimant=ministry, document=document), rating)
    return ministry


def svg(html, chart):
    match = re.search(rf'<svg[^>]*data-chart="{chart}".*?</svg>', html, re.S)
    assert match, f"no {chart} chart"
    return match.group(0)


@pytest.mark.parametrize("cast", ["admin_client", "editor_client"])
def test_admins_and_editors_see_the_dashboard(cast, request, graded_ministry):
    client = request.getfixturevalue(cast)
    assert client.get(reverse("sources:dashboard")).status_code == 200
    assert client.get(reverse("sources:source", args=[graded_ministry.slug])).status_code == 200


def test_fact_checkers_and_outsiders_are_refused(checker_client, client, outsider):
    assert checker_client.get(reverse("sources:dashboard")).status_code == 403
    client.force_login(outsider)
    assert client.get(reverse("sources:dashboard-data")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("sources:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_grade_chart_places_each_source_at_its_accuracy(editor_client, graded_ministry):
    data = editor_client.get(reverse("sources:dashboard-data")).json()
    entry = next(e for e in data["sources"] if e["slug"] == graded_ministry.slug)
    assert entry["records"]["claimant"]["counts"]["false"] == 10
    assert entry["suggested_grade"] == "E"
    assert data["review"] == [
        {"slug": graded_ministry.slug, "name": graded_ministry.name, "grade": "A", "suggested_grade": "E"}
    ]

    chart = svg(editor_client.get(reverse("sources:dashboard")).content.decode(), "grade-vs-accuracy")
    point = re.search(rf'<g class="source-point" data-slug="{graded_ministry.slug}"[^>]*>', chart).group(0)
    accuracy = entry["records"]["claimant"]["accuracy"]
    assert f'data-mean="{accuracy["mean"]:.4f}"' in point
    assert f'data-low="{accuracy["low"]:.4f}"' in point
    assert 'data-grade="A"' in point and 'data-review="yes"' in point


def test_source_page_draws_claims_by_month_and_rating(editor_client, graded_ministry):
    html = editor_client.get(reverse("sources:source", args=[graded_ministry.slug])).content.decode()
    chart = svg(html, "claims-over-time")
    bars = dict(re.findall(r'<g class="bar" data-period="([\d-]+)" data-total="(\d+)"', chart))
    assert bars == {"2026-01": "2", "2026-02": "1", "2026-03": "0", "2026-04": "1", "2026-05": "8"}
    assert 'data-period="2026-05" data-rating="false" data-count="8"' in chart


def test_source_page_draws_accuracy_interval_and_grade_history(editor_client, graded_ministry):
    profile = editor_client.get(reverse("sources:source-data", args=[graded_ministry.slug])).json()
    html = editor_client.get(reverse("sources:source", args=[graded_ministry.slug])).content.decode()

    accuracy = profile["records"]["claimant"]["accuracy"]
    assert (accuracy["mean"], profile["records"]["claimant"]["failures"]) == (pytest.approx(2 / 13, abs=1e-4), 10)
    assert f'data-mean="{accuracy["mean"]:.4f}" data-low="{accuracy["low"]:.4f}"' in svg(html, "accuracy")

    timeline = svg(html, "grade-timeline")
    changes = re.findall(
        r'class="grade-change"[^>]*data-grade="(\w)" data-date="([\d-]+)" data-topic="([^"]*)"', timeline
    )
    assert changes == [
        ("D", "2026-03-01", "enemy losses"),
        ("A", timezone.localdate().isoformat(), ""),
    ]
    assert [h["grade_to"] for h in profile["grade_history"]] == ["D", "A"], "in order of effective date"


def test_suggested_sources_are_listed_with_their_sentences(admin_client):
    claim = ClaimFactory(
        claimant_name="Oleksandr Prokudin", sentence="Oleksandr Prokudin said two people were killed in Kherson."
    )
    sources_suggest_from_document(document_id=claim.document_id)
    html = admin_client.get(reverse("sources:dashboard")).content.decode()
    assert "Oleksandr Prokudin said two people were killed in Kherson." in html
    assert 'data-stat="suggested">1<' in html


def test_merged_sources_have_no_page(editor_client):
    merged = SourceFactory(status=Source.Status.MERGED)
    assert editor_client.get(reverse("sources:source", args=[merged.slug])).status_code == 404


def test_an_empty_dashboard_still_renders_its_charts(editor_client):
    html = editor_client.get(reverse("sources:dashboard")).content.decode()
    assert "No source has a scored verdict yet" in svg(html, "grade-vs-accuracy")
    assert Claim.objects.count() == 0


def test_a_source_without_verdicts_or_grades_has_a_page_with_empty_charts(editor_client):
    source = SourceFactory()
    html = editor_client.get(reverse("sources:source", args=[source.slug])).content.decode()
    assert "No published verdicts yet" in svg(html, "claims-over-time")
    assert "No scored verdicts yet" in svg(html, "accuracy")
    assert "Never graded" in svg(html, "grade-timeline")
