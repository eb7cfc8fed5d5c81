"""The read-only funding API: GET /api/funding/?start=&end= for people who run reports; amounts
(decimal strings, to the cent) only for those with the finance permission."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from djmoney.money import Money

from donors.models import Contribution
from tests.factories import ContributionFactory, DonorFactory, ExchangeRateFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("donors:funding_api")
PERIOD = {"programme": "SecTec", "start": "2022-01-01", "end": "2022-12-31"}


@pytest.fixture
def funding(db):
    programme = ProgrammeFactory(short_name="SecTec")
    ExchangeRateFactory(currency="EUR", month=datetime.date(2022, 3, 1), units_per_usd=Decimal("0.9"))
    germany, canada = DonorFactory(name="Germany", country="DE"), DonorFactory(name="Canada", country="CA")
    ContributionFactory(
        programme=programme,
        donor=germany,
        amount=Money(Decimal("100000.00"), "EUR"),
        signed_on=datetime.date(2022, 3, 10),
        covers_from=datetime.date(2022, 1, 1),
        covers_until=datetime.date(2023, 12, 31),  # half of it (by days) falls in 2022
    )
    ContributionFactory(
        programme=programme,
        donor=canada,
        funding_type=Contribution.FundingType.ACTIVITY_SPECIFIC,
        amount=Money(Decimal("5000.00"), "USD"),
    )
    return programme


def test_management_reads_amounts_apportioned_to_the_period(client, manager, funding):
    client.force_login(manager)
    data = client.get(URL, PERIOD).json()

    # 100 000 EUR / 0.9 = 111 111.11 USD over 730 days; 365 of them in 2022 → 55 555.56 (rounded half up).
    germany = next(donor for donor in data["donors"] if donor["name"] == "Germany")
    assert germany == {
        "name": "Germany",
        "kind": "member_state",
        "core_contributions": 1,
        "activity_specific_contributions": 0,
        "core": "55555.56",
        "activity_specific": "0.00",
        "total": "55555.56",
    }
    assert data["by_funding_type"] == {
        "core": {"contributions": 1, "amount": "55555.56"},
        "activity_specific": {"contributions": 1, "amount": "5000.00"},
    }
    assert data["by_year"] == {"2022": "60555.56"}
    assert data["total"] == "60555.56"
    assert data["currency"] == "USD"


def test_without_the_finance_permission_the_api_gives_counts_and_no_money(client, reports_without_money, funding):
    client.force_login(reports_without_money)
    response = client.get(URL, PERIOD)
    data = response.json()

    assert response.status_code == 200
    assert data["contributions"] == 2
    assert data["by_funding_type"] == {"core": {"contributions": 1}, "activity_specific": {"contributions": 1}}
    assert all(
        set(donor) == {"name", "kind", "core_contributions", "activity_specific_contributions"}
        for donor in data["donors"]
    )
    assert "total" not in data and "by_year" not in data and "currency" not in data
    assert "5000" not in response.content.decode()


def test_the_api_needs_a_login_and_the_report_permission(client, funding):
    assert client.get(URL, PERIOD).status_code == 401
    client.force_login(UserFactory(is_staff=True))
    assert client.get(URL, PERIOD).status_code == 403


def test_bad_periods_and_missing_rates_are_explained(client, manager, funding):
    client.force_login(manager)
    response = client.get(URL, {**PERIOD, "start": "2023-01-01"})
    assert response.status_code == 400
    assert "before it starts" in response.json()["error"]["end"][0]["message"]

    ExchangeRateFactory(currency="CHF", month=datetime.date(2022, 2, 1))
    ContributionFactory(programme=funding, amount=Money(Decimal("10.00"), "CHF"), signed_on=datetime.date(2022, 5, 2))
    response = client.get(URL, PERIOD)
    assert response.status_code == 422
    assert "No UN operational rate of exchange is stored for CHF in May 2022" in response.json()["error"]
