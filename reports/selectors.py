"""Read queries across the domain apps: whether a programme did anything in a period, and the
figures of the activity summary."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q

from donors.selectors import sponsored_reach
from events.models import Event, Registration
from events.rules import took_part
from events.selectors import events_in_period
from programmes.models import InformationResource, Programme
from programmes.selectors import resources_available_in_period
from publications.models import Publication
from publications.selectors import publications_in_period


def programme_has_activity(programme: Programme, start, end) -> bool:
    """Whether anything happened in the period. Information resources do not count: they stay
    available for years, so they alone would make any period, even a future one, look busy."""
    return publications_in_period(programme, start, end).exists() or events_in_period(programme, start, end).exists()


@dataclass(frozen=True)
class ActivitySummary:
    programme: Programme
    start: datetime.date
    end: datetime.date
    publications: list[Publication]
    events: list[Event]  # each annotated with participant_count and country_count
    resources: list[InformationResource]
    participant_count: int
    country_count: int
    participants_by_country: dict[str, int]  # country code -> people, each counted once
    # People whose attendance a donor's contribution paid for (donors.Sponsorship), each once.
    sponsored_participant_count: int

    @property
    def publication_count(self) -> int:
        return len(self.publications)

    @property
    def event_count(self) -> int:
        return len(self.events)

    @property
    def resource_count(self) -> int:
        return len(self.resources)

    @property
    def publications_by_kind(self) -> list[tuple[str, int]]:
        return _count_by_label(publication.get_kind_display() for publication in self.publications)

    @property
    def events_by_kind(self) -> list[tuple[str, int]]:
        return _count_by_label(event.get_kind_display() for event in self.events)


def _count_by_label(labels) -> list[tuple[str, int]]:
    """Most frequent first, then alphabetical, so the order is stable between runs."""
    return sorted(Counter(labels).items(), key=lambda item: (-item[1], item[0]))


def activity_summary(programme: Programme, start: datetime.date, end: datetime.date) -> ActivitySummary:
    """Five queries whatever the amount of data."""
    publications = list(publications_in_period(programme, start, end).order_by("published_on", "title"))
    through_registrations = took_part("registrations__")
    events = list(
        events_in_period(programme, start, end)
        .annotate(
            participant_count=Count("registrations__participant", filter=through_registrations, distinct=True),
            country_count=Count(
                "registrations__participant__country",
                filter=through_registrations & ~Q(registrations__participant__country=""),
                distinct=True,
            ),
        )
        .order_by("starts_at", "title")
    )
    resources = list(resources_available_in_period(programme, start, end).order_by("name"))
    # Counted across all events at once: someone at three events is one participant. A participant has
    # one country (or none, ""), so the countries' counts add up to the participants.
    by_country = dict(
        Registration.objects.filter(took_part(), event__in=events_in_period(programme, start, end))
        .values_list("participant__country")
        .annotate(people=Count("participant", distinct=True))
        .order_by()
    )
    return ActivitySummary(
        programme=programme,
        start=start,
        end=end,
        publications=publications,
        events=events,
        resources=resources,
        participant_count=sum(by_country.values()),
        country_count=len([code for code in by_country if code]),
        participants_by_country={code: count for code, count in by_country.items() if code},
        sponsored_participant_count=sponsored_reach(programme, start, end).participants,
    )
