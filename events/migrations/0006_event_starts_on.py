import zoneinfo

from django.db import migrations, models


def date_events_in_their_own_time_zone(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    events = list(Event.objects.only("starts_at", "time_zone"))
    for event in events:
        event.starts_on = event.starts_at.astimezone(zoneinfo.ZoneInfo(event.time_zone)).date()
    Event.objects.bulk_update(events, ["starts_on"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_registration_calendar_sequence"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="starts_on",
            field=models.DateField(
                editable=False, help_text="The day the event starts, in its own time zone.", null=True
            ),
        ),
        migrations.RunPython(date_events_in_their_own_time_zone, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="event",
            name="starts_on",
            field=models.DateField(editable=False, help_text="The day the event starts, in its own time zone."),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["programme", "starts_on"], name="event_programme_starts_on"),
        ),
    ]
