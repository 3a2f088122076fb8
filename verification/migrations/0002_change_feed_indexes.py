"""Indexes for the REST API's changes feed.

The feed finds claims whose public state changed since a cursor by range scans on every table that
records a change: claims (updated_at, indexed already), audit events (created_at, indexed already),
flags, claim links and published verdicts. Without these three, each poll scans those tables whole.
Plain SQL with IF NOT EXISTS, so the models are unchanged and the statements run on SQLite too.
"""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS flag_created_idx ON verification_flag (created_at)",
    "CREATE INDEX IF NOT EXISTS verdict_published_idx ON verification_verdict (published_at)",
    "CREATE INDEX IF NOT EXISTS claimlink_updated_idx ON claims_claimlink (updated_at)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS flag_created_idx",
    "DROP INDEX IF EXISTS verdict_published_idx",
    "DROP INDEX IF EXISTS claimlink_updated_idx",
]


class Migration(migrations.Migration):
    dependencies = [
        ("verification", "0001_initial"),
        ("claims", "0001_initial"),
    ]

    operations = [migrations.RunSQL(sql=FORWARD, reverse_sql=BACKWARD)]
