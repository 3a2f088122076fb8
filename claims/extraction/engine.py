"""Entry points: pick a backend, split sentences, find attributions, denials and cues.

The document-level steps live here: who "he" and "the mayor" are, and a first reading of which
claim a denial rejects; disputes.py then settles denials and which claims an unverified cue covers.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from . import disputes, rules
from . import lexicon as lx
from .gazetteer import Gazetteer, GazetteerEntry
from .language import detect
from .rules import unpossess
from .sentences import Sentence, split_sentences
from .types import ChainLink, ExtractedClaim, ExtractionResult, Span

EXTRACTOR_VERSION = "2026.11.6"

_BUILTIN = Gazetteer(
    GazetteerEntry(None, name, tuple(a for a in aliases.split("|") if a), kind)
    for name, (kind, aliases) in lx.OUTLETS.items()
)


_ABBREV_TAIL = re.compile(r"\s*\([A-Z]{2,6}\)\s*$|\s+(?:himself|herself|itself|themselves)$")  # "Delacroix himself"
_LEAD_WORD = re.compile(r"^(?:But|And|Meanwhile|However|Also|Separately|Still|Yet|So|Now|Earlier|Later)\s+")
_POSS_TAIL = re.compile(r"(?<=[A-Za-z])[’']s$")
# "..., a finding the team said it rejects": the claim noun heads a relative clause whose subject speaks
_CLAIM_NOUN_LEAD = re.compile(
    r"^(?:an?|the|that|this)\s+(?:finding|claim|report|allegation|accusation|assertion|charge|conclusion|"
    r"characteri[sz]ation|version|account|figure|description)\s+(?=(?:the|a|an|its|his|her|their)\s+\w)",
    re.IGNORECASE,
)
# a trade written before a firm's name, with at most one word before it ("German automaker")
_TRADES = (
    "maker|miner|lender|insurer|retailer|manufacturer|conglomerate|startup|shipper|airline|broadcaster|developer|"
    "carrier|publication|operator"
)
# capitalised only where it opens the name ("Drugmaker Calloway"); after a word, in lower case ("German
# automaker Voss"), so "Qantas Airline Holdings" keeps its name
_DESCRIPTOR_LEAD = re.compile(
    # "Low-cost carrier Azurair", "trade publication Pollstar": a described trade before the firm's name
    rf"^(?:(?:[A-Z][a-z]*|)(?:{_TRADES.title()})|[A-Z][a-z]+(?:{_TRADES})|"
    rf"(?:[A-Z][a-z]+(?:-[a-z]+)?|[a-z]+)\s+[a-z]*(?:{_TRADES}))"
    r"\s+(?=[A-Z][\w&.-]+)"
)
_THE_BEFORE_CAP = re.compile(r"^(?:the|The)\s+(?=[A-Z])")


class _Lookup:
    """The caller's gazetteer first, then the built-in list of outlets and bodies."""

    def __init__(self, gazetteer: Gazetteer | None):
        self.gazetteer = gazetteer
        self._matched: dict[str, GazetteerEntry | None] = {}

    def match(self, name: str) -> GazetteerEntry | None:
        # the same few names are looked up many times per document; the answers never change
        key = name or ""
        if key in self._matched:
            return self._matched[key]
        if len(self._matched) > 8192:
            self._matched.clear()
        name = _ABBREV_TAIL.sub("", key).strip()
        found = None
        if name:
            if self.gazetteer is not None:
                found = self.gazetteer.match(name)
            if found is None:
                found = _BUILTIN.match(name)
        self._matched[key] = found
        return found

    @lru_cache(maxsize=2048)  # noqa: B019 - one lookup per document batch; the cache dies with it
    def source_id(self, name: str | None) -> int | None:
        if not name or self.gazetteer is None:
            return None
        found = self.gazetteer.match(re.sub(r"\s*\([A-Z]{2,6}\)\s*$", "", name).strip())
        return found.source_id if found else None


# ---------------------------------------------------------------------------------------------
# Entities mentioned in the document, for "Terekhov said", "he wrote", "the mayor said".

_CAP_WORD = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'\-]*")


@dataclass
class Person:
    full: str
    titles: list[tuple[str, int]] = field(default_factory=list)  # (folded title, position)
    mentions: list[tuple[int, bool]] = field(default_factory=list)  # (position, salient)
    org: str | None = None
    country: str | None = None

    @property
    def last(self) -> str:
        return self.full.split()[-1]


_POSS = re.compile(r"[’']s\b")
_WORDS = re.compile(r"[\w'’.-]+")


@lru_cache(maxsize=4096)
def _fold(s: str) -> str:
    return _POSS.sub("", s.lower()).replace("’", "'")


@lru_cache(maxsize=4096)
def _words(s: str) -> tuple[str, ...]:
    return tuple(_WORDS.findall(_fold(s)))


@lru_cache(maxsize=8192)
def _is_name_word(w: str) -> bool:
    base = unpossess(w)
    low = base.lower()
    if rules._NAME_PREFIX.match(base):
        return True  # "al-Ansari"
    return (
        bool(_CAP_WORD.fullmatch(base))
        and base not in lx.NON_NAME_CAPS
        and low not in lx.COUNTRY_OF
        and low not in lx.TITLES
        and low not in lx.HONORIFICS
        and low not in rules._ORG_WORDS
        and low not in _COMPANY_SUFFIXES  # "Hindenburg Research", "Halbrook Systems" are firms
        and low not in lx.ROLE_NOUNS
        and not base.isupper()
    )


_NAME_HINT = re.compile(
    r"[A-ZÀ-ÖØ-Þ][\w’'-]*\.?\s+(?:(?:de|del|van|von|der|da|di|du|la|le|bin|ibn|al|el|abu)[\s-])?[A-ZÀ-ÖØ-Þ]"
    r"|\b(?:al|el)-[A-Z]"
)


_HONORIFIC_TITLE = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "col": "colonel",
    "adm": "admiral",
    "capt": "captain",
    "prof": "professor",
}

# "the Rapid Support Forces (RSF)": a name and the acronym the text will use for it
_ACRONYM_DEF = re.compile(
    r"((?:[A-ZÀ-Þ][\w’'&.-]*\s+(?:(?:of|for|the|and|on|in|&)\s+){0,2}){1,8}[A-ZÀ-Þ][\w’'&.-]*)\s*\(([A-Z][A-Za-z]{1,7})\)"
)
_BODY_RUN = re.compile(r"[A-Z][\w’'&.-]*(?:\s+(?:(?:of|for|the|and|on|&)\s+){0,2}[A-Z][\w’'&.-]*){1,7}")
_COMPANY_SUFFIXES = {
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "ltd",
    "plc",
    "llc",
    "ag",
    "sa",
    "systems",
    "holdings",
    "airlines",
    "airways",
    "motors",
    "technologies",
    "pharmaceuticals",
    "industries",
    "energy",
    "capital",
    "partners",
    "research",
    "labs",
    "chemicals",
    "communications",
    "metals",
    "mining",
    "minerals",
    "resources",
    "petroleum",
    "foods",
    "brands",
    "logistics",
    "software",
    "semiconductor",
    "semiconductors",
    "therapeutics",
    "biosciences",
    "pharma",
    "healthcare",
    "insurance",
    "financial",
    "securities",
    "investments",
    "ventures",
    "shipping",
    "steel",
    "electric",
    "telecom",
    "solutions",
    "networks",
    "robotics",
    "aerospace",
    "construction",
    "properties",
}
# "Shares of Norvex fell", "Norvex's chief executive": a company named without a company word
_COMPANY_CONTEXT = re.compile(
    r"\b(?:[Ss]hares\s+(?:of|in)|[Ss]tock\s+of|[Ss]hares\s+in)\s+([A-Z][\w&-]+(?:\s+[A-Z][\w&-]+){0,3})"
    r"|\b([A-Z][\w&-]+(?:\s+[A-Z][\w&-]+){0,3})[’']s\s+(?:shares|stock|chief\s+executive|CEO|board|revenue|profits?|earnings|"
    r"accounts|auditors|share\s+price)\b"
)
_MIL_WORDS = {"army", "military", "navy", "forces", "force", "police", "guard", "corps", "command", "idf"}
_GOV_WORDS = {
    "ministry",
    "government",
    "office",
    "department",
    "agency",
    "council",
    "committee",
    "commission",
    "administration",
    "embassy",
    "court",
    "regulator",
    "board",
    "authority",
    "cabinet",
    "parliament",
    "presidency",
    "kremlin",
    "pentagon",
    "bureau",
    "directorate",
    "service",
    "inspectorate",
    "tribunal",
}
_COMPANY_HEADS = {
    "company",
    "firm",
    "bank",
    "airline",
    "carrier",
    "lender",
    "insurer",
    "retailer",
    "maker",
    "manufacturer",
    "developer",
    "carmaker",
    "automaker",
    "chipmaker",
    "miner",
    "conglomerate",
    "utility",
    "startup",
    "giant",
    "group",
    "business",
    "line",
    "shipper",
    "drugmaker",
    "producer",
    "supplier",
    "chain",
}


def _head_class(head: str | None) -> str | None:
    """What kind of body "the <head>" stands for: military, government or company; None for any."""
    if not head:
        return None
    if head in _MIL_WORDS:
        return "mil"
    if head in _GOV_WORDS:
        return "gov"
    if head in _COMPANY_HEADS:
        return "company"
    return None


def _body_class(name: str, look) -> str | None:
    """The kind of a named body, from the registry or its last word; None when the name does not say."""
    entry = look.match(name) if look is not None else None
    if entry is not None:
        return {"military": "mil", "government_body": "gov"}.get(entry.kind)
    head = name.split(" of ")[0]  # "Fire Department of New York": the department, not the city
    last = head.split()[-1].lower().rstrip(".") if head.split() else ""
    if last in _MIL_WORDS:
        return "mil"
    if last in _GOV_WORDS or last in ("house", "state", "assembly", "senate", "congress"):
        return "gov"
    if last in _COMPANY_SUFFIXES or last in ("group", "bank", "company", "co"):
        return "company"
    if len(name.split()) == 1 and not name.isupper():
        return "company"  # "Boeing", "Norvex": a single proper name that speaks is most often a firm
    return None


