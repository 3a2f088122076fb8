"""Properties of the extraction engine that hold for any text: it never raises, and every span it
returns slices the original text to exactly the text it names.

Texts are drawn three ways: arbitrary Unicode (including lone surrogates, control characters and
combining marks), newswire-like sentences cut and glued with Unicode noise (so the attribution,
denial and cue rules actually fire on odd input), and long documents up to the size limit.
"""

from __future__ import annotations

import random

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from bench.newsgen import document as synthetic_document
from claims.extraction import ExtractionResult, Gazetteer, GazetteerEntry, Span, extract

BACKENDS = ["rules", "parse"]
KINDS = {"claim", "denial", "counter_claim"}
STATUSES = {"ok", "empty", "non_english"}

GAZETTEER = Gazetteer(
    [
        GazetteerEntry(1, "Reuters", ("Thomson Reuters",), "news_agency"),
        GazetteerEntry(2, "Ministry of Defence of the Russian Federation", ("Russia's defence ministry",), "military"),
        GazetteerEntry(3, "Dmitry Peskov", ("Peskov",), "official_person", "Kremlin", "RU"),
        GazetteerEntry(4, "Telegram", (), "platform"),
        GazetteerEntry(5, "Israel Defense Forces", ("the Israeli military", "IDF"), "military"),
    ]
)

# Newswire fragments that make the rules fire: reporting verbs, chains, denials, cues, quotes,
# abbreviations, bullets and headings.
FRAGMENTS = [
    "Kremlin spokesman Dmitry Peskov told reporters that Moscow remained open to talks.",
    "Russia's defence ministry said its forces had shot down 22 drones, according to TASS.",
    "Ukraine denied the claim, calling it “propaganda”.",
    'The mayor said 3 people were killed, the governor wrote on Telegram. "We will rebuild," he said.',
    "Reuters could not independently verify the reports.",
    "The Israeli military said, without providing evidence, that the hospital was used as a base.",
    "Hamas rejected the Israeli account.",
    "According to a statement from the U.S. State Department, Gen. Smith arrived at 5 a.m. on No. 10.",
    "France has denied Russia's claim of a discussion on potential Ukraine talks, according to AFP.",
    "- Officials said the strike hit a depot.\n- Witnesses said they heard two blasts.",
    "BREAKING NEWS\n\n",
    "“Why?” he asked. “Because they lied,” she said.",
    "He said. She said. They said.",
    "said said according to denied",
    "(Reporting by Olena Harmash; Editing by Mark Heinrich)",
]
NOISE = st.text(
    alphabet=st.characters(codec=None, blacklist_categories=()),  # every code point, surrogates included
    max_size=40,
)
SEPARATORS = st.sampled_from(["", " ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u2028", "\u200b", " . ", "… ", '" '])


@st.composite
def newswire_like(draw) -> str:
    """Fragments of wire copy, sometimes cut mid-word, glued with separators and Unicode noise."""
    parts = []
    for _ in range(draw(st.integers(min_value=1, max_value=12))):
        choice = draw(st.integers(min_value=0, max_value=3))
        if choice == 0:
            parts.append(draw(NOISE))
        else:
            fragment = draw(st.sampled_from(FRAGMENTS))
            if choice == 1:
                a = draw(st.integers(min_value=0, max_value=len(fragment)))
                b = draw(st.integers(min_value=a, max_value=len(fragment)))
                fragment = fragment[a:b]
            parts.append(fragment)
        parts.append(draw(SEPARATORS))
    return "".join(parts)


any_text = st.one_of(
    st.text(alphabet=st.characters(codec=None, blacklist_categories=()), max_size=400),
    st.text(max_size=400),
    newswire_like(),
)

# No example database on disk: a failing example is printed in full, and runs leave no files behind.
PROPERTY_SETTINGS = hsettings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def assert_span_slices(text: str, span: Span | None, what: str) -> None:
    if span is None:
        return
    assert 0 <= span.start <= span.end <= len(text), f"{what} offsets {span.start}:{span.end} outside the text"
    assert text[span.start : span.end] == span.text, f"{what} offsets do not slice to its text"


