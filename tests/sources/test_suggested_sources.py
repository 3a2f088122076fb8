"""Names extraction could not match become suggested sources an admin approves, merges or dismisses."""

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from claims.models import Attribution, Claim
from claims.tasks import extract_document
from sources import tasks
from sources.models import Source, SourceAlias, SourceMention, SourceTrackRecord
from sources.services import (
    source_approve,
    source_dismiss,
    source_merge,
    sources_suggest_from_document,
    suggestible_name,
    track_record_update,
)
from tests.factories import (
    AttributionFactory,
    ClaimFactory,
    DocumentFactory,
    SourceAliasFactory,
    SourceFactory,
    VerdictFactory,
)
from verification.models import Event, Verdict

pytestmark = pytest.mark.django_db
_stories = itertools.count(1)


def claim_by(name, *, body="", document=None, sentence=None):
    document = document or DocumentFactory(text=sentence or f"{name} said bridge {next(_stories)} was hit.")
    claim = ClaimFactory(document=document, claimant_name=name, claimant_body_name=body)
    AttributionFactory(claim=claim, position=0, role=Attribution.Role.CLAIMANT, name=name)
    if body:
        AttributionFactory(claim=claim, position=1, role=Attribution.Role.BODY, name=body)
    return claim


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Oleksandr Prokudin", "Oleksandr Prokudin"),
        ("Russia's defence ministry", "Russia's defence ministry"),
        ("spokesman for the Odesa Brigade", "Odesa Brigade"),
        ("officials", ""),
        ("Ukrainian officials", ""),
        ("a senior US official", ""),
        ("the mayor", ""),
        ("They", ""),
        ("", ""),
    ],
)
def test_only_proper_names_are_suggested(name, expected):
    assert suggestible_name(name) == expected


def test_an_unknown_claimant_becomes_a_suggested_source_with_its_sentence():
    claim = claim_by("Oleksandr Prokudin", sentence="Oleksandr Prokudin said two people were killed in Kherson.")

    assert sources_suggest_from_document(document_id=claim.document_id) == 1

    source = Source.objects.get(status=Source.Status.SUGGESTED)
    assert source.name == "Oleksandr Prokudin"
    assert source.kind == Source.Kind.OFFICIAL_PERSON
    mention = source.mentions.get()
    assert (mention.claim, mention.field) == (claim, SourceMention.Field.CLAIMANT)
    assert mention.sentence == "Oleksandr Prokudin said two people were killed in Kherson."
    assert Event.objects.filter(verb="source.suggested", object_id=str(source.pk)).exists()
    claim.refresh_from_db()
    assert claim.claimant is None, "claims are attached only once an admin accepts the source"


def test_suggesting_twice_adds_nothing():
    claim = claim_by("Oleksandr Prokudin")
    sources_suggest_from_document(document_id=claim.document_id)
    assert tasks.suggest_sources_for_document(claim.document_id) == 0
    assert Source.objects.filter(status=Source.Status.SUGGESTED).count() == 1
    assert SourceMention.objects.count() == 1


def test_one_name_in_two_documents_is_one_suggestion_with_two_mentions():
    first, second = claim_by("Vitaliy Kim"), claim_by("Vitaliy Kim's")
    sources_suggest_from_document(document_id=first.document_id)
    sources_suggest_from_document(document_id=second.document_id)
    source = Source.objects.get(status=Source.Status.SUGGESTED)
    assert sorted(source.mentions.values_list("claim_id", flat=True)) == sorted([first.pk, second.pk])


def test_names_of_known_or_dismissed_sources_are_not_suggested(admin_user):
    SourceAliasFactory(alias="Ukrainska Pravda")
    claim = claim_by("Ukrainska Pravda")
    assert sources_suggest_from_document(document_id=claim.document_id) == 0

    rejected = claim_by("Dmitry Blogerov")
    sources_suggest_from_document(document_id=rejected.document_id)
    source_dismiss(source=Source.objects.get(name="Dmitry Blogerov"), user=admin_user, reason="Not a source")
    again = claim_by("Dmitry Blogerov")
    assert sources_suggest_from_document(document_id=again.document_id) == 0


def test_chain_links_and_bodies_are_suggested_with_a_guessed_kind():
    claim = claim_by("Mykola Shvets", body="spokesman for the Odesa Brigade")
    AttributionFactory(claim=claim, position=2, role=Attribution.Role.AGENCY, name="Zorya Agency")
    sources_suggest_from_document(document_id=claim.document_id)
    kinds = dict(Source.objects.filter(status=Source.Status.SUGGESTED).values_list("name", "kind"))
    assert kinds == {
        "Mykola Shvets": Source.Kind.OFFICIAL_PERSON,
        "Odesa Brigade": Source.Kind.MILITARY,
        "Zorya Agency": Source.Kind.NEWS_AGENCY,
    }


