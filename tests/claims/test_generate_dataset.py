from io import StringIO

from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from claims.models import Attribution, Claim, ClaimLink, Document
from verification.models import ReviewItem, Verdict


def generate(claims: int, **options) -> None:
    call_command("generate_dataset", claims=claims, stdout=StringIO(), **options)


def test_the_dataset_has_the_number_of_claims_asked_for_with_documents_chains_and_reviews(transactional_db):
    generate(500, fresh=True)
    assert Claim.objects.count() == 500
    assert Document.objects.count() > 20
    assert not Claim.objects.annotate(n=Count("attributions")).filter(n=0).exists()
    assert ClaimLink.objects.exists() and Verdict.objects.filter(state="published").exists()
    assert ReviewItem.objects.filter(state="queued").exists()


def test_every_claim_sentence_and_text_slice_its_document(transactional_db):
    generate(300, fresh=True)
    for claim in Claim.objects.select_related("document"):
        text = claim.document.text
        assert text[claim.sentence_start : claim.sentence_end] == claim.sentence
        assert text[claim.text_start : claim.text_end] == claim.text


def test_published_claims_carry_the_rating_of_their_published_verdict(transactional_db):
    generate(400, fresh=True)
    published = Claim.objects.filter(status=Claim.Status.PUBLISHED)
    assert published.exists()
    for claim in published:
        verdict = claim.verdicts.get(state=Verdict.State.PUBLISHED)
        assert verdict.rating == claim.rating and verdict.approver_id != verdict.reviewer_id


def test_claims_named_by_an_active_denial_are_disputed(transactional_db):
    generate(400, fresh=True)
    denied = ClaimLink.objects.filter(relation__in=["denies", "counters"], status="active").values("to_claim")
    assert denied.exists()
    assert not Claim.objects.filter(pk__in=denied, disputed=False).exists()


def test_a_second_run_adds_to_the_data_and_new_rows_get_fresh_ids(transactional_db):
    generate(200, fresh=True)
    generate(200)
    assert Claim.objects.count() == 400
    # The sequences were moved past the generated ids, so an ordinary insert still works.
    claim = Claim.objects.first()
    Attribution.objects.create(claim=claim, position=99, role="agency", name="Reuters")


def test_review_times_are_spread_up_to_the_generation_time_not_piled_on_it(transactional_db):
    # With a one-day horizon most reviews would fall after the generation time; they must land
    # between their story and then, each at its own time, as saves on a live desk are stamped.
    started = timezone.now()
    generate(600, fresh=True, days=1)
    assert not Claim.objects.filter(updated_at__gt=started).exists()
    most_on_one_time = Claim.objects.values("updated_at").annotate(n=Count("id")).order_by("-n")[0]["n"]
    assert most_on_one_time <= 10
    assert (
        not Verdict.objects.values("published_at").exclude(published_at=None).annotate(n=Count("id")).filter(n__gt=10)
    )
