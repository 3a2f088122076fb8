"""Track records from published verdicts: roles counted apart, denials, incremental equals full."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Attribution, Claim, ClaimLink
from sources import tasks
from sources.models import SourceClaimOutcome, SourceTrackRecord
from sources.services import source_set_grade, track_record_update, track_records_recompute_all
from sources.track_record import RATINGS, grade_review_list
from tests.factories import (
    AttributionFactory,
    ClaimFactory,
    ClaimLinkFactory,
    DocumentFactory,
    SourceFactory,
    VerdictFactory,
)
from verification.models import Event, Verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(fact_checker, editor):
    """A published verdict as verdict approval leaves it: the verdict, and the claim's status and rating."""

    def publish(claim, rating):
        verdict = VerdictFactory(
            claim=claim,
            rating=rating,
            state=Verdict.State.PUBLISHED,
            reviewer=fact_checker,
            approver=editor,
            published_at=timezone.now(),
        )
        Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.PUBLISHED, rating=rating)
        return verdict

    return publish


def record(source, role="claimant"):
    return SourceTrackRecord.objects.get(source=source, role=role)


def snapshot():
    fields = [f.name for f in SourceTrackRecord._meta.fields if f.name not in ("id", "updated_at")]
    records = {(r["source"], r["role"]): r for r in SourceTrackRecord.objects.values(*fields)}
    ledger = set(
        SourceClaimOutcome.objects.values_list(
            "source_id", "claim_id", "role", "rating", "denial_outcome", "claimed_at", "verdict_published_at"
        )
    )
    return records, ledger


def test_claimant_and_carrier_are_counted_separately(publish):
    minister, ministry, agency, outlet = SourceFactory.create_batch(4)
    claim = ClaimFactory(claimant=minister, claimant_body=ministry, document=DocumentFactory(outlet=outlet))
    AttributionFactory(claim=claim, position=0, role=Attribution.Role.CLAIMANT, source=minister)
    AttributionFactory(claim=claim, position=1, role=Attribution.Role.AGENCY, name="Reuters", source=agency)
    publish(claim, "false")

    assert track_record_update(claim_id=claim.pk) == 4

    assert record(minister).counts["false"] == 1
    assert record(ministry).counts["false"] == 1
    assert record(agency, "carrier").counts["false"] == 1
    assert record(outlet, "carrier").counts["false"] == 1
    assert not SourceTrackRecord.objects.filter(source=agency, role="claimant").exists()
    assert not SourceTrackRecord.objects.filter(source=minister, role="carrier").exists()


def test_a_source_that_claims_and_carries_counts_once_as_claimant(publish):
    agency = SourceFactory()
    claim = ClaimFactory(claimant=agency, document=DocumentFactory(outlet=agency))
    publish(claim, "true")
    track_record_update(claim_id=claim.pk)
    assert list(SourceTrackRecord.objects.filter(source=agency).values_list("role", flat=True)) == ["claimant"]


def test_counts_by_rating_and_accuracy_with_interval(publish):
    source = SourceFactory()
    for rating in ["true", "true", "mostly_true", "false", "mixed", "unverifiable"]:
        claim = ClaimFactory(claimant=source)
        publish(claim, rating)
        track_record_update(claim_id=claim.pk)

    rec = record(source)
    assert rec.counts == {"true": 2, "mostly_true": 1, "mixed": 1, "mostly_false": 0, "false": 1, "unverifiable": 1}
    assert rec.claims_rated == 6
    assert (rec.successes, rec.failures) == (3, 1)
    assert rec.accuracy_mean == pytest.approx(4 / 6)
    assert rec.accuracy_low < rec.accuracy_mean < rec.accuracy_high


def test_verdicts_not_yet_published_do_not_count():
    source = SourceFactory()
    claim = ClaimFactory(claimant=source)
    VerdictFactory(claim=claim, rating="false", state=Verdict.State.SUBMITTED)
    assert track_record_update(claim_id=claim.pk) == 0
    assert not SourceTrackRecord.objects.filter(source=source).exists()