def test_approving_attaches_the_claims_that_name_it(admin_user):
    claim = claim_by("Oleksandr Prokudin")
    sources_suggest_from_document(document_id=claim.document_id)
    suggested = Source.objects.get(status=Source.Status.SUGGESTED)

    source_approve(source=suggested, user=admin_user, kind=Source.Kind.OFFICIAL_PERSON)

    suggested.refresh_from_db()
    claim.refresh_from_db()
    assert suggested.status == Source.Status.ACTIVE
    assert claim.claimant == suggested
    assert claim.attributions.get(role=Attribution.Role.CLAIMANT).source == suggested
    event = Event.objects.get(verb="source.approved", object_id=str(suggested.pk))
    assert event.actor == admin_user
    assert event.after["claims_attached"] == 1


def test_merging_rewires_claims_bodies_and_chain_links_to_the_existing_source(admin_user):
    ministry = SourceFactory(name="Ministry of Defence of Ukraine", kind="military")
    as_claimant = claim_by("Ukrainian Defence Ministry")
    as_body = claim_by("Hanna Maliar", body="Ukrainian Defence Ministry")
    carried = ClaimFactory()
    AttributionFactory(claim=carried, position=1, role=Attribution.Role.STATEMENT, name="Ukrainian Defence Ministry")
    for claim in (as_claimant, as_body, carried):
        sources_suggest_from_document(document_id=claim.document_id)
    suggested = Source.objects.get(name="Ukrainian Defence Ministry")

    source_merge(source=suggested, into=ministry, user=admin_user)

    suggested.refresh_from_db()
    assert (suggested.status, suggested.merged_into) == (Source.Status.MERGED, ministry)
    assert Claim.objects.get(pk=as_claimant.pk).claimant == ministry
    assert Claim.objects.get(pk=as_body.pk).claimant_body == ministry
    assert Claim.objects.get(pk=as_body.pk).claimant is None, "the person is a different suggestion"
    assert as_body.attributions.get(role=Attribution.Role.BODY).source == ministry
    assert carried.attributions.get(position=1).source == ministry
    assert list(Source.objects.named("the Ukrainian defence ministry")) == [ministry]
    assert Event.objects.filter(verb="source.merged", object_id=str(suggested.pk), actor=admin_user).exists()


def test_merging_carries_published_verdicts_into_the_existing_source_record(admin_user, fact_checker):
    ministry = SourceFactory(kind="military")
    claim = claim_by("Ukrainian Defence Ministry")
    VerdictFactory(
        claim=claim,
        rating="false",
        state=Verdict.State.PUBLISHED,
        reviewer=fact_checker,
        approver=admin_user,
        published_at=timezone.now(),
    )
    track_record_update(claim_id=claim.pk)
    sources_suggest_from_document(document_id=claim.document_id)
    assert not SourceTrackRecord.objects.exists(), "an unknown claimant has no record"

    source_merge(source=Source.objects.get(status=Source.Status.SUGGESTED), into=ministry, user=admin_user)

    assert SourceTrackRecord.objects.get(source=ministry, role="claimant").counts["false"] == 1


def test_merging_into_a_source_that_is_not_active_is_refused(admin_user):
    claim = claim_by("Vitaliy Kim")
    sources_suggest_from_document(document_id=claim.document_id)
    suggested = Source.objects.get(status=Source.Status.SUGGESTED)
    dismissed = SourceFactory(status=Source.Status.DISMISSED)
    with pytest.raises(ValidationError):
        source_merge(source=suggested, into=dismissed, user=admin_user)
    with pytest.raises(ValidationError):
        source_merge(source=suggested, into=suggested, user=admin_user)


def test_only_admins_decide_on_suggestions(editor):
    claim = claim_by("Vitaliy Kim")
    sources_suggest_from_document(document_id=claim.document_id)
    suggested = Source.objects.get(status=Source.Status.SUGGESTED)
    with pytest.raises(PermissionDenied):
        source_approve(source=suggested, user=editor)
    with pytest.raises(PermissionDenied):
        source_dismiss(source=suggested, user=editor)
    with pytest.raises(PermissionDenied):
        source_merge(source=suggested, into=SourceFactory(), user=editor)
    suggested.refresh_from_db()
    assert suggested.status == Source.Status.SUGGESTED


def test_dismissing_keeps_the_claims_unattached(admin_user):
    claim = claim_by("Vitaliy Kim")
    sources_suggest_from_document(document_id=claim.document_id)
    suggested = Source.objects.get(status=Source.Status.SUGGESTED)
    source_dismiss(source=suggested, user=admin_user, reason="A columnist, not a source")
    claim.refresh_from_db()
    assert claim.claimant is None
    assert Event.objects.get(verb="source.dismissed").note == "A columnist, not a source"
    with pytest.raises(ValidationError):
        source_approve(source=suggested, user=admin_user)


def test_extracted_documents_yield_suggestions_for_unknown_claimants():
    document = DocumentFactory(
        status="pending",
        text="Russian drones hit residences in Kherson overnight, regional governor Oleksandr Prokudin said.",
    )
    assert extract_document(document.pk) == "done"
    assert document.claims.exists()

    tasks.suggest_sources_for_document(document.pk)

    assert SourceAlias.objects.get(alias_folded="oleksandr prokudin").source.status == Source.Status.SUGGESTED
