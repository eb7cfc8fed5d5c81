"""The monthly management snapshot: the dashboard's figures for a month and the year to its end, as
PDF and XLSX. Built from donors.dashboard.dashboard_figures, so it states what the page showed."""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from donors.dashboard import DashboardFigures, dashboard_figures, month_end
from donors.reports import CONVERSION_NOTE, countries_in_brackets, publications_table
from events.rules import TOOK_PART_NOTE
from programmes.models import Programme
from unidir_cb.core.reporting import charts
from unidir_cb.core.reporting.documents import Heading, Paragraph, ReportDocument, Table, Year, render_outputs
from unidir_cb.core.reporting.models import ReportFile
from unidir_cb.core.reporting.registry import ProgressCallback, ReportBuildError, ReportOutput
from unidir_cb.core.wording import long_date


def build_management_snapshot(
    programme: Programme, month: datetime.date, currency: str, progress: ProgressCallback
) -> list[ReportOutput]:
    month = month.replace(day=1)
    end = month_end(month)
    progress(5, "Reading the month's figures")
    of_month = dashboard_figures(programme, month, end, currency, with_amounts=True)
    progress(20, "Reading the year-to-date figures")
    year_to_date = dashboard_figures(programme, month.replace(month=1), end, currency, with_amounts=True)
    for figures in (of_month, year_to_date):
        if figures.funding.missing_rate:
            raise ReportBuildError(figures.funding.missing_rate)
    progress(35, "Writing the snapshot")
    document = snapshot_document(of_month, year_to_date)
    stem = slugify(f"management-snapshot-{programme.short_name}-{month:%Y-%m}")
    return render_outputs(document, stem, [(55, ReportFile.Format.PDF), (85, ReportFile.Format.XLSX)], progress)


def glance_row(label: str, of_month, year_to_date) -> list:
    return [label, of_month, year_to_date]


def snapshot_document(of_month: DashboardFigures, year_to_date: DashboardFigures) -> ReportDocument:
    programme, currency = of_month.programme, of_month.currency
    month_label = f"{of_month.start:%B %Y}"
    generated_at = timezone.localtime()
    document = ReportDocument(
        title=f"Management snapshot: {programme.short_name}, {month_label}",
        subtitle=(
            f"{programme.name}. The month of {month_label} and the year to date "
            f"({long_date(year_to_date.start)} to {long_date(year_to_date.end)}). Reporting currency: {currency}. "
            f"Compiled on {long_date(generated_at.date())}."
        ),
        about=[
            ("Programme", programme.name),
            ("Month", month_label),
            ("Year to date from", year_to_date.start),
            ("Year to date until (included)", year_to_date.end),
            ("Reporting currency", currency),
            ("Generated", generated_at.replace(tzinfo=None, microsecond=0)),
        ],
    )
    figures = (of_month, year_to_date)
    document.add(
        Heading("At a glance"),
        Table(
            "At a glance",
            ["Measure", month_label, "Year to date"],
            [
                glance_row("Events", *(len(item.output.events) for item in figures)),
                glance_row("Participants", *(item.reach.participants for item in figures)),
                glance_row("Countries of participants", *(item.reach.countries for item in figures)),
                glance_row("Publications", *(len(item.output.publications) for item in figures)),
                glance_row("Translations", *(len(item.output.translations) for item in figures)),
                glance_row("Information resources", *(len(item.output.resources) for item in figures)),
                glance_row("Donors", *(item.funding.donor_count for item in figures)),
                glance_row("Contributions", *(len(item.funding.contributions) for item in figures)),
                glance_row(f"Funding in the period ({currency})", *(item.funding.summary.total for item in figures)),
            ],
        ),
    )
    funding = year_to_date.funding
    document.add(Heading("Funding by donor and type, year to date"))
    if funding.donors:
        document.add(
            Table(
                "Funding by donor",
                [
                    "Donor",
                    "Core contributions",
                    "Activity-specific contributions",
                    f"Core ({currency})",
                    f"Activity-specific ({currency})",
                    f"Total ({currency})",
                ],
                [
                    [
                        row.donor.name,
                        row.core_count,
                        row.activity_specific_count,
                        row.core,
                        row.activity_specific,
                        row.total,
                    ]
                    for row in funding.donors
                ],
                total=[
                    "Total",
                    funding.count("core"),
                    funding.count("activity_specific"),
                    funding.summary.by_funding_type["core"],
                    funding.summary.by_funding_type["activity_specific"],
                    funding.summary.total,
                ],
            ),
            Paragraph(CONVERSION_NOTE.format(currency=currency), note=True),
        )
    else:
        document.add(Paragraph("No contributions cover any part of the year to date."))
    document.add(
        Heading("Activities and participants, year to date"),
        Table(
            "Activities by year",
            ["Year", "Events", "Participants", "Countries", "Publications", "Translations"],
            [
                [
                    Year(year.year),
                    len(year.events),
                    year.reach.participants,
                    year.reach.countries,
                    len(year.publications),
                    len(year.translations),
                ]
                for year in year_to_date.years
            ],
        ),
        Paragraph(TOOK_PART_NOTE, note=True),
    )
    document.add(
        charts.stacked_columns_chart(
            year_to_date.output.events_by_kind_and_year,
            title="Events by kind",
            value_label="events",
            source=charts.EVENTS_SOURCE,
        )
    )
    document.add(Heading(f"Country coverage, year to date{countries_in_brackets(year_to_date.reach.countries)}"))
    if year_to_date.countries:
        document.add(
            charts.world_map_chart(
                {row.code: row.participants for row in year_to_date.countries if row.code},
                title="Participants by country, year to date",
                source=charts.PARTICIPANTS_SOURCE,
            ),
            charts.counts_chart(
                {row.name: row.participants for row in year_to_date.countries[:20] if row.code},
                title="Participants by country (the 20 with most participants)",
                source=charts.PARTICIPANTS_SOURCE,
            ),
        )
        document.add(
            Table(
                "Countries",
                ["Country", "Regional group", "LDC / LLDC / SIDS", "Participants"],
                [
                    [row.name, row.regional_group, ", ".join(row.special_groups), row.participants]
                    for row in year_to_date.countries
                ],
            )
        )
    else:
        document.add(Paragraph("Nobody took part in an event in the year to date."))
    document.add(Heading("Publications and translations, year to date"))
    output = year_to_date.output
    if output.publications:
        document.add(publications_table("Publications", output))
    else:
        document.add(Paragraph("No publications in the year to date."))
    return document
