"""Read queries about funding. Pages and reports both call these, so their figures always agree."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from djmoney.money import Money

from .models import Contribution, Donor
from .money import RateTable, apportion_by_year, conversion_month

FundingType = Contribution.FundingType


def contributions_overlapping(
    start: datetime.date, end: datetime.date, programme=None, donor=None
) -> QuerySet[Contribution]:
    """Contributions whose covered period overlaps [start, end]."""
    contributions = Contribution.objects.filter(covers_from__lte=end, covers_until__gte=start).select_related("donor")
    if programme is not None:
        contributions = contributions.filter(programme=programme)
    if donor is not None:
        contributions = contributions.filter(donor=donor)
    return contributions.order_by("donor__display_order", "donor__name", "covers_from", "reference")


@dataclass(frozen=True)
class FundingLine:
    """One contribution as reports show it: original amount, converted amount, and the converted
    part that falls in the reporting period, year by year."""

    contribution: Contribution
    converted: Money
    in_period_by_year: dict[int, Decimal]

    @property
    def in_period(self) -> Money:
        return Money(sum(self.in_period_by_year.values(), Decimal(0)), self.converted.currency)


def funding_lines(
    start: datetime.date, end: datetime.date, currency: str, programme=None, donor=None
) -> list[FundingLine]:
    """Two queries whatever the number of contributions: the contributions, then the rates they need.

    Raises MissingExchangeRate (naming currency and month) when a rate is not stored."""
    contributions = list(contributions_overlapping(start, end, programme, donor))
    rates = RateTable.for_months(conversion_month(contribution) for contribution in contributions)
    lines = []
    for contribution in contributions:
        converted = rates.convert(contribution.amount, currency, conversion_month(contribution))
        lines.append(
            FundingLine(
                contribution=contribution,
                converted=converted,
                in_period_by_year=apportion_by_year(
                    converted.amount, contribution.covers_from, contribution.covers_until, start, end
                ),
            )
        )
    return lines


@dataclass
class FundingSummary:
    currency: str
    by_donor: dict[Donor, Decimal] = field(default_factory=dict)
    by_funding_type: dict[str, Decimal] = field(default_factory=dict)
    by_year: dict[int, Decimal] = field(default_factory=dict)
    total: Decimal = Decimal(0)


def summarise_funding(lines: list[FundingLine], currency: str) -> FundingSummary:
    """Totals of the in-period converted amounts; every total is a sum of cent-rounded parts."""
    summary = FundingSummary(currency=currency)
    by_donor: dict[Donor, Decimal] = defaultdict(Decimal)
    by_type: dict[str, Decimal] = defaultdict(Decimal)
    by_year: dict[int, Decimal] = defaultdict(Decimal)
    for line in lines:
        amount = line.in_period.amount
        by_donor[line.contribution.donor] += amount
        by_type[line.contribution.funding_type] += amount
        for year, part in line.in_period_by_year.items():
            by_year[year] += part
        summary.total += amount
    summary.by_donor = dict(by_donor)
    summary.by_funding_type = {kind: by_type.get(kind, Decimal(0)) for kind in FundingType.values}
    summary.by_year = dict(sorted(by_year.items()))
    return summary


@dataclass(frozen=True)
class DonorsByFundingType:
    core: list[Donor]
    activity_specific: list[Donor]

    @property
    def count(self) -> int:
        return len({donor.pk for donor in self.core} | {donor.pk for donor in self.activity_specific})


def donors_by_funding_type(programme, start: datetime.date, end: datetime.date) -> DonorsByFundingType:
    """Who funded the programme in a period, split as mapping replies and board reports split them.

    A donor that gave core funding is listed as a core donor even if it also funded activities."""
    contributions = contributions_overlapping(start, end, programme)
    core_ids = set(contributions.filter(funding_type=FundingType.CORE).values_list("donor", flat=True))
    donors = Donor.objects.filter(pk__in=contributions.values("donor")).order_by("display_order", "name")
    core = [donor for donor in donors if donor.pk in core_ids]
    activity_specific = [donor for donor in donors if donor.pk not in core_ids]
    return DonorsByFundingType(core=core, activity_specific=activity_specific)
