"""The management dashboard's figures: funding, activities, participants, country coverage.

The page, the monthly snapshot report and the funding API all read `dashboard_figures`, which only
composes the selectors the donor report and the activity summary use (donors.selectors,
events.reach, reporting.selectors): the same question always gets the same number.
Nine queries whatever the amount of data.
"""

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse
from django.utils import timezone
from django_countries import countries

from events.reach import Reach
from unidir_cb.core import un_countries

from .selectors import FundingOverview, ProgrammeOutput, funding_overview, programme_output


@dataclass(frozen=True)
class YearFigures:
    year: int
    events: list
    reach: Reach
    publications: list
    translations: list


@dataclass(frozen=True)
class CountryFigures:
    code: str
    name: str
    regional_group: str
    special_groups: list[str]
    participants: int
    participant_ids: list[int]


@dataclass(frozen=True)
class DashboardFigures:
    programme: object
    start: datetime.date
    end: datetime.date
    currency: str
    funding: FundingOverview
    output: ProgrammeOutput

    @cached_property
    def reach(self) -> Reach:
        return self.output.reach

    @cached_property
    def years(self) -> list[YearFigures]:
        events, publications = self.output.events_by_year, self.output.publications_by_year
        translations = self.output.translations_by_year
        return [
            YearFigures(year, events[year], self.output.reach_by_year[year], publications[year], translations[year])
            for year in self.output.years
        ]

    @cached_property
    def countries(self) -> list[CountryFigures]:
        """Countries of participants, most participants first; people without a country last."""
        people_by_country: dict[str, list[int]] = {}
        for event in self.output.events:
            for participant_id, country, *_ in self.output.people_by_event.get(event.pk, []):
                people_by_country.setdefault(str(country or ""), []).append(participant_id)
        group_names = un_countries.regional_group_names()
        special_names = un_countries.SPECIAL_GROUPS
        rows = []
        for code, people in people_by_country.items():
            distinct = sorted(set(people))
            rows.append(
                CountryFigures(
                    code=code,
                    name=countries.name(code) if code else "Not recorded",
                    regional_group=group_names.get(un_countries.regional_group_of(code), "—"),
                    special_groups=[key.upper() for key in special_names if un_countries.is_member(code, key)],
                    participants=len(distinct),
                    participant_ids=distinct,
                )
            )
        return sorted(rows, key=lambda row: (row.code == "", -row.participants, row.name))

    @property
    def country_count(self) -> int:
        return self.reach.countries


def dashboard_figures(
    programme, start: datetime.date, end: datetime.date, currency: str, *, with_amounts: bool
) -> DashboardFigures:
    return DashboardFigures(
        programme=programme,
        start=start,
        end=end,
        currency=currency,
        funding=funding_overview(programme, start, end, currency, with_amounts=with_amounts),
        output=programme_output(programme, start, end),
    )


def previous_month(today: datetime.date | None = None) -> datetime.date:
    """The first day of the month before `today` (the project's local date by default)."""
    today = today or timezone.localdate()
    last_day_of_previous = today.replace(day=1) - datetime.timedelta(days=1)
    return last_day_of_previous.replace(day=1)


def month_end(month: datetime.date) -> datetime.date:
    next_month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return next_month - datetime.timedelta(days=1)


# Links to the admin: each figure opens the changelist of exactly the rows it counts ----------------


def admin_list_url(model_label: str, ids) -> str:
    """The admin changelist of `model_label` ("events.event") filtered to `ids`; "" for none (an
    empty filter would list everything)."""
    ids = sorted({int(pk) for pk in ids})
    if not ids:
        return ""
    app_label, model_name = model_label.split(".")
    return reverse(f"admin:{app_label}_{model_name}_changelist") + "?id__in=" + ",".join(map(str, ids))


def pks(objects) -> list[int]:
    return [item.pk for item in objects]
