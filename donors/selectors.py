"""Read queries about funding. Pages and reports both call these, so their figures always agree."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import QuerySet
from djmoney.money import Money

from events.models import Event
from events.reach import Reach, combined_reach, reach_by_event
from events.selectors import events_in_period
from programmes.models import InformationResource, Programme
from programmes.selectors import resources_available_in_period
from publications.models import Publication, Translation
from publications.selectors import publications_in_period
from unidir_cb.core import un_countries

from .models import Contribution, Donor, Sponsorship
from .money import (
    BASE_CURRENCY,
    MissingExchangeRate,
    RateTable,
    apportion_by_year,
    conversion_month,
    sponsorship_conversion_month,
)

FundingType = Contribution.FundingType


def latest_year_with_output(programme: Programme, today: datetime.date) -> int | None:
    """The latest calendar year, up to today's, in which the programme held an event or published
    something (as events_in_period and publications_in_period count them); None if it never did."""
    last_event = (
        events_in_period(programme, datetime.date.min, today).order_by("-starts_on").values_list("starts_on", flat=True)
    ).first()
    last_publication = (
        publications_in_period(programme, datetime.date.min, today)
        .order_by("-published_on")
        .values_list("published_on", flat=True)
    ).first()
    days = [day for day in (last_event, last_publication) if day]
    return max(days).year if days else None


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
    # year -> funding type -> amount, every type present in each year of by_year
    by_year_and_type: dict[int, dict[str, Decimal]] = field(default_factory=dict)
    total: Decimal = Decimal(0)


def summarise_funding(lines: list[FundingLine], currency: str) -> FundingSummary:
    """Totals of the in-period converted amounts; every total is a sum of cent-rounded parts."""
    summary = FundingSummary(currency=currency)
    by_donor: dict[Donor, Decimal] = defaultdict(Decimal)
    by_type: dict[str, Decimal] = defaultdict(Decimal)
    by_year: dict[int, Decimal] = defaultdict(Decimal)
    by_year_and_type: dict[int, dict[str, Decimal]] = defaultdict(lambda: dict.fromkeys(FundingType.values, Decimal(0)))
    for line in lines:
        amount = line.in_period.amount
        by_donor[line.contribution.donor] += amount
        by_type[line.contribution.funding_type] += amount
        for year, part in line.in_period_by_year.items():
            by_year[year] += part
            by_year_and_type[year][line.contribution.funding_type] += part
        summary.total += amount
    summary.by_donor = dict(by_donor)
    summary.by_funding_type = {kind: by_type.get(kind, Decimal(0)) for kind in FundingType.values}
    summary.by_year = dict(sorted(by_year.items()))
    summary.by_year_and_type = {year: by_year_and_type[year] for year in summary.by_year}
    return summary


@dataclass(frozen=True)
class DonorsByFundingType:
    core: list[Donor]
    activity_specific: list[Donor]
    # Funding sources of the institute's own budget: named beside the donors, never counted as donors.
    budget: list[Donor] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len({donor.pk for donor in self.core} | {donor.pk for donor in self.activity_specific})


def donors_by_funding_type(programme, start: datetime.date, end: datetime.date) -> DonorsByFundingType:
    """Who funded the programme in a period, split as mapping replies and board reports split them.

    A donor that gave core funding is listed as a core donor even if it also funded activities."""
    contributions = contributions_overlapping(start, end, programme)
    core_ids = set(contributions.filter(funding_type=FundingType.CORE).values_list("donor", flat=True))
    sources = Donor.objects.filter(pk__in=contributions.values("donor")).order_by("display_order", "name")
    budget = [source for source in sources if source.kind == Donor.Kind.INSTITUTE_BUDGET]
    donors = [source for source in sources if source.kind != Donor.Kind.INSTITUTE_BUDGET]
    core = [donor for donor in donors if donor.pk in core_ids]
    activity_specific = [donor for donor in donors if donor.pk not in core_ids]
    return DonorsByFundingType(core=core, activity_specific=activity_specific, budget=budget)


# What the money paid for ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeOutput:
    """What a programme produced in a period, or the part of it some contributions paid for.

    Events, publications and resources come from the same period selectors as the activity summary;
    reach (who took part) from events.reach, so every page and report counts people the same way."""

    programme: Programme
    start: datetime.date
    end: datetime.date
    events: list[Event]
    publications: list[Publication]
    translations: list[Translation]
    resources: list[InformationResource]
    people_by_event: dict[int, list[tuple[int, str, str, str]]]
    earmarked: bool = False

    @property
    def reach(self) -> Reach:
        return combined_reach(self.people_by_event, [event.pk for event in self.events])

    def reach_of(self, events) -> Reach:
        return combined_reach(self.people_by_event, [event.pk for event in events])

    @property
    def is_empty(self) -> bool:
        return not (self.events or self.publications or self.resources)

    @cached_property
    def _languages_by_publication(self) -> dict[int, list[str]]:
        languages: dict[int, list[str]] = defaultdict(list)
        for translation in self.translations:
            languages[translation.publication_id].append(translation.get_language_display())
        return languages

    def translation_languages(self, publication: Publication) -> str:
        """The languages `publication` was translated into in this output, e.g. "Arabic, French"."""
        return ", ".join(self._languages_by_publication.get(publication.pk, []))

    @property
    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))

    @property
    def events_by_year(self) -> dict[int, list[Event]]:
        by_year: dict[int, list[Event]] = {year: [] for year in self.years}
        for event in self.events:
            by_year[event.starts_on.year].append(event)
        return by_year

    @cached_property
    def reach_by_year(self) -> dict[int, Reach]:
        """Each year's people, each once in that year: the tables and charts by year all read it."""
        return {year: self.reach_of(events) for year, events in self.events_by_year.items()}

    @property
    def publications_by_year(self) -> dict[int, list[Publication]]:
        by_year: dict[int, list[Publication]] = {year: [] for year in self.years}
        for publication in self.publications:
            by_year[publication.published_on.year].append(publication)
        return by_year

    @property
    def translations_by_year(self) -> dict[int, list[Translation]]:
        by_year: dict[int, list[Translation]] = {year: [] for year in self.years}
        for translation in self.translations:
            by_year[translation.publication.published_on.year].append(translation)
        return by_year

    @property
    def events_by_kind_and_year(self) -> dict[str, dict[int, int]]:
        """Event kind label -> year -> number of events, kinds in order of first appearance."""
        counts: dict[str, dict[int, int]] = {}
        for event in self.events:
            row = counts.setdefault(event.get_kind_display(), dict.fromkeys(self.years, 0))
            row[event.starts_on.year] += 1
        return counts

    @property
    def translations_by_language(self) -> dict[str, int]:
        return dict(sorted(Counter(translation.get_language_display() for translation in self.translations).items()))


