"""Sentence splitting: abbreviations, quotes, wraps, bullets and headings, with exact offsets."""

import pytest

from claims.extraction.sentences import split_sentences


def texts(text):
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "U.S. Gen. Mark Milley met Mr. Smith at 10 a.m. The talks ended.",
            ["U.S. Gen. Mark Milley met Mr. Smith at 10 a.m.", "The talks ended."],
        ),
        ("He lives at No. 10 Downing Street. She does not.", ["He lives at No. 10 Downing Street.", "She does not."]),
        ("John F. Kennedy spoke. Acme Inc. said sales rose.", ["John F. Kennedy spoke.", "Acme Inc. said sales rose."]),
        (
            "“We support the efforts.” The fund is new.",
            ["“We support the efforts.”", "The fund is new."],
        ),
        ("“Why?” he asked. “Stop!” she shouted, then left.", ["“Why?” he asked.", "“Stop!” she shouted, then left."]),
        (
            '"It is over," he said. "Go home."',
            ['"It is over," he said.', '"Go home."'],
        ),
    ],
)
def test_newswire_sentences_split_where_a_reader_would(text, expected):
    assert texts(text) == expected


def test_hard_wrapped_lines_join_into_one_sentence():
    text = "The ministry said the\nattack had been repelled by\nair defences.\n\nA second paragraph."
    assert texts(text) == ["The ministry said the\nattack had been repelled by\nair defences.", "A second paragraph."]


def test_bullets_and_headings_stand_alone():
    text = "KEY EVENTS\n\n- Russia said it struck a depot\n- Ukraine denied it\n\nMore text follows here."
    assert texts(text) == [
        "KEY EVENTS",
        "Russia said it struck a depot",
        "Ukraine denied it",
        "More text follows here.",
    ]


def test_each_line_is_a_paragraph_when_text_has_no_blank_lines():
    text = "One sentence here. Another one.\nA new paragraph."
    paragraphs = [s.paragraph for s in split_sentences(text)]
    assert paragraphs == [0, 0, 1]


def test_offsets_slice_the_original_text_exactly():
    text = "  Leading space. “Curly quote,” he said.\r\nWindows line.\tTabbed sentence?  "
    for s in split_sentences(text):
        piece = text[s.start : s.end]
        assert piece == piece.strip()
        assert piece


def test_text_without_terminal_punctuation_is_one_sentence():
    assert texts("Breaking: strike on Kharkiv") == ["Breaking: strike on Kharkiv"]


def test_abbreviation_before_a_lower_case_word_does_not_end_the_sentence():
    text = "The paper reported, citing two U.S. officials, that the shipment was held. It was later sent."
    assert texts(text) == [
        "The paper reported, citing two U.S. officials, that the shipment was held.",
        "It was later sent.",
    ]


def test_abbreviation_before_a_capitalised_opener_ends_the_sentence():
    assert texts("Prices rose in the U.S. Officials blamed the drought.") == [
        "Prices rose in the U.S.",
        "Officials blamed the drought.",
    ]
