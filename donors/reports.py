"""The donor report: for one donor and a period, what they gave and what it paid for.

- Contributions overlapping the period, core and activity-specific, pledged, signed and received,
  in their own currency and in the reporting currency (donors/money.py states the conversion,
  rounding and apportioning rules; the report repeats them in a note).
- Core funding is not tied to activities, so it is reported against the programme's whole output
  in the period; activity-specific (earmarked) funding against the events, publications and
  resources its contributions are linked to. Both come from donors.selectors.programme_output, the
  selector the dashboard uses too.
- A donor with no contributions in the period gets a short, valid report that says so.
- A missing exchange rate stops the build with every missing rate named.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify
from django_countries import countries

from events.models import Participant
from events.rules import TOOK_PART_NOTE
from programmes.models import Programme
from unidir_cb.core import un_countries
from unidir_cb.core.models import OrganisationKind
from unidir_cb.core.reporting import charts
from unidir_cb.core.reporting.documents import (
    DOCUMENT_TABLE_ROWS,
    Heading,
    Paragraph,
    ReportDocument,
    Share,
    Table,
    Year,
    render_outputs,
)
from unidir_cb.core.reporting.models import ReportFile
from unidir_cb.core.reporting.registry import ProgressCallback, ReportBuildError, ReportOutput
from unidir_cb.core.wording import capitalise_first, count_of, join_names, long_date, number_in_words

from .models import Contribution, Donor
from .money import conversion_month
from .selectors import (
    COST_ITEMS,
    FundingLine,
    FundingSummary,
    ProgrammeOutput,
    SponsoredParticipation,
    contributions_overlapping,
    funding_lines,
    missing_exchange_rates,
    programme_output,
    sponsored_participation,
    sponsorships_in_period,
    summarise_funding,
)

FundingType = Contribution.FundingType
NOT_RECORDED = "Not recorded"
NOTHING = (0, Decimal("0.00"), Decimal("0.00"))  # a funding type or status no contribution has

CONVERSION_NOTE = (
    "Amounts are converted into {currency} at the UN operational rate of exchange of the month each "
    "contribution was received (or signed, if not yet received; or the first month it covers, if not yet "
    "signed). Each converted amount is rounded once to the cent, half away from zero; totals are sums of "
    "the rounded amounts, so every table adds up to the cent. A contribution covering several calendar "
    "years counts in each year in proportion to the days it covers in that year; the parts are rounded on "
    "the running total so they add up exactly to the converted amount."
)
REACH_NOTE = (
    f"{TOOK_PART_NOTE} Regional groups are the UN regional groups of Member States; LDC, LLDC and SIDS "
    "membership as listed by UN-OHRLLS (sources: {sources})."
)


@dataclass(frozen=True)
class OutputSection:
    funding_type: str
    contributions: list[Contribution]
    output: ProgrammeOutput


@dataclass(frozen=True)
class DonorReport:
    donor: Donor
    start: datetime.date
    end: datetime.date
    currency: str
    lines: list[FundingLine]
    summary: FundingSummary
    sections: list[OutputSection]
    sponsored: SponsoredParticipation
    generated_at: datetime.datetime

    @property
    def has_contributions(self) -> bool:
        return bool(self.lines)

    def lines_of(self, funding_type: str) -> list[FundingLine]:
        return [line for line in self.lines if line.contribution.funding_type == funding_type]

    @property
    def converted_total(self) -> Decimal:
        return sum((line.converted.amount for line in self.lines), Decimal(0))

    def totals_by(self, key) -> dict[str, tuple[int, Decimal, Decimal]]:
        """key(contribution) -> (number of contributions, converted, in the period)."""
        totals: dict[str, list] = defaultdict(lambda: [0, Decimal(0), Decimal(0)])
        for line in self.lines:
            row = totals[key(line.contribution)]
            row[0] += 1
            row[1] += line.converted.amount
            row[2] += line.in_period.amount
        return {name: tuple(row) for name, row in totals.items()}


def compile_donor_report(donor: Donor, start: datetime.date, end: datetime.date, currency: str) -> DonorReport:
    """The figures of the report; ReportBuildError naming every missing exchange rate."""
    sponsorships = list(sponsorships_in_period(start, end, donor=donor))
    missing = missing_exchange_rates(list(contributions_overlapping(start, end, donor=donor)), currency, sponsorships)
    if missing:
        raise ReportBuildError(
            "The donor report needs exchange rates that are not stored: "
            + "; ".join(f"{error.currency} for {error.month:%B %Y}" for error in missing)
            + ". Add them under Donors > Exchange rates (or import the months' rates) and run the report again."
        )
    lines = funding_lines(start, end, currency, donor=donor)
    sections = []
    for funding_type in (FundingType.CORE, FundingType.ACTIVITY_SPECIFIC):
        contributions = [line.contribution for line in lines if line.contribution.funding_type == funding_type]
        for programme in _programmes_of(contributions):
            of_programme = [contribution for contribution in contributions if contribution.programme_id == programme.pk]
            output = programme_output(
                programme,
                start,
                end,
                funded_by=of_programme if funding_type == FundingType.ACTIVITY_SPECIFIC else None,
            )
            sections.append(OutputSection(funding_type, of_programme, output))
    return DonorReport(
        donor=donor,
        start=start,
        end=end,
        currency=currency,
        lines=lines,
        summary=summarise_funding(lines, currency),
        sections=sections,
        sponsored=sponsored_participation(sponsorships, currency),
        generated_at=timezone.localtime(),
    )


def _programmes_of(contributions: list[Contribution]) -> list[Programme]:
    return list(Programme.objects.filter(pk__in={contribution.programme_id for contribution in contributions}))


def build_donor_report(
    donor: Donor, start: datetime.date, end: datetime.date, currency: str, progress: ProgressCallback
) -> list[ReportOutput]:
    progress(5, "Converting the contributions")
    report = compile_donor_report(donor, start, end, currency)
    progress(25, "Drawing the charts and writing the report")
    document = donor_report_document(report)
    stem = slugify(f"donor-report-{donor.name}-{start.isoformat()}-{end.isoformat()}")
    Format = ReportFile.Format
    return render_outputs(document, stem, [(50, Format.PDF), (70, Format.DOCX), (85, Format.XLSX)], progress)


# The document --------------------------------------------------------------------------------------


def period_text(start: datetime.date, end: datetime.date) -> str:
    return f"{long_date(start)} to {long_date(end)}"


def donor_report_document(report: DonorReport) -> ReportDocument:
    donor, currency = report.donor, report.currency
    document = ReportDocument(
        title=f"Donor report: {donor.name}",
        subtitle=(
            f"Period: {period_text(report.start, report.end)} (both included). Reporting currency: {currency}. "
            f"Compiled from the programme's records on {long_date(report.generated_at.date())}."
        ),
        about=[
            ("Donor", donor.name),
            ("Period start", report.start),
            ("Period end (included)", report.end),
            ("Reporting currency", currency),
            ("Generated", report.generated_at.replace(tzinfo=None, microsecond=0)),
            ("Conversion and rounding", CONVERSION_NOTE.format(currency=currency)),
        ],
    )
    if not report.has_contributions:
        document.add(
            Heading("Contributions"),
            Paragraph(
                f"{capitalise_first(donor.name_in_text)} made no contributions covering any part "
                f"of the period {period_text(report.start, report.end)}, so there is no funding and no funded "
                "activity to report for it."
            ),
            Table("Contributions", contribution_header(currency), [], total=None),
        )
        return document
    add_contributions(document, report)
    add_sponsored_participation(document, report)
    for section in report.sections:
        add_output_section(document, report, section)
    document.add(
        Paragraph(REACH_NOTE.format(sources="; ".join(dict.fromkeys(un_countries.sources().values()))), note=True)
    )
    return document


def contribution_header(currency: str) -> list[str]:
    return [
        "Reference",
        "Funding type",
        "Status",
        "Signed",
        "Received",
        "Covers",
        "Currency",
        "Original amount",
        "Rate month",
        f"Converted ({currency})",
        f"In the period ({currency})",
    ]


def add_contributions(document: ReportDocument, report: DonorReport) -> None:
    currency = report.currency
    core, earmarked = report.lines_of(FundingType.CORE), report.lines_of(FundingType.ACTIVITY_SPECIFIC)
    document.add(
        Heading("Contributions"),
        Paragraph(
            f"{_contributions_cover(len(core), len(earmarked))}. "
            f"{'Together they amount' if len(report.lines) > 1 else 'It amounts'} to {currency} "
            f"{report.converted_total:,.2f}, of which {currency} {report.summary.total:,.2f} falls in the period."
        ),
    )
    rows = [
        [
            line.contribution.reference,
            line.contribution.get_funding_type_display(),
            line.contribution.get_status_display(),
            line.contribution.signed_on,
            line.contribution.received_on,
            f"{line.contribution.covers_from.isoformat()} – {line.contribution.covers_until.isoformat()}",
            str(line.contribution.amount.currency),
            line.contribution.amount.amount,
            f"{conversion_month(line.contribution):%Y-%m}",
            line.converted.amount,
            line.in_period.amount,
        ]
        for line in report.lines
    ]
    total = ["Total", "", "", "", "", "", "", None, "", report.converted_total, report.summary.total]
    document.add(Table("Contributions", contribution_header(currency), rows, total=total))

    by_type = report.totals_by(lambda contribution: contribution.get_funding_type_display())
    by_status = report.totals_by(lambda contribution: contribution.get_status_display())
    totals_header = ["", "Contributions", f"Converted ({currency})", f"In the period ({currency})"]
    document.add(
        Heading("Totals by funding type and by status", level=2),
        Table(
            "Totals",
            ["Funding type", *totals_header[1:]],
            [[label, *by_type.get(label, NOTHING)] for label in FundingType.labels],
            total=["Total", len(report.lines), report.converted_total, report.summary.total],
        ),
        Table(
            "Totals",
            ["Status", *totals_header[1:]],
            [[label, *by_status.get(label, NOTHING)] for label in Contribution.Status.labels],
            total=["Total", len(report.lines), report.converted_total, report.summary.total],
        ),
    )
    by_year, split = report.summary.by_year, report.summary.by_year_and_type
    funding_types = (FundingType.CORE, FundingType.ACTIVITY_SPECIFIC)
    document.add(
        Heading("Funding by year", level=2),
        Paragraph(f"The part of each contribution that falls in each calendar year of the period, in {currency}."),
        Table(
            "Funding by year",
            ["Year", f"Core ({currency})", f"Activity-specific ({currency})", f"Total ({currency})"],
            [[Year(year), *(split[year][kind] for kind in funding_types), amount] for year, amount in by_year.items()],
            total=["Total", *_type_totals(report), report.summary.total],
        ),
    )
    document.add(
        charts.stacked_columns_chart(
            {kind.label: {year: amounts[kind] for year, amounts in split.items()} for kind in funding_types},
            title="Funding by year and type",
            value_label=currency,
            total_label=charts.money,
            source=charts.FUNDING_SOURCE,
        )
    )
    document.add(Paragraph(CONVERSION_NOTE.format(currency=currency), note=True))


def _contributions_cover(core: int, earmarked: int) -> str:
    """ "Three contributions cover part or all of the period (one core programme funding and two
    activity-specific)"; a funding type no contribution has is not mentioned."""
    count = core + earmarked
    verb = "covers" if count == 1 else "cover"
    kinds = [
        (number, label)
        for number, label in ((core, "core programme funding"), (earmarked, "activity-specific"))
        if number
    ]
    if len(kinds) == 2:
        split = join_names([f"{number_in_words(number)} {label}" for number, label in kinds])
    else:
        split = kinds[0][1] if count == 1 else f"all {kinds[0][1]}"
    return f"{capitalise_first(count_of(count, 'contribution'))} {verb} part or all of the period ({split})"


