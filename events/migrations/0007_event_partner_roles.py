"""Event partners get a role: Event.partners' own table becomes the EventPartner model (the same
table, rows and unique pair; state only), then gains its role and time stamps. Existing partners are
co-organisers, which is what letters said of them until now ("partnered with")."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_event_starts_on"),
        ("programmes", "0008_organisation_name_in_text"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="EventPartner",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "event",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="partnerships",
                                to="events.event",
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="event_partnerships",
                                to="programmes.organisation",
                            ),
                        ),
                    ],
                    options={"db_table": "events_event_partners", "unique_together": {("event", "organisation")}},
                ),
                migrations.AlterField(
                    model_name="event",
                    name="partners",
                    field=models.ManyToManyField(
                        blank=True, related_name="events", through="events.EventPartner", to="programmes.organisation"
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="eventpartner",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="eventpartner",
            name="updated_at",
            field=models.DateTimeField(auto_now=True),
        ),
        migrations.AddField(
            model_name="eventpartner",
            name="role",
            field=models.CharField(
                choices=[
                    ("co_organiser", "Co-organiser"),
                    ("host", "Host"),
                    ("funder", "Funder"),
                    ("invited_by", "Inviting organisation"),
                ],
                default="co_organiser",
                max_length=20,
            ),
        ),
    ]
