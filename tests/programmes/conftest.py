"""Shared by the mapping tests: a programme that is not SecTec, in another period."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from djmoney.money import Money

from donors.models import Contribution, Donor
from events.models import Event, Registration
from programmes.models import InformationResource
from tests import factories


def aware(year, month, day, hour=9):
    return timezone.make_aware(datetime.datetime(year, month, day, hour), datetime.UTC)


@pytest.fixture
def space_programme():
    """A different programme, a different period, different partners and donors."""
    programme = factories.ProgrammeFactory(
        name="Space Security Programme",
        short_name="SpaceSec",
        head_name="Ana Ruiz",
        head_title="Programme Lead",
        website="https://space.example.org",
        area_of_work="outer space security",
    )
    norms = factories.TopicFactory(name="Norms")
    orbit = factories.TopicFactory(name="Orbital debris")
    for number in range(12):
        publication = factories.PublicationFactory(
            programme=programme, published_on=datetime.date(2021, 1 + number % 12, 1)
        )
        publication.topics.add(orbit if number % 3 else norms)
    featured = factories.PublicationFactory(
        programme=programme,
        title="Keeping Orbits Open",
        subtitle="A Primer",
        featured_rank=1,
        published_on=datetime.date(2024, 2, 1),
    )
    factories.TranslationFactory(publication=featured, language="es", title="Mantener las órbitas abiertas")
    factories.PublicationFactory(programme=programme, published_on=datetime.date(2019, 5, 1))  # before the window
    au = factories.OrganisationFactory(name="African Union", acronym="AU")
    workshops = factories.EventSeriesFactory(programme=programme, name="Workshops on space traffic coordination")
    for month in (3, 6):
        event = factories.EventFactory(
            programme=programme,
            series=workshops,
            kind=Event.Kind.WORKSHOP,
            format=Event.Format.ONLINE,
            starts_at=aware(2024, month, 10),
            ends_at=aware(2024, month, 10, 12),
            target_audience="Space agency officials",
            partners=[au],
        )
        for country in ["KE", "NG", "GH", "SN", "ET", "KE"]:
            factories.RegistrationFactory(
                event=event,
                participant=factories.ParticipantFactory(country=country),
                status=Registration.Status.CONFIRMED,
            )
    factories.RegistrationFactory(
        event=event, participant=factories.ParticipantFactory(country="FR"), status=Registration.Status.WAITLISTED
    )
    factories.InformationResourceFactory(
        programme=programme,
        name="Space Security Portal",
        kind=InformationResource.Kind.PORTAL,
        languages=["en", "fr"],
    )
    netherlands = factories.DonorFactory(name="Netherlands", name_takes_article=True, country="NL")
    foundation = factories.DonorFactory(name="Orbit Foundation", kind=Donor.Kind.FOUNDATION, country="")
    for donor, funding_type in [(netherlands, Contribution.FundingType.ACTIVITY_SPECIFIC), (foundation, "core")]:
        factories.ContributionFactory(
            donor=donor,
            programme=programme,
            funding_type=funding_type,
            amount=Money(Decimal("5000"), "EUR"),
            covers_from=datetime.date(2024, 1, 1),
            covers_until=datetime.date(2024, 12, 31),
        )
    return factories.MappingExerciseFactory(
        programme=programme,
        reference="OOSA/2024-7/Space Mapping",
        addressees="Dr. Okafor",
        scope="Space security capacity-building initiatives",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        publications_since=datetime.date(2020, 1, 1),
    )


@pytest.fixture(autouse=True)
def rendered_files_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