def _expand_acronym(name: str, acronym: str) -> str | None:
    """The words of `name` that `acronym` abbreviates: the shortest tail whose initials spell it."""
    words = name.split()
    letters = acronym.upper().replace(".", "")
    for k in range(len(words) - 1, -1, -1):
        tail = words[k:]
        if tail[0].lower() in ("of", "for", "the", "and", "on", "in", "&"):
            continue
        initials = "".join(w[0].upper() for w in tail if w[:1].isupper())
        if initials == letters:
            return " ".join(tail)
    return None


# "the messaging app Vox", "Independent Russian outlet Mediazona", "Dutch rival Vermeer Cargo"
_HEAD_THEN_NAME = re.compile(
    r"(?:\b(?:the|a|an)\s+|(?<![\w’'-])[A-Z][a-z]+(?:[’']s)?\s+)(?:[\w-]+\s+){0,2}?(?P<head>[a-z]{3,})\s+"
    r"(?P<name>[A-Z][\w&.’'-]*(?:\s+[A-Z][\w&.’'-]*){0,3})"
)
# "the Arrowfield team", "the Likud party"
_NAME_THEN_HEAD = re.compile(
    r"\bthe\s+(?P<name>[A-Z][\w&.’'-]*(?:\s+[A-Z][\w&.’'-]*){0,2})\s+(?P<head>team|club|company|group|firm|party|"
    r"union|campaign|bank|airline|carrier|broadcaster|outlet|network|channel|newspaper|app|platform|charity)\b"
)
_NOT_A_NAME_START = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "The", "A", "An", "In", "On", "At", "But", "And", "It", "He", "She", "They", "We", "I", "This", "That",
}  # fmt: skip
# nouns before a name that are no description of a body: "the week Trump ...", "an hour Israeli ..."
_NOT_A_BODY_HEAD = {
    "week", "weeks", "day", "days", "year", "years", "month", "months", "hour", "hours", "time", "times",
    "said", "says", "told", "that", "when", "while", "where", "and", "but", "with", "from", "into", "after",
    "before", "since", "than", "then", "for", "the", "against", "between", "during", "including", "whom",
    "which", "who", "under", "over", "about", "across", "city", "town", "village", "region", "province",
    "state", "country", "capital", "district", "area", "port", "border", "island", "river", "street",
}  # fmt: skip
_SENTENCE_BREAK = re.compile(r"[.!?][”\"’']?\s+[“\"A-Z]")
# "the report said", "The breach notice ... says", "the ruling said": a document as the speaker
_DOCUMENT_SPEAKER = re.compile(
    r"(?:the|its|his|her|their)\s+(?:[\w-]+\s+){0,2}?(?P<noun>report|ruling|judgment|complaint|lawsuit|filing|"
    r"indictment|notice|letter|study|audit|assessment|memo|review|investigation|inquiry)"
)
# where a text brings such a document in: with an indefinite or possessive determiner, or by its verb
_DOCUMENT_INTRO = {
    noun: re.compile(
        rf"\b(?:an?|its|his|her|their)\s+(?:[\w’'-]+\s+){{0,3}}?{noun}\b"
        + (
            rf"|\b{verb}\b|(?P<by>(?-i:(?<![\w’'-])[A-Z][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*){{0,4}}))\s+(?:has\s+|had\s+)?{verb}\b"
            if verb
            else "|(?P<by>(?!))"
        ),
        re.IGNORECASE,
    )
    for noun, verb in (
        ("report", "reported"),
        ("ruling", "ruled"),
        ("judgment", ""),
        ("complaint", ""),
        ("lawsuit", "sued"),
        ("filing", ""),
        ("indictment", "indicted"),
        ("notice", ""),
        ("letter", ""),
        ("study", ""),
        ("audit", ""),
        ("assessment", ""),
        ("memo", ""),
        ("review", ""),
        ("investigation", ""),
        ("inquiry", ""),
    )
}


