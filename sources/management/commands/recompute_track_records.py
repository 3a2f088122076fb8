"""Rebuild every source's track record from published verdicts (what the nightly beat task does)."""

from django.core.management.base import BaseCommand

from sources.models import SourceTrackRecord
from sources.services import track_records_recompute_all
from sources.track_record import grade_review_list


class Command(BaseCommand):
    help = "Rebuild all source track records from published verdicts and list grades that need review."

    def handle(self, *args, **options):
        changed = track_records_recompute_all()
        self.stdout.write(f"track records: {changed} changed, {SourceTrackRecord.objects.count()} in all")
        for row in grade_review_list():
            self.stdout.write(
                f"review grade: {row.source.name}: graded {row.grade}, record suggests {row.suggested_grade}"
            )
