"""Fixtures for the extraction engine's tests: each behaviour is checked on every installed backend."""

from pathlib import Path

import pytest

from claims.extraction import Gazetteer, GazetteerEntry, available_backends, extract

REPO = Path(__file__).resolve().parents[2]
SHARED_EVAL = REPO.parent / "shared" / "eval"
TEXTS = Path(__file__).resolve().parent / "texts"


@pytest.fixture(params=available_backends())
def backend(request) -> str:
    return request.param


@pytest.fixture
def gazetteer() -> Gazetteer:
    return Gazetteer(
        [
            GazetteerEntry(1, "Reuters", ("Reuters news agency",), "news_agency"),
            GazetteerEntry(2, "Associated Press", ("AP", "The Associated Press"), "news_agency"),
            GazetteerEntry(3, "Agence France-Presse", ("AFP", "Agence France Presse"), "news_agency"),
            GazetteerEntry(4, "Kremlin", ("The Kremlin",), "government_body", "Russian government"),
            GazetteerEntry(5, "Russian government", ("Russian authorities",), "government_body"),
            GazetteerEntry(
                6,
                "Russian Ministry of Defence",
                ("Russian defence ministry", "Russia's defence ministry"),
                "military",
                "Russian government",
            ),
            GazetteerEntry(7, "Telegram", ("Telegram messaging app",), "platform"),
            GazetteerEntry(8, "Dmitry Peskov", ("Peskov",), "official_person", "Kremlin"),
        ]
    )


@pytest.fixture
def run(backend, gazetteer):
    """extract() on the backend under test, with the small test gazetteer."""

    def _run(text: str, **kw):
        kw.setdefault("gazetteer", gazetteer)
        return extract(text, backend=backend, **kw)

    return _run


def only(result):
    """The single claim of a result, failing clearly when there is not exactly one."""
    assert len(result.claims) == 1, [(c.claimant, c.kind, c.sentence.text) for c in result.claims]
    return result.claims[0]
