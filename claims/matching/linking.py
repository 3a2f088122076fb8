"""Deciding how two claims from different documents relate: denies, counters, same_as, corroborates.

Pure Python. Each decision carries a confidence in [0, 1] and a one-line explanation a checker can
read ("same claimant body; 7 shared content words; denial names 'Russia's claim'"). The service
turns decisions above the link threshold into machine-made links and the rest into suggestions.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from claims.extraction.disputes import reply_reading
from claims.extraction.lexicon import COUNTRY_OF
from claims.extraction.types import ExtractedClaim
from claims.matching.text import STOPWORDS, content_terms, fold, stem

DENIAL = "denial"
COUNTER_CLAIM = "counter_claim"
CLAIM = "claim"

# Words every report of a dispute shares, whatever it is about: they say nothing about the topic.
DISPUTE_VOCABULARY = frozenset(
    content_terms(
        """said says say told telling tell claimed claims claim claiming announced announcement wrote writes
        warned accused insisted according statement statements report reports reported reporting quoted citing
        cited added adding denied denies deny denial rejected rejects reject dismissed dismisses refuted refutes
        false untrue baseless fake lie lies nonsense assertion assertions allegation allegations alleged
        suggestion suggestions rumour rumours rumor rumors spokesperson spokesman spokeswoman official officials
        source sources news agency agencies ministry statement wednesday thursday friday saturday sunday monday
        tuesday earlier later today yesterday week month year immediately also neither nor anything sort
        accepted proposed never nothing none nobody only"""
    )
)

# Words that name a kind of speaker rather than a party: "a company spokeswoman" names no company.
GENERIC_PARTIES = frozenset(
    content_terms(
        """company firm group government authority authorities people person man woman spokesman spokeswoman spokesperson official
        officials minister president chief executive director head leader member members lawyer attorney
        adviser aide analyst analysts expert experts witness witnesses resident residents local locals"""
    )
)

# A capitalised word that is no name: sentence openers, titles, months and days.
_NOT_A_NAME = frozenset(
    """the a an but and or in on at of for to by with from as it its this that these those he she they we i
    his her their our mr mrs ms dr gen sir lord said says january february march april may june july august
    september october november december monday tuesday wednesday thursday friday saturday sunday""".split()
)
_NAME_WORD = re.compile(r"\b[A-Z][\w'\u2019-]*[A-Za-z]")


@lru_cache(maxsize=8192)
def story_names(text: str, *, countries: bool = True) -> frozenset[str]:
    """The names a document mentions (capitalised words that are no sentence opener, title or date).

    With countries=False, countries, their peoples and capitals are left out: every report of a war
    names both sides, so they say which conflict a story is about, not which event.
    """
    names = set()
    for word in _NAME_WORD.findall(text):
        folded = fold(word).replace("\u2019", "'").removesuffix("'s")
        if folded in _NOT_A_NAME or folded in STOPWORDS or len(folded) <= 2:
            continue
        if not countries and folded in COUNTRY_OF:
            continue
        if stem(folded) in DISPUTE_VOCABULARY or stem(folded) in GENERIC_PARTIES:
            continue  # "Officials said", "A spokesman told": a sentence opener, no name
        names.add(_stem5(folded))
    return frozenset(names)


DISPUTE_WORDS = frozenset(
    "has have had was were is are denied denies rejected dismissed refuted called insisted".split()
)

# "Russia's claim of ...", "the Ukrainian president's assertion about ...", "claims by the ministry".
_POSSESSOR = re.compile(
    r"(?P<who>(?:[A-Za-z][\w.-]*\s+){0,3}[A-Za-z][\w.-]*)['\u2019]s?\s+"
    r"(?:claims?|assertions?|allegations?|accusations?|reports?|statements?|suggestions?|account|version|remarks?)\b"
)
_BY_WHOM = re.compile(
    r"\b(?:claims?|assertions?|allegations?|accusations?|reports?|statements?|suggestions?)\s+(?:by|from)\s+"
    r"(?P<who>(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,4})"
)


@dataclass(frozen=True)
class ClaimFacts:
    """What linking needs to know about one stored claim."""

    id: int
    kind: str
    text: str
    sentence: str = ""
    claimant: str = ""
    claimant_source: int | None = None
    body: str = ""
    body_source: int | None = None
    document: int | None = None
    outlet: str = ""
    names: tuple[str, ...] = field(default_factory=tuple)
    # The names the claim's whole document mentions: two reports of one story share them.
    story: frozenset[str] = field(default_factory=frozenset)
    # The claim as extraction reads it (spans, cue, kind), for reading two claims as one story.
    extracted: ExtractedClaim | None = field(default=None, compare=False, repr=False)

    @property
    def origin(self) -> str:
        """Where the assertion comes from: the body the claimant speaks for, else the claimant.

        Agencies and outlets that carry a statement are channels, not origins: AP and Reuters both
        quoting the Russian defence ministry give one origin, the ministry.
        """
        if self.body_source:
            return f"source:{self.body_source}"
        if self.body:
            return f"name:{name_key(self.body)}"
        if self.claimant_source:
            return f"source:{self.claimant_source}"
        if self.claimant:
            return f"name:{name_key(self.claimant)}"
        return f"outlet:{name_key(self.outlet)}" if self.outlet else f"document:{self.document}"

    def topic_terms(self) -> frozenset[str]:
        return _topic_terms(self.text, self.sentence, (self.claimant, self.body, *self.names))

    def own_name_terms(self) -> frozenset[str]:
        """The proper names in how the claimant is named: 'Police spokesperson Muchiri Nyaga' -> police, muchi, nyaga."""
        return _own_name_terms((self.claimant, self.body, *self.names))


# Matching weighs every claim against dozens of candidates: the words of each are read once.
@lru_cache(maxsize=8192)
def _topic_terms(text: str, sentence: str, naming: tuple[str, ...]) -> frozenset[str]:
    own_names = set(content_terms(" ".join(naming)))
    terms = set(content_terms(f"{text} {sentence}"))
    # Five-letter prefixes meet 'mobilise' and 'mobilisation', 'discussed' and 'discussion'.
    return frozenset(_stem5(t) for t in terms - DISPUTE_VOCABULARY - own_names)


@lru_cache(maxsize=8192)
def _own_name_terms(naming: tuple[str, ...]) -> frozenset[str]:
    return frozenset(
        _stem5(t)
        for t in content_terms(" ".join(_NAME_WORD.findall(" ".join(naming))))
        if len(t) > 2 and t not in DISPUTE_VOCABULARY and t not in GENERIC_PARTIES
    )


@lru_cache(maxsize=8192)
def _about_terms(text: str, sentence: str) -> frozenset[str]:
    return frozenset(_stem5(t) for t in content_terms(f"{text} {sentence}"))


@dataclass(frozen=True)
class LinkDecision:
    """A proposed link from one claim to another, with its confidence and a readable reason."""

    from_id: int
    to_id: int
    relation: str
    confidence: float
    explanation: str


def name_key(name: str) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", fold(name)) if w not in {"the", "s"}]
    return " ".join(words)


def _stem5(word: str) -> str:
    # "Russia" and "Russian", "Ukraine" and "Ukrainian", "France" and "French" are not all caught by
    # a prefix, but the commonest demonyms are.
    return word[:5] if len(word) >= 5 else word


@lru_cache(maxsize=8192)
def named_targets(text: str) -> tuple[str, ...]:
    """Whose claim a denial names: 'Russia's claim' -> Russia; 'reports by state media' -> state media."""
    found = [m.group("who") for m in _POSSESSOR.finditer(text)] + [m.group("who") for m in _BY_WHOM.finditer(text)]
    cleaned = []
    for who in found:
        # Keep the name itself: "France has denied Russia" -> "Russia"; "the Ukrainian president" stays.
        kept: list[str] = []
        for word in reversed(who.split()):
            lowered = word.lower()
            if lowered in STOPWORDS or lowered in DISPUTE_WORDS or lowered.endswith("ed"):
                break
            kept.insert(0, word)
        if kept:
            cleaned.append(" ".join(kept))
    return tuple(cleaned)


