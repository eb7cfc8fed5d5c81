"""Indexes that keep the admin lists fast at 100,000 participants and 300,000 registrations: the
lists' orderings, and on PostgreSQL trigram indexes for the admin's searches. Django's icontains is
UPPER(column) LIKE UPPER('%text%'), so the trigram indexes are on UPPER(column); SQLite has no
trigram indexes and does without."""

from django.conf import settings
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

TRIGRAM_SEARCHED = {
    "events_participant": ["first_name", "last_name", "email", "organisation"],
    "events_event": ["title"],
}


def index_name(table: str, column: str) -> str:
    return f"{table}_{column}_upper_trgm"


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in TRIGRAM_SEARCHED.items():
        for column in columns:
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{index_name(table, column)}" ON "{table}" '
                f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
            )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in TRIGRAM_SEARCHED.items():
        for column in columns:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{index_name(table, column)}"')


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_registration_certificate_emailed_at"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="participant",
            index=models.Index(fields=["last_name", "first_name", "id"], name="participant_name_order"),
        ),
        migrations.AddIndex(
            model_name="registration",
            index=models.Index(fields=["created_at", "id"], name="registration_created_order"),
        ),
        TrigramExtension(),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes),
    ]
