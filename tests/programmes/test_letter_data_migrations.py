"""Upgrading a database keeps its letters and dates right: existing programmes keep the name their
letters used, existing events are dated in their own time zone."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("programmes", "0006_keep_files_of_approved_versions"), ("events", "0005_registration_calendar_sequence")]
AFTER = [("programmes", "0007_programme_name_in_text"), ("events", "0006_event_starts_on")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps():
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_existing_programmes_and_events_read_the_same_after_the_upgrade(old_apps):
    programme = old_apps.get_model("programmes", "Programme").objects.create(
        name="Space Security Programme", short_name="SpaceSec"
    )
    Event = old_apps.get_model("events", "Event")
    fiji = zoneinfo.ZoneInfo("Pacific/Fiji")
    for slug, starts_at, time_zone in [
        ("new-year", datetime.datetime(2025, 1, 1, 0, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Zurich")), "Europe/Zurich"),
        ("suva", datetime.datetime(2025, 8, 23, 9, tzinfo=fiji), "Pacific/Fiji"),
    ]:
        Event.objects.create(
            title=slug,
            slug=slug,
            programme_id=programme.pk,
            kind="briefing",
            format="in_person",
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=2),
            time_zone=time_zone,
        )

    apps = migrate(AFTER)

    assert apps.get_model("programmes", "Programme").objects.get().name_in_text == "the UNIDIR Space Security Programme"
    assert dict(apps.get_model("events", "Event").objects.values_list("slug", "starts_on")) == {
        "new-year": datetime.date(2025, 1, 1),
        "suva": datetime.date(2025, 8, 23),
    }
