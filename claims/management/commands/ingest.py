"""Store documents from files or a JSONL file; extraction runs through the task queue."""

import json
from datetime import UTC
from pathlib import Path

from dateutil.parser import isoparse
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from claims.models import Document
from claims.services import document_create
from sources.models import Source


class Command(BaseCommand):
    help = (
        'Ingest plain-text FILEs, or --jsonl IN with {"id", "text", "title", "url", "outlet", "published_at"} per line.'
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path)
        parser.add_argument("--jsonl", type=Path)
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        records = list(self._records(options))
        if not records:
            raise CommandError("Nothing to ingest: give FILEs or --jsonl IN.")
        summary = {"created": 0, "existing": 0, "rejected": 0}
        for where, record in tqdm(records, disable=options["no_progress"], unit="doc"):
            try:
                result = document_create(channel=Document.Channel.CLI, **self._fields(record))
            except ValidationError as exc:
                summary["rejected"] += 1
                self.stderr.write(f"{where}: rejected: {'; '.join(exc.messages)}")
                continue
            summary["created" if result.created else "existing"] += 1
        self.stdout.write(
            f"{len(records)} documents: {summary['created']} stored, {summary['existing']} already there, "
            f"{summary['rejected']} rejected"
        )

    def _records(self, options):
        for path in options["files"]:
            yield str(path), {"text": self._read(path), "title": path.stem}
        if options["jsonl"]:
            for number, line in enumerate(self._read(options["jsonl"]).splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise CommandError(f"{options['jsonl']} line {number}: not JSON ({exc})") from None
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    raise CommandError(f'{options["jsonl"]} line {number}: expected an object with a "text" string')
                yield f"{options['jsonl']}:{number}", record

    def _read(self, path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CommandError(f"No such file: {path}") from None
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start}).") from None

    def _fields(self, record: dict) -> dict:
        outlet = None
        if record.get("outlet"):
            outlet = Source.objects.named(record["outlet"]).first()
        published_at = None
        if record.get("published_at") or record.get("published"):
            try:
                published_at = isoparse(str(record.get("published_at") or record.get("published")))
            except ValueError:
                raise ValidationError({"published_at": "not an ISO 8601 date"}) from None
            if timezone.is_naive(published_at):
                published_at = timezone.make_aware(published_at, UTC)
        return {
            "text": record["text"],
            "title": record.get("title") or "",
            "url": record.get("url") or "",
            "outlet": outlet,
            "published_at": published_at,
            "external_id": str(record["id"]) if record.get("id") is not None else None,
        }
