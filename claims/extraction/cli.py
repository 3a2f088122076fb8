"""Command line: `python -m claims.extraction.cli --jsonl IN --out OUT [--backend rules]`.

Reads documents ({"id", "text"} per line) and prints results in the shared evaluation format.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .engine import available_backends, extract_many
from .gazetteer import Gazetteer, default_sources_path


def _load_gazetteer(path: str | None) -> Gazetteer | None:
    p = Path(path) if path else default_sources_path()
    if p.exists():
        return Gazetteer.from_json(p)
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Extract attributed claims into the evaluation format.")
    ap.add_argument("--jsonl", required=True, help="input: one {'id', 'text'} object per line")
    ap.add_argument("--out", help="output file (default: standard output)")
    ap.add_argument("--backend", choices=["parse", "rules"], default=None)
    ap.add_argument("--sources", help="registry JSON (default: the project's default sources, if present)")
    args = ap.parse_args(argv)
    if args.backend and args.backend not in available_backends():
        print(f"backend {args.backend!r} is not available here; have {available_backends()}", file=sys.stderr)
        return 2
    gaz = _load_gazetteer(args.sources)
    with open(args.jsonl, encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    results = extract_many([d.get("text") or "" for d in docs], gazetteer=gaz, backend=args.backend)
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    try:
        for doc, res in zip(docs, results, strict=True):
            row = res.to_eval(str(doc.get("id")))
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
