"""factory-boy factories for the cast of rows tests need."""

import factory
from django.contrib.auth import get_user_model

from claims.models import Attribution, Claim, ClaimLink, Document
from sources.models import Source, SourceAlias
from verification.models import Flag, ReviewItem, Verdict


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Ministry of Examples {n}")
    slug = factory.Sequence(lambda n: f"ministry-of-examples-{n}")
    kind = Source.Kind.GOVERNMENT_BODY
    country = "GB"


class SourceAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceAlias

    source = factory.SubFactory(SourceFactory)
    alias = factory.Sequence(lambda n: f"Example body {n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Wire story {n}")
    text = factory.Sequence(lambda n: f"The ministry said {n} drones were shot down overnight, officials said.")
    status = Document.Status.DONE


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    document = factory.SubFactory(DocumentFactory)
    key = factory.Sequence(lambda n: f"c{n}")
    sentence = factory.LazyAttribute(lambda c: c.document.text)
    sentence_start = 0
    sentence_end = factory.LazyAttribute(lambda c: len(c.sentence))
    text = factory.LazyAttribute(lambda c: c.sentence)
    claimant_name = "the ministry"


class AttributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attribution

    claim = factory.SubFactory(ClaimFactory)
    position = 0
    role = Attribution.Role.CLAIMANT
    name = "the ministry"


class ClaimLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimLink

    from_claim = factory.SubFactory(ClaimFactory)
    to_claim = factory.SubFactory(ClaimFactory)
    relation = ClaimLink.Relation.DENIES


class FlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Flag

    claim = factory.SubFactory(ClaimFactory)
    reason = Flag.Reason.UNVERIFIED
    rule = "cue.unverified"
    cue_text = "could not be independently verified"


class ReviewItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewItem

    claim = factory.SubFactory(ClaimFactory)
    priority = 1.0


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verdict

    claim = factory.SubFactory(ClaimFactory)
    rating = "false"
    credibility = 5
    rationale = "Satellite images show the building intact."
    evidence_links = ["https://example.org/evidence"]
    reviewer = factory.SubFactory(UserFactory)