class Registry:
    """People and bodies named so far in the document."""

    def __init__(self, look: _Lookup):
        self.look = look
        self.people: dict[str, Person] = {}
        self.orgs: list[tuple[str, int]] = []
        self.claimants: list[tuple[str, int, bool]] = []  # (name, position, is_person)
        self.described: list[tuple[str, str | None, int]] = []  # unnamed speakers: (description, org, position)
        self.acronyms: dict[str, tuple[str, int]] = {}  # "RSF" -> ("Rapid Support Forces", position)
        self.bodies: list[tuple[str, int]] = []  # bodies named in the text, spoken or not, in order
        self.named_runs: list[tuple[str, int]] = []  # runs of three or more capitalised words, in order
        self.text = ""
        # bodies introduced with what they are: "the messaging app Vox", "the Arrowfield team"
        self.described_bodies: list[tuple[str, str, int]] = []  # (head noun, name, position)

    def described_body(self, head: str, pos: int, window: int = 3000) -> str | None:
        """The body the text introduced as "the <head> <Name>" / "the <Name> <head>", last before pos."""
        for h, name, bpos in reversed(self.described_bodies):
            if bpos < pos and pos - bpos <= window and h == head:
                return name
        return None

    def author_of(self, noun: str, pos: int, window: int = 2000) -> str | None:
        """Who issued the document "the report" / "the ruling" points back to: the speaker beside the
        place the text brought that document in ("Bloomberg News reported", "in a report sent to the
        court, police said", "In his ruling, Justice Amaral said"); None where no speaker stands there."""
        intro = _DOCUMENT_INTRO.get(noun)
        if intro is None:
            return None
        lo = max(0, pos - window)
        for m in reversed(list(intro.finditer(self.text, lo, pos))):
            if m.group("by") and m.group("by") not in ("It", "He", "She", "They", "We", "The", "This"):
                return m.group("by")  # "Bloomberg News reported": the outlet, whoever it cited
            at = m.start()
            near = [
                (abs(cpos - at), name)
                for name, cpos, _is_person in self.claimants
                if cpos < pos
                and abs(cpos - at) <= 300
                and name
                and not _DOCUMENT_SPEAKER.fullmatch(name)
                and not _SENTENCE_BREAK.search(self.text, min(cpos, at), max(cpos, at))
            ]
            if near:
                return min(near)[1]
        return None

    def read_bodies(self, text: str) -> None:
        """Bodies the text names, and the acronyms it defines, before anyone speaks for them."""
        self.text = text
        for rx in (_HEAD_THEN_NAME, _NAME_THEN_HEAD):
            for m in rx.finditer(text):
                head = m.group("head").lower()
                first = m.group("name").split()[0]
                if head not in lx.TITLES and head not in _NOT_A_BODY_HEAD and first not in _NOT_A_NAME_START:
                    self.described_bodies.append((head, m.group("name"), m.start("name")))
        self.described_bodies.sort(key=lambda x: x[2])
        for m in _ACRONYM_DEF.finditer(text):
            full = _expand_acronym(m.group(1), m.group(2))
            if full and m.group(2) not in self.acronyms:
                self.acronyms[m.group(2)] = (full, m.start(2))
                self.bodies.append((full, m.start(1)))
        for m in _BODY_RUN.finditer(text):
            name = re.sub(r"^(?:The|A|An|But|And|In|On|At|By|For|From|After|Before|While)\s+", "", m.group(0))
            # "... Control and Prevention. Two of ...": a full stop after a word ends the name ("U.S." does not)
            name = re.split(r"(?<=[a-z])\.\s+", name, maxsplit=1)[0]
            if len(name.split()) < 2 or name.lower() in lx.COUNTRY_OF:
                continue
            if sum(w[:1].isupper() for w in name.split()) >= 3:
                self.named_runs.append((name, m.start()))
            entry = self.look.match(name)
            if entry is not None:
                if entry.kind in ("government_body", "military", "ngo"):
                    self.bodies.append((name, m.start()))
                continue
            if name.split()[-1].lower() in rules._ORG_WORDS or name.split()[-1].lower() in _COMPANY_SUFFIXES:
                if not rules.is_outlet_name(name, self.look):
                    self.bodies.append((name, m.start()))
        for m in _COMPANY_CONTEXT.finditer(text):
            name = m.group(1) or m.group(2)
            if name and name.lower() not in lx.COUNTRY_OF and name not in lx.NON_NAME_CAPS:
                self.bodies.append((name, m.start()))
        self.bodies.sort(key=lambda b: b[1])

    def body_for(self, head: str, pos: int, window: int = 700) -> str | None:
        """The nearest body named before pos that "the <head>" can stand for."""
        want = _head_class(head)
        for name, bpos in reversed(self.bodies):
            if bpos >= pos:
                continue
            if pos - bpos > window:
                break
            if want is None or _body_class(name, self.look) in (want, None):
                return name
        return None

    def person(self, full: str) -> Person:
        full = _DESCRIPTOR_LEAD.sub("", full)  # "Drugmaker Calloway" is no one's first name
        key = _fold(full)
        if key not in self.people:
            # A longer form of a name already seen ("Zelenskiy" then "Volodymyr Zelenskiy").
            for k, p in self.people.items():
                if k.split()[-1] == key.split()[-1] and (len(k.split()) == 1 or len(key.split()) == 1):
                    if len(key.split()) > len(k.split()):
                        p.full = full
                    return p
            self.people[key] = Person(full)
        return self.people[key]

    def scan(self, text: str, sent: Sentence, toks: list[rules.Tok] | None = None) -> None:
        if toks is None:
            if not _NAME_HINT.search(text, sent.start, sent.end):
                return  # no two capitalised words in a row and no honorific: no new person here
            toks = rules.tokenize(text[sent.start : sent.end], sent.start)
        i = 0
        first = True
        while i < len(toks):
            if not _is_name_word(toks[i].text) or (i == 0 and toks[i].text in lx.NON_NAME_CAPS):
                i += 1
                continue
            j = i
            while j < len(toks) and (
                _is_name_word(toks[j].text)
                or (toks[j].low in lx.NAME_PARTICLES and j + 1 < len(toks) and _is_name_word(toks[j + 1].text))
            ):
                j += 1
                if toks[j - 1].text.endswith(("’s", "'s")):
                    break
            run = toks[i:j]
            prev = toks[i - 1].low.rstrip(".") if i > 0 else ""
            honorific = prev in lx.HONORIFICS and i > 0 and toks[i - 1].text[:1].isupper()
            name = text[run[0].start : run[-1].end]
            name = unpossess(name)
            entry = self.look.match(name)
            if (len(run) >= 2 or honorific) and len(run) <= 4 and (entry is None or entry.kind == "official_person"):
                # the text's spelling ("Zelensky"), not the registry's ("Zelenskiy"): the identity
                # travels as source_id
                p = self.person(name)
                if entry is not None:
                    p.country = p.country or lx.ISO_COUNTRY.get(entry.country or "")
                    p.org = p.org or entry.parent
                p.mentions.append((run[0].start, first))
                first = False
                title = self._title_before(text, sent, toks, i) or self._title_after(text, sent, run[-1].end)
                if not title and honorific and prev in _HONORIFIC_TITLE:
                    title = _HONORIFIC_TITLE[prev]  # "Sen. Josh Hawley" is "the senator" later
                if title and all(t != _fold(title) for t, _ in p.titles):
                    p.titles.append((_fold(title), run[0].start))
                    org = _org_in_title(title, self.look)
                    if org and not p.org:
                        p.org = org
            elif len(run) == 1 and name.lower() not in lx.COUNTRY_OF:
                p = self.find_surname(name, run[0].start)
                if p is not None:
                    p.mentions.append((run[0].start, first))
                    first = False
            i = max(j, i + 1)

    def _title_before(self, text, sent, toks, i) -> str | None:
        k = i
        while k > 0:
            t = toks[k - 1]
            base = unpossess(t.low)
            if (
                base in lx.TITLES
                or base in lx.MODIFIERS
                or base in lx.COUNTRY_OF
                or (t.is_cap and t.text not in lx.NON_NAME_CAPS and not _is_name_word(t.text))
                or (t.is_cap and k - 1 < i and t.text.endswith(("’s", "'s")))
                or (t.is_cap and self.look.match(t.text) is not None)
            ):
                k -= 1
                continue
            break
        if k < i and any(unpossess(toks[x].low) in lx.TITLES for x in range(k, i)):
            return text[toks[k].start : toks[i - 1].end]
        # "The Ukrainian president, Volodymyr Zelenskiy"
        if i >= 1 and toks[i - 1].text == ",":
            seg_end = toks[i - 1].start
            seg_start = (
                max(text.rfind(",", sent.start, seg_end), text.rfind("“", sent.start, seg_end), sent.start - 1) + 1
            )
            seg = text[seg_start:seg_end].strip()
            seg = re.sub(r"^(?:But|And|Meanwhile|However|Asked[^,]*)\s+", "", seg)
            if rules._is_title_seg(seg):
                return seg
        return None

    def _title_after(self, text, sent, end) -> str | None:
        m = re.match(r",\s*([^,;“”\"()]{3,90}?)\s*(?:,|\.|;|$)", text[end : sent.end])
        if m and rules._is_title_seg(m.group(1)):
            return m.group(1)
        return None

    def find_surname(self, word: str, pos: int) -> Person | None:
        w = _fold(word)
        best, best_pos = None, -1
        for p in self.people.values():
            if _fold(p.last) == w or (len(p.full.split()) > 1 and _fold(p.full.split()[0]) == w and False):
                last = max((m for m, _ in p.mentions if m < pos), default=-1)
                if last > best_pos:
                    best, best_pos = p, last
        return best

    def find_by_title(self, title: str, pos: int) -> Person | None:
        words = [w for w in _words(title) if w not in ("the", "a", "an", "country", "country's", "nation")]
        if not words:
            return None
        head = words[-1]
        nat = {lx.COUNTRY_OF[w] for w in words if w in lx.COUNTRY_OF}
        mods = [w for w in words[:-1] if w not in lx.COUNTRY_OF and w not in ("regional", "city", "local")]
        best, best_pos = None, -1
        for p in self.people.values():
            for t, tpos in p.titles:
                if tpos >= pos:
                    continue
                tw = _words(t)
                if head not in tw:
                    continue
                tnat = {lx.COUNTRY_OF[w] for w in tw if w in lx.COUNTRY_OF}
                if nat and tnat and not (nat & tnat):
                    continue
                if any(m not in tw for m in mods if m in lx.TITLES or m in ("defence", "foreign", "interior")):
                    continue
                last = max((m for m, _ in p.mentions if m < pos), default=tpos)
                if last > best_pos:
                    best, best_pos = p, last
        return best

    def salient_person(self, pos: int) -> Person | None:
        best, best_pos = None, -1
        for p in self.people.values():
            for m, salient in p.mentions:
                if m < pos and salient and m > best_pos:
                    best, best_pos = p, m
        if best is None:
            for p in self.people.values():
                for m, _ in p.mentions:
                    if m < pos and m > best_pos:
                        best, best_pos = p, m
        return best

    def last_described(self, pos: int, window: int = 400) -> tuple[str, str | None, int] | None:
        """The unnamed person who spoke last ("a local official", "a member of the defence force"),
        when no one spoke after them and they spoke at most a sentence or two back."""
        last = max((c for c in self.claimants if c[1] < pos), key=lambda c: c[1], default=None)
        for name, org, dpos in reversed(self.described):
            if dpos < pos:
                if last is not None and last[1] == dpos and pos - dpos <= window:
                    return (name, org, dpos)
                return None
        return None

    def recent_body(self, pos: int, window: int = 600, head: str | None = None) -> str | None:
        """The body that spoke last, a few sentences back at most: "the agency said" after "FEMA said"."""
        want = _head_class(head) if head else None
        for name, cpos, is_person in reversed(self.claimants):
            if cpos < pos and pos - cpos <= window and not is_person and name[:1].isupper():
                name = _THE_BEFORE_CAP.sub("", name)  # "The International Rowing Federation" is a body's name
                if want is not None and _body_class(name, self.look) not in (want, None):
                    continue
                single_company = (
                    want == "company"
                    and len(name.split()) == 1
                    and not name.isupper()
                    and name not in lx.NON_NAME_CAPS
                    and name.lower() not in lx.ROLE_NOUNS
                    and name.lower() not in lx.TITLES
                    and name.lower() not in lx.MODIFIERS
                    and self.find_surname(name, pos) is None
                )
                if (
                    (_is_body_name(name, self.look) or single_company)
                    # "Russia" is a country, not a body; "the Kremlin" is both a side and a body
                    and (name.lower() not in lx.COUNTRY_OF or self.look.match(name) is not None)
                    and not name.lower().startswith(("the ", "a ", "an "))
                    and not rules.is_outlet_name(name, self.look)
                ):
                    return name
        return None

    def find_org(self, head: str, pos: int) -> str | None:
        for name, opos in reversed(self.orgs):
            # "a supervisor at the company's yard" names no company: only a body's own name counts
            if (
                opos < pos
                and head in _words(name)
                and not re.match(r"an?\s", name, re.IGNORECASE)
                and re.search(r"\b" + re.escape(head) + r"\b(?![’']s)", name, re.IGNORECASE)
            ):
                return name
        return None


_LINKERS = {"of", "for", "the", "and", "&", "on", "de"}


def _is_body_name(name: str, look) -> bool:
    """A proper name of an organisation: "Calvex Chemicals", "FEMA", "Department of Health"."""
    words = [w for w in name.split() if w.lower() not in _LINKERS]
    if not words:
        return False
    entry = look.match(name) if look is not None else None
    if entry is not None:
        return entry.kind not in ("official_person", "platform")
    if name.isupper() and len(name) >= 2:
        return True
    all_caps = all(w[:1].isupper() for w in words)
    last_org = words[-1].lower() in rules._ORG_WORDS and any(w[:1].isupper() for w in words)
    return (all_caps and len(words) >= 2) or last_org


def _org_in_title(title: str, look: _Lookup) -> str | None:
    """The body a title names: "Kremlin spokesperson" -> Kremlin, "the alliance's secretary general" -> Nato."""
    words = title.replace("’", "'").split()
    # drop the title words at the end
    while words and (
        words[-1].lower() in lx.TITLES
        or words[-1].lower()
        in (
            "senior",
            "deputy",
            "chief",
            "top",
            "former",
            "acting",
            "vice",
            "prime",
            "foreign",
            "defence",
            "defense",
            "interior",
            "security",
            "press",
            "military",
            "regional",
            "state",
            "health",
            "finance",
        )
        and words[-1].islower()
    ):
        words.pop()
    while words and words[0].lower() in ("the", "a", "an", "its", "his", "her", "their"):
        words.pop(0)
    if not words:
        return None
    cand = re.sub(r"'s$", "", " ".join(words))
    of = re.search(r"\b(?:of|for|at)\s+((?:the\s+)?[A-Z].*)$", cand)
    if of and any(w.lower() in lx.TITLES for w in cand[: of.start()].split()):
        cand = of.group(1)  # "head of the Norwegian Refugee Council"
        cand = re.sub(r"^the\s+", "", cand)
    entry = look.match(cand) or look.match("the " + cand)
    if entry is not None and entry.kind not in ("platform", "news_agency", "news_outlet"):
        return entry.name
    if (
        len(cand.split()) <= 6
        and _is_body_name(cand, None)
        and any(w.lower() in rules._ORG_WORDS for w in cand.split())
    ):
        return cand
    if cand in _LOWER_CASE_FORCES:
        return cand  # "police chief Viorel Cernauteanu" speaks for the police
    return None


_LOWER_CASE_FORCES = {"police", "army", "navy", "coast guard", "fire service", "prosecutors", "customs"}


# ---------------------------------------------------------------------------------------------
# Claimant resolution.


