"""The public interface others code against: names, backends, the evaluation format."""

import json

import claims.extraction as ex
from claims.extraction import EXTRACTOR_VERSION, available_backends, extract, extract_many


def test_public_names_are_exported():
    for name in (
        "extract",
        "Gazetteer",
        "GazetteerEntry",
        "ExtractionResult",
        "ExtractedClaim",
        "Span",
        "ChainLink",
        "EXTRACTOR_VERSION",
        "available_backends",
    ):
        assert hasattr(ex, name), name


def test_rules_backend_is_always_available_and_parse_is_the_default_when_installed():
    backends = available_backends()
    assert backends[-1] == "rules"
    assert extract("Russia said it took a village.").backend == backends[0]


def test_extract_many_matches_extract_one_by_one(backend):
    texts = ["Russia said it took a village.", "", "The ministry denied the report, according to AFP."]
    many = extract_many(texts, backend=backend)
    for text, result in zip(texts, many, strict=True):
        single = extract(text, backend=backend)
        assert [c.to_eval() for c in result.claims] == [c.to_eval() for c in single.claims]
        assert result.status == single.status


def test_to_eval_prints_the_shared_format(run):
    result = run(
        "Kremlin spokesperson Dmitry Peskov, quoted by Russian news agencies, said the claim was untrue, "
        "says Reuters. Reuters could not verify the claim."
    )
    row = result.to_eval("doc-1")
    json.dumps(row)
    assert row["id"] == "doc-1"
    assert row["version"] == EXTRACTOR_VERSION
    claim = row["claims"][0]
    for key in (
        "id",
        "sentence",
        "start",
        "end",
        "claimant",
        "claimant_org",
        "via",
        "kind",
        "denies",
        "unverified",
        "cue",
    ):
        assert key in claim
    assert claim["via"] == ["Russian news agencies", "Reuters"]
    assert claim["cue"] == "Reuters could not verify the claim"
    assert claim["unverified"] is True


def test_unknown_backend_is_refused():
    try:
        extract("Russia said so.", backend="magic")
    except ValueError as e:
        assert "magic" in str(e)
    else:
        raise AssertionError("an unknown backend must be refused")


def test_without_the_model_the_rules_backend_serves_every_request(monkeypatch):
    from claims.extraction import parse

    monkeypatch.setattr(parse, "_available", False)
    assert available_backends() == ["rules"]
    result = extract("Russia said it took a village.")
    assert result.backend == "rules"
    assert extract("Russia said it took a village.", backend="parse").backend == "rules"
    assert result.claims[0].claimant == "Russia"
