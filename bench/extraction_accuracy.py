"""Accuracy of the extraction engine on every annotated set, per backend, with the shared scorer.

Scores the shared dev set and the annotated passages in tests/extraction/texts (see the README there)
with ../shared/eval/score.py, for each installed backend, prints one row per set and figure and
writes bench/results/extraction_accuracy.json. The figures are the scorer's own: claims, denials and
denial-link F1, unverified F1, via F1, claimant accuracy and the overall mean.

    python bench/extraction_accuracy.py
"""

from __future__ import annotations

import importlib.util
import io
import json
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path
from tempfile import TemporaryDirectory

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.extraction import EXTRACTOR_VERSION, Gazetteer, available_backends, extract_many  # noqa: E402
from claims.extraction.gazetteer import default_sources_path  # noqa: E402

SHARED_EVAL = REPO.parent / "shared" / "eval"
TEXTS = REPO / "tests" / "extraction" / "texts"
SETS = {
    "dev": SHARED_EVAL / "dev.jsonl",
    "conflicts": TEXTS / "annotated_conflicts.jsonl",
    "business_courts": TEXTS / "annotated_business_courts.jsonl",
    "wire_mix": TEXTS / "annotated_wire_mix.jsonl",
    "wire_desk": TEXTS / "annotated_wire_desk.jsonl",
}
FIGURES = ("claims", "claimant", "via", "denials", "denial_links", "unverified", "overall")


def scorer():
    spec = importlib.util.spec_from_file_location("shared_eval_score", SHARED_EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def figures_of(scored: dict) -> dict:
    out = {}
    for name in FIGURES:
        value = scored[name]
        if isinstance(value, dict):
            value = value["f1"] if "f1" in value else value["acc"]
        out[name] = round(value, 4)
    return out


def main() -> None:
    if not (SHARED_EVAL / "score.py").exists():
        raise SystemExit(f"the shared scorer is not at {SHARED_EVAL}")
    score = scorer()
    gaz = Gazetteer.from_json(default_sources_path()) if default_sources_path().exists() else None
    out = {"extractor_version": EXTRACTOR_VERSION, "backends": {}}
    print(f"{'backend':8s} {'set':16s} " + " ".join(f"{f:>12s}" for f in FIGURES) + "   docs  seconds")
    with TemporaryDirectory() as tmp:
        for backend in available_backends():
            rows = {}
            for name, path in SETS.items():
                if not path.exists():
                    continue
                docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
                began = time.perf_counter()
                results = extract_many([d["text"] for d in docs], gazetteer=gaz, backend=backend)
                seconds = time.perf_counter() - began
                pred = Path(tmp) / f"{backend}-{name}.jsonl"
                pred.write_text(
                    "\n".join(json.dumps(r.to_eval(d["id"])) for d, r in zip(docs, results, strict=True)),
                    encoding="utf-8",
                )
                buffer = io.StringIO()
                with redirect_stdout(buffer):
                    score.main([str(path), str(pred), "--json"])
                row = figures_of(json.loads(buffer.getvalue())) | {"documents": len(docs)}
                rows[name] = row
                print(
                    f"{backend:8s} {name:16s} "
                    + " ".join(f"{row[f]:12.3f}" for f in FIGURES)
                    + f" {len(docs):6d} {seconds:8.2f}"
                )
            out["backends"][backend] = rows
    dest = REPO / "bench" / "results" / "extraction_accuracy.json"
    dest.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {dest.relative_to(REPO)}")


if __name__ == "__main__":
    main()
