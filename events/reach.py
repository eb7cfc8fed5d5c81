"""Read queries about reach: who took part in events, from which countries and organisations.

Reports, dashboards and mapping replies count the same way: a person counts once however many of
the events they took part in, and "took part" is events.rules.took_part."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from unidir_cb.core.models import OrganisationKind
from unidir_cb.core.un_countries import GroupingCounts, count_by_grouping

from .models import Participant, Registration
from .rules import took_part


def participants_of(events: Iterable) -> QuerySet[Participant]:
    # One filter() call, so that both conditions apply to the same registration.
    return Participant.objects.filter(took_part("registrations__"), registrations__event__in=list(events)).distinct()


def participants_by_grouping(events: Iterable) -> GroupingCounts:
    """Participants by UN regional group and LDC/LLDC/SIDS membership, in one query."""
    counts_by_country = (
        Participant.objects.filter(pk__in=participants_of(events).values("pk"))
        .values_list("country")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return count_by_grouping(counts_by_country)


@dataclass(frozen=True)
class Reach:
    participants: int
    countries: int
    government_officials: int
    government_countries: int
    by_gender: dict[str, int]
    by_organisation_kind: dict[str, int]
    # Country code -> people, "" for people whose country is not recorded.
    by_country: dict[str, int] = field(default_factory=dict)
    participant_ids: frozenset[int] = frozenset()
    # People counted above whose country is not recorded: a count of countries is "at least" then.
    without_country: int = 0
    government_officials_without_country: int = 0

    @property
    def mostly_government(self) -> bool:
        return self.participants > 0 and self.government_officials / self.participants >= 0.8

    @property
    def by_grouping(self) -> GroupingCounts:
        """The same people by UN regional group and LDC/LLDC/SIDS membership, without another query."""
        return count_by_grouping(self.by_country.items())


def reach_by_event(events: Iterable) -> dict[int, list[tuple[int, str, str, str]]]:
    """event id -> (participant id, country, organisation kind, gender) of the people who took
    part: one query for any number of events, to be folded with combined_reach()."""
    rows = Registration.objects.filter(took_part(), event__in=list(events)).values_list(
        "event_id", "participant_id", "participant__country", "participant__organisation_kind", "participant__gender"
    )
    by_event: dict[int, list[tuple[int, str, str, str]]] = {}
    for event_id, *person in rows:
        by_event.setdefault(event_id, []).append(tuple(person))
    return by_event


def combined_reach(people_by_event: dict[int, list[tuple[int, str, str, str]]], event_ids: Iterable[int]) -> Reach:
    people = {person[0]: person for event_id in event_ids for person in people_by_event.get(event_id, [])}
    government = [person for person in people.values() if person[2] == OrganisationKind.GOVERNMENT]
    return Reach(
        participants=len(people),
        countries=len({person[1] for person in people.values() if person[1]}),
        government_officials=len(government),
        government_countries=len({person[1] for person in government if person[1]}),
        by_gender=dict(Counter(person[3] or "unknown" for person in people.values())),
        by_organisation_kind=dict(Counter(person[2] or "unknown" for person in people.values())),
        by_country=dict(Counter(str(person[1] or "") for person in people.values())),
        participant_ids=frozenset(people),
        without_country=sum(1 for person in people.values() if not person[1]),
        government_officials_without_country=sum(1 for person in government if not person[1]),
    )
