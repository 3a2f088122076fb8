"""Sentence splitting for newswire English, with offsets into the original text.

Handles titles and abbreviations (Gen., Mr., U.S., a.m., No. 10), quotes that close a sentence or
run on into it, curly quotes, hard-wrapped lines, bullet lines and headings. Each sentence also
carries the index of its paragraph, which the unverified-cue scope uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a full stop never ends a sentence (a name or number follows).
_TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "cpl",
    "pvt",
    "adm",
    "cmdr",
    "brig",
    "sen",
    "rep",
    "gov",
    "prof",
    "rev",
    "hon",
    "st",
    "mt",
    "ft",
    "messrs",
    "insp",
    "supt",
    "det",
    "gens",
    "pres",
    "amb",
    "atty",
    "cllr",
    "fr",
    "sr",
    "jr",
}
# Abbreviations that may end a sentence; they do only when a usual sentence opener follows.
_SOFT = {
    "inc",
    "corp",
    "co",
    "ltd",
    "plc",
    "llc",
    "bros",
    "etc",
    "vs",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "approx",
    "dept",
    "univ",
    "est",
    "no",
    "nos",
    "vol",
    "fig",
    "ave",
    "blvd",
    "rd",
}
_OPENERS = {
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "its",
    "their",
    "our",
    "but",
    "and",
    "in",
    "on",
    "at",
    "as",
    "after",
    "before",
    "this",
    "that",
    "these",
    "those",
    "there",
    "some",
    "many",
    "most",
    "meanwhile",
    "however",
    "earlier",
    "later",
    "separately",
    "officials",
    "police",
    "reuters",
    "when",
    "while",
    "if",
    "since",
    "according",
    "asked",
    "speaking",
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "still",
    "yet",
    "so",
    "what",
    "who",
    "why",
    "how",
    "where",
    "both",
    "all",
    "each",
    "other",
    "among",
    "also",
}

# A candidate boundary: terminal punctuation, closing quotes/brackets, then whitespace.
_BOUNDARY = re.compile(r"([.!?…]+)([\"”’'\)\]]*)(\s+)")
_WORD_BEFORE = re.compile(r"([\w.’'\-]+)$")
_NEXT_WORD = re.compile(r"[\"“‘'(\[]*([\w’'\-]+)")
_BULLET = re.compile(r"^\s*(?:[-*•·▪‣◦–—]|\d{1,2}[.)])\s+")
_TERMINAL = re.compile(r"[.!?…:;\"”’)\]]\s*$")


@dataclass(frozen=True)
class Sentence:
    """A sentence's offsets in the original text and the paragraph it belongs to."""

    start: int
    end: int
    paragraph: int


def _is_heading(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 12 or _TERMINAL.search(line):
        return False
    caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return line.isupper() or caps >= max(1, len(words) * 0.6) or len(words) <= 6


def _blocks(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) for each run of text that sentences never cross."""
    blank_lines = bool(re.search(r"\n[ \t]*\n", text))
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    blocks: list[tuple[int, int, int]] = []
    para = -1
    cur: list[int] | None = None
    prev_blank = True
    cur_kind = "text"
    for i, (a, b) in enumerate(lines):
        line = text[a:b]
        stripped = line.strip()
        if not stripped:
            if cur:
                blocks.append((cur[0], cur[1], para))
                cur = None
            prev_blank = True
            continue
        nxt = ""
        for a2, b2 in lines[i + 1 :]:
            if text[a2:b2].strip():
                nxt = text[a2:b2].strip()
                break
        bullet = bool(_BULLET.match(line))
        heading = _is_heading(stripped) and (not nxt or not nxt[:1].islower())
        # Without blank lines in the text, each line is a paragraph; with them, single newlines
        # are hard wraps unless the line is a bullet or a heading.
        new_para = prev_blank or not blank_lines or bullet or heading
        if cur and (not blank_lines or bullet or heading or cur_kind != "text"):
            blocks.append((cur[0], cur[1], para))
            cur = None
        if cur is None:
            if new_para or not blocks:
                para += 1
            start = a + (len(line) - len(line.lstrip()))
            if bullet:
                start = a + _BULLET.match(line).end()
            cur = [start, a + len(line.rstrip())]
            cur_kind = "bullet" if bullet else ("heading" if heading else "text")
        else:
            cur[1] = a + len(line.rstrip())
        prev_blank = False
    if cur:
        blocks.append((cur[0], cur[1], para))
    return blocks


def _ends_sentence(text: str, block_start: int, dot_at: int, punct: str, closing: str, nxt: str) -> bool:
    if not nxt:
        return True
    first = nxt[:1]
    if punct in ("?", "!") or len(punct) > 1:
        # "Why?" he asked. / "We will win!" she said: a lower-case word continues the sentence.
        return not first.islower()
    if closing and first.islower():
        return False
    m = _WORD_BEFORE.search(text, max(block_start, dot_at - 40), dot_at)
    word = m.group(1) if m else ""
    low = word.lower().rstrip(".")
    if not closing:
        if low in _TITLES:
            return False
        if len(word) == 1 and word.isalpha() and word.isupper():
            return False  # an initial: "John F. Kennedy"
        if low in ("no", "nos") and first.isdigit():
            return False
        if "." in word or low in _SOFT:
            # "U.S.", "a.m.", "Inc.": a boundary only before a usual sentence opener, capitalised
            # as one ("two U.S. officials" goes on; "in the U.S. Officials said" starts anew).
            bare = nxt.strip("\"“‘'(")
            return bare[:1].isupper() and bare.lower() in _OPENERS
    return first.isupper() or first.isdigit() or first in "\"“‘'([" or not first.isalpha()


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` as offsets; whitespace around them is left out."""
    out: list[Sentence] = []
    for b_start, b_end, para in _blocks(text):
        start = b_start
        for m in _BOUNDARY.finditer(text, b_start, b_end):
            punct, closing = m.group(1), m.group(2)
            end = m.end(2)
            nm = _NEXT_WORD.match(text, m.end(), b_end)
            nxt = nm.group(0) if nm else ""
            if _ends_sentence(text, b_start, m.start(1), punct, closing, nxt):
                if text[start:end].strip():
                    out.append(Sentence(start, end, para))
                start = m.end()
        if start < b_end and text[start:b_end].strip():
            s = start + (len(text[start:b_end]) - len(text[start:b_end].lstrip()))
            out.append(Sentence(s, b_end, para))
    return out
