"""Synthetic news claims for benchmarks: realistic word statistics, deterministic per seed.

Real claim text mixes a small shared vocabulary (drones, ministry, talks) with a long tail of
names, places and numbers. Templates give the first; invented proper names drawn from a Zipf-like
distribution give the second, so full-text search sees common and rare terms in proportions like
a news archive's.
"""

from __future__ import annotations

import random

CLAIMANTS = [
    ("the Russian defence ministry", "Russian defence ministry"),
    ("Ukraine's air force", "Ukrainian air force"),
    ("the Kremlin", "Kremlin"),
    ("Kremlin spokesperson Dmitry Peskov", "Kremlin"),
    ("the Israeli military", "Israel Defense Forces"),
    ("Gaza's health ministry", "Gaza health ministry"),
    ("the regional governor", ""),
    ("the mayor", ""),
    ("the White House", "White House"),
    ("the State Department", "US State Department"),
    ("the foreign ministry", ""),
    ("a senior official", ""),
    ("police", ""),
    ("the United Nations", "United Nations"),
    ("the Pentagon", "US Department of Defense"),
    ("Hamas", "Hamas"),
    ("the French presidency", "Elysee"),
    ("the Chinese foreign ministry", "Chinese foreign ministry"),
]
SUBJECTS = [
    "air defences",
    "troops",
    "drones",
    "missiles",
    "forces",
    "rescuers",
    "negotiators",
    "officials",
    "protesters",
    "investigators",
    "engineers",
    "inspectors",
    "volunteers",
    "lawmakers",
    "ministers",
]
ACTIONS = [
    "shot down {n} drones over",
    "destroyed {n} tanks near",
    "captured the village of",
    "evacuated {n} residents from",
    "struck an ammunition depot in",
    "repelled {n} attacks around",
    "restored power to",
    "opened a corridor to",
    "detained {n} suspects in",
    "found {n} bodies in",
    "discussed a ceasefire for",
    "delivered {n} tonnes of aid to",
    "closed the border crossing at",
    "launched an offensive towards",
    "withdrew from",
    "mobilised {n} reservists for",
    "signed a security deal covering",
    "agreed on prisoner exchanges involving",
    "bombed a hospital in",
    "blocked grain exports from",
]
OUTCOMES = [
    "",
    "",
    "",
    " overnight",
    " on Wednesday",
    " last week",
    " without any casualties",
    " killing {n} civilians",
    " after heavy fighting",
    " despite the ceasefire",
    " according to satellite images",
    " in a surprise move",
]
SYLLABLES = "ka ro vi len dor mi sa tel bur gan ov ko zh ny ar is ta pol ve rin mar ush ek dan lu".split()


def proper_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


class ClaimWriter:
    """Writes claim sentences; places and people come from a pool whose use follows a Zipf-like law."""

    def __init__(self, *, seed: int = 11, names: int = 50_000) -> None:
        self.rng = random.Random(seed)
        self.names = [proper_name(self.rng) for _ in range(names)]
        self.weights = [1.0 / (rank + 1) for rank in range(names)]

    def _name(self) -> str:
        # Sampling by cumulative weights is slow one at a time; a squared uniform index is a cheap
        # approximation of a long-tailed draw.
        index = int(len(self.names) * self.rng.random() ** 3)
        return self.names[index]

    def claim(self) -> tuple[str, str, str]:
        """(sentence, claimant, claimant body) of one claim."""
        rng = self.rng
        claimant, body = rng.choice(CLAIMANTS)
        n = rng.choice([2, 3, 5, 7, 12, 15, 20, 24, 31, 42, 57, 80, 120, 300, 1200])
        action = rng.choice(ACTIONS).format(n=n)
        place = self._name()
        extra = rng.choice(OUTCOMES).format(n=rng.randint(2, 60))
        subject = rng.choice(SUBJECTS)
        if rng.random() < 0.3:
            person = f"{self._name()} {self._name()}"
            content = f"{subject} led by {person} {action} {place}{extra}"
        else:
            content = f"{subject} {action} {place}{extra}"
        if rng.random() < 0.5:
            sentence = f"{content[0].upper()}{content[1:]}, {claimant} said."
        else:
            sentence = f"{claimant[0].upper()}{claimant[1:]} said {content}."
        return sentence, claimant, body
