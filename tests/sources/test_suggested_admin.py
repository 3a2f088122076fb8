"""Admins decide on suggested sources from the admin: approve, merge into an existing source, dismiss."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.utils import timezone

from claims.models import Claim
from sources.models import Source
from sources.services import sources_suggest_from_document, track_record_update
from tests.factories import ClaimFactory, SourceFactory, VerdictFactory
from verification.models import Event, Verdict

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/sources/source/"


def suggested(name, sentence):
    claim = ClaimFactory(claimant_name=name, sentence=sentence)
    sources_suggest_from_document(document_id=claim.document_id)
    return Source.objects.get(name=name), claim


def test_admin_approves_a_suggestion_from_the_list(admin_client, admin_user):
    source, claim = suggested("Oleksandr Prokudin", "Oleksandr Prokudin said a school was hit.")
    response = admin_client.post(CHANGELIST, {"action": "approve_suggested", ACTION_CHECKBOX_NAME: [source.pk]})
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.status == Source.Status.ACTIVE
    assert Claim.objects.get(pk=claim.pk).claimant == source
    assert Event.objects.filter(verb="source.approved", actor=admin_user).exists()


def test_admin_merges_a_suggestion_after_choosing_the_existing_source(admin_client):
    ministry = SourceFactory(name="Ministry of Defence of Ukraine")
    source, claim = suggested("Ukrainian Defence Ministry", "The Ukrainian Defence Ministry said it downed 40 drones.")

    form = admin_client.post(CHANGELIST, {"action": "merge_suggested", ACTION_CHECKBOX_NAME: [source.pk]})
    assert form.status_code == 200
    assert "The Ukrainian Defence Ministry said it downed 40 drones." not in form.content.decode()
    assert "Ministry of Defence of Ukraine" in form.content.decode()

    done = admin_client.post(
        CHANGELIST, {"action": "merge_suggested", ACTION_CHECKBOX_NAME: [source.pk], "into": ministry.pk}
    )
    assert done.status_code == 302
    source.refresh_from_db()
    assert (source.status, source.merged_into) == (Source.Status.MERGED, ministry)
    assert Claim.objects.get(pk=claim.pk).claimant == ministry


def test_admin_dismisses_a_suggestion(admin_client):
    source, claim = suggested("Dmitry Blogerov", "Dmitry Blogerov said the plant was on fire.")
    admin_client.post(CHANGELIST, {"action": "dismiss_suggested", ACTION_CHECKBOX_NAME: [source.pk]})
    source.refresh_from_db()
    assert source.status == Source.Status.DISMISSED
    assert Claim.objects.get(pk=claim.pk).claimant is None


def test_approving_a_source_that_is_not_suggested_reports_an_error(admin_client):
    active = SourceFactory()
    response = admin_client.post(
        CHANGELIST, {"action": "approve_suggested", ACTION_CHECKBOX_NAME: [active.pk]}, follow=True
    )
    assert "is not a suggested source" in response.content.decode()


def test_source_page_in_the_admin_shows_track_record_and_mentions(admin_client, admin_user, fact_checker):
    source, claim = suggested("Oleksandr Prokudin", "Oleksandr Prokudin said a school was hit.")
    admin_client.post(CHANGELIST, {"action": "approve_suggested", ACTION_CHECKBOX_NAME: [source.pk]})
    VerdictFactory(
        claim=claim,
        rating="false",
        state=Verdict.State.PUBLISHED,
        reviewer=fact_checker,
        approver=admin_user,
        published_at=timezone.now(),
    )
    track_record_update(claim_id=claim.pk)

    html = admin_client.get(f"/admin/sources/source/{source.pk}/change/").content.decode()

    assert "false 1" in html
    # One false verdict: Beta(1, 2), mean 1/3, 5th and 95th percentiles 1 - 0.95 ** 0.5 and 1 - 0.05 ** 0.5.
    assert "33% (3% to 78%)" in html
    assert "Oleksandr Prokudin said a school was hit." in html


def test_the_source_list_counts_mentions_of_suggested_sources(admin_client):
    source, _ = suggested("Oleksandr Prokudin", "Oleksandr Prokudin said a school was hit.")
    response = admin_client.get(CHANGELIST, {"status__exact": "suggested"})
    assert list(response.context["cl"].result_list) == [source]
    assert response.context["cl"].result_list[0].mention_count == 1
