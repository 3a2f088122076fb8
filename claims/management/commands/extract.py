"""Run the extraction engine on text without storing anything."""

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.extraction_runner import current_gazetteer
from sources.models import Source
from sources.services import sources_load_defaults


class Command(BaseCommand):
    help = "Extract claims: --jsonl IN prints the evaluation format; FILE prints a readable table."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, help="a plain-text document")
        parser.add_argument("--jsonl", type=Path, help='documents, one {"id", "text"} object per line')
        parser.add_argument("--out", type=Path, help="write JSONL here instead of standard output")
        parser.add_argument("--backend", choices=["parse", "rules"], help="default: the best one installed")

    def handle(self, *args, **options):
        from claims.extraction import extract

        if not options["jsonl"] and not options["file"]:
            raise CommandError("Give a FILE or --jsonl IN.")
        # A freshly migrated database has no sources yet: the default registry loads on first use.
        if not Source.objects.exists():
            sources_load_defaults()
        gazetteer = current_gazetteer()
        backend = options["backend"] or settings.CLAIMTRACK_EXTRACTION_BACKEND or None
        if options["jsonl"]:
            self._jsonl(options["jsonl"], options["out"], gazetteer, backend, extract)
        else:
            self._table(options["file"], gazetteer, backend, extract)

    def _read(self, path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CommandError(f"No such file: {path}") from None
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start}).") from None

    def _jsonl(self, path, out_path, gazetteer, backend, extract):
        out = out_path.open("w", encoding="utf-8") if out_path else sys.stdout
        try:
            for number, line in enumerate(self._read(path).splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    doc = json.loads(line)
                    doc_id, text = doc["id"], doc["text"]
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise CommandError(
                        f'{path} line {number}: expected a JSON object with "id" and "text" ({exc})'
                    ) from None
                result = extract(text, gazetteer=gazetteer, backend=backend)
                out.write(json.dumps(result.to_eval(str(doc_id)), ensure_ascii=False) + "\n")
        finally:
            if out_path:
                out.close()

    def _table(self, path, gazetteer, backend, extract):
        result = extract(self._read(path), gazetteer=gazetteer, backend=backend)
        self.stdout.write(f"{len(result.claims)} claims ({result.backend} backend, {result.status})")
        for c in result.claims:
            chain = " -> ".join(link.name for link in c.via) or "-"
            flags = []
            if c.kind != "claim":
                flags.append(f"{c.kind}" + (f" of {c.denies}" if c.denies else ""))
            if c.unverified:
                flags.append("unverified")
            text = (c.content or c.sentence).text.replace("\n", " ")
            self.stdout.write(
                f"{c.key:>4}  {c.claimant or '(outlet)'}"
                + (f" [{c.claimant_org}]" if c.claimant_org else "")
                + f"  via {chain}  {' '.join(flags)}\n      {text[:160]}"
            )
