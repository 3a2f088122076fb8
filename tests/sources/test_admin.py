import pytest

from sources.models import ReliabilityRating
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def _source_form(source, **changes):
    data = {
        "name": source.name,
        "slug": source.slug,
        "kind": source.kind,
        "status": source.status,
        "country": source.country,
        "parent": "",
        "homepage": "",
        "description": "",
        "new_grade": "",
        "grade_topic": "",
        "grade_effective_date": "",
        "grade_reason": "",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "ratings-TOTAL_FORMS": "0",
        "ratings-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_admin_changes_a_grade_with_a_reason_and_history_records_who(admin_client, admin_user):
    source = SourceFactory()
    response = admin_client.post(
        f"/admin/sources/source/{source.pk}/change/", _source_form(source, new_grade="B", grade_reason="Reliable wire")
    )
    assert response.status_code == 302
    rating = ReliabilityRating.objects.get(source=source)
    assert (rating.grade_from, rating.grade_to, rating.reason, rating.changed_by) == (
        "",
        "B",
        "Reliable wire",
        admin_user,
    )


def test_admin_grade_change_without_reason_is_refused(admin_client):
    source = SourceFactory()
    response = admin_client.post(f"/admin/sources/source/{source.pk}/change/", _source_form(source, new_grade="E"))
    assert response.status_code == 200
    assert "A reason is required" in response.content.decode()
    source.refresh_from_db()
    assert source.reliability_grade == "" and not ReliabilityRating.objects.exists()


def test_admin_adds_aliases_inline(admin_client):
    source = SourceFactory(name="Associated Press")
    data = _source_form(
        source, **{"aliases-TOTAL_FORMS": "2", "aliases-0-alias": "AP", "aliases-1-alias": "The Associated Press"}
    )
    assert admin_client.post(f"/admin/sources/source/{source.pk}/change/", data).status_code == 302
    assert sorted(source.aliases.values_list("alias", flat=True)) == ["AP", "The Associated Press"]


def test_rating_history_cannot_be_edited_or_deleted_in_the_admin(admin_client, admin_user):
    source = SourceFactory()
    admin_client.post(
        f"/admin/sources/source/{source.pk}/change/", _source_form(source, new_grade="C", grade_reason="First look")
    )
    rating = ReliabilityRating.objects.get()
    change = admin_client.post(
        f"/admin/sources/reliabilityrating/{rating.pk}/change/", {"reason": "edited", "grade_to": "A"}
    )
    delete = admin_client.post(f"/admin/sources/reliabilityrating/{rating.pk}/delete/", {"post": "yes"})
    add = admin_client.get("/admin/sources/reliabilityrating/add/")
    assert change.status_code == 403
    assert delete.status_code == 403
    assert add.status_code == 403
    rating.refresh_from_db()
    assert (rating.reason, rating.grade_to) == ("First look", "C")


def test_rating_history_is_shown_on_the_source_page(admin_client):
    source = SourceFactory()
    admin_client.post(
        f"/admin/sources/source/{source.pk}/change/", _source_form(source, new_grade="D", grade_reason="Fabrications")
    )
    page = admin_client.get(f"/admin/sources/source/{source.pk}/change/").content.decode()
    assert "Fabrications" in page


def test_the_change_form_cannot_set_a_sources_status(admin_client):
    # Approving, merging and dismissing go through their services, which rewire claims and audit.
    source = SourceFactory(status="suggested")
    response = admin_client.post(f"/admin/sources/source/{source.pk}/change/", _source_form(source, status="active"))
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.status == "suggested"
