"""Management opens the dashboard for a period: funding by donor and type, activities and
participants by year, country coverage, publications. Its figures are the donor report's and the
activity summary's, each links to the admin list of what it counts, and money is only shown to
those allowed to see it."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from djmoney.money import Money

from donors.models import Contribution
from tests.factories import (
    ContributionFactory,
    DonorFactory,
    EventFactory,
    ExchangeRateFactory,
    ParticipantFactory,
    ProgrammeFactory,
    PublicationFactory,
    RegistrationFactory,
    TranslationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

START, END = datetime.date(2022, 1, 1), datetime.date(2023, 12, 31)
DEMO_PERIOD = {"programme": "SecTec", "start": "2022-01-01", "end": "2023-12-31", "currency": "USD"}


def dashboard(client, user, **query):
    client.force_login(user)
    response = client.get(reverse("donors:dashboard"), query)
    assert response.status_code == 200
    return response


def test_only_staff_who_run_reports_open_the_dashboard(client, db):
    url = reverse("donors:dashboard")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 403


def test_a_missing_rate_is_named_on_the_dashboard_while_counts_stay(client, manager):
    programme = ProgrammeFactory(short_name="SecTec")
    ContributionFactory(programme=programme, amount=Money(Decimal("1000.00"), "EUR"))
    ExchangeRateFactory(currency="EUR", month=datetime.date(2021, 1, 1))

    response = dashboard(client, manager, programme="SecTec", start="2022-01-01", end="2022-12-31")

    html = response.content.decode()
    assert "No UN operational rate of exchange is stored for EUR in January 2022" in html, html[
        html.find("funding-heading") :
    ][:1500]
    assert response.context["contribution_counts"]["all"] == 1


def make_programme_data(programme, size: int) -> None:
    """`size` events with participants from several countries, publications with translations and
    contributions from several donors in several currencies."""
    zone = datetime.UTC
    for month in range(1, 13):
        ExchangeRateFactory(currency="EUR", month=datetime.date(2022, month, 1), units_per_usd=Decimal("0.9"))
    for number in range(size):
        event = EventFactory(
            programme=programme, starts_at=datetime.datetime(2022, 1 + number % 12, 2, 10, tzinfo=zone)
        )
        for country in ("KE", "FJ", "BR", "FR")[: 1 + number % 4]:
            RegistrationFactory(event=event, participant=ParticipantFactory(country=country))
        publication = PublicationFactory(programme=programme, published_on=datetime.date(2022, 1 + number % 12, 5))
        TranslationFactory(publication=publication, language="fr")
        contribution = ContributionFactory(
            programme=programme,
            donor=DonorFactory(name=f"Donor {number}"),
            funding_type=Contribution.FundingType.ACTIVITY_SPECIFIC,
            amount=Money(Decimal("1000.00"), "EUR" if number % 2 else "USD"),
        )
        contribution.events.add(event)


@pytest.mark.parametrize("size", [2, 12])
def test_the_dashboard_costs_the_same_queries_whatever_the_amount_of_data(
    client, manager, size, django_assert_max_num_queries
):
    programme = ProgrammeFactory(short_name="SecTec")
    make_programme_data(programme, size)
    client.force_login(manager)
    client.get(reverse("donors:dashboard"), {"programme": "SecTec", "start": "2022-01-01", "end": "2022-12-31"})

    # session, user, permissions (2), programme choices, currencies (2), programme, contributions,
    # rates, events, registrations, publications, translations, resources
    with django_assert_max_num_queries(16):
        response = client.get(
            reverse("donors:dashboard"), {"programme": "SecTec", "start": "2022-01-01", "end": "2022-12-31"}
        )
    assert response.context["totals"]["events"] == size
    assert len(response.context["donor_rows"]) == size


def test_the_period_picker_defaults_to_this_year_and_rejects_a_backwards_period(client, manager):
    ProgrammeFactory(short_name="SecTec")
    response = dashboard(client, manager)
    today = datetime.date.today()
    assert response.context["figures"].start == datetime.date(today.year, 1, 1)

    response = dashboard(client, manager, start="2023-01-01", end="2022-01-01")
    assert "figures" not in response.context
    assert "The period ends (2022-01-01) before it starts (2023-01-01)." in response.content.decode()


def test_the_dashboard_opens_on_the_latest_year_the_programme_has_output_in(client, manager):
    programme = ProgrammeFactory(short_name="ArmsP", name="Arms Programme")
    EventFactory(programme=programme, starts_at=aware_noon(2021, 11, 3), ends_at=aware_noon(2021, 11, 3, 17))
    PublicationFactory(programme=programme, published_on=datetime.date(2023, 5, 2))
    EventFactory(
        programme=programme, status="draft", starts_at=aware_noon(2024, 2, 1), ends_at=aware_noon(2024, 2, 1, 17)
    )

    response = dashboard(client, manager, programme="ArmsP")

    figures = response.context["figures"]
    assert (figures.start, figures.end) == (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    assert 'value="2023-01-01"' in response.content.decode()
    asked = dashboard(client, manager, programme="ArmsP", start="2021-01-01", end="2021-12-31")
    assert asked.context["figures"].start == datetime.date(2021, 1, 1), "a period asked for is kept"


def aware_noon(year, month, day, hour=12):
    return datetime.datetime(year, month, day, hour, tzinfo=datetime.UTC)


def test_programme_staff_see_the_dashboard_link_only_with_the_report_permission(client, manager, db):
    client.force_login(manager)
    assert reverse("donors:dashboard") in client.get("/en/").content.decode()
    other = UserFactory(is_staff=True)
    other.groups.add(Group.objects.get(name="Programme staff"))
    client.force_login(other)
    assert reverse("donors:dashboard") not in client.get("/en/").content.decode()
    assert not Permission.objects.filter(group__name="Programme staff", codename="run_reports").exists()


def test_management_sees_funding_move_over_the_years_split_by_type(client, manager, reports_without_money):
    """Gender and Disarmament, 2024–2025: core funding each year, one activity-specific grant in 2025."""
    programme = ProgrammeFactory(short_name="GenDis", name="Gender and Disarmament")
    for amount, funding_type, year in [
        ("30000.00", Contribution.FundingType.CORE, 2024),
        ("10000.00", Contribution.FundingType.CORE, 2025),
        ("20000.00", Contribution.FundingType.ACTIVITY_SPECIFIC, 2025),
    ]:
        ContributionFactory(
            programme=programme,
            funding_type=funding_type,
            amount=Money(Decimal(amount), "USD"),
            signed_on=datetime.date(year, 1, 10),
            covers_from=datetime.date(year, 1, 1),
            covers_until=datetime.date(year, 12, 31),
        )
    period = {"programme": "GenDis", "start": "2024-01-01", "end": "2025-12-31", "currency": "USD"}

    bars = {bar["year"]: bar for bar in dashboard(client, manager, **period).context["funding_bars"]}

    assert {
        year: [(part["type"], part["amount"], part["percent"]) for part in bar["parts"]] for year, bar in bars.items()
    } == {
        2024: [("core", Decimal("30000.00"), Decimal("100")), ("activity_specific", Decimal("0"), Decimal("0"))],
        2025: [
            ("core", Decimal("10000.00"), Decimal("33.33")),
            ("activity_specific", Decimal("20000.00"), Decimal("66.67")),
        ],
    }
    html = dashboard(client, manager, **period).content.decode()
    assert "Core programme funding: 10,000.00; Activity-specific: 20,000.00" in html
    # People who may not see amounts get no picture of them either.
    without_money = dashboard(client, reports_without_money, **period)
    assert without_money.context["funding_bars"] == []
    assert "Funding by year and type" not in without_money.content.decode()
