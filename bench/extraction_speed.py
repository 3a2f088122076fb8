"""Speed of the extraction engine: words per second of extract() per backend, and peak memory.

Builds a corpus of at least 100,000 words of newswire-style text from the annotated passages in
tests/extraction/texts (plus the shared dev set when it sits beside the repository) by recombining
their paragraphs with varied names and numbers, then times extract() document by document in one
process, several runs per backend, and reports the median. Prints the figures and writes
bench/results/extraction_speed.json. With --corpus newsgen it times the project's synthetic wire
stories instead (bench/newsgen.py) and writes bench/results/extraction_speed_newsgen.json.

Figures are given per wall-clock second and per CPU second of the process: on a shared machine the
second is the engine's own cost.

    python bench/extraction_speed.py [--words 120000] [--runs 3] [--corpus annotated|newsgen]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.extraction import EXTRACTOR_VERSION, Gazetteer, available_backends, extract, extract_many  # noqa: E402
from claims.extraction.gazetteer import default_sources_path  # noqa: E402

SOURCES = [REPO / "tests" / "extraction" / "texts" / "newswire.jsonl", REPO.parent / "shared" / "eval" / "dev.jsonl"]
NAMES = ["Olena Kovalenko", "Mark Jensen", "Aisha Rahman", "Pierre Dubois", "Liu Wei", "Maria Santos"]
OUTLETS = ["Reuters", "AP", "AFP", "the BBC", "Al Jazeera", "CNN"]


def corpus(min_words: int, seed: int = 7) -> list[str]:
    """Documents of 300-900 words, recombined from annotated paragraphs, totalling min_words or more."""
    paragraphs = []
    for path in SOURCES:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    paragraphs.extend(p for p in json.loads(line)["text"].split("\n") if p.strip())
    rng = random.Random(seed)
    docs, total = [], 0
    while total < min_words:
        target = rng.randint(300, 900)
        parts, words = [], 0
        while words < target:
            p = rng.choice(paragraphs)
            p = p.replace("Reuters", rng.choice(OUTLETS)).replace("Terekhov", rng.choice(NAMES).split()[-1])
            p = p.replace("five", str(rng.randint(2, 40)))
            parts.append(p)
            words += len(p.split())
        doc = "\n\n".join(parts)
        docs.append(doc)
        total += words
    return docs


def corpus_newsgen(min_words: int) -> list[str]:
    """The project's synthetic wire stories (bench/newsgen.py): about half their sentences are narrative."""
    from bench import newsgen

    docs: list[str] = []
    n = 50
    while sum(len(d.split()) for d in docs) < min_words:
        docs = newsgen.documents(n, seed=7, words=700)
        n *= 2
    return docs


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_backend(docs: list[str], backend: str, gaz, runs: int, batched: bool) -> tuple[list[float], list[float]]:
    """Words per wall-clock second and per CPU second of this process, one figure per run.

    The CPU figure is reported beside the wall-clock one because the machine may be shared: it is
    what the engine itself costs, whatever else is running.
    """
    words = sum(len(d.split()) for d in docs)
    wall, cpu = [], []
    for _ in range(runs):
        start, cstart = time.perf_counter(), time.process_time()
        if batched:
            extract_many(docs, gazetteer=gaz, backend=backend)
        else:
            for d in docs:
                extract(d, gazetteer=gaz, backend=backend)
        wall.append(words / (time.perf_counter() - start))
        cpu.append(words / max(time.process_time() - cstart, 1e-9))
    return wall, cpu


def many_cues() -> dict[str, dict[str, float]]:
    """CPU seconds of extract() (rules) on one sentence of n reporting verbs, n doubling: the time
    should double with n, not quadruple."""
    names = ["Anna Berg", "Boris Lind", "Carla Diaz", "Dmitri Orlov"]
    shapes = {
        "said * n": lambda n: "said " * n,
        "n named speakers": lambda n: "Officials said " + " ".join(f"{names[i % 4]} said" for i in range(n)) + ".",
    }
    out: dict[str, dict[str, float]] = {}
    for label, make in shapes.items():
        out[label] = {}
        for n in (1000, 2000, 4000):
            text = make(n)
            start = time.process_time()
            extract(text, backend="rules")
            out[label][str(n)] = round(time.process_time() - start, 3)
        secs = list(out[label].values())
        print(
            f"one sentence, {label:16s}: "
            + ", ".join(f"n={n} {t:.3f} CPU-s" for n, t in out[label].items())
            + f"; x{secs[-1] / max(secs[0], 1e-9):.1f} for 4x n"
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=120_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument(
        "--corpus",
        choices=["annotated", "newsgen"],
        default="annotated",
        help="annotated: recombined annotated passages (dense in attributions); newsgen: synthetic wire stories",
    )
    args = ap.parse_args()

    docs = corpus(args.words) if args.corpus == "annotated" else corpus_newsgen(args.words)
    words = sum(len(d.split()) for d in docs)
    gaz = Gazetteer.from_json(default_sources_path()) if default_sources_path().exists() else None
    out = {
        "extractor_version": EXTRACTOR_VERSION,
        "corpus": args.corpus,
        "python": platform.python_version(),
        "documents": len(docs),
        "words": words,
        "runs": args.runs,
        "gazetteer_entries": len(gaz) if gaz else 0,
        "backends": {},
    }
    print(f"corpus ({args.corpus}): {len(docs)} documents, {words} words; {args.runs} runs per backend")
    for backend in available_backends():
        # warm-up: loads the spaCy pipeline once, outside the timings
        extract(docs[0], gazetteer=gaz, backend=backend)
        per_doc, per_doc_cpu = time_backend(docs, backend, gaz, args.runs, batched=False)
        batched, batched_cpu = time_backend(docs, backend, gaz, args.runs, batched=True)
        out["backends"][backend] = {
            "words_per_s_extract_median": round(statistics.median(per_doc)),
            "words_per_s_extract_runs": [round(r) for r in per_doc],
            "words_per_cpu_s_extract_median": round(statistics.median(per_doc_cpu)),
            "words_per_s_extract_many_median": round(statistics.median(batched)),
            "words_per_cpu_s_extract_many_median": round(statistics.median(batched_cpu)),
            "peak_rss_mb_after": round(peak_rss_mb(), 1),
        }
        print(
            f"{backend:6s} extract(): {statistics.median(per_doc):9,.0f} words/s wall, "
            f"{statistics.median(per_doc_cpu):9,.0f} words/CPU-s (medians of {args.runs});  extract_many(): "
            f"{statistics.median(batched):9,.0f} wall, {statistics.median(batched_cpu):9,.0f} CPU;  "
            f"peak RSS so far {peak_rss_mb():.0f} MB"
        )
    out["many_cues_in_one_sentence_cpu_s"] = many_cues()
    out["load_average_1min"] = round(os.getloadavg()[0], 2)
    out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    print(f"peak RSS: {out['peak_rss_mb']} MB; load average while running: {out['load_average_1min']}")
    name = "extraction_speed.json" if args.corpus == "annotated" else f"extraction_speed_{args.corpus}.json"
    dest = REPO / "bench" / "results" / name
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {dest.relative_to(REPO)}")


if __name__ == "__main__":
    main()