def _type_totals(report: DonorReport) -> list[Decimal]:
    return [
        report.summary.by_funding_type[funding_type]
        for funding_type in (FundingType.CORE, FundingType.ACTIVITY_SPECIFIC)
    ]


SPONSORSHIP_NOTE = (
    "Sponsored participants are counted for the events held in the period that their sponsorship paid for; a "
    "person sponsored for several events counts once in the totals. Each amount is converted into {currency} at "
    "the UN operational rate of exchange of the month its event started, rounded once to the cent; a cost not yet "
    "recorded by finance is left out of the sums and counted as not recorded."
)


def add_sponsored_participation(document: ReportDocument, report: DonorReport) -> None:
    sponsored, currency, donor = report.sponsored, report.currency, report.donor
    document.add(Heading("Sponsored participation"))
    if not sponsored.lines:
        document.add(
            Paragraph(
                f"No participant's attendance was paid for from the contributions of {donor.name_in_text} "
                "at the events held in the period."
            )
        )
        return
    costs = join_names(
        [f"{label} {currency} {sponsored.cost_of(item):,.2f}" for item, label in COST_ITEMS if sponsored.cost_of(item)]
    )
    events = len(sponsored.by_event)
    text = (
        f"{capitalise_first(donor.name_in_text)} paid for {count_of(sponsored.participants, 'participant')} "
        f"from {count_of(sponsored.countries, 'country')} to attend {count_of(events, 'event')}, at a cost of "
        f"{currency} {sponsored.total_cost:,.2f}{f' ({costs})' if costs else ''}."
    )
    if sponsored.without_amounts:
        text += f" The cost of {count_of(sponsored.without_amounts, 'sponsorship')} is not yet recorded."
    item_headers = [f"{capitalise_first(label)} ({currency})" for _, label in COST_ITEMS]
    rows = [
        [
            event.starts_on,
            event.title,
            group.participants,
            group.countries,
            *[group.cost_of(item) for item, _ in COST_ITEMS],
            group.total_cost,
        ]
        for event, group in sponsored.by_event
    ]
    total = [
        "All events",
        count_of(events, "event"),
        sponsored.participants,
        sponsored.countries,
        *[sponsored.cost_of(item) for item, _ in COST_ITEMS],
        sponsored.total_cost,
    ]
    document.add(
        Paragraph(text),
        Table(
            "Sponsored participants",
            ["Date", "Event", "Participants", "Countries", *item_headers, f"Total ({currency})"],
            rows,
            total=total,
        ),
    )
    group_names = {**un_countries.regional_group_names(), un_countries.UNGROUPED: "Other or not recorded"}
    special_names = un_countries.special_group_names()
    everyone = sponsored.participants
    regional_rows = [
        [group_names[key], count, Share(count, everyone)]
        for key, count in sorted(sponsored.by_regional_group.items(), key=lambda item: (-item[1], group_names[item[0]]))
    ]
    special_rows = [
        [special_names[key], count, Share(count, everyone)] for key, count in sponsored.by_special_group.items()
    ]
    document.add(
        Heading("Sponsored participants by country group", level=2),
        Table(
            "Sponsored by country group", ["Country group", "Participants", "Share"], [*regional_rows, *special_rows]
        ),
        Paragraph(
            "The UN regional groups add up to all sponsored participants; a country can also belong to more than "
            "one of the LDC, LLDC and SIDS groups.",
            note=True,
        ),
        Paragraph(SPONSORSHIP_NOTE.format(currency=currency), note=True),
    )


