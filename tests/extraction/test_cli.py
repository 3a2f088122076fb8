"""The command line prints the evaluation format for a JSONL file of documents."""

import json

import pytest

from claims.extraction.cli import main


def test_cli_writes_one_eval_line_per_document(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "Russia said it took a village, according to AFP."})
        + "\n"
        + json.dumps({"id": "b", "text": "Министр заявил, что войска отошли."})
        + "\n"
    )
    out = tmp_path / "out.jsonl"
    assert main(["--jsonl", str(src), "--out", str(out), "--backend", "rules"]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["claims"][0]["claimant"] == "Russia"
    assert rows[0]["claims"][0]["via"] == ["AFP"]
    assert (rows[1]["status"], rows[1]["claims"]) == ("non_english", [])


def test_cli_refuses_an_unknown_backend(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("")
    with pytest.raises(SystemExit):
        main(["--jsonl", str(src), "--backend", "magic"])
