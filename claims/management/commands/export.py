"""Write every stored document in the shared evaluation format."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.matching.export import documents_to_eval


class Command(BaseCommand):
    help = "Export stored documents, claims, cross-document denial targets and cue flags as JSON lines."

    def add_arguments(self, parser):
        parser.add_argument("--jsonl", type=Path, required=True, help="output file, one document per line")

    def handle(self, *args, **options):
        path: Path = options["jsonl"]
        count = 0
        try:
            with path.open("w", encoding="utf-8") as out:
                for document in documents_to_eval():
                    out.write(json.dumps(document, ensure_ascii=False) + "\n")
                    count += 1
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc.strerror}") from None
        self.stdout.write(f"wrote {count} documents to {path}")