def test_running_the_update_twice_changes_nothing_the_second_time(publish):
    source = SourceFactory()
    claim = ClaimFactory(claimant=source)
    publish(claim, "false")
    assert tasks.track_record_update(claim.pk) == 1
    before = snapshot()
    assert tasks.track_record_update(claim.pk) == 0
    assert snapshot() == before


def test_a_denial_is_upheld_when_the_claim_it_denied_is_found_false(publish):
    claimant, denier = SourceFactory.create_batch(2)
    claim = ClaimFactory(claimant=claimant)
    denial = ClaimFactory(claimant=denier, kind=Claim.Kind.DENIAL)
    ClaimLinkFactory(from_claim=denial, to_claim=claim, relation=ClaimLink.Relation.DENIES)
    publish(claim, "false")

    track_record_update(claim_id=claim.pk)

    rec = record(denier)
    assert (rec.denials_upheld, rec.denials_refuted) == (1, 0)
    assert rec.claims_rated == 0, "the denial itself has no verdict to count"
    assert record(claimant).counts["false"] == 1


def test_a_denial_is_refuted_when_the_claim_it_denied_is_found_true(publish):
    denier = SourceFactory()
    claim = ClaimFactory()
    denial = ClaimFactory(claimant=denier, kind=Claim.Kind.DENIAL)
    ClaimLinkFactory(from_claim=denial, to_claim=claim, relation=ClaimLink.Relation.DENIES)
    publish(claim, "mostly_true")
    track_record_update(claim_id=claim.pk)
    assert (record(denier).denials_upheld, record(denier).denials_refuted) == (0, 1)


def test_a_rejected_denial_link_does_not_decide_the_denial(publish):
    denier = SourceFactory()
    claim = ClaimFactory()
    denial = ClaimFactory(claimant=denier, kind=Claim.Kind.DENIAL)
    ClaimLinkFactory(
        from_claim=denial, to_claim=claim, relation=ClaimLink.Relation.DENIES, status=ClaimLink.Status.REJECTED
    )
    publish(claim, "false")
    track_record_update(claim_id=claim.pk)
    assert not SourceTrackRecord.objects.filter(source=denier).exists()


def test_a_superseded_verdict_moves_the_count_to_the_correction(publish):
    source = SourceFactory()
    claim = ClaimFactory(claimant=source)
    first = publish(claim, "true")
    track_record_update(claim_id=claim.pk)
    Verdict.objects.filter(pk=first.pk).update(state=Verdict.State.SUPERSEDED)
    publish(claim, "false")
    track_record_update(claim_id=claim.pk)
    assert record(source).counts["true"] == 0
    assert record(source).counts["false"] == 1


def test_a_changed_suggested_grade_is_audited(publish):
    source = SourceFactory(kind="government_body")
    for _ in range(10):
        claim = ClaimFactory(claimant=source)
        publish(claim, "false")
        track_record_update(claim_id=claim.pk)
    assert record(source).suggested_grade == "E"
    changes = Event.objects.filter(verb="source.suggested_grade_changed", object_id=str(source.pk))
    assert [e.after["suggested_grade"] for e in changes.order_by("id")] == ["F", "E"]


def test_a_grade_far_from_the_record_is_listed_for_review(admin_user, publish):
    trusted, fair = SourceFactory.create_batch(2, kind="government_body")
    source_set_grade(source=trusted, grade="A", reason="State agency with a good record", user=admin_user)
    source_set_grade(source=fair, grade="E", reason="Known for propaganda", user=admin_user)
    for source in (trusted, fair):
        for _ in range(10):
            claim = ClaimFactory(claimant=source)
            publish(claim, "false")
            track_record_update(claim_id=claim.pk)

    listed = grade_review_list()

    assert [(row.source, row.grade, row.suggested_grade) for row in listed] == [(trusted, "A", "E")]


def test_agencies_are_graded_on_what_they_carried(admin_user, publish):
    agency = SourceFactory(kind="news_agency")
    source_set_grade(source=agency, grade="A", reason="Wire service", user=admin_user)
    for _ in range(10):
        claim = ClaimFactory(document=DocumentFactory(outlet=agency))
        publish(claim, "false")
        track_record_update(claim_id=claim.pk)
    assert [row.source for row in grade_review_list()] == [agency]


