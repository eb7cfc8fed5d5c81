import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from djmoney.money import Money

from donors.models import Contribution, Donor
from donors.money import MissingExchangeRate
from donors.selectors import donors_by_funding_type, funding_lines, programme_output, summarise_funding
from events.models import Registration
from tests.factories import (
    ContributionFactory,
    DonorFactory,
    EventFactory,
    ExchangeRateFactory,
    ParticipantFactory,
    ProgrammeFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

START, END = datetime.date(2022, 1, 1), datetime.date(2023, 12, 31)
CORE, SPECIFIC = Contribution.FundingType.CORE, Contribution.FundingType.ACTIVITY_SPECIFIC
Status = Registration.Status


def contribution(donor, funding_type, amount, currency, programme, **dates):
    dates = {"covers_from": START, "covers_until": datetime.date(2022, 12, 31), "signed_on": START, **dates}
    return ContributionFactory(
        donor=donor, funding_type=funding_type, amount=Money(Decimal(amount), currency), programme=programme, **dates
    )


def test_donors_are_split_into_core_and_activity_specific_in_display_order_with_articles():
    programme = ProgrammeFactory()
    czechia = DonorFactory(name="Czech Republic", name_takes_article=True, display_order=10)
    microsoft = DonorFactory(name="Microsoft", kind=Donor.Kind.PRIVATE_SECTOR, country="", display_order=90)
    france = DonorFactory(name="France", display_order=40)
    european_union = DonorFactory(
        name="European Union", kind=Donor.Kind.INTERGOVERNMENTAL, country="", name_takes_article=True, display_order=45
    )
    for donor, kind in [(microsoft, CORE), (czechia, CORE), (european_union, SPECIFIC), (france, SPECIFIC)]:
        contribution(donor, kind, "1000", "USD", programme)
    contribution(czechia, SPECIFIC, "500", "USD", programme)  # a core donor that also funded an activity
    contribution(
        DonorFactory(name="Outside the period"),
        CORE,
        "1000",
        "USD",
        programme,
        covers_from=datetime.date(2019, 1, 1),
        covers_until=datetime.date(2019, 12, 31),
    )
    contribution(DonorFactory(name="Another programme"), CORE, "1000", "USD", ProgrammeFactory())

    donors = donors_by_funding_type(programme, START, END)

    assert [donor.name_in_text for donor in donors.core] == ["the Czech Republic", "Microsoft"]
    assert [donor.name_in_text for donor in donors.activity_specific] == ["France", "the European Union"]
    assert donors.count == 4


def test_funding_lines_convert_each_contribution_and_totals_add_up_to_the_cent(django_assert_num_queries):
    programme = ProgrammeFactory()
    for month in (datetime.date(2022, 1, 1), datetime.date(2023, 1, 1)):
        ExchangeRateFactory(currency="EUR", month=month, units_per_usd=Decimal("0.9"))
        ExchangeRateFactory(currency="CHF", month=month, units_per_usd=Decimal("0.95"))
    germany, switzerland = DonorFactory(name="Germany"), DonorFactory(name="Switzerland")
    contribution(germany, CORE, "100000.00", "EUR", programme)
    contribution(
        switzerland,
        SPECIFIC,
        "33333.33",
        "CHF",
        programme,
        signed_on=datetime.date(2023, 1, 5),
        covers_from=datetime.date(2022, 7, 1),
        covers_until=datetime.date(2023, 6, 30),
    )
    contribution(switzerland, SPECIFIC, "1.00", "USD", programme)

    with django_assert_num_queries(2):
        lines = funding_lines(START, END, "USD", programme)
    summary = summarise_funding(lines, "USD")

    # 100000 / 0.9; 33333.33 / 0.95 = 35087.7157... -> 35087.72, of which 184 of 365 days fall in 2022
    assert [str(line.converted) for line in lines] == ["$111,111.11", "$1.00", "$35,087.72"]
    assert summary.by_donor == {germany: Decimal("111111.11"), switzerland: Decimal("35088.72")}
    assert summary.by_funding_type == {CORE: Decimal("111111.11"), SPECIFIC: Decimal("35088.72")}
    assert summary.by_year == {
        2022: Decimal("111111.11") + Decimal("1.00") + Decimal("17688.06"),
        2023: Decimal("17399.66"),
    }
    assert summary.total == sum(summary.by_donor.values()) == sum(summary.by_year.values())


def test_a_missing_rate_stops_the_figures_with_its_name():
    contribution(DonorFactory(), CORE, "100", "NZD", ProgrammeFactory())

    with pytest.raises(MissingExchangeRate, match="NZD in January 2022"):
        funding_lines(START, END, "USD")


def test_a_donor_without_contributions_in_the_period_has_no_lines():
    donor = DonorFactory()
    contribution(
        donor,
        CORE,
        "100",
        "USD",
        ProgrammeFactory(),
        covers_from=datetime.date(2024, 1, 1),
        covers_until=datetime.date(2024, 12, 31),
    )

    lines = funding_lines(START, END, "USD", donor=donor)

    assert lines == []
    assert summarise_funding(lines, "USD").total == Decimal(0)


def test_a_donor_reports_reach_counts_confirmed_people_and_walk_ins_but_not_those_who_only_asked():
    """Who took part is events.rules.took_part: confirmed, or seen in the room whatever the status."""
    programme = ProgrammeFactory()
    clinic = EventFactory(
        programme=programme,
        starts_at=timezone.make_aware(datetime.datetime(2022, 5, 3, 9)),
        ends_at=timezone.make_aware(datetime.datetime(2022, 5, 3, 17)),
    )
    counted = [
        RegistrationFactory(event=clinic, participant=ParticipantFactory(country="KE"), status=Status.CONFIRMED),
        RegistrationFactory(
            event=clinic, participant=ParticipantFactory(country="FJ"), status=Status.PENDING, attended=True
        ),
    ]
    for status in (Status.PENDING, Status.WAITLISTED, Status.DECLINED, Status.CANCELLED):
        RegistrationFactory(event=clinic, participant=ParticipantFactory(country="BR"), status=status)

    reach = programme_output(programme, START, END).reach

    assert (reach.participants, reach.countries) == (len(counted), 2)