@dataclass
class _Who:
    name: str | None
    org: str | None = None
    person: Person | None = None
    outlet: bool = False
    country: str | None = None
    org_weak: bool = False  # the org is the registry's parent body, not named in the text


def _resolve(mention: rules.Mention, reg: Registry, look: _Lookup) -> _Who:
    raw = _LEAD_WORD.sub("", mention.text.strip())
    lead = _CLAIM_NOUN_LEAD.match(raw)
    if lead is not None:
        raw = raw[lead.end() :]
    raw = _ABBREV_TAIL.sub("", raw)
    if _DESCRIPTOR_LEAD.match(raw) and look.match(raw) is None:
        raw = _DESCRIPTOR_LEAD.sub("", raw)  # "Drugmaker Calloway", "German automaker Voss": the firm's name
    low = raw.lower()
    pos = mention.start
    if low in ("he", "she", "him", "her"):
        p = reg.salient_person(pos)
        desc = reg.last_described(pos)
        if desc is not None:
            # "A Hezbollah official told Reuters ... . '...,' he said": the unnamed speaker who spoke
            # last, not a man the official spoke about
            return _Who(desc[0], desc[1])
        return _Who(p.full, p.org, p) if p else _Who(raw)
    bare = re.sub(r"^(?:the|The)\s+", "", raw)
    if bare in reg.acronyms and reg.acronyms[bare][1] < pos:
        # "the RSF said" after "the Rapid Support Forces (RSF)": the name the text spelled out
        full = reg.acronyms[bare][0]
        entry = look.match(full)
        if entry is not None:
            return _who_of_entry(entry, reg, pos, full)  # an outlet stays an outlet
        return _Who(full, None, org_weak=True)
    if low in ("it", "they", "we", "i"):
        for name, cpos, is_person in reversed(reg.claimants):
            if cpos < pos and (low != "it" or not (is_person or _UNNAMED_PERSON.match(name))):
                return _Who(name)
        return _Who(raw)
    entry = look.match(raw)
    if entry is not None:
        return _who_of_entry(entry, reg, pos, raw)
    dm = _DOCUMENT_SPEAKER.fullmatch(low)
    if dm is not None:
        # "..., the report said": the outlet or body whose report it is, told earlier
        author = reg.author_of(dm.group("noun"), pos)
        if author is not None:
            return _Who(author)
    if low in ("the statement", "the post", "the message", "the release", "the communique", "the readout"):
        # "..., the statement added": the statement of whoever spoke last
        for name, cpos, _is_person in reversed(reg.claimants):
            if cpos < pos and name:
                return _Who(name)
    if low.startswith("the ") and len(low.split()) <= 4 and _PERSON_DESCRIPTOR.match(unpossess(low.split()[-1])):
        # "the Missouri Republican", "the 62-year-old": the person the text has just been about
        p = reg.salient_person(pos)
        if p is not None and pos - max(m for m, _ in p.mentions if m < pos) <= 600:
            return _Who(p.full, p.org, p, country=p.country)
    nm = _NAME_OF_ORG.match(raw)
    if nm and _is_firm_name(nm.group(2)):
        # "Dairyland Hispana Foods of Janesville": a firm and its town, not a person and a body
        return _Who(_surface(nm.group(2)))
    if nm and _is_body_head(nm.group(2)):
        # "The Fire Department of New York", "the Bank of England": one body's name
        return _Who(_surface(raw))
    if nm:
        # "Analyst Priya Raman of Bernstein": the person, speaking for the body after "of"
        name_words = nm.group(2).split()
        while len(name_words) > 2 and (name_words[0].lower() in lx.TITLES or name_words[0].lower() in lx.HONORIFICS):
            name_words.pop(0)
        person = reg.find_surname(name_words[-1], pos) or reg.person(" ".join(name_words))
        return _Who(person.full, _surface(nm.group(3)), person, country=person.country)
    words = raw.split()
    # trailing personal name
    k = len(words)
    while k > 0 and (
        _is_name_word(words[k - 1]) or (words[k - 1].lower() in lx.NAME_PARTICLES and k - 1 > 0 and k < len(words))
    ):
        k -= 1
    before_name = words[k - 1] if 0 < k < len(words) else ""
    if (
        before_name
        and (
            before_name.lower() in ("of", "for", "at", "from", "in", "with", "and", "&", "on")
            # "researchers at the firm Recorded Future": people at a body, not a person named Recorded Future
            or any(w.lower() in ("at", "from", "with") for w in words[:k])
            # "A former aide to Governor Ellen Cartwright": the aide speaks, not the governor
            or any(w.lower() in ("to", "for") for w in words[1:k])
            or (
                len(words) - k == 1 and before_name[:1].isupper() and unpossess(before_name).lower() in rules._ORG_WORDS
            )
        )
    ):
        # "Analysts at Peel Hunt", "The Daily Signal": a group or a body, not a person
        k = len(words)
    if (
        0 < k == len(words) - 1
        and words[0] not in ("The", "A", "An")
        and all(
            w[:1].isupper()
            and unpossess(w.lower().rstrip(".")) not in lx.TITLES
            and unpossess(w.lower().rstrip(".")) not in lx.HONORIFICS
            and unpossess(w.lower()) not in lx.MODIFIERS
            and unpossess(w.lower()) not in lx.COUNTRY_OF
            and not w.endswith(("’s", "'s"))
            for w in words[:k]
        )
    ):
        # "Reporters Without Borders": one capitalised name whose first words are no titles
        k = len(words)
    if k < len(words):
        name = " ".join(words[k:])
        prefix = " ".join(words[:k])
        person = None
        if len(words) - k == 1:
            person = reg.find_surname(name, pos)
        if person is None:
            entry = look.match(name)
            if entry is not None and entry.kind == "official_person":
                person = reg.person(name)
                person.country = person.country or lx.ISO_COUNTRY.get(entry.country or "")
                person.org = person.org or entry.parent
        if person is None:
            person = (
                reg.person(name) if (len(words) - k >= 2 or prefix or mention.title) else reg.find_surname(name, pos)
            )
        org = None
        for t in (prefix, mention.title or ""):
            if t and not org:
                org = _org_in_title(t, look)
        if person is not None:
            if org and not person.org:
                person.org = org
            if not org and re.search(r"\b(?:former|ex-|one-time|late)\b", prefix or "", re.IGNORECASE):
                # "Former President Donald Trump" no longer speaks for the body the registry lists
                return _Who(person.full, None, person, country=person.country, org_weak=True)
            return _Who(person.full, org or person.org, person, country=person.country, org_weak=not org)
        return _Who(name, org)
    # no personal name: a role, a body, a country, a group
    stripped = re.sub(r"^(?:the|a|an)\s+", "", raw, flags=re.IGNORECASE)
    entry = look.match(stripped)
    if entry is not None:
        return _who_of_entry(entry, reg, pos, stripped)
    described = re.fullmatch(r"the\s+([a-z]{3,})", low)
    if described and described.group(1) not in lx.TITLES:
        # "the company" after "the messaging app Vox" names the company; "the team" after "the Arrowfield team"
        name = reg.described_body(described.group(1), pos)
        if name is not None:
            return _Who(name)
    if " and " not in low and re.match(r"(?:the|his|her|its)\s", low):
        head = unpossess(low.split()[-1])
        if head in lx.TITLES and not head.endswith("s"):
            p = reg.find_by_title(raw, pos)
            if p is not None:
                return _Who(p.full, p.org, p)
        elif (
            (head in lx.ORG_HEADS or head in _COMPANY_HEADS)
            and (
                len(low.split()) == 2
                # "the governing body", "the ruling party"; but "the interior ministry" names its own remit
                or len(low.split()) == 3
                and raw[4:].islower()
                and low.split()[1].endswith("ing")
            )
        ):
            # "the agency said", "the governing body said"; failing a body near by, the body that
            # spoke earlier in the story ("The airline said" five sentences after the carrier denied it)
            org = (
                reg.find_org(head, pos)
                or reg.recent_body(pos, head=head)
                or reg.body_for(head, pos)
                or reg.recent_body(pos, window=3000, head=head)
            )
            if org:
                return _Who(org)
        elif head in _COMPANY_HEADS and 3 <= len(low.split()) <= 4 and raw[4:] == raw[4:].lower():
            # "the snacks maker", "the Dutch chipmaker" stays as written; lower-case descriptions of a firm
            org = reg.recent_body(pos, head=head) or reg.body_for(head, pos)
            if org:
                return _Who(org)

    org = None
    om = re.search(
        r"\b(?:for|of|at)\s+((?:the\s+)?[A-Z][\w’'&.-]*(?:\s+(?:of\s+|the\s+|and\s+)?[A-Z][\w’'&.-]*)*)$", raw
    )
    if (
        om
        and any(w in lx.TITLES or w in lx.ROLE_NOUNS for w in _words(raw[: om.start()]))
        # "a resident of Hsipaw", "witnesses in Goma": a place where they are, not a body they speak for
        and not any(w in _LOCATED for w in _words(raw[: om.start()]))
    ):
        org = _surface(om.group(1))  # "a spokesperson for the Home Office"
    if org is None and raw.split() and unpossess(raw.split()[-1].lower()) in lx.TITLES:
        org = _org_in_title(raw, look)  # "A Department of Health spokesperson"
    if org is None and re.fullmatch(r"(?:an?|the)\s+(?:spokes(?:person|man|woman)|representative)", low):
        # "a spokesperson said", with the body named just before: speaks for that body
        org = reg.recent_body(pos) or reg.body_for("", pos, window=400)
    return _Who(raw, org, outlet=rules.is_outlet_name(raw, None))


# "A Hezbollah official", "a member of the village's defence force", "a senior police officer": one
# person the text does not name
_UNNAMED_PERSON = re.compile(
    r"^(?:an?|one)\s+(?:[\w’'-]+\s+){0,3}?(?:official|spokes(?:man|woman|person)|member|officer|commander|"
    r"diplomat|aide|adviser|advisor|source|resident|witness|doctor|nurse|fighter|soldier|worker|employee|"
    r"villager|survivor|relative|neighbou?r|medic|paramedic|activist|lawyer|analyst|engineer|teacher|"
    r"detainee|prisoner|student|farmer|driver|officer)\b",
    re.IGNORECASE,
)

