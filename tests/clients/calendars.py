"""Read calendar files with the three readers people's calendars use, and say what each understood.

- Mozilla's ical.js (Thunderbird), through read_with_icaljs.mjs, with the file's VTIMEZONEs
  registered as Thunderbird does;
- icalendar, decoding every property of every component (a malformed value raises);
- vobject (Python's other reader), converting each event's times with the file's VTIMEZONEs.

`instants_read_by_every_client` returns, per client, each event's UID with its start and end as UTC
instants, so that a test compares them with the event's own.
"""

import datetime
import json
import subprocess
from pathlib import Path

import vobject
from icalendar import Calendar

from .programs import PROJECT_ROOT, node_package, program

ICALJS_READER = Path(__file__).with_name("read_with_icaljs.mjs")


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


def read_with_icaljs(ics: bytes) -> dict:
    node_package("ical.js")
    result = subprocess.run(
        [program("node", "nodejs"), str(ICALJS_READER)],
        input=ics,
        capture_output=True,
        cwd=PROJECT_ROOT,
        timeout=60,
    )
    assert result.returncode == 0, f"ical.js could not read the file:\n{result.stderr.decode()}"
    return json.loads(result.stdout)


def icaljs_instants(ics: bytes) -> dict[str, tuple[datetime.datetime, datetime.datetime]]:
    return {
        event["uid"]: (
            datetime.datetime.fromisoformat(event["start"]),
            datetime.datetime.fromisoformat(event["end"]),
        )
        for event in read_with_icaljs(ics)["events"]
    }


def read_with_icalendar(ics: bytes) -> Calendar:
    """Parse, then decode every property of every component, as an application reading it would."""
    calendar = Calendar.from_ical(ics)
    for component in calendar.walk():
        for name in component:
            component.decoded(name)
    return calendar


def icalendar_instants(ics: bytes) -> dict[str, tuple[datetime.datetime, datetime.datetime]]:
    return {
        str(event["uid"]): (_utc(event.decoded("dtstart")), _utc(event.decoded("dtend")))
        for event in read_with_icalendar(ics).walk("VEVENT")
    }


def vobject_instants(ics: bytes) -> dict[str, tuple[datetime.datetime, datetime.datetime]]:
    calendar = vobject.readOne(ics.decode())
    return {
        event.uid.value: (_utc(event.dtstart.value), _utc(event.dtend.value))
        for event in calendar.contents.get("vevent", [])
    }


def instants_read_by_every_client(ics: bytes) -> dict[str, dict]:
    return {
        "ical.js": icaljs_instants(ics),
        "icalendar": icalendar_instants(ics),
        "vobject": vobject_instants(ics),
    }


def assert_every_client_reads(ics: bytes, events) -> None:
    """Each client reads each event (by UID) at its own start and end, and no other event."""
    from events.calendar import event_uid

    expected = {event_uid(event): (_utc(event.starts_at), _utc(event.ends_at)) for event in events}
    for client, instants in instants_read_by_every_client(ics).items():
        assert instants == expected, f"{client} reads other times than the events'"
