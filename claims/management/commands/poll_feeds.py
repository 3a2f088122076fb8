"""Poll registered feeds and live blogs now (beat does the same on its schedule)."""

from django.core.management.base import BaseCommand, CommandError

from claims.ingestion.services import feed_poll, feeds_claim_due
from claims.models import Feed


class Command(BaseCommand):
    help = "Poll the feeds and live blogs that are due (--all: every active one; --feed ID: that one)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="poll every active feed, due or not")
        parser.add_argument("--feed", type=int, action="append", help="poll this feed id (repeatable)")

    def handle(self, *args, **options):
        if options["feed"]:
            feed_ids = list(Feed.objects.filter(pk__in=options["feed"]).values_list("pk", flat=True))
            missing = set(options["feed"]) - set(feed_ids)
            if missing:
                raise CommandError(f"No feed with id {', '.join(map(str, sorted(missing)))}.")
        else:
            feed_ids = feeds_claim_due(include_not_due=options["all"])
        if not feed_ids:
            self.stdout.write("No feeds are due.")
            return
        failed = 0
        for feed_id in feed_ids:
            result = feed_poll(feed_id=feed_id)
            feed = Feed.objects.get(pk=feed_id)
            failed += bool(result.error)
            self.stdout.write(f"{feed} [{feed.get_kind_display()}]: {result.summary()}")
            for error in result.errors:
                self.stdout.write(f"  refused: {error}")
        self.stdout.write(f"{len(feed_ids)} polled, {failed} failing")