_LOCATED = {
    "resident",
    "residents",
    "villager",
    "villagers",
    "witness",
    "witnesses",
    "eyewitness",
    "eyewitnesses",
    "local",
    "locals",
    "survivor",
    "survivors",
    "neighbour",
    "neighbours",
    "neighbor",
    "neighbors",
    "people",
    "person",
    "family",
    "families",
    "relative",
    "relatives",
}


def _is_firm_name(name: str) -> bool:
    last = name.split()[-1].lower().rstrip(".,") if name.split() else ""
    return last in _COMPANY_SUFFIXES


def _is_body_head(name: str) -> bool:
    last = name.split()[-1].lower().rstrip(".,") if name.split() else ""
    return last in rules._ORG_WORDS


@lru_cache(maxsize=8192)
def _surface(name: str) -> str:
    """A name as written, without a leading article, a possessive or a trailing "(AP)"."""
    name = _ABBREV_TAIL.sub("", name.strip())
    name = _POSS_TAIL.sub("", name)
    return _THE_BEFORE_CAP.sub("", name)


_PERSON_DESCRIPTOR = re.compile(
    r"^(?:republican|democrat|conservative|tory|liberal|socialist|billionaire|tycoon|businessman|"
    r"businesswoman|politician|populist|nationalist|incumbent|challenger|\d+-year-old)$"
)

_NAME_OF_ORG = re.compile(
    r"^(.*?)\b([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+)\s+(?:of|at|from)\s+((?:the\s+)?[A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*)*)$"
)


def _who_of_entry(entry: GazetteerEntry, reg: Registry, pos: int, surface: str) -> _Who:
    # Names are reported as the text writes them; the registry's identity travels as source_id.
    country = lx.ISO_COUNTRY.get(entry.country or "")
    if entry.kind == "official_person":
        p = reg.find_surname(surface.split()[-1], pos) or reg.person(_surface(surface))
        p.country = p.country or country
        p.org = p.org or entry.parent
        return _Who(p.full, p.org, p, country=country, org_weak=True)
    return _Who(
        _surface(surface),
        entry.parent,
        outlet=entry.kind in ("news_agency", "news_outlet"),
        country=country,
        org_weak=True,
    )


# ---------------------------------------------------------------------------------------------
# Building claims.


@dataclass
class _Draft:
    sent_idx: int
    sentence: Span
    content: Span | None
    who: _Who
    via: list[ChainLink]
    kind: str
    cue: Span | None
    relative: bool = False
    obj: str = ""
    confidence: float = 0.8
    speaker_pos: int = 0
    denies: _Draft | None = None
    org_from_statement: str | None = None


# "citing figures from the NHS", "citing its own measurements": evidence, not a person who claims
_DATA_SOURCE = re.compile(
    r"^(?:its|his|her|their|our)\b|\b(?:figures|data|documents|records|statistics|numbers|estimates|"
    r"measurements|analysis|research|study|studies|polls?|surveys?|footage|images|intelligence|evidence|"
    r"information|calculations|readings|results|models?)\b",
    re.IGNORECASE,
)
_STATEMENT_WORDS = re.compile(r"\b(?:statement|readout|communiqu[eé]|release|post|filing)\b", re.IGNORECASE)
_ROLE_RANK = {"statement": 0, "channel": 1, "agency": 2, "publisher": 3, "carrier": 3, "source": 4, "outlet": 5}


def _link(name: str, role: str, look: _Lookup) -> ChainLink:
    entry = look.match(name)
    if entry is not None and entry.kind == "platform":
        role = "channel"
    return ChainLink(_surface(name), role, look.source_id(name))


def _span(text: str, a: int, b: int) -> Span:
    return Span(a, b, text[a:b])


def _build_sentence_claims(
    text: str, idx: int, sent: Sentence, an: rules.SentenceAnalysis, reg: Registry, look: _Lookup
) -> list[_Draft]:
    sspan = _span(text, sent.start, sent.end)
    outlets_chain: list[tuple[str, str, int]] = []
    bodies: list[tuple[str, str, int]] = []
    for name, role, pos in an.sources:
        if rules.is_outlet_name(name, look) or (
            look.match(name) is not None and look.match(name).kind in ("news_agency", "news_outlet")
        ):
            outlets_chain.append(
                (name, "agency" if role == "agency" else ("source" if role in ("source", "citing") else role), pos)
            )
        else:
            bodies.append((name, role, pos))
    speakers = []
    for att in an.attributions:
        who = _resolve(att.speaker, reg, look)
        if att.relative and who.person is None and (who.name or "").lower().startswith("the "):
            # "Israel accuses Hezbollah of trying to rearm, which the group denies": the accused denies
            am = _ACCUSED.search(text, sent.start, att.speaker.start)
            if am is not None:
                who = _Who(am.group("who"))
        if who.outlet and att.relative:
            # "..., a claim that NPR found to be untrue": the outlet speaks for itself here
            who = _Who(who.name, who.org, who.person, False, who.country, who.org_weak)
        if who.outlet:
            outlets_chain.append((who.name, "outlet", att.cue_start))
            for link in att.channels:
                outlets_chain.append(link)
            if att.kind == "denial" or att.kind == "counter":
                speakers.append((att, who))
        else:
            speakers.append((att, who))
    drafts: list[_Draft] = []

    def chain_for(extra: list[tuple[str, str, int]]) -> list[ChainLink]:
        items = sorted({(n, r, p) for n, r, p in extra}, key=lambda x: (_ROLE_RANK.get(x[1], 6), x[2]))
        out: list[ChainLink] = []
        seen = set()
        for n, r, _p in items:
            link = _link(n, "publisher" if r in ("outlet", "source", "carrier") else r, look)
            key = _fold(link.name)
            if key and key not in seen:
                seen.add(key)
                out.append(link)
        return out

    citing = [b for b in bodies if b[1] == "citing" and not _DATA_SOURCE.search(b[0])]
    if citing and speakers:
        # "X reported, citing an unnamed aide": the aide claims, X carries it
        name, _role, pos = citing[0]
        who = _resolve(rules.Mention(name, pos, pos + len(name)), reg, look)
        extra = list(an.channels) + outlets_chain
        for att, w in speakers:
            extra.extend(att.channels)
            if att.speaker.text.split()[-1].lower() not in rules._DOCUMENTS:
                # "The report, citing three people, said": the report is no channel of its own
                extra.append((att.speaker.text if not w.outlet else w.name, "outlet", att.cue_start))
        kind = next((a.kind for a, _w in speakers if a.kind != "claim"), "claim")
        att0 = speakers[0][0]
        words0 = att0.speaker.text.split()
        published = [n for n, _r, _p in list(att0.channels) + outlets_chain if rules.is_outlet_name(n, look)]
        if words0 and words0[-1].lower() in rules._DOCUMENTS and published:
            # "The report, published by Bloomberg News and citing three people, said": the outlet's report
            who = _Who(_surface(published[0]), None, None, True)
        drafts.append(
            _Draft(
                idx,
                sspan,
                _span(text, *att0.content) if att0.content else None,
                who,
                chain_for(extra),
                kind if kind != "counter" else "claim",
                _span(text, att0.cue_start, att0.cue_end),
                False,
                att0.obj,
                0.75,
                pos,
            )
        )
    elif any(not w.outlet for _a, w in speakers):
        for att, who in speakers:
            if who.outlet:
                continue
            extra = list(att.channels) + list(an.channels) + outlets_chain
            org = who.org
            stmt_org = None
            for name, role, pos in bodies:
                if role == "statement" or (role == "source" and _STATEMENT_WORDS.search(name)):
                    extra.append((name, "statement", pos))
                    stmt_org = stmt_org or re.sub(r"^(?:the)\s+", "", name)
                elif role == "carrier":
                    # "in a claim relayed by the SITE Intelligence Group": a relay that is no news outlet
                    extra.append((re.sub(r"^(?:the)\s+", "", name), "carrier", pos))
            if stmt_org and (not org or who.org_weak) and who.person is not None:
                org = stmt_org
            who = _Who(who.name, org, who.person, country=who.country)
            kind = att.kind
            for name, role, pos in bodies:
                if role == "source" and not _STATEMENT_WORDS.search(name):
                    # "The group claimed it, according to researchers": the researchers assert it too
                    src = _resolve(rules.Mention(name, pos, pos + len(name)), reg, look)
                    drafts.append(
                        _Draft(
                            idx,
                            sspan,
                            None,
                            src,
                            chain_for(list(an.channels) + outlets_chain),
                            "claim",
                            None,
                            False,
                            "",
                            0.6,
                            pos,
                        )
                    )
            d = _Draft(
                idx,
                sspan,
                _span(text, *att.content) if att.content else None,
                who,
                chain_for(extra),
                kind,
                _span(text, att.cue_start, att.cue_end),
                att.relative,
                att.obj,
                att.confidence,
                att.speaker.start,
            )
            drafts.append(d)
    elif bodies:
        name, role, pos = bodies[0]
        who = _resolve(rules.Mention(name, pos, pos + len(name)), reg, look)
        kind = "claim"
        body_text = text[sent.start : sent.end]
        if rules.DENIAL_ADJ_RE.search(body_text) or rules.DENIAL_PHRASE_RE.search(body_text):
            kind = "denial"
        extra = list(an.channels) + outlets_chain
        if _STATEMENT_WORDS.search(text[max(sent.start, pos - 30) : pos]) and role in ("statement", "source"):
            # "according to a statement from the ministry": the statement is the ministry's channel
            extra.append((re.sub(r"^(?:the)\s+", "", name), "statement", pos))
        for att, w in speakers:
            extra.extend(att.channels)
            if w.outlet:
                extra.append((w.name, "outlet", att.cue_start))
        d = _Draft(idx, sspan, None, who, chain_for(extra), kind, None, False, body_text, 0.7, pos)
        drafts.append(d)
    elif any(role != "carrier" for _n, role, _p in outlets_chain):
        items = sorted(outlets_chain, key=lambda x: (_ROLE_RANK.get(x[1], 6), x[2]))
        first = items[0]
        entry = look.match(first[0])
        who = _Who(_surface(first[0]), entry.parent if entry else None, None, True)
        kind = "claim"
        att0 = next((a for a, w in speakers), None)
        if att0 is not None and att0.kind in ("denial", "counter"):
            kind = att0.kind
        d = _Draft(
            idx, sspan, None, who, chain_for(items[1:] + list(an.channels)), kind, None, False, "", 0.7, first[2]
        )
        drafts.append(d)
    # one entry per claimant and kind
    out, seen = [], set()
    for d in drafts:
        key = (_fold(d.who.name or ""), d.kind)
        if key in seen:
            continue
        seen.add(key)
        out.append(d)
    return out