def names_match(named: str, claim: ClaimFacts) -> bool:
    """Does a name in a denial ('Russia', 'the Ukrainian president') refer to this claim's claimant or body?"""
    named_words = {_stem5(w) for w in name_key(named).split() if len(w) > 2}
    if not named_words:
        return False
    for candidate in (claim.claimant, claim.body, *claim.names):
        words = {_stem5(w) for w in name_key(candidate).split() if len(w) > 2}
        if words and named_words & words:
            return True
    return False


def _shared(a: ClaimFacts, b: ClaimFacts) -> tuple[set[str], float]:
    ta, tb = a.topic_terms(), b.topic_terms()
    shared = ta & tb
    return shared, len(shared) / max(1, min(len(ta), len(tb)))


def accused_in(responder: ClaimFacts, claim: ClaimFacts) -> str:
    """The responder's own name where the claim is about them ("Police shot dead ..." answered by police), else ''."""
    about = _about_terms(claim.text, claim.sentence) - claim.own_name_terms()
    found = responder.own_name_terms() & about
    return ", ".join(sorted(found))


def story_overlap(a: ClaimFacts, b: ClaimFacts) -> float:
    """How far two claims' documents tell one story: the names both mention, as a cosine of the two sets.

    A cosine, so a long live blog that names everyone is not the story of every short report; one name
    in common is no evidence, since two stories about one country share its name.
    """
    if not a.story or not b.story or a.document == b.document:
        return 0.0
    shared = len(a.story & b.story)
    if shared < 2:
        return 0.0
    return shared / math.sqrt(len(a.story) * len(b.story))


