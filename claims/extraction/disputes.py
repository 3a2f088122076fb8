"""Document-level disputes: which claims deny or rival which, and what each denial rejects.

Runs on the claims a backend produced (either backend), after attribution:

- a report named inside a denial ("denied a Kommersant report that ...", "said a Mail on Sunday
  report that ... was untrue") becomes a claim of its own, and the denial links to it;
- a rejection in a trailing clause ("..., a claim the Pentagon rejected") or a passive ("was disputed
  by the procurement office") becomes a denial of its own;
- a flat negation ("nothing of the kind", "the figures were hugely exaggerated", "I never sold my
  vote") is a denial when it rejects an earlier claim of another party;
- a rival version of the facts from an opposing party, about the same event, is a counter-claim;
- each denial and counter-claim is linked to the claim it rejects, chosen by the named possessor or
  author ("the union's allegation", "claims by a union"), shared content words and numbers, opposing
  parties and nearness, in either direction; none when no candidate is good enough.

Then cues.py decides which claims each unverified cue covers.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from copy import copy
from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import lexicon as lx
from .types import ExtractedClaim, Span

_LETTERS = re.compile(r"[a-z]+")
_NUM = re.compile(r"(?<![\w.])(\d[\d,.]*\d|\d)(?:\s*(?:%|per\s*cent|percent))?")
_STOP = frozenset(
    "the a an of to in on at for and or but with by from as that this these those is are was were be been being "
    "has have had it its his her their they them he she we i you our your said says say told tell about after "
    "before over into than would will could can may might not no any such also which who whom what when where "
    "while there here more most other some all only just very claim claims report reports reported statement "
    "denied deny denies untrue false according assertion allegation allegation accusation accusations sort thing "
    "anything nothing never none nobody kind last first week month year monday tuesday wednesday thursday friday "
    "saturday sunday overnight today yesterday earlier later since told did does do done being per cent percent "
    "still even however adding added saying rejected dismissed disputed account accounts figure figures story "
    "people dispute disputes reject rejects dismiss dismisses refute refutes refuted".split()
)
# A few irregular forms, so that "struck" meets "strike" and "shot" meets "shoot".
_IRREGULAR = {
    "struck": "strike",
    "hit": "strike",
    "shot": "shoot",
    "fought": "fight",
    "sold": "sell",
    "paid": "pay",
    "took": "take",
    "taken": "take",
    "fell": "fall",
    "fallen": "fall",
    "died": "kill",
    "dead": "kill",
    "killed": "kill",
    "killing": "kill",
    "deaths": "kill",
    "met": "meet",
    "held": "hold",
    "holding": "hold",
    "seized": "capture",
    "captured": "capture",
    "taking": "take",
    "found": "find",
    "finds": "find",
    "finding": "find",
    "findings": "find",
}


@lru_cache(maxsize=8192)
def topic(s: str) -> frozenset[str]:
    """Content-word stems of a phrase (first five letters), without function words and country names."""
    out = set()
    for w in _LETTERS.findall(s.lower().replace("’", "'")):
        w = _IRREGULAR.get(w, w)
        if len(w) < 3 or w in _STOP or w in lx.COUNTRY_OF:
            continue
        out.add(w[:5])
    return frozenset(out)


def singular(w: str) -> str:
    """A rough singular: witnesses -> witness, allies -> ally, officials -> official, press -> press."""
    w = w.rstrip("’'")
    if w.endswith(("sses", "xes", "ches", "shes")):
        return w[:-2]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@lru_cache(maxsize=8192)
def numbers(s: str) -> frozenset[str]:
    return frozenset(m.group(1).replace(",", "") for m in _NUM.finditer(s) if len(m.group(1)) > 1 or True)


@lru_cache(maxsize=8192)
def _sides_cached(s: str) -> frozenset[str]:
    return frozenset(_sides_of(s))


def sides_of(s: str) -> set[str]:
    return set(_sides_cached(s))


def _sides_of(s: str) -> set[str]:
    """Countries and parties a phrase names ("Russia's defence ministry" -> russia)."""
    out = set()
    low = s.lower().replace("’s", "").replace("'s", "")
    for w in re.findall(r"[\w.]+", low):
        if w in _PART_OF_NAME:
            continue  # "United Auto Workers" is no country
        side = lx.COUNTRY_OF.get(w) or lx.COUNTRY_OF.get(w.rstrip("."))
        if side:
            out.add(side)
    for phrase in ("united states", "united kingdom", "united nations", "north korea", "south korea", "saudi arabia"):
        if phrase in low:
            out.add(lx.COUNTRY_OF.get(phrase.split()[0] + " " + phrase.split()[1], phrase))
    return out


_PART_OF_NAME = frozenset({"united", "states", "kingdom", "nations", "north", "south", "arabia"})


_NAME_STOP = frozenset(
    "the a an of for and its his her their s spokesperson spokesman spokeswoman official officials "
    "senior chief executive minister ministry department office group company government people "
    "local state national regional former".split()
)


def name_words(name: str | None) -> set[str]:
    return set(_name_words(name))


@lru_cache(maxsize=8192)
def _name_words(name: str | None) -> frozenset[str]:
    if not name:
        return frozenset()
    words = re.findall(r"[a-z0-9]+", name.lower().replace("’s", "").replace("'s", ""))
    return frozenset(w for w in words if w not in _NAME_STOP and len(w) > 1)


_INSTITUTION_HEADS = frozenset(
    "army military police government chancellor governor mayor president premier minister ministry "
    "company firm bank union council cabinet navy coastguard regulator hospital authority agency commission".split()
)


@lru_cache(maxsize=16)
def _lower_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\b[a-z][a-z-]+\b", text))


@lru_cache(maxsize=4096)
def _proper(name: str | None, text: str) -> frozenset[str]:
    return frozenset(proper_words(name, text))


def proper_words(name: str | None, text: str) -> set[str]:
    """The words of a name that pick out one party: proper nouns and institution heads."""
    if not name:
        return set()
    lower = _lower_words(text)
    toks = re.findall(r"[A-Za-z][\w-]*", name.replace("’s", "").replace("'s", ""))
    if (
        len(toks) >= 2
        and toks[-1].islower()
        and toks[-1] not in _INSTITUTION_HEADS
        and toks[-1] not in _KEEP_HEADS
        and toks[-1] not in _NAME_STOP
        and toks[-1] not in lx.TITLES
    ):
        return set()  # "the Berlin airport operator": a place that qualifies a common noun names no party
    out = set()
    for n, t in enumerate(toks):
        low = t.lower()
        if low in _INSTITUTION_HEADS:
            out.add(low)
        elif (
            t[:1].isupper()
            and low not in _NAME_STOP
            and len(low) >= 3
            and low not in lx.TITLES
            and low not in lx.COUNTRY_OF
        ):
            if n == 0 and low in lower:
                continue  # "Residents", "Witnesses": a common noun that only opens the sentence
            out.add(low)
    return out


_KEEP_HEADS = frozenset({"union", "group", "party", "forces", "force"})


@dataclass
class Item:
    """One claim with what the dispute rules read from it."""

    claim: ExtractedClaim
    idx: int  # sentence index
    content: str
    topic: frozenset[str]
    nums: frozenset[str]
    sides: set[str]
    names: set[str]
    proper: set[str] = field(default_factory=set)
    fixed: bool = False  # its link was settled by the sentence itself
    obj: str | None = None  # what a denial names, where the sentence shape says it
    text: str = ""  # the document
    words: frozenset[str] = frozenset()  # the content's words, lower case
    role: int = -1  # prosecution / defence, read on first use
    principal: frozenset[str] = frozenset()  # the party the speaker acts for ("Cartwright's attorney")
    rival_of: Item | None = None  # the claim the backend read this counter-claim as a rival version of

    @property
    def kind(self) -> str:
        return self.claim.kind

    @property
    def who(self) -> str:
        return (self.claim.claimant or self.claim.claimant_org or "").lower()


def _content_of(c: ExtractedClaim) -> str:
    """The asserted words; with the words before an inverted attribution ("..., the union said in ...")."""
    content = c.content.text if c.content else c.sentence.text
    if c.cue is not None and c.content is not None:
        lead = c.sentence.text[: max(0, c.cue.start - c.sentence.start)]
        cut = max(lead.rfind(","), lead.rfind("”"), lead.rfind('"'))
        inverted = not c.claimant or c.claimant not in lead[: max(cut, 0)]
        if inverted and cut > 0 and len(lead[:cut].split()) >= 6 and c.content.start >= c.cue.start:
            content = lead[:cut] + " " + content
    if len(content.split()) < 4:
        content = c.sentence.text
    return content


_ACCUSE = re.compile(r"(?:accus|blam|alleg|charg|su(?:ed|es?)\b)", re.IGNORECASE)


def _accused_words(c: ExtractedClaim) -> frozenset[str]:
    """ "accused Lumen Payments of inflating ...": the accused party belongs to what the claim is about."""
    tail = c.sentence.text[c.cue.end - c.sentence.start :][:80]
    return frozenset(re.findall(r"[a-z0-9-]+", tail.lower()))


_NATIONALITY = re.compile(r"(?:ian|ean|ese|ish|ch|i|ic|[’']s)$|^(?:u\.?s\.?|uk|eu|un|nato)$", re.IGNORECASE)
_LEAD_STOPS = frozenset("said says where when after while and but as who which that".split())


def _item(text: str, c: ExtractedClaim, idx: int) -> Item:
    content = _content_of(c)
    who = " ".join(x for x in (c.claimant, c.claimant_org) if x)
    sides = sides_of(who)
    toks = (c.claimant or "").split()
    if sides and len(toks) >= 2 and toks[-1].islower() and toks[-1] not in _INSTITUTION_HEADS:
        # "the Berlin airport operator": a city qualifying a common noun is no side; "Russian officials" is
        # "Russian-installed officials": the nationality before the hyphen still names the side
        sides = sides_of(
            " ".join(t for t in toks if _NATIONALITY.search(t.split("-")[0])) + " " + (c.claimant_org or "")
        )
    principal: frozenset[str] = frozenset()
    if c.claimant:
        # "Russia's charge d'affaires in Warsaw, Andrei Ordin", "Cartwright's attorney, Ben Osei": the party
        # the speaker acts for stands as a possessive in the title before the name
        k = c.sentence.text.find(c.claimant)
        lead = c.sentence.text[:k].split() if 0 < k <= 80 else []
        if lead and not any(w.endswith("ed") or w.lower() in _LEAD_STOPS for w in lead):
            owners = [w[:-2] for w in lead if w.endswith(("’s", "'s")) and w[:1].isupper()]
            sides = sides or sides_of(" ".join(owners))
            principal = frozenset(w.lower() for w in owners if w.lower() not in lx.COUNTRY_OF)
            if not principal and len(lead) <= 3:
                # "Police spokesperson Muchiri Nyaga": the body in the title
                principal = frozenset(w.lower() for w in lead if w.lower() in _INSTITUTION_HEADS)
    item = Item(
        c,
        idx,
        content,
        topic(content) - topic(who),
        numbers(content),
        sides,
        name_words(c.claimant) | name_words(c.claimant_org),
        set(_proper(c.claimant, text) | _proper(c.claimant_org, text)),
        text=text,
        words=frozenset(re.findall(r"[a-z0-9-]+", content.lower()) + re.findall(r"[a-z0-9]+", content.lower()))
        | (_accused_words(c) if c.cue is not None and _ACCUSE.match(c.cue.text) else frozenset()),
    )
    item.principal = principal
    return item


def _same_party(a: Item, b: Item) -> bool:
    if a.who and a.who == b.who:
        return True
    if a.names and b.names and (a.names <= b.names or b.names <= a.names):
        return True
    return bool(a.sides and b.sides and a.sides & b.sides)


def _named_in(party: Item, claim: Item) -> bool:
    """The party is named in the claim's content: the claim is about what it did."""
    words = claim.words
    for name in (party.claim.claimant, party.claim.claimant_org):
        pw = _proper(name, party.text)
        if not pw:
            continue
        if pw <= words:
            if len(pw) == 1 and next(iter(pw)) in _INSTITUTION_HEADS:
                # "the army's base" names the army; "the bank manager" names a manager, not the bank
                head = next(iter(pw))
                if not re.search(
                    rf"\b{head}(?:[’']s\b|-|\s*[,.;]|\s*$|\s+(?:had|has|have|was|were|is|are|would|will|\w+ed)\b)",
                    claim.content.lower(),
                ):
                    continue
            return True
        toks = (name or "").split()
        if name == party.claim.claimant and len(toks) >= 2 and all(t[:1].isupper() for t in toks):
            if toks[-1].lower() in words and toks[-1][:1].isupper():
                return True  # a person by surname
    return bool(party.principal and party.principal <= words)


