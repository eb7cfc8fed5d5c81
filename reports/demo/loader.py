"""Demo data: the Security and Technology Programme as UNIDIR's reply to the 2023 ICT mapping exercise
describes it, plus an OEWG edited volume. Each domain's data sits beside the code that loads it:
programme.py (programme, topics, partners, resources, the mapping exercise), catalogue.py
(publications), activities.py and people.py (events and who took part), funding.py (donors,
contributions, exchange rates), questions.py (what the 2027 training asks and was answered),
sponsorships.py (who was sponsored to attend, the visa letter template and letters issued),
materials.py (speakers' profiles and the 2027 training's materials); this
module runs them in order.

`load_demo()` builds it in one transaction and is idempotent: every row is found by a natural key
(slug, email, reference, name) and saved only when a value differs, so a second run changes nothing,
not even the audit history. Generated people come from `random.Random` with fixed seeds and curated
name lists; there is no Faker, because the runtime image has no test dependencies.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db import transaction

from donors.models import Contribution, ExchangeRate
from donors.selectors import donors_by_funding_type
from events.models import Event, Participant, Registration
from programmes.models import MappingExercise, Organisation, Programme, Topic
from publications.models import Publication, Translation
from unidir_cb.core.models import OrganisationKind

from .activities import load_events
from .catalogue import load_publications
from .funding import load_donors, load_exchange_rates
from .materials import load_materials
from .programme import (
    load_information_resources,
    load_mapping_exercise,
    load_organisations,
    load_programme,
    load_topics,
)
from .questions import load_questions
from .sponsorships import load_sponsorships, load_visa_letters

TABLE_TOP_EXERCISES_2022 = [
    "ttx-regional-cyber-crisis-management-asean-2022",
    "ttx-regional-cyber-crisis-management-oas-2022",
]


@dataclass
class DemoSummary:
    programme: str
    topics: Counter
    organisations: int
    information_resources: int
    publications: int
    publications_since_2019: int
    chapters: int
    translations: int
    translation_languages: list[str]
    events: int
    event_series: int
    upcoming_events: int
    participants: int
    registrations: int
    ttx_government_officials: int
    ttx_countries: int
    donors_core: list[str]
    donors_activity_specific: list[str]
    contributions: int
    exchange_rates: int
    mapping_exercise: str

    def lines(self) -> list[str]:
        return [
            f"Demo data loaded for the {self.programme}.",
            f"  Topics: {self.topics[Topic.Kind.PILLAR]} pillars, {self.topics[Topic.Kind.THEME]} cross-cutting themes",
            f"  Organisations: {self.organisations}; information resources: {self.information_resources}",
            f"  Publications: {self.publications} ({self.publications_since_2019} since 1 January 2019, not "
            f"counting chapters; {self.chapters} chapters); translations: {self.translations} in "
            f"{', '.join(self.translation_languages)}",
            f"  Events: {self.events} published in {self.event_series} series ({self.upcoming_events} upcoming); "
            f"participants: {self.participants}; registrations: {self.registrations}",
            f"  2022 table-top exercises: {self.ttx_government_officials} government officials from "
            f"{self.ttx_countries} countries",
            f"  Donors 2022–2023: {len(self.donors_core) + len(self.donors_activity_specific)} "
            f"({len(self.donors_core)} core, {len(self.donors_activity_specific)} activity-specific); "
            f"contributions: {self.contributions}; exchange rates: {self.exchange_rates}",
            f"  Mapping exercise: {self.mapping_exercise}",
        ]


def ttx_government_attendance() -> tuple[int, int]:
    """Government officials who took part in the 2022 table-top exercises, and their countries."""
    attended = Registration.objects.filter(
        event__slug__in=TABLE_TOP_EXERCISES_2022,
        status=Registration.Status.CONFIRMED,
        attended=True,
        participant__organisation_kind=OrganisationKind.GOVERNMENT,
    )
    officials = attended.values("participant").distinct().count()
    countries_of_officials = attended.values("participant__country").distinct().count()
    return officials, countries_of_officials


def summarise(programme: Programme, exercise: MappingExercise, now: datetime.datetime) -> DemoSummary:
    publications = Publication.objects.filter(programme=programme)
    translations = Translation.objects.filter(publication__programme=programme)
    events = Event.objects.filter(programme=programme, status=Event.Status.PUBLISHED)
    officials, countries_of_officials = ttx_government_attendance()
    donors = donors_by_funding_type(programme, exercise.period_start, exercise.period_end)
    return DemoSummary(
        programme=str(programme),
        topics=Counter(Topic.objects.values_list("kind", flat=True)),
        organisations=Organisation.objects.count(),
        information_resources=programme.information_resources.count(),
        publications=publications.count(),
        publications_since_2019=publications.filter(published_on__gte=exercise.publications_since)
        .exclude(kind=Publication.Kind.CHAPTER)
        .count(),
        chapters=publications.filter(kind=Publication.Kind.CHAPTER).count(),
        translations=translations.count(),
        translation_languages=sorted(set(translations.values_list("language", flat=True))),
        events=events.count(),
        event_series=programme.event_series.count(),
        upcoming_events=events.filter(starts_at__gt=now).count(),
        participants=Participant.objects.filter(registrations__event__programme=programme).distinct().count(),
        registrations=Registration.objects.filter(event__programme=programme).count(),
        ttx_government_officials=officials,
        ttx_countries=countries_of_officials,
        donors_core=[donor.name for donor in donors.core],
        donors_activity_specific=[donor.name for donor in donors.activity_specific],
        contributions=Contribution.objects.filter(programme=programme).count(),
        exchange_rates=ExchangeRate.objects.count(),
        mapping_exercise=exercise.reference,
    )


@transaction.atomic
def load_demo(now: datetime.datetime) -> DemoSummary:
    """Build (or bring up to date) the whole demo: same input, same database, however often it runs."""
    programme = load_programme()
    topics = load_topics()
    organisations = load_organisations()
    resources = load_information_resources(programme, topics, organisations)
    publications = load_publications(programme, topics)
    events = load_events(programme, topics, organisations)
    load_questions(events)
    load_materials(events)
    load_donors(programme, events, publications, resources)
    load_exchange_rates()
    load_sponsorships(events)
    load_visa_letters(events)
    exercise = load_mapping_exercise(programme, organisations)
    return summarise(programme, exercise, now)
