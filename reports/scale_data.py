"""A programme's record at the scale of twenty years, for benchmarks and for trying the site at size.

For every 100,000 participants: 5,000 events over 20 years (with topics, partners and agenda),
300,000 registrations in every status, 3,000 publications with about 8,000 authorships and their
translations, 80 donors and 2,000 contributions with monthly exchange rates. Everything belongs to
one programme (short name "Scale") beside whatever the database already holds (the demo, say).

Rows are written with bulk inserts in batches and only their ids are kept, so memory stays bounded
however many participants are asked for; the same seed gives the same data.
"""

import datetime
import random
import zoneinfo
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django_countries import countries
from djmoney.money import Money

from donors.models import Contribution, Donor, ExchangeRate
from events.models import AgendaItem, Event, EventSeries, Participant, Registration, local_date
from programmes.models import MappingExercise, Organisation, Programme, Topic
from publications.models import Authorship, Contributor, Publication, Translation
from unidir_cb.core.languages import UNLanguage
from unidir_cb.core.models import OrganisationKind

PROGRAMME_SHORT_NAME = "Scale"
BATCH_SIZE = 5_000
YEARS = 20
TIME_ZONES = ["Europe/Zurich", "America/New_York", "Asia/Bangkok", "Africa/Nairobi", "Pacific/Fiji", "UTC"]
CURRENCIES = ["EUR", "CHF", "GBP", "JPY", "SEK", "NOK", "CAD", "AUD"]
FIRST_NAMES = [
    "Amina",
    "Layla",
    "Sofia",
    "Mei",
    "Anna",
    "Olga",
    "Maria",
    "Fatima",
    "Aiko",
    "Grace",
    "Omar",
    "Ivan",
    "Luis",
    "Chen",
    "Kwame",
    "Arjun",
    "Pierre",
    "Jonas",
]
LAST_NAMES = [
    "Diallo",
    "Haddad",
    "Garcia",
    "Wang",
    "Ivanova",
    "Kim",
    "Dubois",
    "Mensah",
    "Sato",
    "Okafor",
    "Silva",
    "Novak",
    "Khan",
    "Rossi",
    "Lindqvist",
]
THEMES = [
    "artificial intelligence",
    "critical infrastructure",
    "cyber crime",
    "data governance",
    "space security",
    "ransomware",
]

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ScaleShape:
    """How many of each, proportional to the number of participants (the issue's 100,000 shape)."""

    participants: int

    def per_100k(self, count: int, minimum: int = 1) -> int:
        return max(minimum, round(count * self.participants / 100_000))

    @property
    def events(self) -> int:
        return self.per_100k(5_000, minimum=20)

    @property
    def registrations_per_event(self) -> int:
        return round(3 * self.participants / self.events)

    @property
    def publications(self) -> int:
        return self.per_100k(3_000, minimum=10)

    @property
    def contributors(self) -> int:
        return self.per_100k(1_500, minimum=10)

    @property
    def donors(self) -> int:
        return self.per_100k(80, minimum=5)

    @property
    def contributions(self) -> int:
        return self.per_100k(2_000, minimum=10)

    @property
    def series(self) -> int:
        return self.per_100k(200, minimum=5)

    @property
    def partners(self) -> int:
        return self.per_100k(60, minimum=5)


def batches(items: Iterable, size: int = BATCH_SIZE) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def insert(model, objects: Iterable, **options) -> list[int]:
    """Bulk-insert in batches; the ids of the rows created (PostgreSQL and SQLite return them)."""
    ids = []
    for batch in batches(objects):
        ids.extend(instance.pk for instance in model.objects.bulk_create(batch, **options))
    return ids


@contextmanager
def creation_times_as_given(model):
    """bulk_create stamps auto_now_add fields with the current time; generated history brings its own."""
    field = model._meta.get_field("created_at")
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


def scale_programme() -> Programme | None:
    return Programme.objects.filter(short_name=PROGRAMME_SHORT_NAME).first()


