"""Synthetic newswire documents for benchmarks and fault runs: varied attributions, denials and cues.

Deterministic for a given seed, so runs compare like with like.
"""

from __future__ import annotations

import random

PEOPLE = [
    ("Kremlin spokesman", "Dmitry Peskov"),
    ("Ukrainian President", "Volodymyr Zelenskiy"),
    ("regional governor", "Oleh Synehubov"),
    ("Foreign Minister", "Sergei Lavrov"),
    ("Pentagon press secretary", "Pat Ryder"),
    ("Israeli military spokesperson", "Daniel Hagari"),
    ("mayor", "Ihor Terekhov"),
    ("French President", "Emmanuel Macron"),
    ("NATO Secretary General", "Mark Rutte"),
    ("health ministry spokesman", "Ashraf al-Qidra"),
]
BODIES = [
    "Russia's defence ministry",
    "Ukraine's air force",
    "the Israeli military",
    "the White House",
    "the U.S. State Department",
    "the General Staff of Ukraine's armed forces",
    "the Gaza health ministry",
    "Britain's Ministry of Defence",
    "the International Atomic Energy Agency",
    "Human Rights Watch",
]
AGENCIES = ["Reuters", "the Associated Press", "AFP", "TASS", "Interfax", "Ukrinform", "dpa"]
PLACES = [
    "Kharkiv",
    "Odesa",
    "Belgorod",
    "Kherson",
    "Zaporizhzhia",
    "Rafah",
    "Khan Younis",
    "Donetsk",
    "Sumy",
    "Dnipro",
]
EVENTS = [
    "{n} drones were shot down overnight over {place}",
    "a missile strike on {place} killed {n} people and wounded {m} others",
    "its forces had destroyed {n} armoured vehicles near {place}",
    "{n} civilians were evacuated from {place} after shelling damaged a power station",
    "an ammunition depot near {place} was hit, setting off explosions for several hours",
    "troops had advanced {n} kilometres west of {place} in the past week",
    "{n} aid trucks had entered {place} since the start of the month",
    "a hospital in {place} had been hit twice in {m} days",
]
FILLER = [
    "The fighting has intensified in recent weeks as both sides prepare for winter.",
    "Power cuts were reported across the region on Tuesday evening.",
    "Talks on a prisoner exchange are expected to resume next month in Istanbul.",
    "The bridge had been closed to traffic since the spring.",
    "Residents queued for water at distribution points in the city centre.",
    "Prices for grain exports rose sharply after the announcement.",
]
CUES = [
    "Reuters could not independently verify the reports.",
    "The claims could not be independently confirmed.",
    "{agency} was unable to independently verify the accounts.",
]


def _event(rng: random.Random) -> str:
    return rng.choice(EVENTS).format(n=rng.randint(2, 60), m=rng.randint(2, 40), place=rng.choice(PLACES))


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _paragraph(rng: random.Random) -> str:
    title, person = rng.choice(PEOPLE)
    body = rng.choice(BODIES)
    agency = rng.choice(AGENCIES)
    style = rng.randrange(6)
    if style == 0:
        lines = [f"{_cap(body)} said on {rng.choice(['Monday', 'Tuesday', 'Friday'])} that {_event(rng)}."]
    elif style == 1:
        lines = [f"{_cap(_event(rng))}, {title} {person} told {agency}."]
    elif style == 2:
        lines = [f"{_cap(_event(rng))}, according to {body}."]
    elif style == 3:
        lines = [
            f"{_cap(body)} said {_event(rng)}.",
            f'{_cap(title)} {person} denied the claim, calling it "baseless".',
        ]
    elif style == 4:
        lines = [f"{person} said, without providing evidence, that {_event(rng)}."]
    else:
        lines = [f'"{_cap(_event(rng))}," {person} wrote on Telegram.']
    if rng.random() < 0.3:
        lines.append(rng.choice(CUES).format(agency=agency))
    lines.extend(rng.sample(FILLER, k=2))
    return " ".join(lines)


def document(rng: random.Random, *, words: int = 700) -> str:
    """One synthetic wire story of about `words` words, paragraphs separated by blank lines."""
    paragraphs, count = [], 0
    while count < words:
        paragraph = _paragraph(rng)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs)


def documents(n: int, *, seed: int = 7, words: int = 700) -> list[str]:
    """n distinct synthetic stories."""
    rng = random.Random(seed)
    return [f"Dispatch {i + 1}.\n\n" + document(rng, words=words) for i in range(n)]