def _side_named_in(party: Item, claim: Item) -> bool:
    return bool(party.sides and party.sides & sides_of(claim.content) and not party.sides & claim.sides)


def _opposed(a: Item, b: Item) -> bool:
    return bool(a.sides and b.sides and not a.sides & b.sides)


_PROSECUTION = re.compile(r"\b(?:prosecut\w*|the\s+state|plaintiffs?|complainants?|accusers?)\b", re.I)
_DEFENCE = re.compile(r"\b(?:defen[cs]e|lawyers?|attorneys?|barristers?|counsel|solicitors?|defendants?)\b", re.I)


def _role(it: Item) -> int:
    """1 for the prosecution's side, 2 for the defence's, 0 for neither (read once per claim)."""
    if it.role < 0:
        c = it.claim
        lead = c.sentence.text[: max(0, c.cue.start - c.sentence.start)] if c.cue is not None else ""
        words = (it.who + " " + lead[-80:]).lower()
        it.role = 1 if _PROSECUTION.search(words) else 2 if _DEFENCE.search(words) else 0
    return it.role


def _opposing_roles(a: Item, b: Item) -> bool:
    ra, rb = _role(a), _role(b)
    return bool(ra and rb and ra != rb)


_COUNTED = re.compile(
    r"^(?:\W*\w+\W+){0,4}?(\d[\d,.]*(?:\s+(?:million|billion))?|a\s+million|a\s+thousand|hundreds|thousands|dozens)"
    r"\s+([a-z]+)(?:\s+([a-z]+))?",
    re.I,
)


_COUNT_STOP = frozenset("have were been more than about least some".split())


@lru_cache(maxsize=8192)
def _counted(content: str) -> frozenset[tuple[str, str]]:
    m = _COUNTED.search(content)
    if not m:
        return frozenset()
    return frozenset(
        {
            (m.group(1).lower(), w.lower())
            for w in (m.group(2), m.group(3))
            if w and len(w) > 3 and w.lower() not in _COUNT_STOP
        }
    )


