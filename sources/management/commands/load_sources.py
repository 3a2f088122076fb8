"""Load the default source registry (safe to run again: existing sources are left as they are)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from sources.services import DEFAULT_SOURCES_PATH, sources_load_defaults


class Command(BaseCommand):
    help = "Load the default registry of sources and their aliases."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEFAULT_SOURCES_PATH, help="JSON registry to load")

    def handle(self, *args, **options):
        counts = sources_load_defaults(path=options["file"])
        self.stdout.write(
            f"sources: {counts['sources_created']} created, {counts['sources_total']} in the registry; "
            f"aliases added: {counts['aliases_added']}"
        )
