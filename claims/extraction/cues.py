"""Unverified cues and the claims they cover.

A cue in a claim's own sentence ("claimed without evidence that ...") covers that claim. A cue in a
sentence of its own covers what it names: "the Guardian's account" the Guardian's claims, "the witness
accounts" the witnesses', "the casualty figures" the claims with casualty counts, "the claims of either
side" the two opposing parties' claims, "the accounts" every claim of the passage, "the claim" / "it"
the last one. Denials of a covered claim do not inherit the cue, and words inside a quotation are the
speaker's, not the outlet's.
"""

from __future__ import annotations

import re

from . import lexicon as lx
from .disputes import Item, _same_party, name_words, sides_of, singular, topic
from .types import Span

_SHOWN_EVIDENCE = re.compile(
    r"(?:provided?|shared?|released?|publish(?:ed)?|produced?|show(?:n|ed)?|ma(?:k|d)e\s+public)\s+"
    r"(?:the|any|those|these|his|her|its|their|an?)\s",
    re.IGNORECASE,
)
_EVIDENCE_NOUNS = (
    r"(?:tally\s+sheets|sheets|records|messages|texts|emails|recordings|tests|test\s+results|results|"
    r"documents|footage|videos?|photos|images|receipts|minutes|logs|samples|data|tall(?:y|ies)|counts?|"
    r"breakdowns?|methodology)"
)
CUE_RE = re.compile(
    r"\b(?:(?:(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+)?(?:unable|not\s+(?:been\s+)?able)\s+to\s+"
    r"(?:independently\s+|immediately\s+|yet\s+|separately\s+)*(?:verify|confirm|corroborate|authenticate|reproduce|replicate)\b"
    r"|(?:could|can|cannot|can't|couldn't|could\s+not|has\s+not|have\s+not)\s*(?:not\s+)?(?:yet\s+)?"
    r"(?:be\s+)?(?:been\s+)?(?:independently\s+|immediately\s+|separately\s+)+(?:verif|confirm|corroborat|authenticat)\w*"
    r"|(?:could|can|cannot|can't|couldn't|could\s+not)\s*(?:not\s+)?(?:be\s+)?(?:verif|corroborat|authenticat)\w*"
    r"|(?:could|can)\s*not\s+(?:immediately\s+|independently\s+|yet\s+)*be\s+(?:independently\s+)?"
    r"(?:verified|confirmed|corroborated)"
    r"|(?:cannot|couldn't|can't)\s+(?:immediately\s+|independently\s+|yet\s+)*be\s+(?:independently\s+)?"
    r"(?:verified|confirmed|corroborated)"
    r"|(?:has|have|had)\s+not\s+(?:yet\s+)?been\s+(?:independently\s+)?(?:verified|confirmed|corroborated)"
    r"|(?:has|have|had)\s+not\s+(?:yet\s+)?(?:independently\s+)?(?:verified|corroborated)"
    r"|no\s+independent\s+(?:confirmation|verification|corroboration)|unsubstantiated|citing\s+no\s+evidence"
    r"|not\s+(?:been\s+)?independently\s+(?:verified|confirmed|corroborated)"
    r"|without\s+(?:providing|offering|giving|presenting|citing|producing|showing|sharing|supplying|releasing)\s+"
    r"(?:any\s+)?(?:evidence|proof|supporting\s+evidence|data|details|documentation)|without\s+(?:any\s+)?(?:evidence|proof)"
    r"|(?:did|does|do|has|have|had)\s+not\s+(?:provide|offer|give|present|produce|show|cite|share|release|publish|"
    r"provided|offered|given|presented|produced|shown|cited|shared|released|published)\s+"
    r"(?:any\s+|the\s+|such\s+|its\s+|his\s+|her\s+|their\s+)?"
    r"(?:evidence|proof|data|figures|documents|documentation|details|numbers|sources?)"
    r"(?=\s+(?:to\s+(?:support|back|substantiate|corroborate)|for|of|backing|supporting|that)\b|[.,;]|\s*$)"
    # "He did not name the hostages or provide any proof of his claims"
    r"|(?:did|does|do)\s+not\s+[a-z]+\s+(?:[\w’'-]+\s+){0,4}?or\s+(?:provide|offer|give|present|produce|show|cite)\s+"
    r"(?:any\s+)?(?:evidence|proof|data)\b"
    r"|(?:provided|offered|gave|presented|produced|cited|shared|showed|released)\s+no\s+(?:evidence|proof|data)"
    r"|no\s+evidence\s+(?:was|has\s+been|had\s+been|were)\s+(?:provided|offered|given|presented|produced)"
    r"|unconfirmed|unverified|uncorroborated"
    # "Matsinhe did not provide the tally sheets", "Those tests have not been published": the evidence
    # a claim rests on was not shown
    r"|(?:did|does|do|has|have|had)\s+not\s+(?:yet\s+)?(?:provided?|shared?|released?|publish(?:ed)?|produced?|show(?:n|ed)?|ma(?:k|d)e\s+public)\s+"
    r"(?:the|any|those|these|his|her|its|their|an?)\s+(?:[\w-]+\s+){0,2}?" + _EVIDENCE_NOUNS + r"\b"
    r"|\b(?:those|these|the)\s+(?:[\w-]+\s+){0,2}?"
    + _EVIDENCE_NOUNS
    + r"\s+(?:have|has|had)\s+not\s+(?:yet\s+)?been\s+(?:published|released|made\s+public|shared|disclosed)\b"
    r"|not\s+possible\s+to\s+(?:independently\s+)?(?:verify|confirm)|impossible\s+to\s+(?:independently\s+)?(?:verify|confirm))",
    re.IGNORECASE,
)
_KEYS = (
    "verif",
    "reproduc",
    "replicat",
    "confirm",
    "evidence",
    "proof",
    "corroborat",
    "authenticat",
    "unsubstantiated",
    "data",
    "documents",
    "not provide",
    "not share",
    "not release",
    "not publish",
    "not produce",
    "not show",
    "not make public",
    "not been published",
    "not been released",
    "not been made public",
    "not been shared",
    "not been disclosed",
    "not yet",
)
_EVIDENCE_TYPE = re.compile(
    r"evidence|proof|data|document|unconfirmed|unverified|uncorroborated|" + _EVIDENCE_NOUNS, re.IGNORECASE
)
_QUOTE = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]{2,}’")

