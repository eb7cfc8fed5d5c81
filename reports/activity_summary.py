"""The activity summary: what a programme did in a period, by activity category, as HTML, PDF and XLSX."""

import datetime

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify

from events.rules import TOOK_PART_NOTE
from programmes.models import ActivityCategory, Programme
from unidir_cb.core.reporting import charts
from unidir_cb.core.reporting.models import ReportFile
from unidir_cb.core.reporting.registry import DOCUMENT_LANGUAGE, ProgressCallback, ReportOutput
from unidir_cb.core.reporting.rendering import XlsxSheet, html_to_pdf, xlsx_workbook

from .selectors import ActivitySummary, activity_summary


def build_activity_summary(
    programme: Programme, start: datetime.date, end: datetime.date, progress: ProgressCallback
) -> list[ReportOutput]:
    with translation.override(DOCUMENT_LANGUAGE):
        progress(5, "Reading publications, events and information resources")
        summary = activity_summary(programme, start, end)
        progress(30, "Drawing the chart of events by kind and the map of participants")
        events_chart = charts.counts_chart(
            dict(summary.events_by_kind), title="Events by kind", value_label="events", source=charts.EVENTS_SOURCE
        )
        participants_map = charts.world_map_chart(
            summary.participants_by_country, title="Participants by country", source=charts.PARTICIPANTS_SOURCE
        )
        progress(45, "Writing the HTML document")
        html = render_to_string(
            "reports/documents/activity_summary.html",
            {
                "summary": summary,
                "categories": ActivityCategory,
                "events_chart": events_chart,
                "participants_map": participants_map,
                "generated_at": timezone.localtime(),
                "language": DOCUMENT_LANGUAGE,
                "participants_note": TOOK_PART_NOTE,
            },
        )
        progress(60, "Rendering the PDF")
        pdf = html_to_pdf(html)
        progress(80, "Writing the spreadsheet")
        xlsx = summary_workbook(summary)
        progress(95, "Saving the files")
    stem = slugify(f"activity-summary-{programme.short_name}-{start.isoformat()}-{end.isoformat()}")
    return [
        ReportOutput(ReportFile.Format.HTML, f"{stem}.html", html.encode("utf-8")),
        ReportOutput(ReportFile.Format.PDF, f"{stem}.pdf", pdf),
        ReportOutput(ReportFile.Format.XLSX, f"{stem}.xlsx", xlsx),
    ]


def summary_workbook(summary: ActivitySummary) -> bytes:
    totals = XlsxSheet(
        "Summary",
        ["Category", "Measure", "Count"],
        [
            [ActivityCategory.RESEARCH.label, "Publications", summary.publication_count],
            [ActivityCategory.PARTICIPATORY_LEARNING.label, "Events", summary.event_count],
            [ActivityCategory.PARTICIPATORY_LEARNING.label, "Participants", summary.participant_count],
            [ActivityCategory.PARTICIPATORY_LEARNING.label, "Countries of participants", summary.country_count],
            [
                ActivityCategory.PARTICIPATORY_LEARNING.label,
                "Participants sponsored to attend",
                summary.sponsored_participant_count,
            ],
            [ActivityCategory.ACCESS_TO_INFORMATION.label, "Information resources", summary.resource_count],
        ],
    )
    events = XlsxSheet(
        "Events",
        ["Date", "Title", "Kind", "Format", "City", "Country", "Participants", "Countries"],
        [
            [
                event.starts_on,
                event.title,
                event.get_kind_display(),
                event.get_format_display(),
                event.city,
                event.country.name if event.country else "",
                event.participant_count,
                event.country_count,
            ]
            for event in summary.events
        ],
    )
    publications = XlsxSheet(
        "Publications",
        ["Date", "Title", "Kind", "Publisher", "DOI"],
        [
            [
                publication.published_on,
                publication.full_title,
                publication.get_kind_display(),
                publication.publisher,
                publication.doi,
            ]
            for publication in summary.publications
        ],
    )
    resources = XlsxSheet(
        "Information resources",
        ["Name", "Kind", "Languages", "Launched", "URL"],
        [
            [
                resource.name,
                resource.get_kind_display(),
                ", ".join(resource.languages),
                resource.launched_on,
                resource.url,
            ]
            for resource in summary.resources
        ],
    )
    about = XlsxSheet(
        "About",
        ["Field", "Value"],
        [
            ["Programme", summary.programme.name],
            ["Period start", summary.start],
            ["Period end (included)", summary.end],
            ["Generated", timezone.localtime().replace(tzinfo=None, microsecond=0)],
            ["Participants", TOOK_PART_NOTE],
        ],
    )
    return xlsx_workbook([totals, events, publications, resources, about])