_ANY_COUNT = re.compile(
    r"(?:(?:number|total|count)\s+of\s+(?P<noun1>[a-z]+(?:\s+[a-z]+)?)(?:\s+[a-z]+){0,4}?\s+(?:\w+\s+){0,3}?(?:to|at|"
    r"was|is|stood\s+at|of)\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+)?(?P<num1>\d[\d,.]*)|"
    r"(?P<num2>\d[\d,.]*)\s+(?P<noun2>(?:[a-z]+\s+)?[a-z]{4,}))",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def _any_counts(content: str) -> frozenset[tuple[str, str]]:
    out = set()
    for m in _ANY_COUNT.finditer(content):
        num, nouns = (m.group("num1"), m.group("noun1")) if m.group("num1") else (m.group("num2"), m.group("noun2"))
        for noun in nouns.lower().split():
            if len(noun) > 3 and noun not in _COUNT_STOP:
                out.add((num.replace(",", ""), singular(noun)))
    return frozenset(out)


def _rival_figures(a: Item, b: Item) -> bool:
    """Two different totals of the same thing ("a million people" / "310,000 people")."""
    if not _opposed(a, b) and len(a.topic & b.topic) >= 2:
        ca, cb = _any_counts(a.content), _any_counts(b.content)
        if any(na != nb and ua == ub for na, ua in ca for nb, ub in cb):
            return True
    ca, cb = _counted(a.content), _counted(b.content)
    if _opposed(a, b):
        return False  # each side counting its own actions: "destroyed 26 drones" / "launched 90 drones"
    for na, ua in ca:
        for nb, ub in cb:
            if ua == ub and na != nb and len(ua) > 3:
                return True
    return False


# ---------------------------------------------------------------------------------------------
# Sentence-level additions.

_REPORT_IN_DENIAL = re.compile(
    r"\b(?:denied|denies|deny|denying|rejected|rejects|rejecting|dismissed|dismisses|dismissing|refuted|refuting|"
    r"disputed|disputing|said|says|called|calling|described|branded)\s+(?:on\s+\w+\s+|\w+ly\s+)?"
    r"(?:(?:as\s+)?(?:a|an|the)\s+)?"
    r"(?:(?P<outlet>[A-Z][\w’'&.-]*\s+(?:(?:on|of|the|de|du|al)\s+)?(?:[A-Z][\w’'&.-]*\s+){0,4}?)(?:newspaper\s+|news\s+agency\s+|broadcaster\s+|daily\s+|"
    r"channel\s+|television\s+|TV\s+|magazine\s+|website\s+)?report|report\s+(?:by|in|from|on)\s+(?:the\s+)?"
    r"(?P<outlet2>(?:[A-Z][\w’'&.-]*\s*){1,5}?)(?:\s+(?:newspaper|news\s+agency|broadcaster|daily|channel|"
    r"television|TV|magazine|website))?)\s+(?:that|which\s+said|saying|claiming)\s+"
)
_CONTENT_END = re.compile(
    r"\s+(?:(?:is|was|were|are)\s+(?:[“\"‘']?\s*)?(?:\w+ly\s+)?[“\"‘']?(?:" + lx.DENIAL_ADJECTIVES + r"|nonsense)"
    r"|,\s*(?:saying|calling|adding|and)\b|,\s*which\b|[.;]\s*$)",
    re.I,
)
_TRAILING_REJECTION = re.compile(
    r",\s*(?:a|an)\s+(?:claim|charge|allegation|accusation|assertion|figure|version|account|result|characterization|"
    r"characterisation|description|suggestion|finding|conclusion)s?\s+(?:that\s+|which\s+)?"
    r"(?P<who>(?:the\s+)?(?:[A-Z][\w’'.-]*|No)(?:\s+(?:[A-Z0-9][\w’'.-]*|of|for|and))*"
    # "a figure Israeli officials have disputed": a capitalised name and its plain noun
    r"(?:\s+(?:officials|authorities|officers|forces|leaders|ministers|diplomats|sources|police|military|army))?"
    r"|(?:the\s+)?[a-z]+(?:\s+(?![a-z]+ly\b)[a-z]+)?)\s+"
    r"(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?(?:rejected|denied|dismissed|disputed|refuted|contested|rebuffed|called\s+\w+|"
    r"(?:said|say|says)\s+(?:was|is|were|are)\s+(?:not\s+(?:supported|backed|borne\s+out|true|accurate)|"
    r"(?:\w+ly\s+)?(?:" + lx.DENIAL_ADJECTIVES + r")))\b"
)
# ", dismissing a newspaper report ...", ", denying that ...": the speaker's claim is a denial
_PARTICIPIAL_DENIAL = re.compile(
    r",\s*(?:\w+ly\s+)?(?:dismissing|denying|rejecting|refuting|disputing|rebutting|rubbishing|"
    r"pushing\s+back\s+(?:on|against))\s+"
    r"(?:(?:a|an|the|any|all|these|those|such|recent|media|press|newspaper)\s+)*"
    r"(?:reports?|claims?|allegations?|accusations?|suggestions?|stor(?:y|ies)|accounts?|that|it|them|"
    r"(?:[A-Z][\w’'-]*\s+){1,3}(?:reports?|claims?|story|allegations?)|"
    # "rejecting what it called fabrications", "rejecting official provisional results that ..."
    r"what\s+(?:it|he|she|they|the\s+\w+)\s+(?:called|termed|described\s+as)|"
    r"(?:(?:official|provisional|preliminary|initial|its|their|his|her)\s+)*(?:results|figures|findings|tolls?|"
    r"tally|count|version|assessment|estimates?)\s+(?:that|which|of|from|showing)\b)\b"
)
# "The minister rejected calls to resign, telling journalists she had never ...": a denial with no report verb first
_REFUSAL_THEN_SPEECH = re.compile(
    r"^(?P<who>(?:[A-Z][\w’'.-]*\s+){0,6}?[A-Z][\w’'.-]*)\s+(?:has\s+|had\s+)?(?:rejected|dismissed|brushed\s+off|"
    r"shrugged\s+off|refused|resisted)\s+[^,;]{3,90},\s*(?:telling|saying|insisting)\s+(?P<rest>[^;]+)$"
)
_PASSIVE_DISPUTE = re.compile(
    r"\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:disputed|denied|rejected|dismissed|refuted|"
    r"contested|challenged)\s+by\s+(?P<who>(?:the\s+)?(?:[\w’'.-]+\s+){0,5}?[\w’'.-]+?)(?=\s*(?:,|\.|;|$|\s+which\b|"
    r"\s+who\b|\s+on\b|\s+in\b))"
)


def _clean_name(s: str) -> str:
    s = s.strip(" ,.;")
    s = re.sub(r"^(?:the|The)\s+", "", s)
    return re.sub(r"[’']s$", "", s)


def _new_claim(base: ExtractedClaim, **kw) -> ExtractedClaim:
    fields = dict(
        key="",
        content=None,
        claimant=None,
        claimant_source_id=None,
        claimant_org=None,
        claimant_org_source_id=None,
        via=[],
        kind="claim",
        denies=None,
        cue=None,
        unverified=False,
        unverified_cue=None,
        confidence=0.6,
    )
    fields.update(kw)
    return replace(base, **fields)


def _participial_denials(items: list[Item]) -> None:
    """ "X insisted ..., dismissing a newspaper report that ...": the speaker's claim is a denial."""
    seen: set[int] = set()
    for it in items:
        if it.idx in seen or it.kind not in ("claim", "counter_claim"):
            continue
        seen.add(it.idx)
        s = it.claim.sentence.text
        pm = _PARTICIPIAL_DENIAL.search(s)
        if pm and not any(o.idx == it.idx and o.kind == "denial" for o in items):
            it.fixed = False
            it.claim.kind = "denial"
            it.obj = s[pm.start() :]


def _embedded_reports(text: str, items: list[Item], look) -> list[Item]:
    """A report named inside a denial is a claim of the outlet, and the denial rejects it."""
    added: list[Item] = []
    for it in items:
        if it.kind != "denial":
            continue
        s = it.claim.sentence
        m = _REPORT_IN_DENIAL.search(s.text)
        if not m:
            continue
        outlet = _clean_name(m.group("outlet") or m.group("outlet2") or "")
        if not outlet or not outlet[:1].isupper() or outlet.lower() in lx.COUNTRY_OF:
            continue
        c_start = s.start + m.end()
        rest = text[c_start : s.end]
        e = _CONTENT_END.search(rest)
        c_end = c_start + (e.start() if e else len(rest.rstrip(' .”"')))
        if c_end - c_start < 8:
            continue
        existing = next(
            (
                o
                for o in items + added
                if o.idx == it.idx
                and o is not it
                and o.kind != "denial"
                and name_words(o.claim.claimant) & name_words(outlet)
            ),
            None,
        )
        if existing is None:
            claim = _new_claim(
                it.claim,
                content=Span(c_start, c_end, text[c_start:c_end]),
                claimant=outlet,
                claimant_source_id=look.source_id(outlet) if look is not None else None,
                cue=Span(s.start + m.start(), s.start + m.end(), text[s.start + m.start() : s.start + m.end()]),
            )
            existing = _item(text, claim, it.idx)
            added.append(existing)
        it.claim.denies = id(existing)  # resolved to a key at the end
        it.fixed = True
    return added


def _clause_denials(text: str, items: list[Item], sent_spans: list[Span], look) -> list[Item]:
    """ "..., a claim the Pentagon rejected" and "was disputed by the procurement office": denials."""
    added: list[Item] = []
    by_idx: dict[int, list[Item]] = {}
    for it in items:
        by_idx.setdefault(it.idx, []).append(it)
    for idx, group in by_idx.items():
        if any(g.kind == "denial" for g in group):
            continue
        s = group[0].claim.sentence
        m = _TRAILING_REJECTION.search(s.text)
        if m:
            who = _clean_name(m.group("who"))
            target = next((g for g in group if g.kind != "denial"), None)
            if target is not None and who and who.lower() not in ("he", "she", "they", "it", "we"):
                a = s.start + m.start() + 1
                claim = _new_claim(
                    target.claim,
                    content=None,
                    claimant=who,
                    claimant_source_id=look.source_id(who) if look is not None else None,
                    kind="denial",
                    cue=Span(a, s.start + m.end(), text[a : s.start + m.end()]),
                )
                new = _item(text, claim, idx)
                new.content = s.text[: m.start()]
                claim.denies = id(target)
                new.fixed = True
                added.append(new)
                continue
        m = _PASSIVE_DISPUTE.search(s.text)
        if m:
            who = _clean_name(m.group("who"))
            if who and not any(name_words(g.claim.claimant) & name_words(who) and g.kind == "denial" for g in group):
                who_words = set(re.findall(r"[a-z]+", who.lower())) - {"the", "a", "an", "of"}
                for g in group:
                    gw = set(re.findall(r"[a-z]+", (g.claim.claimant or "").lower())) - {"the", "a", "an", "of"}
                    if gw & who_words or g.claim.claimant is None:
                        g.claim.kind = "denial"
                        g.claim.claimant = who
                        g.obj = s.text[: m.start()]
                        break
                else:
                    a = s.start + m.start()
                    claim = _new_claim(
                        group[0].claim,
                        claimant=who,
                        claimant_source_id=look.source_id(who) if look is not None else None,
                        kind="denial",
                        cue=Span(a, s.start + m.end(), text[a : s.start + m.end()]),
                    )
                    new = _item(text, claim, idx)
                    new.obj = s.text[: m.start()]
                    added.append(new)
    return added


def _passive_without_claim(text: str, sent_spans: list[Span], items: list[Item], look) -> list[Item]:
    """A sentence with no claim at all whose only attribution is "disputed by X, which said ..."."""
    have = {it.idx for it in items}
    out = []
    for idx, s in enumerate(sent_spans):
        if idx in have:
            continue
        rm = _REFUSAL_THEN_SPEECH.match(s.text)
        if rm and _WEAK_NEGATION.search(rm.group("rest")):
            who = _clean_name(rm.group("who"))
            words = who.split()
            # "Energy Minister Jane Doe": the name without the title in front
            while len(words) > 2 and words[0].lower() in lx.TITLES | {"energy", "foreign", "health", "finance"}:
                words = words[1:]
            ca = s.start + rm.start("rest")
            claim = ExtractedClaim(
                key="",
                sentence=s,
                content=Span(ca, s.end, text[ca : s.end]),
                claimant=" ".join(words),
                claimant_source_id=None,
                claimant_org=None,
                claimant_org_source_id=None,
                via=[],
                kind="denial",
                denies=None,
                cue=Span(s.start + rm.end("who"), ca, text[s.start + rm.end("who") : ca]),
                unverified=False,
                unverified_cue=None,
                confidence=0.55,
            )
            out.append(_item(text, claim, idx))
            continue
        m = _PASSIVE_DISPUTE.search(s.text)
        if not m:
            continue
        who = _clean_name(m.group("who"))
        if not who or not re.search(r"[A-Za-z]", who):
            continue
        a = s.start + m.start()
        cont_m = re.search(r",\s*(?:which|who)\s+(?:said|says)\s+(?:that\s+)?(.+?)[.”\"]*$", s.text[m.end() :])
        content = None
        if cont_m:
            ca = s.start + m.end() + cont_m.start(1)
            cb = s.start + m.end() + cont_m.end(1)
            content = Span(ca, cb, text[ca:cb])
        claim = ExtractedClaim(
            key="",
            sentence=s,
            content=content,
            claimant=who,
            claimant_source_id=look.source_id(who) if look is not None else None,
            claimant_org=None,
            claimant_org_source_id=None,
            via=[],
            kind="denial",
            denies=None,
            cue=Span(a, s.start + m.end(), text[a : s.start + m.end()]),
            unverified=False,
            unverified_cue=None,
            confidence=0.6,
        )
        new = _item(text, claim, idx)
        new.obj = s.text[: m.start()]
        out.append(new)
    return out


# ---------------------------------------------------------------------------------------------
# Flat negations and counter-claims.

_STRONG_NEGATION = re.compile(
    r"\b(?:no\s+such\b|(?:no|not|never|n[’']t)\s+(?:[\w’'-]+\s+){0,6}?any\s+such\b|nothing\s+of\s+the\s+(?:kind|sort)|no\s+(?:current\s+)?plans?\s+(?:to|for)\b|(?:hugely|massively|grossly|wildly|vastly|greatly|"
    r"highly|much|heavily|seriously)\s+[“\"‘']?(?:exaggerated|inflated|overstated|overblown|distorted)|"
    r"(?:categorically|firmly|totally|completely|utterly|strongly|flatly)\s+(?:reject|deny|refute|dispute)\w*|"
    r"(?:reject|deny|refute|dispute)\w*\s+(?:any|the|these|those|such|all)\s+(?:\w+\s+)?(?:suggestions?|claims?|"
    r"allegations?|accusations?|assertions?|reports?|insinuations?|accounts?|characteri[sz]ations?)|"
    r"(?:is|was|are|were)\s+not\s+true|(?:did|does|do)(?:\s+not|n[’']t)\s+(?:match|reflect|add\s+up|stand\s+up|hold\s+up)|"
    # "I am completely innocent": a plea of innocence answers the accusation
    r"(?:am|is|are|was|were)\s+(?:\w+ly\s+)?innocent\b|"
    # "we are not planning layoffs", "no cancellations are planned": the reported plan is denied
    r"(?:am|is|are|was|were)\s+not\s+(?:planning|preparing|considering)\b|"
    r"\bno\s+(?:[\w-]+\s+){1,2}(?:are|is|were|was|have\s+been|has\s+been)\s+(?:planned|scheduled|envisaged)\b|"
    r"(?:never|not)\s+(?:happened|took\s+place|occurred))",
    re.IGNORECASE,
)
_WEAK_NEGATION = re.compile(r"\b(?:not|never|no|none|nobody|no\s+one|nothing|neither|nor|n[’']t|only)\b", re.IGNORECASE)
_NOT_A_REJECTION = re.compile(
    r"\b(?:no\s+(?:comment|further\s+comment|immediate\s+comment|details?|timeline|decision\s+had\s+been)|"
    r"not\s+(?:immediately\s+)?(?:respond|comment|available|say|elaborate|give|provide)|declined|"
    r"(?:could|would|did)\s+not\s+(?:rule\s+out|say|comment|confirm)|not\s+(?:be\s+|been\s+)?ruled\s+out)\b",
    re.IGNORECASE,
)
_ANAPHORA = re.compile(
    r"\b(?:(?:that|this|the|these|those|such|his|her|their|its)\s+(?:\w+\s+)?(?:claims?|reports?|allegations?|"
    r"accusations?|assertions?|statements?|accounts?|suggestions?|characteri[sz]ations?|version|figures?|"
    r"numbers?|charges?|remarks|comments|story|stories)|\bof\s+the\s+(?:kind|sort)|no\s+such|"
    r"^\W*(?:it|this|that|them)\b|the\s+figures|wrongdoing|involvement|any\s+role|responsibility|"
    r"\b(?:for|of|about|to|in)\s+it\b)",
    re.IGNORECASE,
)


def _span_of_items(items: list[Item], lo: int, hi: int) -> list[Item]:
    """The items whose sentence index lies in [lo, hi]; items are kept in sentence order."""
    return items[bisect_left(items, lo, key=_IDX) : bisect_right(items, hi, key=_IDX)]


def _IDX(x: Item) -> int:  # noqa: N802 - a key function, named like a constant
    return x.idx


def _earlier(items: list[Item], it: Item, back: int) -> list[Item]:
    return [
        c
        for c in _span_of_items(items, it.idx - back, it.idx)
        if c is not it
        and it.idx - back <= c.idx <= it.idx
        and (c.idx < it.idx or c.claim.sentence.start < it.claim.sentence.start)
        and c.kind != "denial"
        and not _same_party(c, it)
    ][::-1]


# negations that point at a fact: "nobody had been asked", "no U.S. ship was hit", "none of its fighters"
_POINTED_NEGATION = re.compile(
    r"^\W*there\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+no\b(?!\s+(?:doubt|question|need|reason|"
    r"way|time|place|alternative|choice|other|better|room)\b)|"
    r"\b(?:nobody|no\s+one|none\s+of|never|(?:were|was|had\s+been)\s+no\s+(?:casualties|injuries|deaths|victims)\b|no\s+(?:record|trace|sign|indication|evidence)\s+(?:of|that)|no\s+(?:[\w.-]+\s+){1,2}(?:was|were|had|has|have|is|are)\b)",
    re.IGNORECASE,
)
_SELF_REFERENCE = re.compile(r"\b(?:its|our|we|i|my|their|his|her)\b", re.IGNORECASE)


def _echoes_own_denial(items: list[Item], it: Item) -> bool:
    """A negation quoted just after its speaker's own denial ("X denied the report. 'There is no truth
    to it,' a spokesperson said.") restates that denial."""
    for c in _span_of_items(items, it.idx - 2, it.idx):
        if c is it or c.kind != "denial" or not _same_party(c, it):
            continue
        if c.idx < it.idx or c.claim.sentence.start < it.claim.sentence.start:
            return True
    return False


# "I have not resigned", "We are not in talks", "There has been no pause": a flat first-person rebuttal
_FIRST_PERSON_REBUTTAL = re.compile(
    r"^\W*(?:(?:I|We)\s+(?:have|had|am|are|was|were|did|do|will|would)\s+(?:not|never)\b|I[’']m\s+not\b|"
    r"We[’']re\s+not\b|(?:I|We)\s+(?:haven|hadn|didn|don|wasn|weren|aren)[’']t\b|(?:I|We)\s+never\b|"
    r"There\s+(?:is|has\s+been|was|have\s+been|are)\s+(?:absolutely\s+)?no\b"
    r"(?!\s+(?:doubt|question|need|reason|way|time|place|alternative|choice|other|better|room)\b))"
)


def _report_answered_ahead(items: list[Item], it: Item) -> Item | None:
    """A first-person rebuttal told before the news report it answers, when that report follows
    within a few sentences ("'I have not resigned,' X told TV. Le Monde reported late Tuesday that ...")."""
    if it.claim.content is None or not _FIRST_PERSON_REBUTTAL.match(it.claim.content.text):
        return None
    for c in _span_of_items(items, it.idx + 1, it.idx + 4):
        if c.kind == "claim" and not _same_party(c, it) and (c.claim.via or _is_outlet(c)):
            if _REPORT_VERB.search(c.claim.sentence.text):
                return c
    return None


_REPORT_VERB = re.compile(r"\breport(?:ed|s)\b", re.IGNORECASE)


def _rebuttals_of_reports_ahead(items: list[Item]) -> None:
    for it in items:
        if it.kind == "counter_claim" or it.fixed or it.claim.denies is not None:
            continue
        report = _report_answered_ahead(items, it)
        if report is not None:
            it.claim.kind = "denial"
            it.claim.denies = id(report)
            it.fixed = True


def _flat_negations(items: list[Item]) -> None:
    by_ref = {id(it): it for it in items} | {it.claim.key: it for it in items}
    # a party's own denial pointed at its own statement is a link gone wrong, not a dispute of it
    targeted = {
        it.claim.denies
        for it in items
        if it.claim.denies is not None and not (it.claim.denies in by_ref and _same_party(it, by_ref[it.claim.denies]))
    }
    for it in items:
        if it.kind != "claim" or it.claim.key in targeted or id(it) in targeted:
            continue  # a claim someone denies is a claim, whatever its wording
        head = it.content
        c = it.claim
        if c.cue is not None and c.content is not None and c.cue.end <= c.content.start:
            head = c.sentence.text[c.cue.end - c.sentence.start :]  # "said there was no evidence that ..."
        strong = _STRONG_NEGATION.search(head)
        if not strong:
            first = " ".join(head.split()[:12])
            if not _WEAK_NEGATION.search(first) or _NOT_A_REJECTION.search(head):
                continue
        if _echoes_own_denial(items, it):
            it.claim.kind = "denial"
            continue
        cands = _earlier(items, it, 6)
        ok = False
        pointed = bool(_POINTED_NEGATION.search(head))
        self_ref = bool(_SELF_REFERENCE.search(head))
        # "But Centcom said the vessel had not been hit": a negation set against what was just told
        contrast = _has(_CONTRAST, c.sentence.text[:12])
        for c in cands:
            overlap = len(it.topic & c.topic) + len(it.nums & c.nums)
            accused = _named_in(it, c) or _side_named_in(it, c)
            dist = it.idx - c.idx
            near = dist <= 2
            if dist > 4 and not (accused and overlap >= 1):
                continue  # further back, only the party the claim was about answers it
            if (
                strong
                or (accused and (overlap >= 1 or dist <= 3))
                or (overlap >= 3 and _opposed(it, c))
                or (pointed and (overlap >= 1 or (near and _opposed(it, c))))
                or (self_ref and near and _opposed(it, c))
                or (overlap >= 3 and near)
                or (contrast and dist <= 2 and overlap >= 1)
            ):
                ok = True
                break
        if ok:
            it.claim.kind = "denial"


_SPEECH = re.compile(
    r"\b(?:warned|said|says|told|announced|claimed|insisted|stated|accused|urged|threatened|promised|vowed)\b", re.I
)


_HARM = re.compile(
    r"\b(?:kill\w*|struck|strikes?|\w*strikes?|attack\w*|shell\w*|fired\s+(?:at|on)|opened\s+fire|shot\s+dead|bomb\w*|seiz\w*|captur\w*|"
    r"detain\w*|arrest\w*|violat\w*|pollut\w*|fail\w*|overbill\w*|misle\w*|brib\w*|fraud\w*|hid|hidden|"
    r"ignor\w*|breach\w*|invad\w*|rigg\w*|stole|stolen|cheat\w*|lied|cover(?:ed)?[\s-]up|occup\w*|target\w*|raid\w*|torture\w*|abus\w*)\b",
    re.IGNORECASE,
)


_VICTIMS = re.compile(r"\b(?:kill\w*|dead|died|deaths?|wounded|injur\w*|civilians?|casualt\w*)\b", re.IGNORECASE)
_CIVILIANS = re.compile(
    r"\b(?:civilians?|children|child|women|families|family|school|hospital|homes?|houses?|residential|camp|"
    r"displaced|refugees?|aid|journalists?|worshippers|patients|wedding|market|shelter|passengers|students|"
    r"villagers|residents|protesters|mourners|farmers|fishermen|unarmed|workers|employees|staff|guests)\b",
    re.IGNORECASE,
)
_EYEWITNESS = re.compile(
    r"\b(?:witness(?:es)?|eyewitness(?:es)?|residents?|survivors?|relatives?|famil(?:y|ies)|villagers?|locals|"
    r"neighbou?rs|passengers|protesters|mourners)\b",
    re.IGNORECASE,
)
_CONTRAST = re.compile(r"\W*(?:but|however|yet|still)\b", re.IGNORECASE)
_ARMED = re.compile(
    r"\b(?:army|armed\s+forces|military|militar\w+|troops|forces|police|navy|air\s+force|militia|rebels?|"
    r"defen[cs]e\s+(?:ministry|forces)|ministry\s+of\s+defen[cs]e|idf|pentagon)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def _has(rx: re.Pattern, s: str) -> bool:
    return rx.search(s) is not None


# "its air defences had destroyed 47 drones", "it had shot down 31 of 38 drones": a party telling of its
# own interceptions, which answer no account of the attack (its own strike on "a weapons depot" does)
_OWN_ACTION = re.compile(
    r"^\W*(?:its|their|our|we|it|they)\s+(?:[\w-]+\s+){0,2}?(?:had|have|has)\s+(?:\w+ly\s+)?"
    r"(?:shot\s+down|destroyed|intercepted|downed|repelled|repulsed)\b",
    re.IGNORECASE,
)
_PLAIN_SAYING = re.compile(r"^(?:said|says|say|told|tells|announced|reported)$", re.IGNORECASE)


def _own_action_told(it: Item) -> bool:
    """A party plainly saying what it did itself; "claimed" keeps the outlet's doubt and stays open."""
    cue = it.claim.cue
    return bool(cue is not None and _PLAIN_SAYING.match(cue.text.strip()) and _OWN_ACTION.search(it.content))


# the documents and reports whose claims are allegations about someone
_ALLEGATION_SOURCE = re.compile(
    r"\b(?:lawsuit|suit|complaint|indictment|audit|report|investigation|inquiry|filing|charges?|allegations?|"
    r"court\s+(?:papers|documents|filings)|documents|records)\b",
    re.IGNORECASE,
)
_AGREEING = re.compile(r"\b(?:confirm\w*|acknowledg\w*|admit\w*|agree\w*|apologi[sz]\w*|regrett?\w*)\b", re.I)


def _is_allegation(c: Item) -> bool:
    """A claim that a news report, a lawsuit, an audit or an indictment makes about someone."""
    return _is_outlet(c) or _has(_ALLEGATION_SOURCE, c.claim.claimant or "")


def _counter_claims(items: list[Item]) -> None:
    for it in items:
        if it.kind != "claim" or it.idx == 0:
            continue
        if _has(_NOT_A_REJECTION, it.content):
            continue
        mine_adverse = _has(_CONTRAST, it.claim.sentence.text[:12]) or _has(
            _WEAK_NEGATION, " ".join(it.content.split()[:12])
        )
        armed = _has(_ARMED, it.who + " " + " ".join(it.principal))
        if not mine_adverse and _own_action_told(it):
            continue  # "its air defences had destroyed 47 drones": interceptions, not a rival account
        best, best_score = None, 0.0
        for c in _earlier(items, it, 3):
            if c.idx == it.idx:
                continue
            dist = it.idx - c.idx
            overlap = len(it.topic & c.topic) + len(it.nums & c.nums)
            named = _named_in(it, c)
            side_named = not named and _side_named_in(it, c)
            if (named or side_named) and _has(_SPEECH, c.content):
                continue  # the earlier claim reports what this party said: this one elaborates it
            harm = _has(_HARM, c.content) or bool(c.claim.cue is not None and _ACCUSE.match(c.claim.cue.text))
            score = 0.0
            if named and (harm or mine_adverse) and (overlap >= 1 or dist == 1):
                score = 3.0 + overlap
            elif named and _is_allegation(c) and not _has(_AGREEING, it.content):
                # "Farrow spent $48,000 without receipts, according to a state audit. ... He said the trips
                # were to a conference": the party a report or a lawsuit is about answers it
                score = 2.5 + overlap
            elif side_named and (overlap >= 2 or (overlap >= 1 and harm)):
                score = 2.5 + overlap
            elif _opposing_roles(c, it):
                score = 3.0 + overlap
            elif (
                armed
                and dist <= 2
                and _has(_VICTIMS, c.content)
                # "killing four soldiers" and "struck weapons depots" tell one story; civilians killed and
                # "a precise strike on militants" tell two
                and _has(_CIVILIANS, c.content)
                and (overlap >= 1 or (dist == 1 and _has(_HARM, it.content)))
                and not _has(_ARMED, c.who)
            ):
                score = 2.5 + overlap  # an armed party's version of an attack reported by others
            elif (
                dist <= 2
                and _has(_ARMED, c.who + " " + " ".join(c.principal))
                and _has(_EYEWITNESS, it.who)
                and (overlap >= 1 or (harm and _has(_HARM, it.content)))
            ):
                score = 2.5 + overlap  # the people who saw it against the armed party's version
            elif dist <= 2 and _rival_figures(c, it):
                score = 2.5 + overlap
            elif overlap >= 2 and _opposed(it, c):
                score = 2.0 + overlap
            score -= 0.3 * dist
            if score > best_score:
                best, best_score = c, score
        if best is not None and best_score >= 2.0:
            it.claim.kind = "counter_claim"
            it.claim.denies = id(best)
            it.claim.link_confidence = link_confidence(best_score)
            it.fixed = True


# ---------------------------------------------------------------------------------------------
# Denial links.

_POSSESSOR = re.compile(
    r"(?P<who>(?:[A-Z][\w’'.-]*\s+){0,4}[\w’'.-]+?|the\s+(?:[a-z]+\s+){0,2}[a-z]+?)(?:’s|'s|s’|s')\s+"
    r"(?:\w+\s+){0,2}?(?:" + "|".join(sorted(lx.CLAIM_NOUNS, key=len, reverse=True)) + r")\b"
)
_BY_AUTHOR = re.compile(
    r"\b(?:claims?|reports?|allegations?|accusations?|assertions?|statements?|complaints?|charges?)\s+(?:made\s+)?"
    r"(?:by|from)\s+(?P<who>(?:an?\s+|the\s+)?(?:[\w’'-]+\s+){0,3}?[\w’'-]+)(?=\s+(?:that|of|about|on|over)\b|[,.;]|$)",
    re.IGNORECASE,
)
_ADJ_CLAIM = re.compile(
    r"\b(?P<who>[A-Z][\w-]+)\s+(?:" + "|".join(sorted(lx.CLAIM_NOUNS, key=len, reverse=True)) + r")\b"
)
_REPORTS = re.compile(
    r"\b(?:reports?|reporting|story|stories|article|newspaper|media|speculation|rumou?rs?)\b", re.IGNORECASE
)
_GENERIC_HEADS = {
    "company",
    "firm",
    "group",
    "government",
    "ministry",
    "military",
    "army",
    "union",
    "bank",
    "agency",
    "department",
    "office",
    "party",
    "council",
    "paper",
    "newspaper",
    "broadcaster",
}
_DENIAL_VERBS = re.compile(
    r"\b(?:denied|denies|deny|rejected|rejects|reject|dismissed|dismisses|dismiss|refuted|refute|disputed|disputes?|rebuffed|rebutted|contested|"
    r"called|described|branded|pushed\s+back\s+(?:against|on))\b",
    re.IGNORECASE,
)


_THAT_CLAUSE = re.compile(
    r"\b(?:claims?|reports?|allegations?|accusations?|assertions?|suggestions?|stor(?:y|ies)|charges?|rumou?rs?)\s+"
    r"(?:(?:by|from|in)\s+(?:[\w’'-]+\s+){1,4}?)?(?:that|of)\s+([^;]+)",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def _places(s: str) -> frozenset[str]:
    """The countries, capitals and peoples a phrase names (kept out of topic words, weighed apart)."""
    return frozenset(w for w in re.findall(r"[a-z]+", s.lower()) if w in lx.COUNTRY_OF and len(w) > 3)


def _denial_object(it: Item) -> str:
    """What the denial names: the words after the denial verb, else its content, else its sentence."""
    s = it.claim.sentence.text
    if it.claim.cue is not None and it.claim.cue.start >= it.claim.sentence.start:
        tail = s[it.claim.cue.end - it.claim.sentence.start :]
        m = _DENIAL_VERBS.search(it.claim.cue.text)
        if m:
            return it.claim.cue.text[m.end() :] + tail[:200]
        if _DENIAL_VERBS.match(tail.strip()):
            return tail[:200]
    m = _DENIAL_VERBS.search(s)
    if m and it.claim.content is None:
        return s[m.end() : m.end() + 200]
    return it.content


def _possessor(obj: str) -> str | None:
    head = obj[:160]
    for rx in (_POSSESSOR, _BY_AUTHOR):
        m = rx.search(head)
        if m:
            who = re.sub(r"^(?:an?|the)\s+", "", m.group("who").strip(), flags=re.IGNORECASE)
            if who.lower() in ("it", "its", "his", "her", "their", "that", "this", "one", "paper"):
                return None
            return who
    m = _ADJ_CLAIM.search(head)
    if m and m.group("who").lower() in lx.COUNTRY_OF:
        return m.group("who")
    return None


def _possessor_matches(text: str, poss: str, c: Item) -> bool | None:
    """True / False when the possessor names / does not name the candidate's author; None: can't tell."""
    psides = sides_of(poss)
    if psides and c.sides:
        return bool(psides & c.sides)
    pwords = [w for w in re.findall(r"[a-z0-9]+", poss.lower()) if w not in ("the", "a", "an", "s")]
    if not pwords:
        return None
    head = singular(pwords[-1])
    proper = {w for w in re.findall(r"[A-Z][\w-]+", poss)}
    proper = {w.lower() for w in proper if w.lower() not in _NAME_STOP and w.lower() not in lx.TITLES}
    cn = {singular(w) for w in c.names}
    for link in c.claim.via:
        cn |= {singular(w) for w in name_words(link.name)}
    who = (c.claim.claimant or "") + " " + (c.claim.claimant_org or "")
    cn |= {singular(w) for w in re.findall(r"[a-z0-9]+", who.lower())}
    if proper and {singular(w) for w in proper} & cn:
        return True
    if head in cn:
        return True
    # a title: "the health secretary's claim" -> the person introduced with that title
    surname = (c.claim.claimant or "").split()[-1:] if c.claim.claimant else []
    # (only for a title: a name the possessor gives is not looked for near someone else's surname)
    titled = not proper or head in lx.TITLES or head in lx.ROLE_NOUNS
    if titled and surname and len(surname[0]) > 2 and surname[0][:1].isupper():
        for m in re.finditer(re.escape(surname[0]), text):
            window = text[max(0, m.start() - 50) : m.end() + 50].lower()
            if re.search(rf"\b{re.escape(head)}", window):
                return True
    if head in _GENERIC_HEADS and not proper:
        return None  # "the company's assertion": a common noun that names no one in particular
    return False


def _link(text: str, items: list[Item]) -> None:
    for it in items:
        if it.kind not in ("denial", "counter_claim") or it.fixed:
            continue
        obj = it.obj or _denial_object(it)
        self_ref = bool(_SELF_REFERENCE.search(obj[:120]))
        poss = _possessor(obj)
        dtopic = topic(obj) - topic(it.who)
        dnums = numbers(obj)
        dplaces = _places(obj)
        reports = bool(_REPORTS.search(obj[:120]))
        anaphoric = bool(_ANAPHORA.search(obj[:80]))
        # "the health secretary's claim that pay had risen by 28.9%": the claim must be about that
        cm = _THAT_CLAUSE.search(obj[:200])
        clause_topic = topic(cm.group(1)) if cm else frozenset()
        clause_nums = numbers(cm.group(1)) if cm else frozenset()
        if len(clause_topic) < 3:
            clause_topic = frozenset()
        best, best_score = None, 0.0
        scored: list[tuple[Item, float]] = []
        # a denial of "a report" often leads the story, and the report is told sentences later
        ahead = 6 if reports else 3
        # a story that opens on a denial and tells the news report it answers just after
        leads = all(o.idx >= it.idx for o in items if o is not it)
        near_items = _span_of_items(items, it.idx - 8, it.idx + ahead)
        disputed = {
            o.claim.denies
            for o in near_items
            if o is not it and o.claim.denies is not None and o.kind == "denial" and 0 < it.idx - o.idx <= 3
        }
        nearest = None
        for c in near_items:
            if c.idx < it.idx and c.kind != "denial" and not _same_party(c, it) and it.idx - c.idx <= 3:
                nearest = c
        for c in near_items:
            if c is it or c.kind == "denial" or _same_party(c, it):
                continue
            dist = it.idx - c.idx
            if dist > 8 or dist < -3 and not (dist >= -ahead and (c.claim.via or _is_outlet(c))):
                continue
            if dist == 0 and c.claim.sentence.start == it.claim.sentence.start and c.claim.content and it.claim.cue:
                if c.claim.content.start > it.claim.cue.start and not reports:
                    continue
            score = 0.0
            if poss:
                pm = _possessor_matches(text, poss, c)
                if pm is True:
                    score += 4.0
                elif pm is False:
                    score -= 3.0
            if _opposed(it, c):
                score += 2.2 if self_ref else 1.2
            if _named_in(it, c) or _side_named_in(it, c):
                score += 3.0 if self_ref else 2.0
            overlap = len(dtopic & c.topic)
            score += min(overlap, 4) + 1.5 * len(dnums & c.nums) + 0.5 * min(len(dplaces & _places(c.content)), 2)
            shared = len(clause_topic & c.topic) + 2 * len(clause_nums & c.nums)
            if poss and clause_topic and shared < (2 if len(clause_topic) >= 4 else 1):
                score -= 3.0
            told_report = leads and -3 <= dist < 0 and _reported_by_outlet(c)
            if reports and (c.claim.via or _is_outlet(c)):
                score += 3.0 if -2 <= dist < 0 else 1.5  # "denied a report ..." then the report itself
            elif told_report:
                score += 2.5
            if anaphoric and c is nearest:
                score += 2.5
            if id(c) in disputed or c.claim.key in disputed:
                score += 1.5  # already in dispute: a further denial usually answers the same claim
            if dist < 0:
                # a denial before the claim: only of something it names
                if not (reports or overlap >= 2 or poss or told_report):
                    continue
                score -= 0.5
            score -= 0.2 * max(0, abs(dist) - 1)
            scored.append((c, score))
            if score > best_score:
                best, best_score = c, score
        if best is not None:
            # A party that told its account over several sentences is answered as a whole: the link goes
            # to the claim that opened the account when it scores about as well as a later detail.
            first = next(
                (
                    (c, sc)
                    for c, sc in scored
                    if c.idx < best.idx and sc >= max(2.0, best_score - _OPENING_MARGIN) and _same_account(c, best)
                ),
                None,
            )
            if first is not None:
                best, best_score = first
        if best_score < 2.0 and scored:
            # the story's opening claim is what a later denial most often answers: it links on a weaker
            # showing than a claim told in passing
            lede = min((c for c in items if c.kind != "denial" and c is not it), key=_IDX, default=None)
            lede_score = next((sc for c, sc in scored if c is lede), None)
            if lede is not None and lede_score is not None and lede_score >= _LEDE_FLOOR:
                best, best_score = lede, 2.0
        if (best is None or best_score < 2.0) and it.rival_of is not None and it.kind == "counter_claim":
            # the backend read this as the answer of the party an earlier claim is about ("But relatives
            # of the man said he was unarmed" after the police's account): that reading stands when the
            # denial's wording points nowhere more clearly
            best, best_score = it.rival_of, 2.0
        if best is not None and best_score >= 2.0:
            it.claim.denies = id(best)
            it.claim.link_confidence = link_confidence(best_score)
        else:
            it.claim.denies = None
            it.claim.link_confidence = None
            if it.kind == "counter_claim":
                it.claim.kind = "claim"


_OPENING_MARGIN = 1.0
_LEDE_FLOOR = 1.5


def _same_account(a: Item, b: Item) -> bool:
    """Two claims of one party, or of one outlet's report: "The Times reported ..." and "..., the people
    said" told to the Times."""
    if _same_party(a, b):
        return True
    # many speakers may talk to one outlet, so only the outlet's own report and a claim it carries
    for report, told in ((a, b), (b, a)):
        if _is_outlet(report) and _fold_name(report.claim.claimant) in {_fold_name(x.name) for x in told.claim.via}:
            return True
    # "two people with direct knowledge told the Times ... . ..., the people said": named again by the head
    m = re.fullmatch(r"the\s+([a-z]+)", (b.claim.claimant or "").lower())
    shared = {_fold_name(x.name) for x in a.claim.via} & {_fold_name(x.name) for x in b.claim.via}
    return bool(m and shared and m.group(1) in (a.claim.claimant or "").lower().split())


def _fold_name(name: str | None) -> str:
    return re.sub(r"^the\s+", "", (name or "").lower()).strip()


def link_confidence(score: float) -> float:
    """A target's score (2 is the least that links) as a link confidence: 2 -> 0.59, 4 -> 0.73, 7 -> 0.94."""
    return round(min(0.95, 0.45 + 0.07 * score), 3)


def _reported_by_outlet(c: Item) -> bool:
    """ "The Times reported ... that": a news report, carried by an outlet."""
    return bool((c.claim.via or _is_outlet(c)) and _REPORT_VERB.search(c.claim.sentence.text))


def _is_outlet(c: Item) -> bool:
    from .rules import is_outlet_name

    return bool(c.claim.claimant) and is_outlet_name(c.claim.claimant, None)


# ---------------------------------------------------------------------------------------------


def refine(text: str, sentences, claims: list[ExtractedClaim], look=None) -> list[ExtractedClaim]:
    """Denials, counter-claims, their links and unverified cue scope, over one document's claims."""
    try:
        return _refine(text, sentences, claims, look)
    except Exception:  # noqa: BLE001 - the backend's own reading stands if this pass cannot run
        if _STRICT:
            raise
        return claims


_STRICT = False  # tests switch this on to see errors instead of the fallback


def _refine(text: str, sentences, claims: list[ExtractedClaim], look) -> list[ExtractedClaim]:
    from . import cues

    spans = [Span(s.start, s.end, text[s.start : s.end]) for s in sentences]
    if not spans:
        return claims
    starts = [s.start for s in spans]

    def idx_of(c: ExtractedClaim) -> int:
        # a quotation that opened sentences earlier is said where it opened
        at = c.content.start if c.content is not None and c.content.start < c.sentence.start else c.sentence.start
        return max(0, bisect_right(starts, at) - 1)

    claims = [copy(c) for c in claims]  # the backend's reading stays intact if this pass fails
    claims = [c for c in claims if not cues.is_cue_sentence(c.sentence.text, c.claimant)]
    items = [_item(text, c, idx_of(c)) for c in claims]
    by_key = {c.key: it for c, it in zip(claims, items, strict=True)}
    # links the backend made, kept as object references while claims come and go
    for it in items:
        tgt = by_key.get(it.claim.denies) if it.claim.denies else None
        it.claim.denies = tgt.claim.key if tgt is not None else None
        if tgt is not None and tgt.idx == it.idx and it.kind == "denial":
            it.fixed = True  # "..., a claim that Paris denied": the sentence itself says what is denied
        if tgt is not None and it.kind == "counter_claim":
            it.rival_of = tgt
    _participial_denials(items)
    items += _embedded_reports(text, items, look)
    items += _clause_denials(text, items, spans, look)
    items += _passive_without_claim(text, spans, items, look)
    items.sort(key=lambda x: (x.idx, x.claim.sentence.start))
    _flat_negations(items)
    _rebuttals_of_reports_ahead(items)
    _counter_claims(items)
    # the backend's own picks are strings; ours are ids of items
    _link(text, items)
    cues.rescope(text, spans, items, [getattr(s, "paragraph", n) for n, s in enumerate(sentences)])
    # keys in document order
    ordered = sorted(items, key=lambda x: (x.idx, x.claim.cue.start if x.claim.cue else x.claim.sentence.start))
    by_id = {id(x): x for x in items}
    by_old_key = {x.claim.key: x for x in items if x.claim.key}
    new_key = {id(x): f"c{n}" for n, x in enumerate(ordered, 1)}
    out = []
    for x in ordered:
        d = x.claim.denies
        tgt = by_id.get(d) if isinstance(d, int) else by_old_key.get(d) if d else None
        if tgt is x or (tgt is not None and tgt.kind == "denial"):
            tgt = None
        kind = x.kind if (tgt is not None or x.kind != "counter_claim") else "claim"
        if tgt is None:
            x.claim.link_confidence = None
        x.claim.key, x.claim.denies, x.claim.kind = new_key[id(x)], new_key[id(tgt)] if tgt else None, kind
        out.append(x.claim)
    return out


def _moved(span: Span | None, shift: int, lo: int, hi: int, text: str) -> Span | None:
    """A span of one document moved into a joined text, cut to the stretch [lo, hi) that was copied."""
    if span is None:
        return None
    start, end = max(span.start, lo) + shift, min(span.end, hi) + shift
    return Span(start, end, text[start:end]) if start < end else None


UNAIMED_DENIAL = 0.65


def reply_reading(target: ExtractedClaim, reply: ExtractedClaim) -> tuple[str, float] | None:
    """How these rules read `reply` told just after `target` in one story: (kind, link confidence), else None.

    The same reading as within a document, for a claim and a possible answer to it that arrived in two
    documents: the two sentences are joined as a two-sentence story and the dispute pass is run on it.
    Only the sentences are copied, so a quotation that opened sentences earlier keeps its own words only.
    """
    pieces = (target, reply)
    text, placed = "", []
    for claim in pieces:
        shift = len(text) - claim.sentence.start
        text += claim.sentence.text
        lo, hi = claim.sentence.start, claim.sentence.end
        sentence = Span(lo + shift, hi + shift, claim.sentence.text)
        moved = [_moved(s, shift, lo, hi, text) for s in (claim.content, claim.cue, claim.unverified_cue)]
        placed.append(
            replace(claim, sentence=sentence, content=moved[0], cue=moved[1], unverified_cue=moved[2], denies=None)
        )
        text += "\n\n"
    placed[0] = replace(placed[0], kind="claim", key="t")
    placed[1] = replace(placed[1], key="r")
    sentences = [p.sentence for p in placed]
    try:
        read = _refine(text, sentences, placed, None)
    except Exception:  # noqa: BLE001 - no reading is no link; the caller weighs words alone
        if _STRICT:
            raise
        return None
    answer = next((c for c in read if c.sentence.start == sentences[1].start), None)
    told = next((c for c in read if c.sentence.start == sentences[0].start), None)
    if answer is None or told is None or answer.kind == "claim":
        return None
    if answer.denies is None:
        # A denial whose words do not reach the claim ("My client has not stolen a cent"): what it
        # denies is for the caller to judge from the two stories.
        return answer.kind, UNAIMED_DENIAL
    if answer.denies != told.key:
        return None
    return answer.kind, answer.link_confidence or 0.8