def programme_output(
    programme: Programme, start: datetime.date, end: datetime.date, *, funded_by: list[Contribution] | None = None
) -> ProgrammeOutput:
    """Five queries whatever the amount of data. With `funded_by`, only what those contributions are
    linked to (earmarked funding); without, the programme's whole output (core funding)."""
    events = events_in_period(programme, start, end)
    publications = publications_in_period(programme, start, end)
    resources = resources_available_in_period(programme, start, end)
    if funded_by is not None:
        contribution_ids = [contribution.pk for contribution in funded_by]
        events = events.filter(funded_by__in=contribution_ids).distinct()
        publications = publications.filter(funded_by__in=contribution_ids).distinct()
        resources = resources.filter(funded_by__in=contribution_ids).distinct()
    events = list(events.order_by("starts_at", "title"))
    publications = list(publications.order_by("published_on", "title"))
    translations = list(
        Translation.objects.filter(publication__in=[publication.pk for publication in publications])
        .select_related("publication")
        .order_by("publication__published_on", "publication__title", "language")
    )
    return ProgrammeOutput(
        programme=programme,
        start=start,
        end=end,
        events=events,
        publications=publications,
        translations=translations,
        resources=list(resources.order_by("name")),
        people_by_event=reach_by_event(events),
        earmarked=funded_by is not None,
    )


# Funding at a glance -------------------------------------------------------------------------------


