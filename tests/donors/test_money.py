"""Contributions keep their currency; reports convert them with stored UN operational rates."""

import datetime
from decimal import Decimal

import pytest
from djmoney.money import Money

from donors.money import MissingExchangeRate, RateTable, apportion_by_year, conversion_month, split_by_days
from tests.factories import ContributionFactory, ExchangeRateFactory

pytestmark = pytest.mark.django_db

JAN_2022 = datetime.date(2022, 1, 1)


def test_converts_at_the_rate_of_the_month_the_money_was_received():
    ExchangeRateFactory(currency="EUR", month=datetime.date(2022, 3, 1), units_per_usd=Decimal("0.910"))
    contribution = ContributionFactory(
        amount=Money(Decimal("91000.00"), "EUR"),
        signed_on=datetime.date(2022, 1, 10),
        received_on=datetime.date(2022, 3, 20),
    )
    rates = RateTable.for_months([conversion_month(contribution)])

    assert conversion_month(contribution) == datetime.date(2022, 3, 1)
    assert rates.convert(contribution.amount, "USD", conversion_month(contribution)) == Money(
        Decimal("100000.00"), "USD"
    )


def test_falls_back_to_the_signing_month_then_the_first_covered_month():
    signed = ContributionFactory(signed_on=datetime.date(2022, 5, 2), received_on=None)
    pledged = ContributionFactory(
        signed_on=None,
        received_on=None,
        covers_from=datetime.date(2023, 2, 1),
        covers_until=datetime.date(2023, 12, 31),
    )

    assert conversion_month(signed) == datetime.date(2022, 5, 1)
    assert conversion_month(pledged) == datetime.date(2023, 2, 1)


def test_converts_between_two_non_dollar_currencies_through_the_dollar():
    ExchangeRateFactory(currency="EUR", month=JAN_2022, units_per_usd=Decimal("0.885"))
    ExchangeRateFactory(currency="CHF", month=JAN_2022, units_per_usd=Decimal("0.920"))
    rates = RateTable.for_months([JAN_2022])

    converted = rates.convert(Money(Decimal("1000.00"), "EUR"), "CHF", JAN_2022)

    # 1000 / 0.885 * 0.920 = 1039.5480..., rounded once to the cent
    assert converted == Money(Decimal("1039.55"), "CHF")


def test_rounds_half_away_from_zero_to_the_cent():
    ExchangeRateFactory(currency="JPY", month=JAN_2022, units_per_usd=Decimal("200"))
    rates = RateTable.for_months([JAN_2022])

    # 1001 JPY / 200 = 5.005 USD exactly: half-up gives 5.01 where banker's rounding would give 5.00
    assert rates.convert(Money(Decimal("1001"), "JPY"), "USD", JAN_2022) == Money(Decimal("5.01"), "USD")


def test_a_missing_rate_is_reported_by_currency_and_month_never_guessed():
    ExchangeRateFactory(currency="EUR", month=JAN_2022)
    rates = RateTable.for_months([JAN_2022, datetime.date(2022, 2, 1)])

    with pytest.raises(
        MissingExchangeRate, match="No UN operational rate of exchange is stored for EUR in February 2022"
    ):
        rates.convert(Money(Decimal("10"), "EUR"), "USD", datetime.date(2022, 2, 14))


def test_dollars_need_no_rate():
    assert RateTable([]).convert(Money(Decimal("12.345"), "USD"), "USD", JAN_2022) == Money(Decimal("12.35"), "USD")


def test_split_by_days_never_loses_or_creates_a_cent():
    parts = split_by_days(Decimal("100.00"), [1, 1, 1])

    assert parts == [Decimal("33.33"), Decimal("33.34"), Decimal("33.33")]
    assert sum(parts) == Decimal("100.00")


@pytest.mark.parametrize("amount", [Decimal("0.01"), Decimal("999999.99"), Decimal("123456.78"), Decimal("1.00")])
def test_yearly_parts_of_a_multi_year_contribution_add_up_to_the_whole(amount):
    parts = apportion_by_year(
        amount,
        datetime.date(2021, 3, 15),
        datetime.date(2024, 8, 31),
        datetime.date(2000, 1, 1),
        datetime.date(2099, 12, 31),
    )

    assert list(parts) == [2021, 2022, 2023, 2024]
    assert sum(parts.values()) == amount


def test_a_contribution_spanning_two_years_counts_in_each_year_by_days_covered():
    covers_from, covers_until = datetime.date(2022, 7, 1), datetime.date(2023, 6, 30)

    only_2022 = apportion_by_year(Decimal("365000"), covers_from, covers_until, JAN_2022, datetime.date(2022, 12, 31))
    both_years = apportion_by_year(Decimal("365000"), covers_from, covers_until, JAN_2022, datetime.date(2023, 12, 31))

    assert only_2022 == {2022: Decimal("184000.00")}
    assert both_years == {2022: Decimal("184000.00"), 2023: Decimal("181000.00")}


def test_a_reporting_period_that_cuts_a_year_counts_only_the_days_inside_it():
    parts = apportion_by_year(
        Decimal("36500"), JAN_2022, datetime.date(2022, 12, 31), datetime.date(2022, 7, 1), datetime.date(2023, 6, 30)
    )

    assert parts == {2022: Decimal("18400.00")}


@pytest.mark.django_db
def test_a_report_learns_every_missing_rate_at_once_and_needs_none_within_one_currency():
    from donors.selectors import missing_exchange_rates

    ExchangeRateFactory(currency="EUR", month=JAN_2022, units_per_usd=Decimal("0.9"))
    in_euros = [
        ContributionFactory(amount=Money(Decimal("10"), "EUR"), signed_on=datetime.date(2022, 1, 20)),
        ContributionFactory(amount=Money(Decimal("10"), "EUR"), signed_on=datetime.date(2022, 2, 3)),
        ContributionFactory(amount=Money(Decimal("10"), "EUR"), signed_on=datetime.date(2022, 2, 9)),
    ]
    in_francs = ContributionFactory(amount=Money(Decimal("10"), "CHF"), signed_on=datetime.date(2022, 1, 4))

    missing = missing_exchange_rates([*in_euros, in_francs], "USD")

    # February's EUR rate is named once although two contributions need it; January's is stored.
    assert [(error.currency, error.month) for error in missing] == [
        ("CHF", JAN_2022),
        ("EUR", datetime.date(2022, 2, 1)),
    ]
    assert missing_exchange_rates(in_euros, "EUR") == []  # nothing to convert
    # Reporting in euros, the franc contribution needs January's CHF rate and the EUR rate (stored).
    assert [(error.currency, error.month) for error in missing_exchange_rates([in_francs], "EUR")] == [
        ("CHF", JAN_2022)
    ]