def _evidence(
    *, named: str, accused: str, shared: set[str], story: float, names: frozenset[str] = frozenset()
) -> list[str]:
    """The reasons a checker reads for a link, strongest first."""
    reasons = [reason for reason in (named, accused) if reason]
    reasons.append(_plural(len(shared), "shared content word"))
    if shared:
        reasons[-1] += " (" + ", ".join(sorted(shared)[:4]) + ")"
    if names:
        reasons.append("both name " + ", ".join(sorted(names)[:3]))
    if story:
        reasons.append(f"same story ({story:.0%} of names shared)")
    return reasons


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def decide_dispute(
    rejecting: ClaimFacts, target: ClaimFacts, *, similarity: float | None = None
) -> LinkDecision | None:
    """Does a denial or counter-claim reject this stored claim? None when nothing suggests it."""
    if rejecting.kind not in (DENIAL, COUNTER_CLAIM) or target.kind != CLAIM or rejecting.id == target.id:
        return None
    if rejecting.origin == target.origin and rejecting.document == target.document:
        return None
    shared, ratio = _shared(rejecting, target)
    named = [n for n in named_targets(f"{rejecting.sentence} {rejecting.text}") if names_match(n, target)]
    story = story_overlap(rejecting, target)
    # A party answering for itself is evidence only within one story: "Downing Street" is in many.
    accused = accused_in(rejecting, target) if story >= 0.2 else ""
    if not shared and not named and not (accused and story):
        return None
    topic = min(1.0, ratio * 1.4) * 0.45 + min(len(shared), 6) / 6 * 0.25
    if similarity is not None:
        topic = 0.5 * topic + 0.5 * max(0.0, min(1.0, (similarity - 0.2) / 0.5)) * 0.7
    confidence = topic + (0.3 if named else 0.0) + (0.25 if accused else 0.0) + story * 0.5
    if rejecting.origin == target.origin:
        # People rarely deny their own claims; a same-origin pair is more likely a correction.
        confidence *= 0.6
    kind = rejecting.kind.replace("_", "-")
    reasons = _evidence(
        named=f"{kind} names '{named[0]}'" if named else "",
        accused=f"the claim is about the {kind}'s author ({accused})" if accused else "",
        shared=shared,
        story=story,
    )
    if similarity is not None:
        reasons.append(f"similarity {similarity:.2f}")
    relation = "denies" if rejecting.kind == DENIAL else "counters"
    return LinkDecision(
        from_id=rejecting.id,
        to_id=target.id,
        relation=relation,
        confidence=round(min(0.99, confidence), 3),
        explanation="; ".join(reasons),
    )


