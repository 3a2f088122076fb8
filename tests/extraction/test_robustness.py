"""Odd input never raises, gets a clear status, and every span slices the original text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import extract, rules


def assert_spans_slice(text, result):
    for s in result.sentences:
        assert text[s.start : s.end] == s.text
    for c in result.claims:
        for span in (c.sentence, c.content, c.cue, c.unverified_cue):
            if span is not None:
                assert text[span.start : span.end] == span.text


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", "...", "—", "12345 678"])
def test_empty_text_gets_the_empty_status(backend, text):
    result = extract(text, backend=backend)
    assert (result.status, result.claims) == ("empty", []) or (result.status == "ok" and result.claims == [])


@pytest.mark.parametrize(
    "text, language",
    [
        ("Министр обороны России заявил, что войска отошли от города.", "ru"),
        ("Міністр оборони України заявив, що війська відійшли від міста.", "uk"),
        ("Le ministre a déclaré que les troupes étaient prêtes et que la France ne participerait pas.", "fr"),
        ("Der Minister sagte, dass die Truppen bereit seien und Deutschland nicht teilnehmen werde.", "de"),
        ("قال المتحدث إن القوات انسحبت من المدينة", "ar"),
    ],
)
def test_non_english_text_gets_a_status_and_no_english_rules(backend, text, language):
    result = extract(text, backend=backend)
    assert (result.status, result.language, result.claims) == ("non_english", language, [])


@pytest.mark.parametrize(
    "text",
    [
        "🔥🔥🔥 Russia said 🚀 strikes hit Kyiv 💥, officials said.",
        "\x00\x01 said said said , , , according to according to",
        "“”“”‘’ said “ according to ” quoted by citing told told",
        "Mr. Dr. Gen. U.S. a.m. No. said.",
        "A" * 5000,
        "said",
        ", the mayor said.",
        "(AP) (Reuters) - — – said",
    ],
)
def test_odd_input_never_raises_and_spans_slice(backend, text):
    result = extract(text, backend=backend)
    assert result.status in ("ok", "empty", "non_english")
    assert_spans_slice(text, result)


def test_very_long_text_is_handled(backend):
    paragraph = (
        "Russian drones hit Kharkiv overnight, the mayor said. Reuters could not verify the account. "
        "Kremlin spokesperson Dmitry Peskov denied the report. "
    )
    text = paragraph * 400
    result = extract(text, backend=backend)
    assert result.status == "ok"
    assert len(result.claims) == 800
    assert_spans_slice(text, result)


def test_non_string_input_is_treated_as_text(backend):
    assert extract(None, backend=backend).status == "empty"  # type: ignore[arg-type]


_PIECES = list("ab ,.“”\"'’-—:;()\n\t") + [
    "said",
    " told ",
    "Mr.",
    "according to",
    "the",
    "denied",
    "Reuters",
    "Ukraine",
    " he ",
    "unable to verify",
    "Peskov",
]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=80).map("".join))
def test_generated_text_never_raises(text):
    result = extract(text, backend="rules")
    assert_spans_slice(text, result)


def test_lone_surrogates_do_not_break_the_parser(backend):
    text = "\ud800 said \udfff. The mayor said \ud800 five people died."
    result = extract(text, backend=backend)
    assert_spans_slice(text, result)


def test_a_sentence_of_thousands_of_reporting_verbs_has_no_speaker(backend):
    text = "said " * 2000
    result = extract(text, backend=backend)
    assert result.status == "ok"
    assert len(result.sentences) == 1
    assert result.claims == []


def test_each_of_hundreds_of_cues_in_one_sentence_finds_its_own_speaker():
    names = ["Anna Berg", "Boris Lind", "Carla Diaz", "Dmitri Orlov"]
    text = "Officials said " + " ".join(f"{names[i % 4]} said" for i in range(400)) + " nothing."
    analysis = rules.analyse(text, 0, len(text))
    assert [a.speaker.text for a in analysis.attributions] == ["Officials"] + [names[i % 4] for i in range(400)]


def test_a_long_content_calling_a_report_false_is_a_denial(backend):
    # the content runs past 400 characters, where the sentence's matches are found once for all its cues
    middle = "which ran on Monday and again on Tuesday and Wednesday, " * 10
    denial = extract(f"Anna Berg said the report, {middle}was false.", backend=backend)
    claim = extract(f"Anna Berg said the report, {middle}was published.", backend=backend)
    assert [(c.claimant, c.kind) for c in denial.claims] == [("Anna Berg", "denial")]
    assert [(c.claimant, c.kind) for c in claim.claims] == [("Anna Berg", "claim")]