def add_output_section(document: ReportDocument, report: DonorReport, section: OutputSection) -> None:
    output, programme = section.output, section.output.programme
    references = ", ".join(contribution.reference for contribution in section.contributions)
    if section.funding_type == FundingType.CORE:
        prefix = "Core"
        document.add(
            Heading(f"Core funding: everything {programme.short_name} did in the period"),
            Paragraph(
                f"Core programme funding ({references}) is not tied to particular activities: it is reported "
                f"against the whole output of {programme.name_in_text} in the period."
            ),
        )
    else:
        prefix = "Earmarked"
        document.add(
            Heading(f"Activity-specific funding: what it paid for ({programme.short_name})"),
            Paragraph(
                f"Activity-specific funding ({references}) is reported against the events, publications and "
                "information resources these contributions are linked to, where they fall in the period."
            ),
        )
    if output.is_empty:
        document.add(Paragraph("None of the activities these contributions are linked to falls in the period."))
        return
    reach = output.reach
    grouping = reach.by_grouping
    special_names = un_countries.special_group_names()
    document.add(
        Heading("At a glance", level=2),
        Table(
            f"{prefix} at a glance",
            ["Measure", "Count"],
            [
                ["Events", len(output.events)],
                ["Participants", reach.participants],
                ["Countries of participants", reach.countries],
                ["Participants from LDCs", grouping.by_special_group["ldc"]],
                ["Participants from SIDS", grouping.by_special_group["sids"]],
                ["Publications", len(output.publications)],
                ["Translations", len(output.translations)],
                ["Information resources", len(output.resources)],
            ],
        ),
    )
    add_events(document, output, prefix)
    if reach.participants:
        add_reach(document, output, prefix, special_names)
    add_publications_and_resources(document, output, prefix)


