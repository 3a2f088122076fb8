"""The sources dashboard in a real browser: the charts render, and what they draw matches the data."""

import os
import random
from datetime import date, datetime
from pathlib import Path

import pytest
from django.utils import timezone

from claims.models import Attribution, Claim, ClaimLink
from sources.services import source_set_grade, sources_suggest_from_document, track_record_update
from tests.factories import (
    AttributionFactory,
    ClaimFactory,
    ClaimLinkFactory,
    DocumentFactory,
    SourceFactory,
    VerdictFactory,
)
from verification.models import Verdict

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set to a folder (e.g. docs/screenshots) to save the pages as PNGs for the README.
SCREENSHOTS = os.environ.get("CLAIMTRACK_SCREENSHOTS", "")

# Fictional sources: (name, kind, admin grade, share of their claims found true).
CAST = [
    ("Northland Ministry of Defence", "military", "B", 0.35),
    ("Southland General Staff", "military", "C", 0.55),
    ("Eastport Regional Administration", "government_body", "B", 0.8),
    ("Westmark Foreign Ministry", "government_body", "A", 0.9),
    ("Harbour City Mayor's Office", "government_body", "", 0.7),
    ("Example Wire Agency", "news_agency", "A", 0.85),
    ("Riverside Daily", "news_outlet", "C", 0.6),
]


def seed(reviewer, approver, admin):
    """Six months of claims by fictional sources, with published verdicts and grade changes."""
    rng = random.Random(11)
    sources = {}
    for name, kind, grade, _ in CAST:
        source = SourceFactory(name=name, slug=name.lower().replace("'", "").replace(" ", "-"), kind=kind)
        if grade:
            source_set_grade(
                source=source,
                grade="C" if grade != "C" else "B",
                reason="First assessment from the desk's source list",
                user=admin,
                effective_date=date(2026, 5, 4),
            )
            source_set_grade(source=source, grade=grade, reason="Revised after the spring review", user=admin)
        sources[name] = source
    northland = sources["Northland Ministry of Defence"]
    source_set_grade(
        source=northland,
        grade="E",
        reason="Figures for the other side's losses are routinely inflated",
        user=admin,
        topic="enemy losses",
        effective_date=date(2026, 8, 17),
    )
    wire, daily = sources["Example Wire Agency"], sources["Riverside Daily"]
    claims = []
    for name, _, _, truth in CAST[:5]:
        for _ in range(rng.randint(9, 16)):
            when = timezone.make_aware(datetime(2026, rng.randint(6, 11), rng.randint(1, 28), 12))
            claim = ClaimFactory(claimant=sources[name], document=DocumentFactory(published_at=when, outlet=daily))
            AttributionFactory(claim=claim, position=1, role=Attribution.Role.AGENCY, name=wire.name, source=wire)
            roll = rng.random()
            rating = (
                ("true" if roll < truth * 0.7 else "mostly_true")
                if roll < truth
                else rng.choice(["false", "false", "mostly_false", "mixed", "unverifiable"])
            )
            VerdictFactory(
                claim=claim,
                rating=rating,
                state=Verdict.State.PUBLISHED,
                reviewer=reviewer,
                approver=approver,
                published_at=when,
            )
            claims.append(claim)
    # Southland denies some of Northland's claims.
    for target in [c for c in claims if c.claimant_id == northland.pk][:4]:
        denial = ClaimFactory(
            claimant=sources["Southland General Staff"], kind=Claim.Kind.DENIAL, document=target.document
        )
        ClaimLinkFactory(from_claim=denial, to_claim=target, relation=ClaimLink.Relation.DENIES)
    for claim in claims:
        track_record_update(claim_id=claim.pk)
    # A name extraction could not match, waiting for an admin.
    unknown = ClaimFactory(
        claimant_name="Colonel Ivan Examplov",
        sentence="Colonel Ivan Examplov said the crossing near Eastport was shelled twice overnight.",
    )
    sources_suggest_from_document(document_id=unknown.document_id)
    return sources


def screenshot(page, name):
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / name), full_page=True)


def numbers(locator, attribute):
    return [float(v) for v in locator.evaluate_all(f"els => els.map(e => e.getAttribute('{attribute}'))")]


