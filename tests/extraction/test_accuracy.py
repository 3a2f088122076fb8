"""Accuracy on annotated text, scored with the shared scorer's own logic so it cannot drift."""

import importlib.util
import io
import json
from contextlib import redirect_stdout

import pytest

from claims.extraction import Gazetteer, available_backends, extract_many
from claims.extraction.gazetteer import default_sources_path

from .conftest import SHARED_EVAL, TEXTS


def _scorer():
    path = SHARED_EVAL / "score.py"
    if not path.exists():
        pytest.skip(f"the shared evaluation folder is not here ({SHARED_EVAL}); nothing to score against")
    spec = importlib.util.spec_from_file_location("shared_eval_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(gold_path, backend, tmp_path) -> dict:
    score = _scorer()
    docs = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    gaz = Gazetteer.from_json(default_sources_path()) if default_sources_path().exists() else None
    results = extract_many([d["text"] for d in docs], gazetteer=gaz, backend=backend)
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(json.dumps(r.to_eval(d["id"])) for d, r in zip(docs, results, strict=True)))
    out = io.StringIO()
    with redirect_stdout(out):
        score.main([str(gold_path), str(pred), "--json"])
    return json.loads(out.getvalue())


@pytest.mark.parametrize("backend", available_backends())
def test_dev_set_scores_at_least_0_90_overall(backend, tmp_path):
    figures = _score(SHARED_EVAL / "dev.jsonl", backend, tmp_path)
    assert figures["missing_predictions"] == 0
    assert figures["overall"] >= 0.90, figures


@pytest.mark.parametrize("backend", available_backends())
def test_own_newswire_texts_score_at_least_0_85_overall(backend, tmp_path):
    _scorer()
    figures = _score(TEXTS / "newswire.jsonl", backend, tmp_path)
    assert figures["overall"] >= 0.85, figures
    assert figures["claims"]["f1"] >= 0.90, figures


# Floors a little under the figures measured when the sets were added (bench/extraction_accuracy.py
# prints the current ones): a change that costs more than that on any set fails here.
ANNOTATED_FLOORS = {
    "annotated_conflicts.jsonl": {"parse": 0.72, "rules": 0.69},
    "annotated_business_courts.jsonl": {"parse": 0.78, "rules": 0.76},
    "annotated_wire_mix.jsonl": {"parse": 0.74, "rules": 0.71},
    "annotated_wire_desk.jsonl": {"parse": 0.65, "rules": 0.64},
}


@pytest.mark.parametrize("name", sorted(ANNOTATED_FLOORS))
@pytest.mark.parametrize("backend", available_backends())
def test_independently_annotated_sets_stay_above_their_floors(name, backend, tmp_path):
    figures = _score(TEXTS / name, backend, tmp_path)
    assert figures["missing_predictions"] == 0
    assert figures["overall"] >= ANNOTATED_FLOORS[name][backend], figures
    assert figures["claims"]["f1"] >= 0.88, figures
