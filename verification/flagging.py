"""The flag rules: why a claim goes to a checker. One function per rule, each returning what it found.

Rules read a claim and its neighbours and return ``FlagFinding``s; they never write. The links they
read come from ``LinkFacts``, fetched once for every claim a document flags (``flags_find_many``).
``verification.services.claim_flag`` stores the findings idempotently (one Flag per claim, reason
and rule) and queues the claim for review.

| rule                      | reason                    | fires when                                              |
|---------------------------|---------------------------|---------------------------------------------------------|
| cue.unverified            | unverified                | the text says it could not be verified (extraction)     |
| cue.no_evidence           | no_evidence               | the text says it was made without evidence (extraction) |
| link.disputed             | disputed                  | a live denial or counter-claim points at the claim      |
| source.low_grade          | low_grade_source          | the claimant's reliability grade is D, E or F           |
| source.ungraded           | ungraded_source           | the claimant has no grade, or is not in the registry    |
| casualties.single_source  | single_source_casualties  | casualties or an attack, and no other outlet carries it |

The two cue rules are written by extraction, from the cue it found in the text; they are listed
here so the whole set reads in one place, and are kept as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import F, Q

from claims.models import Claim, ClaimLink

CUE_RULES = ("cue.unverified", "cue.no_evidence")
LIVE_LINK_STATUSES = (ClaimLink.Status.ACTIVE, ClaimLink.Status.CONFIRMED)
DISPUTING_RELATIONS = (ClaimLink.Relation.DENIES, ClaimLink.Relation.COUNTERS)
CARRYING_RELATIONS = (ClaimLink.Relation.SAME_AS, ClaimLink.Relation.CORROBORATES)
LOW_GRADES = ("D", "E", "F")

# Words that make a claim one of casualties or of an attack. Matched on whole words of the claim's
# content; "strike" alone would also match labour strikes, so it needs a military neighbour.
CASUALTY_PATTERN = re.compile(
    r"\b(?:"
    r"killed|killing|kills|dead|deaths?|died|dying|wounded|wounding|injured|injuring|injuries|"
    r"casualt(?:y|ies)|fatalit(?:y|ies)|massacred?|"
    r"attack(?:s|ed|ing)?|shell(?:ed|ing)|bomb(?:ed|ing|ings|ardment)|"
    r"air ?strikes?|(?:missile|drone|rocket|artillery|military) strikes?|"
    r"missiles?|drones?|rockets?|shot down|ambush(?:ed)?|invaded|invasion"
    r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FlagFinding:
    """One reason to review a claim, with the words that show it and where they are in the document."""

    reason: str
    rule: str
    cue_text: str = ""
    cue_start: int | None = None
    cue_end: int | None = None


def claimant_grade_source(claim: Claim):
    """The source whose grade stands for the claim, and that grade ("" when none is given).

    The claimant first, then the body it speaks for, each with its parent bodies; a graded one wins.
    When the text names no claimant, the outlet itself makes the claim.
    """
    candidates = []
    for source in (claim.claimant, claim.claimant_body):
        seen = 0
        while source is not None and seen < 5:
            candidates.append(source)
            source, seen = source.parent, seen + 1
    if not candidates and not claim.claimant_name and claim.document.outlet_id:
        candidates.append(claim.document.outlet)
    for source in candidates:
        if source.reliability_grade:
            return source, source.reliability_grade
    return (candidates[0] if candidates else None), ""


def _claimant_cue(claim: Claim) -> FlagFinding | None:
    name = claim.claimant_name or claim.claimant_body_name
    if not name:
        return None
    at = claim.sentence.find(name)
    if at < 0:
        return FlagFinding(reason="", rule="", cue_text=name)
    start = claim.sentence_start + at
    return FlagFinding(reason="", rule="", cue_text=name, cue_start=start, cue_end=start + len(name))


@dataclass(frozen=True)
class LinkFacts:
    """What the link rules need to know of some claims, read in two queries for all of them."""

    first_dispute: dict[int, ClaimLink]  # claim id -> the earliest live denial or counter-claim at it
    carried_elsewhere: frozenset[int]  # claims a live same-as or corroborating link ties to another document


def link_facts_read(claims: list[Claim]) -> LinkFacts:
    """The disputing and carrying links of the claims, for the rules to read instead of a query each."""
    ids = [claim.pk for claim in claims]
    first_dispute: dict[int, ClaimLink] = {}
    disputing = (
        ClaimLink.objects.filter(to_claim_id__in=ids, relation__in=DISPUTING_RELATIONS, status__in=LIVE_LINK_STATUSES)
        .select_related("from_claim")
        .order_by("created_at", "id")
    )
    for link in disputing:
        first_dispute.setdefault(link.to_claim_id, link)
    crossing = (
        ClaimLink.objects.filter(relation__in=CARRYING_RELATIONS, status__in=LIVE_LINK_STATUSES)
        .filter(Q(from_claim_id__in=ids) | Q(to_claim_id__in=ids))
        .exclude(from_claim__document_id=F("to_claim__document_id"))
        .values_list("from_claim_id", "to_claim_id")
    )
    carried = {claim_id for pair in crossing for claim_id in pair}
    return LinkFacts(first_dispute=first_dispute, carried_elsewhere=frozenset(carried.intersection(ids)))


def rule_disputed(claim: Claim, facts: LinkFacts | None = None) -> list[FlagFinding]:
    """A live denial or counter-claim, in this document or another, points at the claim."""
    link = (facts if facts is not None else link_facts_read([claim])).first_dispute.get(claim.pk)
    if link is None:
        return []
    denial = link.from_claim
    same_document = denial.document_id == claim.document_id
    return [
        FlagFinding(
            reason="disputed",
            rule="link.disputed",
            cue_text=denial.sentence[:500],
            cue_start=denial.sentence_start if same_document else None,
            cue_end=denial.sentence_end if same_document else None,
        )
    ]


def rule_claimant_grade(claim: Claim, facts: LinkFacts | None = None) -> list[FlagFinding]:
    """The claimant is graded D, E or F, or has no grade at all."""
    source, grade = claimant_grade_source(claim)
    named = bool(claim.claimant_name or claim.claimant_body_name)
    if source is None and not named:
        return []  # The outlet's own reporting, from an outlet not in the registry: nothing to grade.
    cue = _claimant_cue(claim) if named else FlagFinding(reason="", rule="", cue_text=source.name)
    if grade in LOW_GRADES:
        return [FlagFinding("low_grade_source", "source.low_grade", cue.cue_text, cue.cue_start, cue.cue_end)]
    if not grade:
        return [FlagFinding("ungraded_source", "source.ungraded", cue.cue_text, cue.cue_start, cue.cue_end)]
    return []


def rule_single_source_casualties(claim: Claim, facts: LinkFacts | None = None) -> list[FlagFinding]:
    """A claim of casualties or an attack that no other outlet carries."""
    content, offset = claim.text or claim.sentence, claim.text_start
    if offset is None:
        at = claim.sentence.find(content)
        offset = claim.sentence_start + at if at >= 0 else None
    match = CASUALTY_PATTERN.search(content)
    if match is None:
        return []
    carried_elsewhere = claim.pk in (facts if facts is not None else link_facts_read([claim])).carried_elsewhere
    if carried_elsewhere:
        return []
    return [
        FlagFinding(
            reason="single_source_casualties",
            rule="casualties.single_source",
            cue_text=match.group(0),
            cue_start=None if offset is None else offset + match.start(),
            cue_end=None if offset is None else offset + match.end(),
        )
    ]


RULES = (rule_disputed, rule_claimant_grade, rule_single_source_casualties)
MACHINE_RULES = ("link.disputed", "source.low_grade", "source.ungraded", "casualties.single_source")


def flags_find(claim: Claim) -> list[FlagFinding]:
    """Every finding of the rules this module runs (the cue rules are stored by extraction)."""
    return flags_find_many([claim])[claim.pk]


def flags_find_many(claims: list[Claim]) -> dict[int, list[FlagFinding]]:
    """flags_find of each claim, with the links the rules read fetched once for all of them."""
    facts = link_facts_read(claims)
    return {claim.pk: [finding for rule in RULES for finding in rule(claim, facts)] for claim in claims}


def denials_count(claim: Claim) -> int:
    """Live denials and counter-claims pointing at the claim."""
    return ClaimLink.objects.filter(
        to_claim=claim, relation__in=DISPUTING_RELATIONS, status__in=LIVE_LINK_STATUSES
    ).count()


def outlets_count(claim: Claim) -> int:
    """Documents carrying the claim: its own plus those linked as the same claim or corroborating it."""
    links = ClaimLink.objects.filter(relation__in=CARRYING_RELATIONS, status__in=LIVE_LINK_STATUSES).filter(
        Q(from_claim=claim) | Q(to_claim=claim)
    )
    documents = {claim.document_id}
    for from_doc, to_doc in links.values_list("from_claim__document_id", "to_claim__document_id"):
        documents.update((from_doc, to_doc))
    return len(documents)
