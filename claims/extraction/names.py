"""Folding of names so that journalists' spellings of one source compare equal."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_POSSESSIVE = re.compile(r"'s\b|(?<=s)'(?=\s|$)")
_LEADING_THE = re.compile(r"^the\s+")
_NON_WORD = re.compile(r"[^\w]+")


def fold_name(name: str) -> str:
    """Case, accents, possessives, punctuation and a leading 'the' folded away.

    "The Associated Press" and "associated press" fold alike; "Russia's defence
    ministry" folds to "russia defence ministry"; "Sébastien Lecornu" to
    "sebastien lecornu".
    """
    s = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = _POSSESSIVE.sub("", s)
    s = _NON_WORD.sub(" ", s).strip()
    return _LEADING_THE.sub("", s)
