"""Read queries for the public event pages and a participant's own registrations.

Each returns a queryset whose cost does not grow with the number of rows: counts are annotated
(subqueries, so that filtering on topics cannot multiply them) and related lists are prefetched.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_countries.fields import Country

from programmes.models import Topic

from .models import AgendaItem, Event, Participant, Registration

Status = Registration.Status
PUBLIC_STATUSES = (Event.Status.PUBLISHED, Event.Status.CANCELLED)


def _confirmed_count_subquery():
    return Coalesce(
        Subquery(
            Registration.objects.filter(event=OuterRef("pk"), status=Status.CONFIRMED)
            .order_by()
            .values("event")
            .annotate(count=Count("pk"))
            .values("count"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def with_confirmed_count(events: QuerySet) -> QuerySet:
    return events.annotate(confirmed_count=_confirmed_count_subquery())


def seats_left_of(event: Event) -> int | None:
    """Free seats of an event annotated by with_confirmed_count; None when there is no limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - event.confirmed_count, 0)


@dataclass(frozen=True)
class EventFilters:
    when: str = "upcoming"  # "upcoming" or "past"
    search: str = ""
    kind: str = ""
    topic: str = ""  # topic slug
    format: str = ""
    year: int | None = None
    language: str = ""
    country: str = ""


def published_events() -> QuerySet:
    return Event.objects.filter(status=Event.Status.PUBLISHED)


def event_list(filters: EventFilters, now=None) -> QuerySet:
    """Published events for the public list: upcoming soonest first, past most recent first."""
    now = now or timezone.now()
    events = published_events()
    if filters.when == "past":
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "pk")
    else:
        events = events.filter(ends_at__gte=now).order_by("starts_at", "pk")
    events = _filtered(events, filters)
    return with_confirmed_count(events).select_related("series").prefetch_related("topics")


# A feed keeps past events a while, so that subscribers' calendars do not lose what just happened.
FEED_PAST_DAYS = 365


def calendar_feed_events(filters: EventFilters, now=None) -> QuerySet:
    """Public events for the subscribable feed, with the list's filters (but no "when": a feed holds
    the coming events and the past year's). Cancelled events stay in it, marked cancelled, so that
    subscribed calendars show the cancellation instead of silently dropping the entry."""
    now = now or timezone.now()
    events = Event.objects.filter(status__in=PUBLIC_STATUSES, ends_at__gte=now - timedelta(days=FEED_PAST_DAYS))
    return _filtered(events, filters).order_by("starts_at", "pk")


def personal_calendar_events(participant: Participant) -> QuerySet:
    """The events of a participant's confirmed registrations, for their private feed."""
    return Event.objects.filter(
        status__in=PUBLIC_STATUSES,
        registrations__participant=participant,
        registrations__status=Status.CONFIRMED,
    ).order_by("starts_at", "pk")


def _filtered(events: QuerySet, filters: EventFilters) -> QuerySet:
    if filters.search:
        events = events.filter(
            Q(title__icontains=filters.search)
            | Q(description__icontains=filters.search)
            | Q(city__icontains=filters.search)
        )
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.topic:
        events = events.filter(pk__in=Topic.objects.filter(slug=filters.topic).values("events"))
    if filters.format:
        events = events.filter(format=filters.format)
    if filters.year:
        events = events.filter(starts_at__year=filters.year)
    if filters.language:
        # Languages are a JSON list of codes; matching the quoted code works on SQLite and PostgreSQL alike.
        events = events.filter(languages__icontains=f'"{filters.language}"')
    if filters.country:
        events = events.filter(country=filters.country)
    return events


def filter_options() -> dict:
    """What the list's filters can offer: only values that published events actually use."""
    events = published_events()
    country_codes = events.exclude(country="").order_by().values_list("country", flat=True).distinct()
    return {
        "topics": Topic.objects.filter(events__status=Event.Status.PUBLISHED).distinct().order_by("name"),
        "years": sorted({moment.year for moment in events.dates("starts_at", "year")}, reverse=True),
        "countries": sorted(
            (Country(code) for code in country_codes),
            key=lambda country: str(country.name),
        ),
    }


def public_event(slug: str) -> Event:
    """One event for its public page (published or cancelled; drafts are not public)."""
    return (
        with_confirmed_count(Event.objects.filter(status__in=PUBLIC_STATUSES))
        .select_related("series", "programme")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("starts_at", "pk")),
            "topics",
            "partners",
        )
        .get(slug=slug)
    )


def registration_of(participant: Participant | None, event: Event) -> Registration | None:
    if participant is None:
        return None
    return Registration.objects.filter(participant=participant, event=event).first()


def registrations_of_user(user) -> QuerySet:
    """A signed-in person's own registrations, latest event first; nobody else's."""
    return (
        Registration.objects.filter(participant__user=user).select_related("event").order_by("-event__starts_at", "pk")
    )


def upcoming_events(limit: int) -> QuerySet:
    """The next published events, soonest first, ready for event cards (two queries)."""
    events = published_events().filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")
    return with_confirmed_count(events).select_related("series").prefetch_related("topics")[:limit]