def add_events(document: ReportDocument, output: ProgrammeOutput, prefix: str) -> None:
    document.add(Heading("Events (participatory learning)", level=2))
    if not output.events:
        document.add(Paragraph("No events in the period."))
        return
    document.add(
        charts.stacked_columns_chart(
            output.events_by_kind_and_year,
            title="Activities by kind and year",
            value_label="events",
            source=charts.EVENTS_SOURCE,
        )
    )
    rows = []
    for event in output.events:
        reach = output.reach_of([event])
        place = (
            event.get_format_display()
            if event.format == "online"
            else ", ".join(part for part in (event.city, event.country.name if event.country else "") if part)
        )
        rows.append(
            [
                event.starts_on,
                event.title,
                event.get_kind_display(),
                place,
                reach.participants,
                reach.countries,
            ]
        )
    total_reach = output.reach
    document.add(
        Table(
            f"{prefix} events",
            ["Date", "Event", "Kind", "Where", "Participants", "Countries"],
            rows,
            total=[
                "All events",
                count_of(len(output.events), "event"),
                "",
                "",
                total_reach.participants,
                total_reach.countries,
            ],
            summary=events_by_year_table(output, prefix),
        ),
        Paragraph("In the total row a person who took part in several events counts once.", note=True),
    )


def events_by_year_table(output: ProgrammeOutput, prefix: str) -> Table:
    """A long list of events as the documents show it: one row per year."""
    rows = []
    for year, events in output.events_by_year.items():
        if events:
            reach = output.reach_by_year[year]
            rows.append([str(year), len(events), reach.participants, reach.countries])
    total_reach = output.reach
    return Table(
        f"{prefix} events",
        ["Year", "Events", "Participants", "Countries"],
        rows,
        total=["All years", len(output.events), total_reach.participants, total_reach.countries],
    )


