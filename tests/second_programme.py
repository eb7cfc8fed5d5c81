"""A programme of our own, not the demo, with the cases the demo never meets (tests of the mapping
letter and the donor report read it).

The Conventional Arms and Ammunition programme, in 2025: one publication, a clinic at 00:30 on New
Year's Day in Geneva, a series of five online seminars, a workshop with exactly 60 participants, a
briefing in Fiji paid for by Japan, two donors of its own and no information resources."""

import datetime
import zoneinfo
from decimal import Decimal

from djmoney.money import Money

from donors.models import Contribution
from events.models import Event, EventPartner, Registration
from tests import factories
from unidir_cb.core.models import OrganisationKind

GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")
SEMINAR_COUNTRIES = [
    "KE",
    "NG",
    "GH",
    "SN",
    "ET",
    "FJ",
    "WS",
    "TO",
    "VU",
    "PG",
    "BD",
    "NP",
    "LA",
    "KH",
    "BT",
    "HT",
    "MZ",
    "MW",
]


def in_geneva(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=GENEVA)


def register(event, people):
    for person in people:
        factories.RegistrationFactory(event=event, participant=person, status=Registration.Status.CONFIRMED)


def build_arms_programme():
    """The programme and its 2025 mapping exercise."""
    programme = factories.ProgrammeFactory(
        name="Conventional Arms and Ammunition",
        short_name="CAA",
        name_in_text="the UNIDIR Conventional Arms and Ammunition Programme",
        head_name="Himayu Shiotani",
        head_title="Programme Lead, Conventional Arms",
        area_of_work="conventional arms control",
        website="https://www.unidir.org/caa",
    )
    factories.PublicationFactory(
        programme=programme,
        title="Ammunition Management",
        subtitle="A Handbook",
        featured_rank=1,
        published_on=datetime.date(2025, 4, 1),
    ).topics.add(factories.TopicFactory(name="Ammunition safety"))

    # New Year's Day, half an hour after midnight in Geneva: still 31 December 2024 in UTC.
    clinic = factories.EventFactory(
        programme=programme,
        kind=Event.Kind.CLINIC,
        title="Clinic on marking and tracing",
        starts_at=in_geneva(2025, 1, 1, 0, 30),
        ends_at=in_geneva(2025, 1, 1, 2, 30),
    )
    osce = factories.OrganisationFactory(
        name="Organization for Security and Co-operation in Europe", acronym="OSCE", name_takes_article=True
    )
    clinic.partners.add(osce, through_defaults={"role": EventPartner.Role.INVITED_BY})
    # One partner known by its acronym, one named in full with "the".
    unoda = factories.OrganisationFactory(name="Office for Disarmament Affairs", acronym="UNODA")
    african_union = factories.OrganisationFactory(
        name="African Union", acronym="AU", known_by_acronym=False, name_takes_article=True
    )
    seminars = factories.EventSeriesFactory(programme=programme, name="Online seminars on ammunition safety")
    officials = [factories.ParticipantFactory(country=country) for country in SEMINAR_COUNTRIES]
    for month in (2, 3, 4, 5, 6):
        seminar = factories.EventFactory(
            programme=programme,
            series=seminars,
            kind=Event.Kind.SEMINAR,
            format=Event.Format.ONLINE,
            starts_at=in_geneva(2025, month, 12),
            ends_at=in_geneva(2025, month, 12, 12),
            target_audience="Government officials",
            partners=[unoda],
        )
        register(seminar, officials)
    workshop = factories.EventFactory(
        programme=programme,
        kind=Event.Kind.WORKSHOP,
        title="Workshop on stockpile management",
        starts_at=in_geneva(2025, 9, 3),
        ends_at=in_geneva(2025, 9, 4, 17),
        partners=[african_union],
    )
    register(
        workshop,
        [
            factories.ParticipantFactory(country=country, organisation_kind=OrganisationKind.CIVIL_SOCIETY)
            for country in ["FR", "DE", "IT"] * 20
        ],
    )

    # 09:00 on 23 August in Suva is 21:00 on 22 August in UTC and 23:00 in Geneva.
    fiji_briefing = factories.EventFactory(
        programme=programme,
        kind=Event.Kind.BRIEFING,
        title="Briefing on the Programme of Action",
        city="Suva",
        country="FJ",
        time_zone="Pacific/Fiji",
        starts_at=datetime.datetime(2025, 8, 23, 9, tzinfo=zoneinfo.ZoneInfo("Pacific/Fiji")),
        ends_at=datetime.datetime(2025, 8, 23, 12, tzinfo=zoneinfo.ZoneInfo("Pacific/Fiji")),
    )
    secretariat = factories.OrganisationFactory(
        name="Pacific Islands Forum Secretariat", acronym="PIFS", known_by_acronym=False, name_takes_article=True
    )
    # Four of the twelve officials gave no country.
    register(
        fiji_briefing,
        [factories.ParticipantFactory(country=country) for country in ["FJ", "TO", "WS"] * 2 + ["FJ", "TO"]],
    )
    register(fiji_briefing, [factories.ParticipantFactory(country="") for _ in range(4)])
    # Nobody at this dialogue gave a country.
    dialogue = factories.EventFactory(
        programme=programme,
        kind=Event.Kind.DIALOGUE,
        title="Dialogue on transparency in arms transfers",
        starts_at=in_geneva(2025, 11, 5),
        ends_at=in_geneva(2025, 11, 5, 17),
    )
    register(
        dialogue,
        [factories.ParticipantFactory(country="", organisation_kind=OrganisationKind.CIVIL_SOCIETY) for _ in range(10)],
    )
    fiji_briefing.partners.add(secretariat, through_defaults={"role": EventPartner.Role.HOST})
    fiji_briefing.partners.add(
        factories.OrganisationFactory(name="Government of Japan", known_by_acronym=False, name_takes_article=True),
        through_defaults={"role": EventPartner.Role.FUNDER},
    )
    for name, funding_type in [("Germany", "core"), ("Japan", Contribution.FundingType.ACTIVITY_SPECIFIC)]:
        contribution = factories.ContributionFactory(
            donor=factories.DonorFactory(name=name, country={"Germany": "DE", "Japan": "JP"}[name]),
            programme=programme,
            funding_type=funding_type,
            amount=Money(Decimal("20000"), "USD"),
            signed_on=datetime.date(2025, 1, 10),
            covers_from=datetime.date(2025, 1, 1),
            covers_until=datetime.date(2025, 12, 31),
        )
    contribution.events.add(fiji_briefing)  # Japan's
    return factories.MappingExerciseFactory(
        programme=programme,
        reference="ODA/2025-00007/Arms Mapping",
        addressees="Mr. Lopez",
        scope="Capacity-building in conventional arms control",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
    )