def test_dashboard_charts_render_with_the_figures_of_the_data(browser_page, log_in, editor, fact_checker, admin_user):
    sources = seed(fact_checker, editor, admin_user)
    page = browser_page
    log_in(page, editor.username)

    page.goto("/sources/dashboard/")
    data = page.request.get("/sources/dashboard/data.json").json()
    chart = page.locator('svg[data-chart="grade-vs-accuracy"]')
    chart.wait_for()
    assert chart.bounding_box()["width"] > 400, "the chart is laid out at a readable size"

    scored = {
        e["slug"]: e["records"][e["grading_role"]]
        for e in data["sources"]
        if e["grading_role"] in e["records"]
        and e["records"][e["grading_role"]]["successes"] + e["records"][e["grading_role"]]["failures"]
    }
    points = page.locator("g.source-point")
    assert points.count() == len(scored) >= 5
    for slug, record in scored.items():
        point = page.locator(f'g.source-point[data-slug="{slug}"]')
        assert float(point.get_attribute("data-mean")) == pytest.approx(record["accuracy"]["mean"], abs=1e-4)
        assert float(point.get_attribute("data-low")) == pytest.approx(record["accuracy"]["low"], abs=1e-4)
        box = point.locator("circle").bounding_box()
        assert box and box["width"] > 0, f"{slug} is drawn"

    # Drawn positions follow the numbers: a more accurate source sits higher on the chart.
    by_mean = sorted(scored, key=lambda s: scored[s]["accuracy"]["mean"])
    lowest = page.locator(f'g.source-point[data-slug="{by_mean[0]}"] circle').bounding_box()
    highest = page.locator(f'g.source-point[data-slug="{by_mean[-1]}"] circle').bounding_box()
    assert highest["y"] < lowest["y"]

    review_rows = page.locator("#review-table tbody tr")
    assert review_rows.count() == len(data["review"])
    assert int(page.locator('[data-stat="review"]').inner_text()) == len(data["review"])
    assert int(page.locator('[data-stat="suggested"]').inner_text()) == data["suggested_sources"] == 1
    assert page.get_by_text("the crossing near Eastport was shelled").is_visible()
    screenshot(page, "dashboard.png")

    # One source's page: claims by month and rating, accuracy interval, grade history.
    northland = sources["Northland Ministry of Defence"]
    page.click(f'#records-table a[href="/sources/dashboard/{northland.slug}/"]')
    page.locator('svg[data-chart="claims-over-time"]').wait_for()
    profile = page.request.get(f"/sources/dashboard/{northland.slug}/data.json").json()

    bars = page.locator("g.bar")
    assert bars.count() == len(profile["claims_over_time"])
    for period in profile["claims_over_time"]:
        for rating, count in period["counts"].items():
            segment = page.locator(f'rect.bar-segment[data-period="{period["period"]}"][data-rating="{rating}"]')
            assert segment.count() == (1 if count else 0)
            if count:
                assert int(segment.get_attribute("data-count")) == count
    # Bar heights on screen are proportional to the counts they stand for.
    segments = page.locator("rect.bar-segment")
    counts = numbers(segments, "data-count")
    heights = [segments.nth(i).bounding_box()["height"] for i in range(segments.count())]
    per_claim = heights[0] / counts[0]
    assert all(h == pytest.approx(c * per_claim, rel=0.02) for h, c in zip(heights, counts, strict=True))

    claimant = profile["records"]["claimant"]
    # The REST API serves the same stored figures the charts draw.
    api = page.request.get(f"/api/v1/sources/{northland.slug}/")
    assert api.status == 200
    api_record = next(r for r in api.json()["track_record"] if r["role"] == "claimant")
    assert api_record["counts"] == claimant["counts"]
    assert api_record["accuracy_mean"] == pytest.approx(claimant["accuracy"]["mean"], abs=1e-4)
    interval = page.locator('svg[data-chart="accuracy"] g.interval[data-key="claimant"]')
    assert float(interval.get_attribute("data-mean")) == pytest.approx(claimant["accuracy"]["mean"], abs=1e-4)
    assert float(interval.get_attribute("data-high")) == pytest.approx(claimant["accuracy"]["high"], abs=1e-4)
    assert page.locator('#counts-table tr[data-role="claimant"] td[data-rating="false"]').inner_text() == str(
        claimant["counts"]["false"]
    )

    changes = page.locator('svg[data-chart="grade-timeline"] circle.grade-change')
    assert changes.count() == len(profile["grade_history"]) == 3
    assert changes.evaluate_all("els => els.map(e => e.getAttribute('data-topic'))").count("enemy losses") == 1
    screenshot(page, "dashboard-source.png")


def test_fact_checkers_cannot_open_the_dashboard(browser_page, log_in, fact_checker):
    log_in(browser_page, fact_checker.username)
    response = browser_page.goto("/sources/dashboard/")
    assert response.status == 403
