"""A cheap language check: English text goes through the rules, anything else gets a status."""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NON_LATIN = re.compile(r"[^\W\d_\u0000-\u024f]", re.UNICODE)
_EN = set(
    "the of and to in a is that for on was with he it as at by said his from are be has have had "
    "were not but an they their which who this its after been would will also than more about "
    "over into said told she her we our there or if no".split()
)
_STOPWORDS = {
    "fr": set("le la les des du de et est une un pour dans que qui pas sur au aux avec il elle ont été".split()),
    "de": set("der die das und ist nicht den dem des ein eine zu mit auf für von sich auch wurde sind".split()),
    "es": set("el la los las de y que en un una por con para del se es no al lo como más fue".split()),
    "it": set("il lo la gli le di e che un una per con non del della sono è nel alla anche".split()),
    "pt": set("o a os as de e que em um uma para com não do da no na se por mais foi".split()),
    "nl": set("de het een en van in is dat op te zijn met voor niet aan er ook".split()),
    "pl": set("i w na z że się nie do to jest o jak po od za".split()),
    "tr": set("ve bir bu da de ile için olarak çok daha ama".split()),
}
_SCRIPTS = (
    ("uk", re.compile(r"[іїєґІЇЄҐ]")),
    ("ru", re.compile(r"[\u0400-\u04FF]")),
    ("ar", re.compile(r"[\u0600-\u06FF]")),
    ("he", re.compile(r"[\u0590-\u05FF]")),
    ("zh", re.compile(r"[\u4E00-\u9FFF]")),
    ("ja", re.compile(r"[\u3040-\u30FF]")),
    ("ko", re.compile(r"[\uAC00-\uD7AF]")),
    ("el", re.compile(r"[\u0370-\u03FF]")),
    ("hi", re.compile(r"[\u0900-\u097F]")),
    ("th", re.compile(r"[\u0E00-\u0E7F]")),
)


def detect(text: str) -> tuple[str, str]:
    """(status, language): ("empty", "und"), ("non_english", guess) or ("ok", "en")."""
    sample = text[:5000]
    words = _WORD.findall(sample)
    if not words:
        return "empty", "und"
    letters = sum(map(len, words))
    non_latin = len(_NON_LATIN.findall(sample))
    if non_latin > letters * 0.4:
        for code, rx in _SCRIPTS:
            if rx.search(sample):
                return "non_english", code
        return "non_english", "und"
    if len(words) < 4:
        return "ok", "en"  # too short to tell; English rules are harmless on a headline
    # each distinct word is looked up once per list, however often the text uses it
    counts = Counter(map(str.lower, words))
    en = sum(c for w, c in counts.items() if w in _EN) / len(words)
    best, best_share = "und", 0.0
    for code, stop in _STOPWORDS.items():
        share = sum(c for w, c in counts.items() if w in stop) / len(words)
        if share > best_share:
            best, best_share = code, share
    if en >= 0.06 and en >= best_share * 0.8:
        return "ok", "en"
    if best_share >= 0.08:
        return "non_english", best
    return ("ok", "en") if en >= 0.03 else ("non_english", "und")
