"""VTIMEZONE components written as yearly rules (RRULE), the form calendar clients read right.

icalendar's own `Timezone.from_tzinfo` lists every change of offset as a separate date (RDATE);
Mozilla's ical.js (Thunderbird) and vobject misread those lists and show a Geneva event in May an
hour late. Here the same changes, read from zoneinfo (the pinned tzdata release), are folded into
rules such as "the last Sunday of March at 02:00" (FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU), which is how
the IANA zones themselves are written and how every client's bundled zones look.

Every file carries the same component for a zone, from 1970 on, its current rules open-ended:
vobject keeps the first VTIMEZONE it meets for a TZID for the rest of the process (a calendar server
importing many files), so a component fitted to one file's events would misplace the next file's.
"""

import calendar
import datetime
import functools
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

# Offsets change on the hour or half hour, and never twice within six hours.
SCAN_STEP = datetime.timedelta(hours=6)
FIRST_YEAR = 1970
# tzdata lists changes up to 2037 and states the rule that goes on after it (the TZif footer): a rule
# still followed in LAST_YEAR is that one, and is written without an end.
LAST_YEAR = 2037
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Onset:
    """A moment the zone's offset changes, as RFC 5545 writes it: wall-clock time before the change."""

    local_start: datetime.datetime  # naive, in offset_from
    offset_from: datetime.timedelta
    offset_to: datetime.timedelta
    name: str
    is_daylight: bool

    @property
    def kind(self) -> tuple:
        return (self.offset_from, self.offset_to, self.name, self.is_daylight)

    def yearly_rules(self) -> set[str]:
        """The BYDAY values that describe this date: its week of the month, and "last" when it is one."""
        day = self.local_start.day
        weekday = WEEKDAYS[self.local_start.weekday()]
        rules = {f"{(day - 1) // 7 + 1}{weekday}"}
        if day + 7 > calendar.monthrange(self.local_start.year, self.local_start.month)[1]:
            rules.add(f"-1{weekday}")
        return rules


def _onset(zone: zoneinfo.ZoneInfo, before: datetime.datetime, after: datetime.datetime) -> Onset:
    """The change of offset between two UTC instants six hours apart, found to the minute."""
    offset_before = before.astimezone(zone).utcoffset()
    while after - before > datetime.timedelta(minutes=1):
        middle = before + (after - before) / 2
        if middle.astimezone(zone).utcoffset() == offset_before:
            before = middle
        else:
            after = middle
    change = after.replace(second=0, microsecond=0)
    local = change.astimezone(zone)
    return Onset(
        local_start=(change + offset_before).replace(tzinfo=None),
        offset_from=offset_before,
        offset_to=local.utcoffset(),
        name=local.tzname() or "",
        is_daylight=bool(local.dst()),
    )


@functools.lru_cache(maxsize=256)
def offset_changes(tzid: str) -> tuple[Onset, ...]:
    """Every change of the zone's offset from FIRST_YEAR to the end of LAST_YEAR (local years)."""
    zone = zoneinfo.ZoneInfo(tzid)
    moment = datetime.datetime(FIRST_YEAR, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(days=1)
    end = datetime.datetime(LAST_YEAR + 1, 1, 1, tzinfo=datetime.UTC) - datetime.timedelta(days=1)
    onsets = []
    while moment < end:
        following = moment + SCAN_STEP
        if moment.astimezone(zone).utcoffset() != following.astimezone(zone).utcoffset():
            onsets.append(_onset(zone, moment, following))
        moment = following
    return tuple(onsets)


def _runs_of_one_rule(onsets: list[Onset]) -> list[tuple[list[Onset], str]]:
    """Split same-kind onsets (sorted) into runs one year apart that share month, time and BYDAY."""
    runs: list[tuple[list[Onset], set[str]]] = []
    for onset in onsets:
        if runs:
            run, rules = runs[-1]
            previous = run[-1].local_start
            shared = rules & onset.yearly_rules()
            if (
                shared
                and onset.local_start.year == previous.year + 1
                and (onset.local_start.month, onset.local_start.time()) == (previous.month, previous.time())
            ):
                run.append(onset)
                runs[-1] = (run, shared)
                continue
        runs.append(([onset], onset.yearly_rules()))
    # "Last Sunday" reads better than "fifth Sunday" when both describe every year of the run.
    return [(run, min(rules, key=lambda rule: (not rule.startswith("-1"), rule))) for run, rules in runs]


def _until(last: Onset) -> datetime.datetime:
    """The rule's UNTIL: the end of the last change's day, in UTC as RFC 5545 asks. vobject compares
    UNTIL with the wall-clock onsets as if both were local, so the exact instant of the last change
    (01:00Z for 02:00 in Geneva) would drop that year; any moment before next year's change is right."""
    return datetime.datetime.combine(last.local_start.date(), datetime.time(23, 59, 59), tzinfo=datetime.UTC)


def _observance(onset: Onset):
    observance = TimezoneDaylight() if onset.is_daylight else TimezoneStandard()
    observance.add("dtstart", onset.local_start)
    observance.add("tzoffsetfrom", onset.offset_from)
    observance.add("tzoffsetto", onset.offset_to)
    if onset.name:
        observance.add("tzname", onset.name)
    return observance


def vtimezone(tzid: str) -> Timezone:
    """The VTIMEZONE of an IANA zone, with yearly rules."""
    zone = zoneinfo.ZoneInfo(tzid)
    component = Timezone()
    component.add("tzid", tzid)
    start = datetime.datetime(FIRST_YEAR, 1, 1, tzinfo=zone)
    # The offset in force when the covered years begin, so that every event time has an observance.
    component.add_component(
        _observance(
            Onset(
                local_start=start.replace(tzinfo=None),
                offset_from=start.utcoffset(),
                offset_to=start.utcoffset(),
                name=start.tzname() or "",
                is_daylight=bool(start.dst()),
            )
        )
    )
    kinds = defaultdict(list)
    for onset in offset_changes(tzid):
        kinds[onset.kind].append(onset)
    for same_kind in kinds.values():
        for run, byday in _runs_of_one_rule(same_kind):
            observance = _observance(run[0])
            if len(run) > 1:
                rule = {"freq": "yearly", "bymonth": run[0].local_start.month, "byday": byday}
                if run[-1].local_start.year < LAST_YEAR:
                    rule["until"] = _until(run[-1])
                observance.add("rrule", rule)
            component.add_component(observance)
    return component