MIN_DOCUMENTS = 20
# Content words in a story of a few sentences: below that, a document is little more than its claim.
STORY_TERMS = 25
_COUNTRY_TERMS = frozenset(_stem5(t) for t in content_terms(" ".join(COUNTRY_OF)))


@lru_cache(maxsize=4096)
def _event_counts(text: str) -> Mapping[str, int]:
    """A text's content words with their counts, less the countries, peoples and capitals every report
    of a war names. Read-only: one document is compared in many matching runs."""
    return MappingProxyType(Counter(term for term in map(_stem5, content_terms(text)) if term not in _COUNTRY_TERMS))


class StoryIndex:
    """How far documents tell one story: the cosine of their words, each weighed by how rare it is among them.

    Built over the documents one matching run compares (the new document and those its candidates
    come from), so the words every candidate shares ("drones", "killed", "budget") weigh little and
    the words of one event ("Babanusa", "lump sum", "Zamzam") weigh much.
    """

    def __init__(self, texts: dict[int, str]):
        counts = {doc: _event_counts(text) for doc, text in texts.items()}
        spread = Counter(term for terms in counts.values() for term in terms)
        # As if among at least MIN_DOCUMENTS: in a pool of two, the words both share would weigh least.
        n = max(len(counts), MIN_DOCUMENTS) + 1
        self._vectors = {}
        for doc, terms in counts.items():
            vector = {t: (1 + math.log(k)) * math.log(n / spread[t]) for t, k in terms.items()}
            norm = math.sqrt(sum(x * x for x in vector.values())) or 1.0
            self._vectors[doc] = {t: x / norm for t, x in vector.items()}
        self._sizes = {doc: sum(terms.values()) for doc, terms in counts.items()}
        self._best: dict[int | None, float] = {}
        self._pairs: dict[tuple[int, int], float] = {}

    def told(self, a: int | None, b: int | None) -> float:
        """How much the shorter of two documents tells beyond one claim, in [0, 1]."""
        return min(1.0, min(self._sizes.get(a, 0), self._sizes.get(b, 0)) / STORY_TERMS)

    def closeness(self, a: int | None, b: int | None) -> float:
        """The similarity of two documents against the closest other document either has, in [0, 1]."""
        alike = self.similarity(a, b)
        if not alike:
            return 0.0
        # Against a floor, so that in a store of two documents the other one is not "the closest" by default.
        best = max(self._closest(a), self._closest(b), WEIGHTS["closest_floor"])
        return min(1.0, alike / best)

    def _closest(self, doc: int | None) -> float:
        if doc not in self._best:
            self._best[doc] = max((self.similarity(doc, other) for other in self._vectors if other != doc), default=0.0)
        return self._best[doc]

    def similarity(self, a: int | None, b: int | None) -> float:
        if a == b or a not in self._vectors or b not in self._vectors:
            return 0.0
        pair = (a, b) if a < b else (b, a)
        if pair not in self._pairs:
            va, vb = self._vectors[a], self._vectors[b]
            if len(vb) < len(va):
                va, vb = vb, va
            self._pairs[pair] = sum(x * vb.get(t, 0.0) for t, x in va.items())
        return self._pairs[pair]


WEIGHTS = {
    "word": 0.14,
    "ratio": 0.2,
    "story": 0.6,
    "named": 0.25,
    "accused": 0.15,
    "name": 0.15,
    "least": 0.35,
    "floor": 0.45,
    "documents": 0.7,
    "alike": 0.15,
    "closest": 2.0,
    "closest_floor": 0.15,
}


