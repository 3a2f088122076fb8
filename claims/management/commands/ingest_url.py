"""Fetch a page by URL and store its article; extraction runs through the task queue."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from claims.ingestion.services import document_ingest_url
from sources.models import Source


class Command(BaseCommand):
    help = "Fetch URL, reduce it to the article text and store it (with the raw HTML) as a document."

    def add_arguments(self, parser):
        parser.add_argument("url")
        parser.add_argument("--outlet", help="the outlet's name or alias (default: recognised from the page)")
        parser.add_argument("--title", default="", help="the title to store (default: the page's)")

    def handle(self, *args, **options):
        outlet = None
        if options["outlet"]:
            outlet = Source.objects.named(options["outlet"]).first()
            if outlet is None:
                raise CommandError(f"No source is named {options['outlet']!r}.")
        try:
            result = document_ingest_url(url=options["url"], title=options["title"], outlet=outlet)
        except ValidationError as exc:
            raise CommandError(f"{options['url']}: refused: {'; '.join(exc.messages)}") from None
        # Without a broker, extraction has already run in-process by now; with one, it is queued.
        document = result.document
        document.refresh_from_db()
        state = "stored" if result.created else "already there"
        self.stdout.write(
            f"Document {document.pk} {state}: {document.title or '(no title)'}\n"
            f"  outlet: {document.outlet or '(not recognised)'}\n"
            f"  published: {document.published_at.isoformat() if document.published_at else '(not stated)'}\n"
            f"  text: {len(document.text):,} characters in {document.text.count(chr(10) * 2) + 1} paragraphs; "
            f"raw HTML: {len(document.raw_html):,} characters\n"
            f"  status: {document.status}, {document.claims.count()} claims so far"
        )