_STOP = set(
    "the a an of to in on at for and or but with by from as that this these those is are was were be been "
    "has have had it its his her their they he she we i said says told about after before over into than "
    "would will could can not no any such also which who whom what when where while there here more most "
    "new other some all only just very claim claims report reports statement denied untrue false "
    "according assertion allegation accusation sort thing anything nothing".split()
)


_COUNTRY_STEMS = {w[:5] for w in lx.COUNTRY_OF}
OPINION_OR_NO_COMMENT = rules.OPINION_RE


_LETTERS = re.compile(r"[a-z]+")


@lru_cache(maxsize=4096)
def _topic(s: str) -> frozenset[str]:
    return frozenset(w[:5] for w in _LETTERS.findall(_fold(s)) if len(w) >= 3 and w not in _STOP)


def _sides(d: _Draft) -> set[str]:
    names = [d.who.name or "", d.who.org or ""]
    out = {d.who.country} if d.who.country else set()
    if d.who.person is not None:
        if d.who.person.country:
            out.add(d.who.person.country)
        names.extend(t for t, _ in d.who.person.titles)
        if d.who.person.org:
            names.append(d.who.person.org)
    for n in names:
        for w in _words(n):
            if w in lx.COUNTRY_OF and lx.COUNTRY_OF[w]:
                out.add(lx.COUNTRY_OF[w])
    return out