def assert_well_formed(text: str, result: ExtractionResult, backend: str) -> None:
    assert isinstance(result, ExtractionResult)
    assert result.status in STATUSES
    assert result.backend == backend
    if result.status != "ok":
        assert result.claims == []
    previous_end = 0
    for sentence in result.sentences:
        assert_span_slices(text, sentence, "sentence")
        assert sentence.start >= previous_end, "sentences overlap or are out of order"
        assert sentence.text.strip(), "an empty sentence"
        previous_end = sentence.end
    sentences = {(s.start, s.end) for s in result.sentences}
    keys = [c.key for c in result.claims]
    assert len(keys) == len(set(keys)), "claim keys repeat"
    for claim in result.claims:
        assert_span_slices(text, claim.sentence, f"claim {claim.key} sentence")
        assert (claim.sentence.start, claim.sentence.end) in sentences, "a claim names a sentence the result lacks"
        assert_span_slices(text, claim.content, f"claim {claim.key} content")
        assert_span_slices(text, claim.cue, f"claim {claim.key} reporting cue")
        assert_span_slices(text, claim.unverified_cue, f"claim {claim.key} unverified cue")
        assert claim.unverified == (claim.unverified_cue is not None)
        assert claim.kind in KINDS
        assert 0.0 <= claim.confidence <= 1.0
        assert claim.denies is None or (claim.denies in keys and claim.denies != claim.key)
        for link in claim.via:
            assert link.name is not None and link.role


@pytest.mark.parametrize("backend", BACKENDS)
@PROPERTY_SETTINGS
@given(text=any_text)
def test_any_text_is_extracted_without_raising_and_every_span_slices_the_text(backend, text):
    result = extract(text, gazetteer=GAZETTEER, backend=backend)
    assert_well_formed(text, result, backend)


@pytest.mark.parametrize("backend", BACKENDS)
@PROPERTY_SETTINGS
@given(text=newswire_like())
def test_extracting_the_same_text_twice_gives_the_same_claims(backend, text):
    first = extract(text, gazetteer=GAZETTEER, backend=backend)
    second = extract(text, gazetteer=GAZETTEER, backend=backend)
    assert [c.to_eval() for c in first.claims] == [c.to_eval() for c in second.claims]


@pytest.mark.parametrize("backend", BACKENDS)
@hsettings(
    max_examples=2,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), noise=newswire_like())
def test_a_document_at_the_size_limit_is_extracted_and_every_span_slices_the_text(backend, seed, noise):
    limit = settings.CLAIMTRACK_MAX_DOCUMENT_CHARS
    story = synthetic_document(random.Random(seed), words=limit // 5)
    # Noise in the middle and at the very end, then cut to exactly the limit (mid-word, mid-sentence).
    middle = len(story) // 2
    text = (story[:middle] + noise + story[middle:])[: limit - len(noise)] + noise
    text = text[:limit]
    assert len(text) <= limit
    result = extract(text, gazetteer=GAZETTEER, backend=backend)
    assert_well_formed(text, result, backend)
    assert result.status == "ok" and result.claims, "a long English story yields claims"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t ",
        "\x00\x00\x00",
        "\ud800 said \udfff",
        "The governor said\x00 3 people were killed.",
        "." * 5000,
        '"' * 3000 + " said " + "”" * 3000,
        "said " * 400,
        "\n" * 5000 + "The mayor said 2 people died.",
        "Mr. " * 2000,
        "U.S." * 3000,
        "a" * 100_000,
        "e\u0301" * 20_000 + " the governor said it was false.",
    ],
    ids=lambda t: repr(t[:16]),
)
def test_pathological_texts_are_extracted_without_raising(backend, text):
    result = extract(text, gazetteer=GAZETTEER, backend=backend)
    assert_well_formed(text, result, backend)
