"""Enqueue failed documents for extraction again."""

from django.core.management.base import BaseCommand

from claims.services import documents_retry_failed


class Command(BaseCommand):
    help = "Re-run extraction on documents whose processing failed."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, help="at most this many documents")

    def handle(self, *args, **options):
        ids = documents_retry_failed(limit=options["limit"])
        self.stdout.write(f"{len(ids)} failed documents enqueued again")