def add_reach(document: ReportDocument, output: ProgrammeOutput, prefix: str, special_names: dict) -> None:
    reach = output.reach
    grouping = reach.by_grouping
    total = reach.participants
    group_names = {**un_countries.regional_group_names(), un_countries.UNGROUPED: "Other or not recorded"}
    document.add(Heading("Who took part", level=2))
    regional_rows = [
        [group_names[key], count, Share(count, total)] for key, count in grouping.by_regional_group.items() if count
    ]
    document.add(
        Heading("By UN regional group", level=3),
        Table(
            f"{prefix} regional groups",
            ["Regional group", "Participants", "Share"],
            regional_rows,
            total=["Total", total, Share(total, total)],
        ),
    )
    document.add(
        charts.counts_chart(
            {group_names[key]: count for key, count in grouping.by_regional_group.items()},
            title="Participants by UN regional group",
            source=charts.PARTICIPANTS_SOURCE,
        )
    )
    document.add(
        Heading("Least developed countries, landlocked developing countries, small island developing States", level=3),
        Table(
            f"{prefix} LDC LLDC SIDS",
            ["Group", "Participants", "Share of all participants"],
            [[special_names[key], count, Share(count, total)] for key, count in grouping.by_special_group.items()],
        ),
        Paragraph("A country can belong to more than one of these groups.", note=True),
    )
    gender_labels = {**dict(Participant.Gender.choices), "unknown": NOT_RECORDED}
    by_gender = charts.labelled(reach.by_gender, gender_labels)
    document.add(
        Heading("By gender", level=3),
        Table(
            f"{prefix} gender",
            ["Gender", "Participants", "Share"],
            [[label, count, Share(count, total)] for label, count in _largest_first(by_gender)],
            total=["Total", total, Share(total, total)],
        ),
    )
    document.add(participants_by_year_chart(output, "by_gender", gender_labels, "Participants by year and gender"))
    kind_labels = {**dict(OrganisationKind.choices), "unknown": NOT_RECORDED}
    by_kind = charts.labelled(reach.by_organisation_kind, kind_labels)
    document.add(
        Heading("By kind of organisation", level=3),
        Table(
            f"{prefix} organisation kinds",
            ["Kind of organisation", "Participants", "Share"],
            [[label, count, Share(count, total)] for label, count in _largest_first(by_kind)],
            total=["Total", total, Share(total, total)],
        ),
        participants_by_year_chart(
            output, "by_organisation_kind", kind_labels, "Participants by year and kind of organisation"
        ),
    )
    country_rows = sorted(
        (
            [
                countries.name(code) if code else NOT_RECORDED,
                group_names[un_countries.regional_group_of(code)],
                ", ".join(key.upper() for key in special_names if un_countries.is_member(code, key)),
                count,
            ]
            for code, count in reach.by_country.items()
        ),
        key=lambda row: (-row[3], row[0]),
    )
    shown = country_rows[: DOCUMENT_TABLE_ROWS - 1]
    others = country_rows[len(shown) :]
    reached_through = "the events this funding paid for" if prefix == "Earmarked" else "the programme's events"
    document.add(
        Heading(f"By country{countries_in_brackets(reach.countries)}", level=3),
        charts.world_map_chart(
            {code: count for code, count in reach.by_country.items() if code},
            title=f"Where participants in {reached_through} came from",
            source=charts.PARTICIPANTS_SOURCE,
        ),
        Table(
            f"{prefix} countries",
            ["Country", "Regional group", "LDC / LLDC / SIDS", "Participants"],
            country_rows,
            total=["Total", "", "", total],
            summary=Table(
                f"{prefix} countries",
                ["Country", "Regional group", "LDC / LLDC / SIDS", "Participants"],
                [
                    *shown,
                    *(
                        [
                            [
                                f"{count_of(len(others), 'other country', 'other countries')}",
                                "",
                                "",
                                sum(row[3] for row in others),
                            ]
                        ]
                        if others
                        else []
                    ),
                ],
                total=["Total", "", "", total],
            ),
        ),
    )


