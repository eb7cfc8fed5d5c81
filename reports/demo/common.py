"""What every part of the demo loader shares: natural-key upserts and local times."""

import datetime
from zoneinfo import ZoneInfo

from django.db.models import Model


def codes(text: str) -> list[str]:
    """ISO 3166 country codes written as one string, which keeps long lists readable."""
    return text.split()


def upsert(model: type[Model], lookup: dict, values: dict, created_at: datetime.datetime | None = None) -> Model:
    """Find the row by its natural key and save it only if something differs: a second run of the demo
    then writes nothing, so timestamps and audit history stay as the first run left them.

    `created_at` back-dates a new row (a registration made in 2021 was not made today); auto_now_add
    ignores values given to save(), hence the update."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.save()
        if created_at is not None:
            model.objects.filter(pk=instance.pk).update(created_at=created_at)
            instance.created_at = created_at
        return instance
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    if changed:
        instance.save()
    return instance


def zoned(time_zone: str, parts: tuple) -> datetime.datetime:
    """Local wall-clock time as a UTC instant. Arithmetic on datetimes that carry a ZoneInfo runs on the
    wall clock (six weeks before a date in November lands an hour off across the DST change), while
    the database hands back UTC: computing in UTC from the start gives the same values on every run."""
    return datetime.datetime(*parts, tzinfo=ZoneInfo(time_zone)).astimezone(datetime.UTC)
