"""Whatever a programme's records hold, its reply never counts nothing as "0", never says "one" before
a plural, never leaves a lead-in followed by nothing, and states the counts the selectors give.

Programmes are generated at random from a fixed list of seeds, so a failure is reproduced by its seed
(hypothesis, which would shrink a failing programme, is not installed)."""

import datetime
import itertools
import random
import re

import pytest

from donors.models import Donor
from donors.selectors import donors_by_funding_type
from events.models import Event, Registration
from events.reach import participants_of
from programmes.models import InformationResource
from publications.selectors import publications_in_period
from reports.mapping.compiler import compile_mapping_sections, letter_text
from tests import factories
from tests.programmes.conftest import aware
from unidir_cb.core.models import OrganisationKind

pytestmark = pytest.mark.django_db

SEEDS = range(8)
COUNTRIES = ["KE", "NG", "FJ", "WS", "BD", "FR", "DE", "BR", "MX", "IN", ""]
SINGULARS = r"publication|donor|country|participant|official"
PLURALS = r"publications|donors|countries|participants|officials|events|contributions|people|seminars|workshops"


def generated_exercise(seed: int):
    rng = random.Random(seed)
    programme = factories.ProgrammeFactory(name=f"Generated Programme {chr(ord('A') + seed)}")
    for number in range(rng.choice([0, 1, 2, 19, 20, 21, 28, 60])):
        factories.PublicationFactory(
            programme=programme, published_on=datetime.date(2024, 1 + number % 12, 1), featured_rank=number or None
        )
    partner = factories.OrganisationFactory(name=f"Partner of {seed}", acronym="GFCE")
    for group in range(rng.randint(0, 4)):
        series = factories.EventSeriesFactory(
            programme=programme, name=f"Online seminars on theme {chr(ord('A') + group)}{chr(ord('A') + seed)}"
        )
        people = [
            factories.ParticipantFactory(
                country=rng.choice(COUNTRIES),
                organisation_kind=rng.choice([OrganisationKind.GOVERNMENT, OrganisationKind.ACADEMIA]),
            )
            for _ in range(rng.choice([0, 1, 9, 10, 18, 25, 60]))
        ]
        for session in range(rng.randint(1, 6)):
            event = factories.EventFactory(
                programme=programme,
                series=series,
                kind=rng.choice([Event.Kind.SEMINAR, Event.Kind.WORKSHOP]),
                format=Event.Format.ONLINE,
                starts_at=aware(2024, 1 + group, 1 + session),
                ends_at=aware(2024, 1 + group, 1 + session, 12),
                partners=[partner] if rng.random() < 0.5 else [],
            )
            for person in people:
                factories.RegistrationFactory(event=event, participant=person, status=Registration.Status.CONFIRMED)
    for _ in range(rng.randint(0, 2)):
        factories.InformationResourceFactory(programme=programme, kind=rng.choice(InformationResource.Kind.values))
    for _ in range(rng.randint(0, 3)):
        factories.ContributionFactory(
            programme=programme,
            funding_type=rng.choice(["core", "activity_specific"]),
            covers_from=datetime.date(2024, 1, 1),
            covers_until=datetime.date(2024, 12, 31),
        )
    if rng.random() < 0.5:
        factories.ContributionFactory(
            donor=factories.DonorFactory(name="UNIDIR budget", kind=Donor.Kind.INSTITUTE_BUDGET, country=""),
            programme=programme,
            covers_from=datetime.date(2024, 1, 1),
            covers_until=datetime.date(2024, 12, 31),
        )
    return factories.MappingExerciseFactory(
        programme=programme, period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2024, 12, 31)
    )


@pytest.fixture(params=SEEDS, ids=lambda seed: f"seed {seed}")
def compiled(request):
    exercise = generated_exercise(request.param)
    sections = compile_mapping_sections(exercise)
    return exercise, sections, letter_text(sections)


def test_nothing_is_counted_as_zero(compiled):
    _, _, text = compiled

    assert not re.search(r"\b0 [a-z]", text)
    assert not re.search(r"\bno (donors|countries|participants)\b", text)


def test_one_is_never_followed_by_a_plural(compiled):
    _, _, text = compiled

    assert not re.search(rf"\bone ({PLURALS})\b", text)
    assert not re.search(rf"\b(two|three|four|five|six|seven|eight|nine|ten|\d\d+) (different )?({SINGULARS})\b", text)


def test_no_lead_in_is_followed_by_nothing(compiled):
    _, _, text = compiled
    lines = text.split("\n")

    for line, following in itertools.pairwise(lines):
        if line.endswith(":"):
            assert following.startswith("- "), f"{line!r} is followed by {following!r}"


def test_every_count_is_the_selectors(compiled):
    exercise, sections, _ = compiled
    programme = exercise.programme

    publications = publications_in_period(programme, exercise.period_start, exercise.period_end).count()
    assert sections["research"]["facts"]["publication_count"] == publications
    donors = donors_by_funding_type(programme, exercise.period_start, exercise.period_end)
    assert sections["funding"]["facts"]["donor_count"] == donors.count
    funding = " ".join(sections["funding"]["paragraphs"])
    assert ("exclusively" in funding) == (bool(donors.count) and not donors.budget)
    assert ("UNIDIR budget" in funding) == bool(donors.budget)
    for activity in sections["participatory_learning"]["activities"]:
        people = participants_of(Event.objects.filter(pk__in=activity["facts"]["event_ids"]))
        assert activity["facts"]["participants"] == people.count()
        assert activity["facts"]["countries"] == people.exclude(country="").values("country").distinct().count()
