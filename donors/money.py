"""Converting contributions into the reporting currency with stored UN operational rates.

Rules (stated here because reports depend on them, and tested):
- Rate month: a contribution is converted at the UN operational rate of the month it was received;
  if not yet received, of the month it was signed; if not yet signed, of the first covered month.
- Rates are stored as units of a currency per one US dollar. Converting X in currency C into the
  reporting currency R is X / rate(C) * rate(R); USD has the rate 1 by definition.
- Rounding: each converted amount is rounded once, to the cent, half away from zero
  (ROUND_HALF_UP, as accounting does); totals are sums of the rounded amounts, so every table adds
  up to the cent.
- A sponsorship's amounts (travel, accommodation, daily allowance) are converted at the rate of the
  month its event started, each amount rounded once, the same way.
- A missing rate is an error naming the currency and month; it is never guessed or taken as zero.
- A contribution covering several calendar years is apportioned to each year in proportion to the
  days it covers in that year; the parts are rounded to the cent and the last part takes the
  remainder, so the parts always add up to the whole.
"""

import datetime
import itertools
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from djmoney.money import Money

from .models import Contribution, ExchangeRate

CENT = Decimal("0.01")
BASE_CURRENCY = "USD"


class MissingExchangeRate(Exception):
    def __init__(self, currency: str, month: datetime.date):
        self.currency = currency
        self.month = month
        super().__init__(
            f"No UN operational rate of exchange is stored for {currency} in {month:%B %Y}: "
            f"add it under Donors > Exchange rates (or import the month's rates) and run the report again."
        )


def round_to_cent(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def conversion_month(contribution: Contribution) -> datetime.date:
    return first_of_month(contribution.received_on or contribution.signed_on or contribution.covers_from)


def sponsorship_conversion_month(sponsorship) -> datetime.date:
    return first_of_month(sponsorship.registration.event.starts_on)


class RateTable:
    """Rates for the months a report needs, loaded in one query and looked up in memory."""

    def __init__(self, rates: Iterable[ExchangeRate]):
        self._units_per_usd = {(rate.currency, rate.month): rate.units_per_usd for rate in rates}

    @classmethod
    def for_months(cls, months: Iterable[datetime.date]) -> "RateTable":
        return cls(ExchangeRate.objects.filter(month__in={first_of_month(month) for month in months}))

    def units_per_usd(self, currency: str, month: datetime.date) -> Decimal:
        if currency == BASE_CURRENCY:
            return Decimal(1)
        try:
            return self._units_per_usd[(currency, first_of_month(month))]
        except KeyError:
            raise MissingExchangeRate(currency, first_of_month(month)) from None

    def convert(self, money: Money, to_currency: str, month: datetime.date) -> Money:
        """Convert at full precision, then round once to the cent."""
        source_currency = str(money.currency)
        if source_currency == to_currency:
            return Money(round_to_cent(money.amount), to_currency)
        in_usd = money.amount / self.units_per_usd(source_currency, month)
        return Money(round_to_cent(in_usd * self.units_per_usd(to_currency, month)), to_currency)


def split_by_days(amount: Decimal, days: list[int]) -> list[Decimal]:
    """Split an amount in proportion to days, to the cent, with parts that add up exactly.

    Each boundary is rounded on the running total (not each part on its own), so rounding never
    loses or creates a cent."""
    total_days = sum(days)
    parts, previous_boundary, running_days = [], Decimal(0), 0
    for segment_days in days:
        running_days += segment_days
        boundary = round_to_cent(amount * running_days / total_days)
        parts.append(boundary - previous_boundary)
        previous_boundary = boundary
    return parts


def _cut_points(covers_from, covers_until, period_start, period_end) -> list[datetime.date]:
    day_after = covers_until + datetime.timedelta(days=1)
    cuts = {covers_from, day_after}
    cuts |= {datetime.date(year, 1, 1) for year in range(covers_from.year + 1, covers_until.year + 1)}
    cuts |= {cut for cut in (period_start, period_end + datetime.timedelta(days=1)) if covers_from < cut < day_after}
    return sorted(cuts)


def apportion_by_year(
    amount: Decimal,
    covers_from: datetime.date,
    covers_until: datetime.date,
    period_start: datetime.date,
    period_end: datetime.date,
) -> dict[int, Decimal]:
    """The parts of an amount that fall in each calendar year of a reporting period, by days covered.

    A 2022-07-01 to 2023-06-30 grant of 365 000 reported for 2022 counts 184 000 (184 days) in 2022;
    reported for 2022-2023 it counts 184 000 in 2022 and 181 000 in 2023."""
    cuts = _cut_points(covers_from, covers_until, period_start, period_end)
    segments = list(itertools.pairwise(cuts))
    parts = split_by_days(amount, [(end - start).days for start, end in segments])
    by_year: dict[int, Decimal] = {}
    for (start, _), part in zip(segments, parts, strict=True):
        if period_start <= start <= period_end:
            by_year[start.year] = by_year.get(start.year, Decimal(0)) + part
    return by_year