def test_incremental_updates_give_the_same_records_as_a_full_recompute(publish):
    rng = random.Random(7)
    sources = SourceFactory.create_batch(8)
    claims = []
    for i in range(60):
        kind = Claim.Kind.DENIAL if i % 5 == 4 else Claim.Kind.CLAIM
        document = DocumentFactory(
            outlet=rng.choice([None, *sources]), published_at=timezone.now() - timedelta(days=rng.randint(0, 90))
        )
        claim = ClaimFactory(
            document=document,
            kind=kind,
            claimant=rng.choice([None, *sources]),
            claimant_body=rng.choice([None, None, *sources]),
        )
        AttributionFactory(claim=claim, position=1, role=Attribution.Role.AGENCY, source=rng.choice(sources))
        if kind == Claim.Kind.DENIAL and claims:
            ClaimLinkFactory(from_claim=claim, to_claim=rng.choice(claims), relation=ClaimLink.Relation.DENIES)
        claims.append(claim)

    published = {}
    for claim in rng.sample(claims, 45):
        published[claim.pk] = publish(claim, rng.choice(RATINGS))
        track_record_update(claim_id=claim.pk)
    # Corrections: a published verdict superseded by another rating.
    for claim_id in rng.sample(sorted(published), 8):
        Verdict.objects.filter(pk=published[claim_id].pk).update(state=Verdict.State.SUPERSEDED)
        publish(Claim.objects.get(pk=claim_id), rng.choice(RATINGS))
        track_record_update(claim_id=claim_id)

    incremental = snapshot()
    assert len(incremental[0]) > 8, "the scenario touches both roles of most sources"

    assert track_records_recompute_all() == 0, "the full pass finds nothing to change"
    assert snapshot() == incremental

    SourceTrackRecord.objects.all().delete()
    SourceClaimOutcome.objects.all().delete()
    track_records_recompute_all()
    assert snapshot() == incremental


def test_the_nightly_recompute_repairs_a_record_that_drifted(publish):
    source = SourceFactory()
    claim = ClaimFactory(claimant=source)
    publish(claim, "false")
    track_record_update(claim_id=claim.pk)
    SourceTrackRecord.objects.filter(source=source).update(claims_rated=99)
    assert tasks.track_records_recompute_all() == 1
    assert record(source).claims_rated == 1


def test_the_full_recompute_is_scheduled_nightly():
    from celery.schedules import crontab
    from django.conf import settings

    from config.celery import app

    entries = [
        e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "sources.tasks.track_records_recompute_all"
    ]
    assert len(entries) == 1
    assert isinstance(entries[0]["schedule"], crontab)
    assert entries[0]["schedule"].hour == {3}
    app.loader.import_default_modules()
    assert "sources.tasks.track_records_recompute_all" in app.tasks


def test_outcomes_read_in_batches_are_the_outcomes_read_at_once(publish):
    from sources.track_record import claim_outcomes

    sources = SourceFactory.create_batch(3)
    claims = [
        ClaimFactory(claimant=sources[i % 3], document=DocumentFactory(outlet=sources[(i + 1) % 3])) for i in range(7)
    ]
    for claim in claims:
        publish(claim, "false")
    ids = [c.pk for c in claims]
    assert len(claim_outcomes(ids)) == 14
    assert sorted(claim_outcomes(ids, batch=3), key=lambda o: o.key()) == sorted(
        claim_outcomes(ids), key=lambda o: o.key()
    )


def test_the_recompute_command_rebuilds_records_and_lists_grades_to_review(publish, admin_user):
    from io import StringIO

    from django.core.management import call_command

    source = SourceFactory(name="Ministry of Examples", kind="government_body")
    source_set_grade(source=source, grade="A", reason="Trusted so far", user=admin_user)
    for _ in range(10):
        publish(ClaimFactory(claimant=source), "false")
    out = StringIO()
    call_command("recompute_track_records", stdout=out)
    assert out.getvalue().splitlines() == [
        "track records: 1 changed, 1 in all",
        "review grade: Ministry of Examples: graded A, record suggests E",
    ]