class ScaleDataGenerator:
    def __init__(self, participants: int, seed: int = 20, progress: Progress = lambda message: None):
        self.shape = ScaleShape(participants)
        self.random = random.Random(seed)  # noqa: S311 - reproducible benchmark data, not secrets
        self.progress = progress
        this_year = timezone.localdate().year
        self.first_year = this_year - YEARS + 2  # the last year is next year: some events are still to come
        self.now = timezone.now()
        self.country_codes = [code for code, _name in countries][:190]

    @transaction.atomic
    def generate(self) -> Programme:
        shape = self.shape
        programme = Programme.objects.create(
            name="Scale Programme",
            short_name=PROGRAMME_SHORT_NAME,
            name_in_text="the UNIDIR Scale Programme",
            description="Twenty years of generated records for benchmarks.",
            head_name="Alex Example",
            head_title="Head of Programme",
            area_of_work="international security",
        )
        topic_ids = self.topics()
        partner_ids = self.partners()
        self.progress(f"{len(topic_ids)} topics, {len(partner_ids)} partners")
        series_ids = insert(
            EventSeries,
            (
                EventSeries(name=f"Scale series {number}", slug=f"scale-series-{number}", programme=programme)
                for number in range(shape.series)
            ),
        )
        event_ids = self.events(programme, series_ids, topic_ids, partner_ids)
        self.progress(f"{len(event_ids)} events with their agendas")
        participant_ids = self.participants()
        self.progress(f"{len(participant_ids)} participants")
        registrations = self.registrations(event_ids, participant_ids)
        self.progress(f"{registrations} registrations")
        publication_ids = self.publications(programme, topic_ids)
        self.progress(f"{len(publication_ids)} publications with authors and translations")
        contributions = self.funding(programme, event_ids, publication_ids)
        self.progress(f"{shape.donors} donors, {contributions} contributions, exchange rates")
        MappingExercise.objects.create(
            reference="SCALE/mapping",
            title="Mapping exercise at scale",
            addressees="Dr. Example",
            programme=programme,
            period_start=datetime.date(self.first_year + YEARS - 3, 1, 1),
            period_end=datetime.date(self.first_year + YEARS - 2, 12, 31),
            publications_since=datetime.date(self.first_year, 1, 1),
        )
        return programme

    def topics(self) -> list[int]:
        names = [(f"Scale pillar {number}", Topic.Kind.PILLAR) for number in range(1, 7)]
        names += [(f"Scale {theme}", Topic.Kind.THEME) for theme in THEMES]
        return insert(
            Topic,
            (Topic(name=name, slug=slugify(name), kind=kind, order=order) for order, (name, kind) in enumerate(names)),
        )

    def partners(self) -> list[int]:
        return insert(
            Organisation,
            (
                Organisation(
                    name=f"Scale partner organisation {number}",
                    acronym=f"SP{number}",
                    kind=self.random.choice(OrganisationKind.values),
                    country=self.random.choice(self.country_codes),
                )
                for number in range(self.shape.partners)
            ),
        )

    def event_moment(self, number: int) -> datetime.datetime:
        """Spread evenly over the twenty years, at 09:00 local time in one of the time zones."""
        day_of_period = number * (YEARS * 365) // self.shape.events
        day = datetime.date(self.first_year, 1, 1) + datetime.timedelta(days=day_of_period)
        zone = zoneinfo.ZoneInfo(self.random.choice(TIME_ZONES))
        return datetime.datetime.combine(day, datetime.time(9), tzinfo=zone)

    def events(self, programme, series_ids, topic_ids, partner_ids) -> list[int]:
        statuses = [Event.Status.PUBLISHED] * 95 + [Event.Status.CANCELLED] * 3 + [Event.Status.DRAFT] * 2

        def event(number):
            starts_at = self.event_moment(number)
            kind = self.random.choice(Event.Kind.values)
            event_format = self.random.choice(Event.Format.values)
            online = event_format != Event.Format.IN_PERSON
            return Event(
                title=f"{Event.Kind(kind).label} on {self.random.choice(THEMES)} {number}",
                slug=f"scale-event-{number}",
                series_id=self.random.choice(series_ids) if self.random.random() < 0.4 else None,
                programme=programme,
                kind=kind,
                format=event_format,
                status=self.random.choice(statuses),
                description="Generated for benchmarks. " * 8,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=self.random.choice([3, 8, 30, 100])),
                time_zone=str(starts_at.tzinfo),
                starts_on=local_date(starts_at, str(starts_at.tzinfo)),  # bulk_create does not call save()
                venue="" if event_format == Event.Format.ONLINE else "Palais des Nations",
                city="" if event_format == Event.Format.ONLINE else "Geneva",
                country="" if event_format == Event.Format.ONLINE else self.random.choice(self.country_codes),
                online_url=f"https://meet.example.org/scale-{number}" if online else "",
                languages=self.random.sample(UNLanguage.values, self.random.randint(1, 3)),
                target_audience="Diplomats and government officials",
                admission=self.random.choice(Event.Admission.values),
                # Generous: the registrations below confirm at most two thirds of an event's list.
                capacity=self.random.choice([None, self.shape.registrations_per_event * 2]),
                registration_opens_at=starts_at - datetime.timedelta(days=60),
                registration_closes_at=starts_at - datetime.timedelta(days=1),
            )

        event_ids = insert(Event, (event(number) for number in range(self.shape.events)))
        topic_links = Event.topics.through
        partner_links = Event.partners.through
        insert(
            topic_links,
            (
                topic_links(event_id=event_id, topic_id=topic_id)
                for event_id in event_ids
                for topic_id in self.random.sample(topic_ids, self.random.randint(1, 3))
            ),
        )
        insert(
            partner_links,
            (
                partner_links(event_id=event_id, organisation_id=partner_id)
                for event_id in event_ids
                for partner_id in self.random.sample(partner_ids, self.random.randint(0, 3))
            ),
        )
        starts = dict(Event.objects.filter(pk__in=event_ids).values_list("pk", "starts_at"))
        insert(
            AgendaItem,
            (
                AgendaItem(
                    event_id=event_id,
                    title=f"Session {session}",
                    starts_at=starts[event_id] + datetime.timedelta(hours=session),
                    ends_at=starts[event_id] + datetime.timedelta(hours=session + 1),
                    speaker_names="Alex Example",
                )
                for event_id in event_ids
                for session in range(3)
            ),
        )
        return event_ids

    def participants(self) -> list[int]:
        genders = Participant.Gender.values

        def participant(number):
            return Participant(
                first_name=self.random.choice(FIRST_NAMES),
                last_name=self.random.choice(LAST_NAMES),
                email=f"scale.participant.{number}@example.org",
                country=self.random.choice(self.country_codes) if self.random.random() < 0.98 else "",
                organisation=f"Organisation {number % 5000}",
                organisation_kind=self.random.choice(OrganisationKind.values),
                job_title="Officer",
                gender=self.random.choice(genders),
                consented_at=self.now,
                calendar_token=f"scale-{number}-{self.random.getrandbits(64):016x}",
            )

        return insert(Participant, (participant(number) for number in range(self.shape.participants)))

    def registrations(self, event_ids, participant_ids) -> int:
        """Each event's list drawn from all participants, in every status; only the ids are held."""
        events = list(Event.objects.filter(pk__in=event_ids).values_list("pk", "starts_at", "admission"))
        per_event = self.shape.registrations_per_event
        count = 0

        def rows():
            for event_id, starts_at, admission in events:
                past = starts_at < self.now
                for participant_id in self.random.sample(participant_ids, min(per_event, len(participant_ids))):
                    yield self.registration(event_id, participant_id, starts_at, past, admission)

        with creation_times_as_given(Registration):
            for batch in batches(rows()):
                Registration.objects.bulk_create(batch)
                count += len(batch)
        return count

    def registration(self, event_id, participant_id, starts_at, past, admission) -> Registration:
        roll = self.random.random()
        if roll < 0.66:
            status = Registration.Status.CONFIRMED
        elif roll < 0.74:
            status = Registration.Status.WAITLISTED
        elif roll < 0.82:
            status = Registration.Status.CANCELLED
        elif roll < 0.90:
            status = Registration.Status.DECLINED
        elif admission == Event.Admission.BY_APPROVAL:
            status = Registration.Status.PENDING
        else:
            status = Registration.Status.CONFIRMED
        attended = past and status == Registration.Status.CONFIRMED and self.random.random() < 0.8
        registered_at = starts_at - datetime.timedelta(days=self.random.randint(2, 59))
        return Registration(
            event_id=event_id,
            participant_id=participant_id,
            status=status,
            created_at=registered_at,
            queued_at=registered_at,
            decided_at=None if status == Registration.Status.PENDING else registered_at + datetime.timedelta(hours=3),
            attended=attended,
            checked_in_at=starts_at if attended else None,
        )

    def publications(self, programme, topic_ids) -> list[int]:
        kinds = [
            Publication.Kind.RESEARCH_PAPER,
            Publication.Kind.REPORT,
            Publication.Kind.BRIEF,
            Publication.Kind.COMMENTARY,
        ]

        def publication(number):
            published_on = datetime.date(self.first_year, 1, 1) + datetime.timedelta(
                days=number * (YEARS - 1) * 365 // self.shape.publications
            )
            return Publication(
                title=f"Scale publication {number} on {self.random.choice(THEMES)}",
                slug=f"scale-publication-{number}",
                kind=self.random.choice(kinds),
                programme=programme,
                published_on=published_on,
                abstract="A generated abstract. " * 10,
                featured_rank=number + 1 if number < 6 else None,
            )

        publication_ids = insert(Publication, (publication(number) for number in range(self.shape.publications)))
        contributor_ids = insert(
            Contributor,
            (
                Contributor(first_name=self.random.choice(FIRST_NAMES), last_name=f"Author {number}")
                for number in range(self.shape.contributors)
            ),
        )
        insert(
            Authorship,
            (
                Authorship(publication_id=publication_id, contributor_id=contributor_id, order=order)
                for publication_id in publication_ids
                for order, contributor_id in enumerate(
                    self.random.sample(contributor_ids, self.random.choice([1, 2, 3, 3, 4])), start=1
                )
            ),
        )
        other_languages = [code for code in UNLanguage.values if code != UNLanguage.ENGLISH]
        insert(
            Translation,
            (
                Translation(publication_id=publication_id, language=language, title=f"Translation {publication_id}")
                for publication_id in publication_ids
                if self.random.random() < 0.3
                for language in self.random.sample(other_languages, self.random.randint(1, 3))
            ),
        )
        topic_links = Publication.topics.through
        insert(
            topic_links,
            (
                topic_links(publication_id=publication_id, topic_id=topic_id)
                for publication_id in publication_ids
                for topic_id in self.random.sample(topic_ids, self.random.randint(1, 2))
            ),
        )
        return publication_ids

    def funding(self, programme, event_ids, publication_ids) -> int:
        donor_ids = insert(
            Donor,
            (
                Donor(name=f"Scale donor {number}", kind=self.random.choice(Donor.Kind.values), display_order=number)
                for number in range(self.shape.donors)
            ),
        )
        months = [
            datetime.date(year, month, 1)
            for year in range(self.first_year, self.first_year + YEARS)
            for month in range(1, 13)
        ]
        ExchangeRate.objects.bulk_create(
            (
                ExchangeRate(
                    currency=currency,
                    month=month,
                    units_per_usd=Decimal(self.random.uniform(0.5, 150)).quantize(Decimal("0.000001")),
                )
                for currency in CURRENCIES
                for month in months
            ),
            batch_size=BATCH_SIZE,
            ignore_conflicts=True,  # a demo database already holds some months
        )

        def contribution(number):
            year = self.first_year + number * YEARS // self.shape.contributions
            received = datetime.date(year, self.random.randint(1, 12), self.random.randint(1, 28))
            return Contribution(
                donor_id=self.random.choice(donor_ids),
                reference=f"SCALE-{number:06d}",
                funding_type=self.random.choice(Contribution.FundingType.values),
                status=Contribution.Status.RECEIVED,
                amount=Money(Decimal(self.random.randint(10_000, 2_000_000)), self.random.choice(["USD", *CURRENCIES])),
                signed_on=received,
                received_on=received,
                covers_from=datetime.date(year, 1, 1),
                covers_until=datetime.date(year, 12, 31),
                programme=programme,
            )

        contribution_ids = insert(Contribution, (contribution(number) for number in range(self.shape.contributions)))
        event_links = Contribution.events.through
        insert(
            event_links,
            (
                event_links(contribution_id=contribution_id, event_id=event_id)
                for contribution_id in contribution_ids
                for event_id in self.random.sample(event_ids, self.random.randint(0, 4))
            ),
        )
        publication_links = Contribution.publications.through
        insert(
            publication_links,
            (
                publication_links(contribution_id=contribution_id, publication_id=publication_id)
                for contribution_id in contribution_ids
                for publication_id in self.random.sample(publication_ids, self.random.randint(0, 2))
            ),
        )
        return len(contribution_ids)
