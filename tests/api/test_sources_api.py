"""Sources over the API: grade, history and track record to read; grade changes for admins."""

from sources.models import ReliabilityRating
from sources.services import source_set_grade
from tests.api.conftest import problem, session_client
from tests.factories import SourceAliasFactory, SourceFactory


def test_detail_by_slug_shows_grade_history_and_aliases(read_api, admin_user):
    source = SourceFactory(name="TASS", slug="tass", kind="news_agency")
    SourceAliasFactory(source=source, alias="TASS news agency")
    source_set_grade(source=source, grade="D", reason="State-owned; repeated false casualty figures.", user=admin_user)
    body = read_api.get("/api/v1/sources/tass/").json()
    assert body["reliability_grade"] == "D" and body["aliases"] == ["TASS news agency"]
    [change] = body["history"]
    assert change["grade_to"] == "D" and change["reason"].startswith("State-owned")
    assert body["track_record"] == []
    assert read_api.get(f"/api/v1/sources/{source.pk}/").json()["slug"] == "tass"


def test_list_filters_by_grade_and_kind(read_api, db):
    agency = SourceFactory(kind="news_agency", reliability_grade="B")
    SourceFactory(kind="military", reliability_grade="E")
    rows = read_api.get("/api/v1/sources/?grade=B&kind=news_agency").json()["results"]
    assert [row["id"] for row in rows] == [agency.pk]


def test_an_admin_changes_a_grade_with_a_reason_and_it_joins_the_history(admin_user):
    source = SourceFactory()
    client = session_client(admin_user)
    response = client.post(f"/api/v1/sources/{source.pk}/grade/", {"grade": "B", "reason": "Audit."}, format="json")
    assert response.status_code == 201 and response.json()["reliability_grade"] == "B"
    assert ReliabilityRating.objects.filter(source=source, grade_to="B", changed_by=admin_user).exists()


def test_a_grade_change_needs_a_reason(admin_user):
    source = SourceFactory()
    response = session_client(admin_user).post(f"/api/v1/sources/{source.pk}/grade/", {"grade": "B"}, format="json")
    assert response.status_code == 400 and "reason" in problem(response)["errors"]


def test_an_admin_adds_an_alias_and_a_clash_is_refused(admin_user):
    source, other = SourceFactory(), SourceFactory()
    SourceAliasFactory(source=other, alias="The Ministry")
    client = session_client(admin_user)
    ok = client.post(f"/api/v1/sources/{source.pk}/aliases/", {"alias": "MoD"}, format="json")
    clash = client.post(f"/api/v1/sources/{source.pk}/aliases/", {"alias": "the ministry"}, format="json")
    assert ok.status_code == 201 and clash.status_code == 400
