import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from sources.models import ReliabilityRating, Source, SourceAlias
from sources.services import source_set_grade, sources_load_defaults
from tests.factories import SourceFactory
from verification.models import Event

pytestmark = pytest.mark.django_db


def test_duplicate_alias_is_refused_by_the_database_after_folding():
    ap, other = SourceFactory(name="Associated Press"), SourceFactory()
    SourceAlias.objects.create(source=ap, alias="The Associated Press")
    with pytest.raises(IntegrityError):
        SourceAlias.objects.create(source=other, alias="associated PRESS")


def test_alias_validation_names_the_source_that_owns_it():
    ap = SourceFactory(name="Associated Press")
    SourceAlias.objects.create(source=ap, alias="AP")
    with pytest.raises(ValidationError, match="Associated Press"):
        SourceAlias(source=SourceFactory(), alias="the AP").full_clean()


def test_named_finds_a_source_by_any_spelling_of_an_alias():
    mod = SourceFactory(name="Russian defence ministry")
    SourceAlias.objects.create(source=mod, alias="Russia's defence ministry")
    assert list(Source.objects.named("russia’s Defence Ministry")) == [mod]


def test_grade_change_appends_history_with_from_to_and_reason(admin_user):
    source = SourceFactory()
    source_set_grade(source=source, grade="B", reason="Long record of corrections", user=admin_user)
    source_set_grade(source=source, grade="D", reason="Repeated fabricated casualty figures", user=admin_user)
    source.refresh_from_db()
    history = list(source.ratings.order_by("id").values_list("grade_from", "grade_to", "reason", "changed_by"))
    assert source.reliability_grade == "D"
    assert history == [
        ("", "B", "Long record of corrections", admin_user.pk),
        ("B", "D", "Repeated fabricated casualty figures", admin_user.pk),
    ]
    assert Event.objects.filter(verb="source.grade_changed", object_id=str(source.pk)).count() == 2


def test_grade_change_without_a_reason_changes_nothing(admin_user):
    source = SourceFactory()
    with pytest.raises(ValidationError):
        source_set_grade(source=source, grade="A", reason="   ", user=admin_user)
    source.refresh_from_db()
    assert source.reliability_grade == ""
    assert not source.ratings.exists()


def test_topic_grade_is_recorded_without_changing_the_overall_grade(admin_user):
    source = SourceFactory(reliability_grade="B")
    source_set_grade(source=source, grade="E", reason="Inflates enemy losses", topic="enemy losses", user=admin_user)
    source.refresh_from_db()
    assert source.reliability_grade == "B"
    assert source.ratings.get().topic == "enemy losses"


def test_rating_history_rows_cannot_be_changed_or_deleted(admin_user):
    source = SourceFactory()
    rating = source_set_grade(source=source, grade="C", reason="First assessment", user=admin_user)
    rating.reason = "rewritten"
    with pytest.raises(ValidationError):
        rating.save()
    with pytest.raises(ValidationError):
        rating.delete()
    assert ReliabilityRating.objects.get(pk=rating.pk).reason == "First assessment"


def test_default_registry_loads_once_and_links_parents():
    first = sources_load_defaults()
    second = sources_load_defaults()
    assert first["sources_created"] >= 40
    assert second["sources_created"] == 0 and second["aliases_added"] == 0
    peskov = Source.objects.named("Dmitry Peskov").get()
    assert peskov.parent is not None and peskov.parent.parent is not None
    assert Source.objects.named("AP").get().name == "Associated Press"
