"""Indexes for matching claims across documents.

Full-text search over claim text needs a GIN index on PostgreSQL; SQLite has no such index and
matches with a portable fallback, so that part runs only on PostgreSQL. The B-tree indexes on the
claimant body and on dates serve the time window and the claimant filters on both.
"""

from django.db import migrations

PG_FORWARD = [
    "CREATE INDEX IF NOT EXISTS claim_text_fts_idx ON claims_claim USING gin (to_tsvector('english'::regconfig, text))",
]
PG_BACKWARD = ["DROP INDEX IF EXISTS claim_text_fts_idx"]


def _run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_feeds_and_live_blog_entries"),
    ]

    operations = [
        migrations.RunPython(_run_on_postgresql(PG_FORWARD), _run_on_postgresql(PG_BACKWARD), elidable=False),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS claim_body_created_idx ON claims_claim (claimant_body_id, created_at)",
            "DROP INDEX IF EXISTS claim_body_created_idx",
        ),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS claim_kind_created_idx ON claims_claim (kind, created_at)",
            "DROP INDEX IF EXISTS claim_kind_created_idx",
        ),
    ]
