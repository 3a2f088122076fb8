"""Shared by the build scripts: expand each annotation's sentence substring and print the gold format."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))


def sentence_of(sents: list[str], doc_id: str, sub: str) -> str:
    hits = [s for s in sents if sub in s]
    assert len(hits) == 1, (doc_id, sub, hits)
    return hits[0]


def print_documents(docs: list[dict]) -> None:
    """Print each document as one line of the shared evaluation format."""
    from claims.extraction.sentences import split_sentences

    for doc in docs:
        text = "\n".join(doc["lines"])
        sents = [text[s.start : s.end] for s in split_sentences(text)]

        ids = {}
        claims = []
        for n, (sub, claimant, org, via, kind, denies, cue) in enumerate(doc["claims"], 1):
            key = f"c{n}"
            ids.setdefault(sub, key)
            claims.append(
                {
                    "id": key,
                    "sentence": sentence_of(sents, doc["id"], sub),
                    "claimant": claimant,
                    "claimant_org": org,
                    "via": via,
                    "kind": kind,
                    "denies": denies,
                    "unverified": cue is not None,
                    "cue": cue,
                }
            )
        for c in claims:
            if c["denies"]:
                c["denies"] = ids[c["denies"]]
        print(json.dumps({"id": doc["id"], "text": text, "claims": claims}, ensure_ascii=False))