_POSSESSOR_RE = re.compile(
    r"([\w’'\- ]{2,50}?)(?:’s|'s)\s+(?:\w+\s+){0,2}?(?:"
    + "|".join(sorted(lx.CLAIM_NOUNS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_ADJ_CLAIM_RE = re.compile(
    r"\b(\w+)\s+(?:" + "|".join(sorted(lx.CLAIM_NOUNS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_BY_RE = re.compile(
    r"\b(?:claims?|reports?|allegations?|accusations?|assertions?|statements?)\s+(?:by|from)\s+"
    r"((?:the\s+)?[\w’'\- ]{2,40}?)(?:\s+(?:that|of|about|on)\b|[,.;]|$)",
    re.IGNORECASE,
)
_ANAPHORA_RE = re.compile(
    r"\b(?:of\s+the\s+sort|such|(?:the|these|this|that|those|such|his|her|their|its)\s+(?:\w+\s+)?(?:claims?|reports?|"
    r"allegations?|accusations?|assertions?|statements?|accounts?|suggestions?|remarks|comments|charges?|"
    r"version|figures?)|wrongdoing|involvement|any\s+role|responsibility|^\s*(?:it|this|them)\b|"
    r"\b(?:for|of|about|to|in)\s+it\b)",
    re.IGNORECASE,
)


def _possessor(obj: str) -> str | None:
    head = obj[:160]
    m = _POSSESSOR_RE.search(head)
    if m:
        words = m.group(1).split()
        # keep the noun phrase right before the possessive
        keep = []
        for w in reversed(words):
            if w.lower() in (
                "denied",
                "rejected",
                "dismissed",
                "said",
                "that",
                "called",
                "refuted",
                "was",
                "is",
                "described",
                "labelled",
                "has",
                "had",
                "have",
                "by",
                "any",
            ):
                break
            keep.append(w)
        if keep:
            return " ".join(reversed(keep))
    m = _BY_RE.search(head)
    if m:
        return m.group(1)
    m = _ADJ_CLAIM_RE.search(head)
    if m and m.group(1).lower() in lx.COUNTRY_OF:
        return m.group(1)
    return None


def _window(drafts: list[_Draft], starts: list[int], lo: int, hi: int) -> list[_Draft]:
    """Drafts whose sentence index lies in [lo, hi]; drafts are in document order."""
    return drafts[bisect_left(starts, lo) : bisect_right(starts, hi)]


def _contrasts(drafts: list[_Draft], text: str) -> None:
    """ "Moscow accuses Kyiv of shelling the plant, while Ukraine says Russian troops are to blame":
    the second version, set against the first in one sentence, is a counter-claim to it."""
    for i, d in enumerate(drafts):
        if d.kind != "claim" or d.cue is None or i == 0:
            continue
        first = drafts[i - 1]
        if first.sent_idx != d.sent_idx or first.kind != "claim" or first.cue is None:
            continue
        between = text[first.cue.end : d.speaker_pos].lower()
        if not re.search(r"[,;]\s*(?:while|whereas|but)\s+(?:\w+\s+){0,4}$", between):
            continue
        if _fold(first.who.name or "") == _fold(d.who.name or ""):
            continue
        a, b = _sides(first), _sides(d)
        if a and b and a & b:
            continue
        opposed = bool(a and b)
        overlap = len(_topic(first.content.text if first.content else "") & _topic(d.content.text if d.content else ""))
        insists = lx.CUE_FORMS.get(d.cue.text.lower()) in lx.COUNTER_LEMMAS  # "..., but relatives insist ..."
        if not opposed and overlap < 2 and not insists:
            continue  # "..., while the governor said debris hit a school": more news, not a rival version
        d.kind = "counter_claim"
        d.denies = first


_WORD_RE = re.compile(r"[A-Za-z][\w-]+")


def _name_words(d: _Draft) -> set[str]:
    """Distinctive words of a claimant's name, org and titles: "Norvex", "Halbrook", "Raffensperger"."""
    names = [d.who.name or "", d.who.org or ""]
    if d.who.person is not None:
        names.extend(t for t, _ in d.who.person.titles)
    out = set()
    for n in names:
        for w in re.findall(r"[A-Za-z][\w-]+", n):
            low = unpossess(w.lower())
            if (
                len(low) > 2
                and low not in _STOP
                and low not in lx.COUNTRY_OF
                and low not in lx.TITLES
                and (low not in lx.MODIFIERS and low not in lx.ROLE_NOUNS)
            ):
                out.add(low)
    return out


def _rival_versions(drafts: list[_Draft], text: str) -> None:
    """A party's answer to a claim made about it, with a negation or from the other side, is a counter-claim."""
    starts = [c.sent_idx for c in drafts]
    words_of: dict[int, set[str]] = {}
    names_of: dict[int, set[str]] = {}

    def words(c: _Draft) -> set[str]:
        if id(c) not in words_of:
            ctext = c.content.text if c.content else c.sentence.text
            words_of[id(c)] = {unpossess(w.lower()) for w in _WORD_RE.findall(ctext)}
        return words_of[id(c)]

    def names(c: _Draft) -> set[str]:
        if id(c) not in names_of:
            names_of[id(c)] = _name_words(c)
        return names_of[id(c)]

    for d in drafts:
        if d.kind != "claim" or d.content is None or d.who.outlet:
            continue
        if not any(c.kind == "claim" for c in _window(drafts, starts, d.sent_idx - 3, d.sent_idx - 1)):
            continue
        sent_text = d.sentence.text
        head = " ".join(d.content.text.split()[:10])
        negated = bool(_NEGATION.search(head))
        contrast = bool(re.match(r"\W*(?:But|However|Yet)\b", sent_text)) or bool(
            d.cue is not None and d.cue.text.lower() in ("insisted", "insists", "countered", "maintained", "maintains")
        )
        mine = names(d)
        best, best_score = None, 0.0
        for c in _window(drafts, starts, d.sent_idx - 3, d.sent_idx - 1):
            if c.kind != "claim" or _fold(c.who.name or "") == _fold(d.who.name or ""):
                continue
            a, b = _sides(c), _sides(d)
            if a and b and a & b:
                continue
            ctext = c.content.text if c.content else c.sentence.text
            cwords = words(c)
            about_me = bool(mine & cwords)
            own_country = lx.COUNTRY_OF.get(_fold(_surface(d.who.name or "")), "")
            if own_country and not about_me:
                # "Russia has said it strikes only military targets" after "... accused Moscow of ..."
                about_me = any(lx.COUNTRY_OF.get(w) == own_country for w in cwords)
            about_them = bool(names(c) & words(d))
            if not (about_me or about_them):
                continue
            score = 2.0 + (1.0 if negated else 0.0) + (1.0 if contrast else 0.0) + (1.0 if a and b else 0.0)
            score += 0.5 * min(2, len((_topic(ctext) - _COUNTRY_STEMS) & (_topic(d.content.text) - _COUNTRY_STEMS)))
            if score > best_score:
                best, best_score = c, score
        if best is not None and best_score >= 3.0:
            d.kind = "counter_claim"
            d.denies = best


def _link_denials(drafts: list[_Draft], reg: Registry, look: _Lookup) -> None:
    starts = [c.sent_idx for c in drafts]
    for d in drafts:
        if d.kind not in ("denial", "counter"):
            continue
        if d.relative:
            same = [
                c
                for c in _window(drafts, starts, d.sent_idx, d.sent_idx)
                if c is not d
                and c.sent_idx == d.sent_idx
                and c.kind in ("claim", "counter")
                and c.speaker_pos < d.speaker_pos
            ]
            if same:
                d.denies = same[-1]
                continue
        obj = d.obj or (d.content.text if d.content else d.sentence.text)
        poss = _possessor(obj)
        poss_who = None
        poss_sides: set[str] = set()
        if poss:
            poss_who = _resolve(rules.Mention(poss, d.speaker_pos, d.speaker_pos), reg, look)
            poss_sides = {lx.COUNTRY_OF[w] for w in _words(poss) if w in lx.COUNTRY_OF and lx.COUNTRY_OF[w]}
            if poss_who.person is not None:
                poss_sides |= {
                    lx.COUNTRY_OF[w]
                    for t, _ in poss_who.person.titles
                    for w in _words(t)
                    if w in lx.COUNTRY_OF and lx.COUNTRY_OF[w]
                }
        dtopic = _topic(obj) - _topic(d.who.name or "")
        dsides = _sides(d)
        denier_words = {w for w in _words(d.who.name or "") if w not in ("the", "a", "an") and len(w) > 1}
        denier_words = denier_words if len(denier_words) <= 3 and (d.who.name or "")[:1].isupper() else set()
        anaphoric = bool(_ANAPHORA_RE.search(obj[:120]))
        mentions_reports = bool(re.search(r"\breports?\b", obj[:120], re.IGNORECASE))
        eligible = [
            c
            for c in _window(drafts, starts, d.sent_idx - 10, d.sent_idx + 2)
            if c is not d and c.kind == "claim" and _fold(c.who.name or "") != _fold(d.who.name or "")
        ]
        # the claim an anaphoric denial ("these allegations", "of the sort") points back to
        nearest = None
        for c in eligible:
            if c.sent_idx < d.sent_idx or (c.sent_idx == d.sent_idx and c.speaker_pos < d.speaker_pos):
                if d.sent_idx - c.sent_idx <= 3 and not (dsides and _sides(c) and dsides & _sides(c)):
                    nearest = c
        best, best_score = None, 0.0
        for c in eligible:
            dist = d.sent_idx - c.sent_idx
            if dist > 10 or dist < -2:
                continue
            score = 0.0
            csides = _sides(c)
            if poss:
                if (
                    poss_who
                    and poss_who.name
                    and c.who.name
                    and (
                        _fold(poss_who.name) == _fold(c.who.name)
                        or (c.who.person is not None and poss_who.person is c.who.person)
                        or _fold(poss_who.name) in _fold(c.who.name)
                        or (c.who.org and _fold(poss_who.name) in _fold(c.who.org))
                    )
                ):
                    score += 4.0
                elif poss_sides and poss_sides & csides:
                    score += 3.5
                else:
                    score -= 1.0
            elif dsides and csides and dsides & csides:
                score -= 1.5
            elif dsides and csides:
                score += 1.2  # opposing parties: Kyiv denies what Moscow claimed
            overlap = len(dtopic & (_topic(c.content.text if c.content else c.sentence.text)))
            score += min(overlap, 4)
            if anaphoric and c is nearest:
                score += 2.5
            if denier_words and denier_words <= set(_words(c.content.text if c.content else c.sentence.text)):
                score += 2.5  # the claim is about the denier: "The RSF killed ..." / "The RSF denied ..."
            if mentions_reports and c.who.outlet:
                score += 1.5
            score -= 0.2 * abs(dist) + (0.3 if dist < 0 else 0.0)
            if c.sent_idx == d.sent_idx and c.speaker_pos > d.speaker_pos:
                score -= 1.0
            if score > best_score:
                best, best_score = c, score
        if best is not None and best_score >= 2.0:
            d.denies = best
        if d.kind == "counter":
            d.kind = "counter_claim" if d.denies is not None and best_score >= 2.5 else "claim"
            if d.kind == "claim":
                d.denies = None


_NEGATION = re.compile(r"\b(?:not|never|no|n[’']t|neither|nor|nothing|none)\b", re.IGNORECASE)


def _negated_versions(drafts: list[_Draft]) -> None:
    """A claim that negates an earlier claim of another party, on the same topic, is a denial of it."""
    starts = [c.sent_idx for c in drafts]
    for d in drafts:
        if d.kind != "claim" or d.content is None:
            continue
        head = " ".join(d.content.text.split()[:10])
        if not _NEGATION.search(head) or OPINION_OR_NO_COMMENT.search(d.content.text):
            continue
        mine = _topic(d.content.text) - _topic(d.who.name or "") - _COUNTRY_STEMS
        dsides = _sides(d)
        best, best_overlap = None, 1
        for c in _window(drafts, starts, d.sent_idx - 4, d.sent_idx - 1):
            dist = d.sent_idx - c.sent_idx
            if c is d or c.kind != "claim" or not 0 < dist <= 4:
                continue
            if _fold(c.who.name or "") == _fold(d.who.name or ""):
                continue
            if dsides and _sides(c) and dsides & _sides(c):
                continue
            overlap = len(mine & (_topic(c.content.text if c.content else c.sentence.text) - _COUNTRY_STEMS))
            if overlap > best_overlap:
                best, best_overlap = c, overlap
        if best is not None:
            d.kind = "denial"
            d.denies = best


_CATAPHOR_HEADS = {
    "seller",
    "short-seller",
    "firm",
    "fund",
    "watchdog",
    "monitor",
    "nonprofit",
    "charity",
}


def _quote_opened_before(text: str, sents: list[Sentence], i: int, upto: int) -> int | None:
    """Where the quotation that closes in sentence i before `upto` was opened, when that was in an
    earlier sentence of the same paragraph: '"This report is inaccurate. The committee has raised no
    concerns," the company said' is one quotation the splitter reads as two sentences."""
    sent = sents[i]
    head = text[sent.start : upto]
    close = min((k for k in (head.find("”"), head.find('"')) if k >= 0), default=-1)
    if close < 0 or "“" in head[:close] or head[:close].strip() == "":
        return None
    j = i
    while j > 0 and i - j < 4 and sents[j - 1].paragraph == sent.paragraph:
        j -= 1
    before = text[sents[j].start : sent.start]
    if head[close] == "”":
        q = before.rfind("“")
        if q < 0 or "”" in before[q:]:
            return None
    else:
        if before.count('"') % 2 == 0:
            return None
        q = before.rfind('"')
    return sents[j].start + q


def _whole_quotations(text: str, sents: list[Sentence], i: int, drafts: list[_Draft]) -> None:
    """A claim whose quotation began sentences earlier asserts all of it, and is a denial when the
    earlier part denies ('"That is not true. ...," the spokesperson said')."""
    for d in drafts:
        if d.content is None or d.cue is None or d.content.start > sents[i].start + 1 or d.content.end > d.cue.start:
            continue
        q = _quote_opened_before(text, sents, i, d.content.end)
        if q is None:
            continue
        earlier = text[q : sents[i].start]
        d.content = _span(text, q, d.content.end)
        if d.kind == "claim" and (rules.DENIAL_ADJ_RE.search(earlier) or rules.DENIAL_PHRASE_RE.search(earlier)):
            d.kind = "denial"
            d.obj = d.content.text


_ACCUSED = re.compile(
    r"\baccus(?:es|ed|ing)\s+(?P<who>(?:the\s+)?[A-Z][\w’'&.-]*(?:\s+(?:of\s+)?[A-Z][\w’'&.-]*){0,4})\s+of\b"
)
_WHOLE_QUOTE = re.compile(r"[“\"](?P<q>[^“”\"]{12,})[”\"]\s*$")


def _quotation_goes_on(text: str, sents: list[Sentence], i: int, last: _Draft) -> list[_Draft]:
    """'"The results are fabricated," Matsinhe told a rally. "Our own count shows we won."': a quotation
    standing alone right after a quoted speaker goes on in that speaker's voice."""
    sent = sents[i]
    if i == 0 or last.sent_idx != i - 1 or sents[i - 1].paragraph != sent.paragraph or last.who.outlet:
        return []
    if last.content is None or text[last.content.start : last.content.start + 1] not in '“"':
        return []  # only a speaker who was just quoted
    m = _WHOLE_QUOTE.fullmatch(text, sent.start, sent.end)
    if m is None or len(m.group("q").split()) < 6 or rules.OPINION_RE.search(m.group("q")):
        return []  # "They let him die.", "We want people to feel safe": no checkable assertion of its own
    kind = (
        "denial" if rules.DENIAL_ADJ_RE.search(m.group("q")) or rules.DENIAL_PHRASE_RE.search(m.group("q")) else "claim"
    )
    content = _span(text, m.start(), m.end())
    return [
        _Draft(
            i,
            _span(text, sent.start, sent.end),
            content,
            last.who,
            [],
            kind,
            None,
            False,
            m.group("q"),
            0.6,
            sent.start,
        )
    ]


_ACRONYM = re.compile(r"[A-Z]{2,6}")
_INITIAL_SKIP = {"of", "and", "for", "the", "on", "in", "&"}


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _INITIAL_SKIP and w[:1].isupper())


def _spells(run: str, acronym: str) -> str | None:
    """The words of a run of capitalised words that an acronym stands for, leading words left out
    ("U.S. Centers for Disease Control and Prevention" -> CDC, its usual short form dropping the last)."""
    words = run.split()
    for k in range(len(words) - 1):
        tail = " ".join(words[k:])
        ini = _initials(tail)
        if ini == acronym or (len(acronym) >= 3 and ini.startswith(acronym) and len(ini) == len(acronym) + 1):
            return tail
    return None


def _full_body_name(who: _Who, reg: Registry, look: _Lookup, pos: int) -> str | None:
    """A body's full name where the text shortens it: "the FTC" after "the Federal Trade Commission",
    "the IAEA" as the registry names it. People and outlets keep
    the text's spelling."""
    name = who.name
    if not name or who.person is not None or who.outlet:
        return name
    base = _surface(name)
    if _ACRONYM.fullmatch(base):
        if base in reg.acronyms:
            return reg.acronyms[base][0]
        earlier = [b for b, bpos in reg.bodies if bpos < pos and _initials(b) == base and " " in b]
        if earlier:
            return earlier[-1]
        spelled = [b for b, bpos in reg.named_runs if bpos < pos and _spells(b, base)]
        if spelled:
            return _spells(spelled[-1], base)
    else:
        return name
    entry = look.match(base)
    if entry is not None and entry.kind in ("government_body", "military", "ngo"):
        return entry.name
    return name


def _cataphora(drafts: list[_Draft], text: str, look: _Lookup) -> None:
    """ "A short seller accused Norvex of ... . Hindenburg Research said ...": the body named next is
    the one the indefinite description stood for, when the text had not named it before."""
    for i, d in enumerate(drafts):
        name = d.who.name or ""
        words = name.lower().split()
        if d.who.person is not None or d.who.outlet or len(words) < 2 or words[0] not in ("a", "an"):
            continue
        if unpossess(words[-1]) not in _CATAPHOR_HEADS:
            continue
        nxt = next((e for e in drafts[i + 1 :] if e.sent_idx > d.sent_idx), None)
        if nxt is None or nxt.sent_idx > d.sent_idx + 2:
            continue
        other = nxt.who.name or ""
        folded = _fold(other)
        if (
            nxt.who.person is not None
            or nxt.who.outlet
            or not other[:1].isupper()
            or other.lower().startswith(("the ", "a ", "an "))
            or other.lower() in lx.COUNTRY_OF
            or _body_class(other, look) in ("gov", "mil")
            or not folded
            or folded in _fold(text[: d.sentence.end])  # named already: the accused, not the accuser
        ):
            continue
        d.who = _Who(other, nxt.who.org, None, False, nxt.who.country, nxt.who.org_weak)


# "The source, who spoke on condition of anonymity, said", "the people said": an unnamed speaker
# already introduced, named again by the bare head of the earlier description
_ANAPHOR = re.compile(r"the\s+(?P<head>sources?|people|person|officials?)\b", re.IGNORECASE)

# "the official", "the two officials", "the diplomats": an unnamed speaker named again by the head noun
_DEFINITE_UNNAMED = re.compile(
    r"the\s+(?:(?:two|three|four|five|several)\s+)?(?P<head>officials?|sources?|people|person|diplomats?|"
    r"commanders?|officers?|witness(?:es)?|residents?|doctors?|medics?|analysts?|aides?|advisers?|advisors?|"
    r"lawmakers?|negotiators?|investigators?|researchers?|activists?|workers?|employees?|executives?)",
    re.IGNORECASE,
)
# how an unnamed speaker is first brought in: "a senior Ukrainian official", "two U.S. officials",
# "three people briefed on the talks", "several diplomats"
_INDEFINITE_LEAD = re.compile(
    r"^(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|several|some|\d+)\s", re.IGNORECASE
)


def _continued_speakers(drafts: list[_Draft]) -> None:
    """ "A senior Ukrainian official told Reuters ... . '...,' the official said": the unnamed speaker the
    text brought in a few sentences back, not a bare "the official" that names no one."""
    for i, d in enumerate(drafts):
        if d.who.person is not None or not d.who.name:
            continue
        m = _DEFINITE_UNNAMED.fullmatch(d.who.name.strip())
        if m is None:
            continue
        head = m.group("head").lower()
        for e in reversed(drafts[:i]):
            if e.sent_idx >= d.sent_idx:
                continue
            if e.sent_idx < d.sent_idx - 5:
                break
            name = e.who.name or ""
            if e.who.person is not None or not _INDEFINITE_LEAD.match(name):
                continue
            words = [w for w in re.findall(r"[a-z]+", name.lower())]
            if head in words or (head == "people" and "person" in words) or (head == "person" and "people" in words):
                d.who = _Who(name, d.who.org or e.who.org)
                break
            if disputes.singular(head) in {disputes.singular(w) for w in words}:
                break  # the same noun in the other number: someone else


def _continued_channels(drafts: list[_Draft], text: str) -> None:
    """An unnamed speaker named again carries on through the outlet that reported them: "a source told
    Reuters that ... . The source said ..." is still told to Reuters. A named person may speak elsewhere
    too ("he said" after an interview), so a pronoun does not carry the outlet on."""
    for i, d in enumerate(drafts):
        if any(link.role in ("publisher", "agency") for link in d.via):
            continue
        m = _ANAPHOR.match(text, d.speaker_pos)
        if m is None or m.end() < len(text) and text[m.end()].isalnum():
            continue
        head = m.group("head").lower()
        for e in reversed(drafts[:i]):
            if e.sent_idx >= d.sent_idx:
                continue
            if e.sent_idx < d.sent_idx - 4:
                break
            words = {disputes.singular(w) for w in re.findall(r"[a-z]+", (e.who.name or "").lower())}
            if disputes.singular(head) not in words or e.who.person is not None:
                continue
            carried = [link for link in e.via if link.role in ("publisher", "agency")]
            if carried:
                d.via = d.via + [x for x in carried if x not in d.via]
            break


def available_backends() -> list[str]:
    """The backends this installation can run, best first."""
    from . import parse

    return ["parse", "rules"] if parse.available() else ["rules"]


def analyse_sentence(text: str, sent: Sentence, look) -> rules.SentenceAnalysis:
    """Rules on one sentence; a sentence the rules cannot read yields nothing rather than an error."""
    try:
        return rules.analyse(text, sent.start, sent.end, look)
    except Exception:  # noqa: BLE001 - extraction must never fail a document over one sentence
        return rules.SentenceAnalysis(sent.start, sent.end, [], [], [])


def _analyse_rules(text: str, sents: list[Sentence], look: _Lookup) -> list[rules.SentenceAnalysis]:
    return [analyse_sentence(text, s, look) for s in sents]


def _finish(
    text: str, sents: list[Sentence], analyses: list[rules.SentenceAnalysis], look: _Lookup
) -> list[ExtractedClaim]:
    reg = Registry(look)
    reg.read_bodies(text)
    drafts: list[_Draft] = []
    for i, (sent, an) in enumerate(zip(sents, analyses, strict=True)):
        reg.scan(text, sent, an.tokens)
        ds = _build_sentence_claims(text, i, sent, an, reg, look)
        _whole_quotations(text, sents, i, ds)
        if not ds and drafts:
            ds = _quotation_goes_on(text, sents, i, drafts[-1])
        for d in ds:
            reg.claimants.append((d.who.name or "", d.speaker_pos, d.who.person is not None))
            if d.who.person is None and _UNNAMED_PERSON.match(d.who.name or ""):
                reg.described.append((d.who.name or "", d.who.org, d.speaker_pos))
            if d.who.person is not None:
                d.who.person.mentions.append((d.speaker_pos, True))
            elif d.who.name and not d.who.outlet:
                reg.orgs.append((d.who.name, d.speaker_pos))
            for link in d.via:
                if link.role == "statement" and link.name != "statement":
                    reg.orgs.append((link.name, d.speaker_pos))
        drafts.extend(ds)
    _cataphora(drafts, text, look)
    _continued_speakers(drafts)
    _continued_channels(drafts, text)
    _link_denials(drafts, reg, look)
    _contrasts(drafts, text)
    _negated_versions(drafts)
    _rival_versions(drafts, text)
    keys = {id(d): f"c{n}" for n, d in enumerate(drafts, 1)}
    out = []
    for d in drafts:
        claimant = _full_body_name(d.who, reg, look, d.speaker_pos)
        if d.who.outlet and not d.via and claimant is None:
            claimant = None
        out.append(
            ExtractedClaim(
                key=keys[id(d)],
                sentence=d.sentence,
                content=d.content,
                claimant=claimant,
                claimant_source_id=look.source_id(claimant),
                claimant_org=d.who.org,
                claimant_org_source_id=look.source_id(d.who.org),
                via=d.via,
                kind=d.kind if d.kind != "counter" else "claim",
                denies=keys[id(d.denies)] if d.denies is not None else None,
                cue=d.cue,
                # which claims an unverified cue covers is settled over the whole document by disputes.refine
                unverified=False,
                unverified_cue=None,
                confidence=max(0.05, min(0.99, d.confidence)),
            )
        )
    return out


def extract(text: str, *, gazetteer: Gazetteer | None = None, backend: str | None = None) -> ExtractionResult:
    """Attributed claims, denials and unverified cues of one text. Never raises on a str."""
    return extract_many([text], gazetteer=gazetteer, backend=backend)[0]


def extract_many(
    texts: Iterable[str], *, gazetteer: Gazetteer | None = None, backend: str | None = None
) -> list[ExtractionResult]:
    """Like extract() for many texts; the parse backend batches them through spaCy."""
    from . import parse

    texts = list(texts)
    if backend is None:
        backend = "parse" if parse.available() else "rules"
    if backend not in ("parse", "rules"):
        raise ValueError(f"unknown backend {backend!r}")
    if backend == "parse" and not parse.available():
        backend = "rules"
    look = _Lookup(gazetteer)
    results: list[ExtractionResult | None] = [None] * len(texts)
    todo: list[tuple[int, str, list[Sentence]]] = []
    for n, text in enumerate(texts):
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        status, lang = detect(text)
        if status != "ok":
            results[n] = ExtractionResult(status, lang, backend, EXTRACTOR_VERSION)
            continue
        todo.append((n, text, split_sentences(text)))
    if backend == "parse":
        analyses_list = parse.analyse_many([(t, s) for _n, t, s in todo], look)
    else:
        analyses_list = [_analyse_rules(t, s, look) for _n, t, s in todo]
    for (n, text, sents), analyses in zip(todo, analyses_list, strict=True):
        try:
            claims = _finish(text, sents, analyses, look)
        except Exception:  # noqa: BLE001 - one odd document must not lose the batch
            claims = []
        try:
            claims = disputes.refine(text, sents, claims, look)
        except Exception:  # noqa: BLE001 - the attributions stand even if the dispute pass trips
            pass
        results[n] = ExtractionResult(
            "ok", "en", backend, EXTRACTOR_VERSION, [_span(text, s.start, s.end) for s in sents], claims
        )
    return results  # type: ignore[return-value]