_CLAIM_NOUN = (
    r"(?:claims?|reports?|accounts?|statements?|allegations?|assertions?|figures?|numbers?|tolls?|tally|"
    r"videos?|footage|images?|photos?|posts?|versions?|details|estimates?|data|reporting|findings|testimon(?:y|ies))"
)
_OBJECT = re.compile(
    r"\b(?:verify|confirm|corroborate|authenticate|verified|confirmed|corroborated|authenticated|support|back\s+up|"
    r"substantiate|for|of)\b\s+(?P<obj>[^.;]{0,120})",
    re.IGNORECASE,
)
_PLURAL = re.compile(
    r"\b(?:either|neither|both|all|any\s+of|these|those|the\s+(?:\w+\s+){0,2}(?:accounts|claims|reports|figures|"
    r"statements|allegations|assertions|details|numbers|tolls|videos|images|estimates|versions|testimonies|"
    r"findings|results|exchanges)|"
    r"(?:accounts|claims|reports|allegations|statements|versions|testimonies|findings))\b",
    re.IGNORECASE,
)
_WHOLE_INCIDENT = re.compile(
    r"\W*(?:the\s+)?(?:situation|circumstances|events|sequence\s+of\s+events|course\s+of\s+events|what\s+happened)\b",
    re.IGNORECASE,
)
_EITHER = re.compile(r"\b(?:either|both|each|neither)\b", re.IGNORECASE)
_CASUALTY = re.compile(r"\b(?:casualt\w*|death\s+tolls?|tolls?|dead|deaths|killed|wounded|injured)\b", re.IGNORECASE)
_CASUALTY_CLAIM = re.compile(
    r"\b(?:kill\w*|dead|died|deaths?|wounded|injur\w*|casualt\w*|lives|bodies|toll|massacre\w*|"
    r"neutrali[sz]ed|eliminated|slain)\b",
    re.IGNORECASE,
)
_FIGURE = re.compile(r"\b(?:figures?|numbers?|tally|estimates?|count|data)\b", re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(r"^\W*(?:but\s+|however,?\s+)?(?:he|she|it|they|the\s+\w+)\b", re.IGNORECASE)
_ADJ_SKIP = {
    "the",
    "a",
    "an",
    "these",
    "those",
    "this",
    "that",
    "any",
    "all",
    "either",
    "both",
    "each",
    "such",
    "casualty",
    "battlefield",
    "initial",
    "latest",
    "new",
    "earlier",
    "reported",
    "other",
    "conflicting",
    "competing",
    "rival",
    "independent",
    "death",
    "official",
    "own",
    "various",
    "local",
    "separate",
    "his",
    "her",
    "its",
    "their",
    "our",
    "but",
    "however",
}
_KIN = {
    "witness": {"witness", "resident", "survivor", "local", "eyewitness", "villager", "people"},
    "resident": {"witness", "resident", "local", "villager"},
    "relative": {"relative", "family", "families", "relatives"},
    "family": {"relative", "family", "families"},
}


# "Neither side's battlefield reports could be verified": the accounts, not someone who claims
_IS_ACCOUNTS = re.compile(r"\b" + _CLAIM_NOUN + r"$", re.IGNORECASE)


_REPORTING = re.compile(r"\b(?:said|says|told|tells|claimed|reported|according|wrote|announced|alleged)\b", re.I)


def is_cue_sentence(s: str, claimant: str | None) -> bool:
    """ "Neither side's battlefield reports could be verified": a sentence about accounts, not a claim."""
    if not claimant:
        return False
    low = s.lower()
    if not any(k in low for k in _KEYS):
        return False
    m = CUE_RE.search(s)
    if m is None or _inside_quote(s, m.start()):
        return False
    subj = s[: m.start()]
    return (
        claimant in subj
        and re.search(r"\b" + _CLAIM_NOUN + r"\b", subj, re.IGNORECASE) is not None
        and not _REPORTING.search(subj)
    )


def _inside_quote(s: str, a: int) -> bool:
    return any(m.start() < a < m.end() for m in _QUOTE.finditer(s))


def _named(obj: str) -> tuple[set[str], set[str]]:
    """Words of the party a cue's object names ("the Guardian's account") and its sides."""
    words: set[str] = set()
    m = re.match(
        r"(?:the\s+|a\s+|an\s+)?(?P<who>(?:[\w’'-]+\s+){0,3}?[\w’'-]+?)(?:’s|'s|s’|s')\s+(?:\w+\s+)?" + _CLAIM_NOUN,
        obj,
        re.IGNORECASE,
    )
    if m:
        who = m.group("who")
        if re.match(r"(?:’|')\s", obj[m.end("who") + 1 : m.end("who") + 3]) or obj[m.end("who") : m.end("who") + 2] in (
            "s’",
            "s'",
        ):
            who += "s"  # "the witnesses' accounts": the plural possessive keeps its s
        words = {w for w in re.findall(r"[a-z0-9]+", who.lower()) if w not in _ADJ_SKIP}
    else:
        m = re.match(r"(?P<mods>(?:[\w’'-]+\s+){1,3})" + _CLAIM_NOUN + r"\b", obj, re.IGNORECASE)
        if m:
            words = {w for w in re.findall(r"[a-z0-9-]+", m.group("mods").lower()) if w not in _ADJ_SKIP}
        m2 = re.search(_CLAIM_NOUN + r"\s+by\s+(?:the\s+)?(?P<who>(?:[A-Z][\w’'-]*\s*){1,4})", obj)
        if m2 and not words:
            words = {w for w in re.findall(r"[a-z0-9-]+", m2.group("who").lower()) if w not in _ADJ_SKIP}
    if not words:
        # "the details of the Endpoints report", "the contents of Smith's claims": the party named after "of"
        m3 = re.search(
            r"\bof\s+(?:the\s+)?(?P<who>(?:[A-Z][\w’'-]*\s+){1,3}?)(?:(?:’s|'s)\s+)?" + _CLAIM_NOUN + r"\b", obj
        )
        if m3:
            words = {w for w in re.findall(r"[a-z0-9-]+", m3.group("who").lower()) if w not in _ADJ_SKIP}
    words = {w for w in words if w not in lx.TITLES or w in ("witness",)} - {"s"}
    sides = sides_of(" ".join(words))
    return words, sides


def _matches(words: set[str], sides: set[str], it: Item) -> bool:
    names = set(it.names)
    for link in it.claim.via:
        names |= name_words(link.name)
    stems = {singular(w) for w in names}
    for w in words:
        base = singular(w)
        if base in stems:
            return True
        if base in _KIN and _KIN[base] & stems:
            return True
    return bool(sides and it.sides & sides)


def _pool(spans, paragraphs, by_idx, i: int, floor: int, reach: int = 7) -> list[Item]:
    """The claims a cue in sentence i may refer back to: those of its paragraph when it shares one
    (paragraphs None: the sentences before it, whatever their paragraph), at most `reach` sentences back."""
    out: list[Item] = []
    para = paragraphs[i] if paragraphs is not None else None
    multi = paragraphs is not None and (
        sum(1 for j in (i - 1, i + 1) if 0 <= j < len(spans) and paragraphs[j] == para) >= 1
    )
    gap = 0
    j = i - 1
    while j >= floor and i - j <= reach:
        if multi and paragraphs[j] != para:
            if out:
                break
            # "AFP was unable to verify either side's figures" after two sentences of background:
            # a paragraph that told no claim before its cue doubts those of the paragraphs above
            multi = False
        if by_idx.get(j):
            out[:0] = by_idx[j]
            gap = 0
        else:
            gap += 1
            if gap > 1 and out:
                break
        j -= 1
    return out


def rescope(text: str, spans: list[Span], items: list[Item], paragraphs: list[int] | None = None) -> None:
    """Set each claim's unverified flag and cue from the cues of its document."""
    if paragraphs is None:
        paragraphs = list(range(len(spans)))
    for it in items:
        it.claim.unverified = False
        it.claim.unverified_cue = None
    by_idx: dict[int, list[Item]] = {}
    for it in items:
        by_idx.setdefault(it.idx, []).append(it)
    floor = 0
    for i, span in enumerate(spans):
        s = span.text
        low = s.lower()
        if not any(k in low for k in _KEYS):
            continue
        for m in CUE_RE.finditer(s):
            if _inside_quote(s, m.start()):
                continue  # the speaker's words, not the outlet's
            own = by_idx.get(i, [])
            evidence = bool(_EVIDENCE_TYPE.search(m.group(0)))
            own = [
                d
                for d in own
                if not (_is_outlet(d) and not evidence)
                and not _IS_ACCOUNTS.search(d.claim.claimant or "")
                and (
                    d.claim.cue is None
                    or d.claim.cue.start - span.start < m.start()
                    or d.claim.content is None
                    # "released photos, which could not be independently verified, that it said showed ..."
                    or _RELATIVE_OPENING.search(s, 0, m.start()) is not None
                )
            ]
            if own:
                targets = [d for d in own if d.kind != "denial"] or own
                cue = Span(span.start + m.start(), span.start + m.end(), m.group(0))
            elif _VERB_BEFORE_CUE.search(s[: m.start()]):
                continue  # "The posts alleged without evidence that ...": a claim of its own, not one told before
            else:
                pool = _pool(spans, paragraphs, by_idx, i, floor)
                targets = _select(s, m, pool) if pool else []
                # a cue that names its party ("the health ministry's toll") may reach back to the top of a story
                wider = _named_further_back(s, m, pool, targets, _pool(spans, None, by_idx, i, 0, reach=20))
                if wider:
                    targets = wider
                if not pool and not wider:
                    continue
                end = span.start + len(s.rstrip(" .!?”\"’'"))
                cue = (
                    Span(span.start, end, text[span.start : end])
                    if len(s.split()) <= 30
                    else Span(span.start + m.start(), span.start + m.end(), m.group(0))
                )
                floor = i + 1
            for d in targets:
                if d.claim.unverified_cue is None:
                    d.claim.unverified_cue = cue
                    d.claim.unverified = True


_RELATIVE_OPENING = re.compile(r",\s*(?:which|that)\s+$")
_VERB_BEFORE_CUE = re.compile(
    r"\b(?:said|says|claimed|alleged|alleges|asserted|asserts|insisted|insists|suggested|suggests|wrote|"
    r"argued|argues|charged|accused\s+\w+(?:\s+\w+)?)\s*,?\s*$",
    re.IGNORECASE,
)


def _is_outlet(it: Item) -> bool:
    from .rules import is_outlet_name

    return bool(it.claim.claimant) and is_outlet_name(it.claim.claimant, None) and not it.claim.via


def _select(s: str, m: re.Match, pool: list[Item]) -> list[Item]:
    after = s[m.end() :]
    subj = s[: m.start()]
    om = re.match(
        r"\s*(?:\w+\s+){0,2}?(?:to\s+support|to\s+back(?:\s+up)?|for|of|backing|supporting)?\s*(?P<obj>[^.;]*)", after
    )
    obj = (om.group("obj") if om else after).strip()
    obj = re.sub(r"^(?:the\s+)?(?:evidence|proof|data)\s*(?:to\s+support|for|of|backing)?\s*", "", obj, flags=re.I)
    if re.search(_CLAIM_NOUN, subj, re.IGNORECASE) and len(subj.split()) <= 8 and not _is_outlet_subject(subj):
        obj = re.sub(
            r"^\W*(?:but|however|yet|and)\s+", "", subj.strip(), flags=re.I
        )  # "The figures could not be verified"
    parts = _COORDINATED.split(obj)
    if len(parts) > 1:
        # "the casualty figures or either side's version of events": each object names its claims
        chosen = {id(d) for part in parts for d in _select_for(part, subj, m, pool)}
        return [d for d in pool if id(d) in chosen]
    return _select_for(obj, subj, m, pool)


# "the death toll or the military's claims": a second object after "or" / "and", each with its article
_COORDINATED = re.compile(r",?\s+(?:or|and|nor)\s+(?=(?:the|either|both|any|its|his|her|their)\b|[A-Z]\w*(?:’s|'s)\s)")


def _select_for(obj: str, subj: str, m: re.Match, pool: list[Item]) -> list[Item]:
    words, sides = _named(obj)
    claims_only = [d for d in pool if d.kind != "denial"]
    # "Masters did not provide data to support his figure": the named subject's own claims
    subj_names = {w.lower() for w in re.findall(r"\b[A-Z][\w’'-]+", subj) if w.lower() not in _ADJ_SKIP}
    if (
        subj_names
        and _EVIDENCE_TYPE.search(m.group(0))
        and not _EITHER.search(subj)
        and not _is_outlet_subject(subj)
        and not re.search(_CLAIM_NOUN, subj, re.IGNORECASE)
    ):
        picked = [d for d in pool if _matches(subj_names, set(), d)]
        if picked and _SHOWN_EVIDENCE.search(m.group(0)):
            # "Matsinhe did not provide the tally sheets": every account of his that the sheets would back,
            # not his rejections of others' figures
            backed = [d for d in picked if d.kind != "denial"]
            if backed:
                return backed
        if picked:
            last = picked[-1].idx
            return [d for d in picked if d.idx == last]
    # "either side's account", "neither account": both parties' versions, back to a third party
    if _EITHER.search(obj) or _EITHER.search(subj):
        picked: list[Item] = []
        seen: set[str] = set()
        for d in reversed(pool):
            if d.sides and len(seen | d.sides) > 2:
                break
            seen |= d.sides
            picked.insert(0, d)
        return picked
    if words or sides:
        picked = [d for d in pool if _matches(words, sides, d)]
        if picked:
            return picked
        if re.search(r"[A-Z]", re.sub(r"^\W*(?:the|a|an)\s+", "", obj, flags=re.IGNORECASE)[:60]):
            return []  # a named party that said nothing here: the cue speaks of nothing we extracted
    if _CASUALTY.search(obj):
        picked = [d for d in claims_only if _CASUALTY_CLAIM.search(d.content)]
        if picked:
            return picked if _PLURAL.search(obj) else [picked[-1]]
    if _PRONOUN_SUBJECT.match(subj) and not _is_outlet_subject(subj) and not re.search(_CLAIM_NOUN, subj, re.I):
        # "He did not provide data to support the figure": the claims of the last speaker
        last = pool[-1].idx
        return [d for d in pool if d.idx == last]
    if _WHOLE_INCIDENT.match(obj):
        # "the situation on the ground", "the circumstances of the shooting": every account of it told here
        return pool
    if _PLURAL.search(obj):
        # "the allegations": the accusers' claims, not the further statements of those who denied them
        deniers = [d for d in pool if d.kind == "denial"]
        kept = [d for d in claims_only if not any(_same_party(d, x) for x in deniers)]
        return kept or claims_only or pool
    if _FIGURE.search(obj):
        about = _figure_topic(obj)
        picked = [d for d in claims_only if d.nums and about & d.topic]
        if picked:
            return picked
        picked = [d for d in claims_only if d.nums]
        if picked:
            last = picked[-1].idx
            return [d for d in picked if d.idx == last]
    base = claims_only or pool
    last = base[-1].idx
    return [d for d in base if d.idx == last]


def _named_further_back(s: str, m: re.Match, pool: list[Item], targets: list[Item], wide: list[Item]) -> list[Item]:
    """A cue that names whose account it doubts ("the committee's account", "police figures", "the
    claims of either side") may reach back past its paragraph to that party; [] where it need not."""
    if not wide or len(wide) == len(pool):
        return []
    subj = s[: m.start()]
    obj = s[m.end() : m.end() + 160]
    if _EITHER.search(obj) or _EITHER.search(subj):
        sides = set().union(*(d.sides for d in targets)) if targets else set()
        if len(sides) >= 2:
            return []
        picked = _select(s, m, wide)
        return picked if len(set().union(*(d.sides for d in picked))) >= 2 else []
    if _FIGURE.search(obj) and not _EITHER.search(obj):
        # "the number of homes damaged": the figures about homes, though told a paragraph before
        about = _figure_topic(obj[:80])
        if about and not any(about & d.topic for d in targets):
            figures = [d for d in wide if d.kind != "denial" and d.nums and about & d.topic]
            if figures:
                return figures
    om = re.match(r"\s*(?:\w+\s+){0,2}?(?P<obj>[^.;]*)", obj)
    words, sides = _named(om.group("obj").strip() if om else obj)
    if re.search(_CLAIM_NOUN, subj, re.IGNORECASE) and len(subj.split()) <= 8:
        words, sides = _named(re.sub(r"^\W*(?:but|however|yet|and)\s+", "", subj.strip(), flags=re.I))
    if not (words or sides):
        return []
    if any(_matches(words, sides, d) for d in targets):
        if not _PLURAL_OWNER.search(obj[:80]):
            return []
        # "the detainees' accounts": every account the detainees gave, not only the paragraph's
        more = [d for d in wide if d.kind != "denial" and _matches(words, sides, d)]
        return more if len(more) > len(targets) else []
    return [d for d in wide if d.kind != "denial" and _matches(words, sides, d)]


_PLURAL_OWNER = re.compile(r"^\W*(?:the\s+)?(?:[\w-]+\s+)?[\w-]+s[’']\s+\w+")


def _figure_topic(obj: str) -> frozenset[str]:
    """What a doubted figure counts ("the number of homes damaged" -> homes, damaged)."""
    return topic(_FIGURE.sub(" ", obj))


def _is_outlet_subject(subj: str) -> bool:
    from .rules import is_outlet_name

    words = subj.strip().split()
    if not words:
        return False
    # the name is the capitalised words that open the subject: "The BBC", "The Kyiv Post", "Reuters"
    k = 1 if words[0] in ("The", "the") else 0
    while k < len(words) and k < 5 and words[k][:1].isupper():
        k += 1
    name = " ".join(words[:k])
    from .engine import _BUILTIN  # the outlets the lexicon knows, by every name they go by

    return is_outlet_name(name, _BUILTIN) or is_outlet_name(name, None) or is_outlet_name(" ".join(words[:4]), None)