def countries_in_brackets(countries: int) -> str:
    """ " (30 countries)", " (one country)" after a heading; nothing when no country is recorded."""
    return f" ({count_of(countries, 'country')})" if countries else ""


def _largest_first(counts: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def publications_table(title: str, output: ProgrammeOutput) -> Table:
    translated = Counter(translation.publication_id for translation in output.translations)
    by_year = [
        [str(year), len(publications), sum(translated[publication.pk] for publication in publications)]
        for year, publications in output.publications_by_year.items()
        if publications
    ]
    return Table(
        title,
        ["Date", "Title", "Kind", "Translations"],
        [
            [
                publication.published_on,
                publication.full_title,
                publication.get_kind_display(),
                output.translation_languages(publication),
            ]
            for publication in output.publications
        ],
        summary=Table(
            title,
            ["Year", "Publications", "Translations"],
            by_year,
            total=["All years", len(output.publications), len(output.translations)],
        ),
    )


def participants_by_year_chart(output: ProgrammeOutput, breakdown: str, labels: dict, title: str):
    """Each year's people (each once in a year) stacked by `breakdown`, a Reach count such as by_gender."""
    series: dict[str, dict[int, int]] = {}
    for year, reach in output.reach_by_year.items():
        for key, count in getattr(reach, breakdown).items():
            series.setdefault(labels.get(key, key), {})[year] = count
    ordered = dict(sorted(series.items(), key=lambda item: (-sum(item[1].values()), item[0])))
    return charts.stacked_columns_chart(
        ordered, title=title, value_label="participants", source=charts.PARTICIPANTS_SOURCE
    )


def add_publications_and_resources(document: ReportDocument, output: ProgrammeOutput, prefix: str) -> None:
    document.add(Heading("Publications (research)", level=2))
    if output.publications:
        document.add(publications_table(f"{prefix} publications", output))
    else:
        document.add(Paragraph("No publications in the period."))
    if output.translations:
        document.add(
            Heading("Translations", level=3),
            Table(
                f"{prefix} translations",
                ["Language", "Translations"],
                list(map(list, output.translations_by_language.items())),
                total=["Total", len(output.translations)],
            ),
        )
    document.add(Heading("Information resources (access to information)", level=2))
    if output.resources:
        document.add(
            Table(
                f"{prefix} resources",
                ["Resource", "Kind", "Languages", "Launched"],
                [
                    [resource.name, resource.get_kind_display(), ", ".join(resource.languages), resource.launched_on]
                    for resource in output.resources
                ],
            )
        )
    else:
        document.add(Paragraph("No information resources."))