@dataclass
class DonorFunding:
    """One donor's contributions overlapping a period, split by funding type. Amounts are the parts
    that fall in the period, in the reporting currency; None when amounts were not computed."""

    donor: Donor
    contributions: list[Contribution] = field(default_factory=list)
    core: Decimal | None = None
    activity_specific: Decimal | None = None

    @property
    def total(self) -> Decimal | None:
        if self.core is None or self.activity_specific is None:
            return None
        return self.core + self.activity_specific

    def count(self, funding_type: str) -> int:
        return sum(1 for contribution in self.contributions if contribution.funding_type == funding_type)

    @property
    def core_count(self) -> int:
        return self.count(FundingType.CORE)

    @property
    def activity_specific_count(self) -> int:
        return self.count(FundingType.ACTIVITY_SPECIFIC)


@dataclass
class FundingOverview:
    currency: str
    contributions: list[Contribution]
    donors: list[DonorFunding]
    summary: FundingSummary | None  # None without amounts (not allowed, or a rate is missing)
    missing_rate: str = ""

    @property
    def with_amounts(self) -> bool:
        return self.summary is not None

    def count(self, funding_type: str) -> int:
        return sum(1 for contribution in self.contributions if contribution.funding_type == funding_type)

    @property
    def donor_count(self) -> int:
        """Donors among the funding sources: the institute's own budget is listed, not counted."""
        return sum(1 for row in self.donors if row.donor.kind != Donor.Kind.INSTITUTE_BUDGET)


def funding_overview(
    programme, start: datetime.date, end: datetime.date, currency: str, *, with_amounts: bool
) -> FundingOverview:
    """Funding by donor and type. Two queries with amounts (contributions, rates), one without.

    Without amounts (people who may not see money) nothing is converted, so counts are shown even
    when a rate is missing; with amounts, a missing rate leaves the amounts out and says which."""
    lines, missing_rate = None, ""
    if with_amounts:
        try:
            lines = funding_lines(start, end, currency, programme)
        except MissingExchangeRate as error:
            missing_rate = str(error)
    contributions = (
        [line.contribution for line in lines]
        if lines is not None
        else list(contributions_overlapping(start, end, programme))
    )
    by_donor: dict[int, DonorFunding] = {}
    for contribution in contributions:
        by_donor.setdefault(contribution.donor_id, DonorFunding(contribution.donor)).contributions.append(contribution)
    summary = None
    if lines is not None:
        summary = summarise_funding(lines, currency)
        for donor_funding in by_donor.values():
            donor_funding.core = Decimal(0)
            donor_funding.activity_specific = Decimal(0)
        for line in lines:
            donor_funding = by_donor[line.contribution.donor_id]
            if line.contribution.funding_type == FundingType.CORE:
                donor_funding.core += line.in_period.amount
            else:
                donor_funding.activity_specific += line.in_period.amount
    return FundingOverview(
        currency=currency,
        contributions=contributions,
        donors=list(by_donor.values()),
        summary=summary,
        missing_rate=missing_rate,
    )


def missing_exchange_rates(
    contributions: list[Contribution], currency: str, sponsorships: list[Sponsorship] = ()
) -> list[MissingExchangeRate]:
    """Every rate converting `contributions` (and the amounts of `sponsorships`) into `currency`
    would need and is not stored, in one query, so a report can name them all at once instead of
    failing on the first."""
    needed = [(str(contribution.amount.currency), conversion_month(contribution)) for contribution in contributions]
    needed += [
        (sponsorship.currency, sponsorship_conversion_month(sponsorship))
        for sponsorship in sponsorships
        if sponsorship.currency and sponsorship.total_amount is not None
    ]
    rates = RateTable.for_months(month for _, month in needed)
    missing: dict[tuple[str, datetime.date], MissingExchangeRate] = {}
    for source, month in needed:
        if source == currency:
            continue
        for code in (source, currency):
            try:
                rates.units_per_usd(code, month)
            except MissingExchangeRate as error:
                missing.setdefault((code, month), error)
    return [missing[key] for key in sorted(missing, key=lambda key: (key[1], key[0]))]


# Sponsored participation ---------------------------------------------------------------------------

COST_ITEMS = tuple((amount, label) for _, amount, label in Sponsorship.COSTS)