def relatedness(a: ClaimFacts, b: ClaimFacts, stories: StoryIndex | None = None) -> tuple[float, list[str]]:
    """How far two claims of different documents are about one thing, in [0, 1], with the reasons.

    Shared topic words, the names both documents mention, and a name one claim gives for the other's
    author ("Russia's claim", "the company's account").
    """
    shared, ratio = _shared(a, b)
    shared -= _COUNTRY_TERMS
    story = story_overlap(a, b)
    named = [n for n in named_targets(f"{a.sentence} {a.text}") if names_match(n, b)]
    accused = accused_in(a, b) or accused_in(b, a)
    # A name both sentences give ("Pellam", "Israeli", "Babanusa") ties them closer than any common word.
    names = story_names(a.sentence, countries=False) & story_names(b.sentence, countries=False)
    score = WEIGHTS["word"] * min(len(shared), 4) + WEIGHTS["ratio"] * min(1.0, ratio * 1.4) + WEIGHTS["story"] * story
    score += WEIGHTS["named"] * bool(named) + WEIGHTS["accused"] * bool(accused) + WEIGHTS["name"] * min(len(names), 2)
    told_alike = stories.similarity(a.document, b.document) if stories else 0.0
    closest = stories.closeness(a.document, b.document) if stories else 0.0
    # A document of a sentence or two tells little more than its claim, whose words are weighed above.
    told = stories.told(a.document, b.document) if stories else 0.0
    score += WEIGHTS["documents"] * min(1.0, told_alike / WEIGHTS["alike"]) * closest ** WEIGHTS["closest"] * told
    reasons = _evidence(
        named=f"names '{named[0]}'" if named else "",
        accused=f"about its author ({accused})" if accused else "",
        shared=shared,
        story=story,
        names=names,
    )
    if told_alike >= 0.05:
        reasons.append(f"documents alike ({told_alike:.2f})")
    return min(1.0, score), reasons


def decide_reply(
    reply: ClaimFacts, told: ClaimFacts, *, similarity: float | None = None, stories: StoryIndex | None = None
) -> LinkDecision | None:
    """Does `reply` deny or counter `told`, read as the dispute rules read two claims of one story?

    The rules see a denial's target, a rival version (other figures, the accused party's account,
    the defence against the prosecution, witnesses against an armed party) the way they do within
    one document; the words and names the two share say whether they are one story at all.
    """
    if reply.extracted is None or told.extracted is None or reply.id == told.id or reply.document == told.document:
        return None
    if told.kind == DENIAL or reply.origin == told.origin:
        return None
    related, reasons = relatedness(reply, told, stories)
    if similarity is not None:
        related = 0.5 * related + 0.5 * max(0.0, min(1.0, (similarity - 0.2) / 0.5))
        reasons.append(f"similarity {similarity:.2f}")
    # The words first: reading the pair as a story is the dearer test, and unrelated pairs are most.
    if related < WEIGHTS["least"]:
        return None
    reading = reply_reading(told.extracted, reply.extracted)
    if reading is None:
        return None
    kind, read_confidence = reading
    confidence = read_confidence * (WEIGHTS["floor"] + (1 - WEIGHTS["floor"]) * related)
    return LinkDecision(
        from_id=reply.id,
        to_id=told.id,
        relation="denies" if kind == DENIAL else "counters",
        confidence=round(min(0.99, confidence), 3),
        explanation="; ".join([f"read as a {kind.replace('_', '-')} of it", *reasons]),
    )


def decide_repeat(new: ClaimFacts, stored: ClaimFacts, *, similarity: float | None = None) -> LinkDecision | None:
    """Is the new claim the stored one reported again (same origin) or an independent corroboration?"""
    if new.kind != stored.kind or new.id == stored.id or new.document == stored.document:
        return None
    shared, ratio = _shared(new, stored)
    if len(shared) < 2:
        return None
    lexical = min(1.0, ratio * 1.2) * 0.7 + min(len(shared), 8) / 8 * 0.3
    if similarity is not None:
        closeness = 0.4 * lexical + 0.6 * max(0.0, min(1.0, (similarity - 0.45) / 0.4))
    else:
        closeness = lexical
    same_origin = new.origin == stored.origin
    reasons = [
        "same claimant body"
        if same_origin and (new.body or new.body_source)
        else "same claimant"
        if same_origin
        else "independent origins",
        _plural(len(shared), "shared content word"),
    ]
    if similarity is not None:
        reasons.append(f"similarity {similarity:.2f}")
    return LinkDecision(
        from_id=new.id,
        to_id=stored.id,
        relation="same_as" if same_origin else "corroborates",
        confidence=round(min(0.99, closeness), 3),
        explanation="; ".join(reasons),
    )


def count_origins(claims: list[ClaimFacts]) -> int:
    """How many independent origins a group of corroborating reports has."""
    return len({claim.origin for claim in claims})
