"""Generate a programme's record at a chosen scale, fast (bulk inserts), for benchmarks.

scale = 1  ->  20 events, 600 registrations, 60 publications, 10 contributions
scale = 10 -> 200 events, 6 000 registrations, 600 publications, 100 contributions
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django_countries import countries
from djmoney.money import Money

from donors.models import Contribution, Donor, ExchangeRate
from events.models import Event, Participant, Registration
from programmes.models import MappingExercise, Organisation, Programme, Topic
from publications.models import Authorship, Contributor, Publication
from unidir_cb.core.models import OrganisationKind

EVENTS_PER_SCALE = 20
REGISTRATIONS_PER_EVENT = 30
PUBLICATIONS_PER_SCALE = 60
CONTRIBUTIONS_PER_SCALE = 10


@transaction.atomic
def build(scale: int, seed: int = 7) -> MappingExercise:
    randomness = random.Random(seed)
    codes = [country.code for country in countries]
    programme = Programme.objects.create(
        name=f"Benchmark Programme {scale}", short_name=f"Bench{scale}", head_name="Bench Head", head_title="Head"
    )
    topic = Topic.objects.create(name=f"Bench topic {scale}", slug=f"bench-topic-{scale}")
    partner = Organisation.objects.create(name=f"Bench partner {scale}", kind=OrganisationKind.REGIONAL_ORGANISATION)
    start = timezone.make_aware(datetime.datetime(2022, 1, 10, 9))
    events = Event.objects.bulk_create(
        Event(
            title=f"Bench event {scale}-{number}",
            slug=f"bench-{scale}-{number}",
            programme=programme,
            kind=randomness.choice(Event.Kind.values),
            format=randomness.choice(Event.Format.values),
            status=Event.Status.PUBLISHED,
            starts_at=start + datetime.timedelta(days=number * 3),
            ends_at=start + datetime.timedelta(days=number * 3, hours=6),
            capacity=REGISTRATIONS_PER_EVENT * 2,
            languages=["en"],
        )
        for number in range(EVENTS_PER_SCALE * scale)
    )
    for event in events:
        event.topics.add(topic)
        event.partners.add(partner)
    participant_count = EVENTS_PER_SCALE * scale * REGISTRATIONS_PER_EVENT // 3
    participants = Participant.objects.bulk_create(
        Participant(
            first_name=f"First{number}",
            last_name=f"Last{number}",
            email=f"bench{scale}.{number}@example.org",
            country=randomness.choice(codes),
            organisation_kind=randomness.choice(OrganisationKind.values),
            gender=randomness.choice(Participant.Gender.values),
        )
        for number in range(participant_count)
    )
    Registration.objects.bulk_create(
        Registration(event=event, participant=participant, status=Registration.Status.CONFIRMED)
        for event in events
        for participant in randomness.sample(participants, REGISTRATIONS_PER_EVENT)
    )
    contributor = Contributor.objects.create(first_name="Bench", last_name=f"Author {scale}")
    publications = Publication.objects.bulk_create(
        Publication(
            title=f"Bench publication {scale}-{number}",
            slug=f"bench-publication-{scale}-{number}",
            kind=Publication.Kind.RESEARCH_PAPER,
            programme=programme,
            published_on=datetime.date(2019 + number % 5, 1 + number % 12, 1),
            featured_rank=number + 1 if number < 6 else None,
        )
        for number in range(PUBLICATIONS_PER_SCALE * scale)
    )
    Authorship.objects.bulk_create(
        Authorship(publication=publication, contributor=contributor, order=1) for publication in publications
    )
    for month in range(1, 13):
        ExchangeRate.objects.get_or_create(
            currency="EUR", month=datetime.date(2022, month, 1), defaults={"units_per_usd": Decimal("0.95")}
        )
    for number in range(CONTRIBUTIONS_PER_SCALE * scale):
        donor = Donor.objects.create(name=f"Bench donor {scale}-{number}", kind=Donor.Kind.FOUNDATION)
        Contribution.objects.create(
            donor=donor,
            reference=f"BENCH-{scale}-{number}",
            funding_type=randomness.choice(Contribution.FundingType.values),
            amount=Money(Decimal(randomness.randint(1000, 900000)), "EUR"),
            signed_on=datetime.date(2022, 1 + number % 12, 1),
            covers_from=datetime.date(2022, 1, 1),
            covers_until=datetime.date(2022, 12, 31),
            programme=programme,
        )
    return MappingExercise.objects.create(
        reference=f"BENCH/{scale}",
        addressees="Benchmark",
        programme=programme,
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 12, 31),
        publications_since=datetime.date(2019, 1, 1),
    )