def sponsorships_in_period(start: datetime.date, end: datetime.date, donor=None, programme=None):
    """Sponsorships for events held (published) that start in the period, as events_in_period
    counts them; of one donor's contributions, or of one programme's events."""
    sponsorships = Sponsorship.objects.filter(
        registration__event__status=Event.Status.PUBLISHED,
        registration__event__starts_on__gte=start,
        registration__event__starts_on__lte=end,
    )
    if donor is not None:
        sponsorships = sponsorships.filter(contribution__donor=donor)
    if programme is not None:
        sponsorships = sponsorships.filter(registration__event__programme=programme)
    return sponsorships.select_related(
        "registration__participant", "registration__event", "contribution__donor"
    ).order_by("registration__event__starts_at", "registration__event_id", "registration__participant__last_name", "pk")


@dataclass(frozen=True)
class SponsoredAttendance:
    """One sponsorship with its amounts converted into the reporting currency (None: not recorded)."""

    sponsorship: Sponsorship
    costs: dict[str, Decimal | None]

    @property
    def has_amounts(self) -> bool:
        return any(cost is not None for cost in self.costs.values())

    @property
    def total(self) -> Decimal:
        return sum((cost for cost in self.costs.values() if cost is not None), Decimal(0))


@dataclass(frozen=True)
class SponsoredGroup:
    """Sponsorships counted together (one event, or all): people once each, costs summed."""

    lines: list[SponsoredAttendance]

    @cached_property
    def participant_ids(self) -> set[int]:
        return {line.sponsorship.registration.participant_id for line in self.lines}

    @property
    def participants(self) -> int:
        return len(self.participant_ids)

    @cached_property
    def country_codes(self) -> dict[int, str]:
        """The country of each sponsored person (one per person)."""
        return {
            line.sponsorship.registration.participant_id: line.sponsorship.registration.participant.country.code
            for line in self.lines
        }

    @property
    def countries(self) -> int:
        return len({code for code in self.country_codes.values() if code})

    def cost_of(self, item: str) -> Decimal:
        return sum((line.costs[item] for line in self.lines if line.costs[item] is not None), Decimal(0))

    @property
    def total_cost(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal(0))

    @property
    def without_amounts(self) -> int:
        return sum(1 for line in self.lines if not line.has_amounts)


@dataclass(frozen=True)
class SponsoredParticipation(SponsoredGroup):
    currency: str = BASE_CURRENCY

    @cached_property
    def by_event(self) -> list[tuple[Event, SponsoredGroup]]:
        events: dict[int, tuple[Event, list]] = {}
        for line in self.lines:
            event = line.sponsorship.registration.event
            events.setdefault(event.pk, (event, []))[1].append(line)
        return [(event, SponsoredGroup(lines)) for event, lines in events.values()]

    @cached_property
    def by_regional_group(self) -> Counter:
        return Counter(un_countries.regional_group_of(code) for code in self.country_codes.values())

    @cached_property
    def by_special_group(self) -> dict[str, int]:
        codes = list(self.country_codes.values())
        return {
            key: sum(1 for code in codes if un_countries.is_member(code, key))
            for key in un_countries.special_group_names()
        }


def sponsored_participation(sponsorships: list[Sponsorship], currency: str) -> SponsoredParticipation:
    """The sponsorships (as sponsorships_in_period reads them) with their amounts converted into
    `currency`: one query, for the rates they need. Raises MissingExchangeRate."""
    rates = RateTable.for_months(sponsorship_conversion_month(sponsorship) for sponsorship in sponsorships)
    lines = []
    for sponsorship in sponsorships:
        month = sponsorship_conversion_month(sponsorship)
        costs = {}
        for item, _label in COST_ITEMS:
            amount = getattr(sponsorship, item)
            costs[item] = (
                None if amount is None else rates.convert(Money(amount, sponsorship.currency), currency, month).amount
            )
        lines.append(SponsoredAttendance(sponsorship, costs))
    return SponsoredParticipation(lines=lines, currency=currency)


def sponsored_reach(programme, start: datetime.date, end: datetime.date) -> Reach:
    """The people donors' contributions paid for to attend the programme's events in the period,
    counted as reach is (each person once, however many events or contributions): one query."""
    people_by_event: dict[int, list[tuple[int, str, str, str]]] = defaultdict(list)
    for event_id, *person in sponsorships_in_period(start, end, programme=programme).values_list(
        "registration__event_id",
        "registration__participant_id",
        "registration__participant__country",
        "registration__participant__organisation_kind",
        "registration__participant__gender",
    ):
        people_by_event[event_id].append(tuple(person))
    return combined_reach(people_by_event, people_by_event)
