"""The activity summary counts what a programme did in a period, by activity category, and
renders the same figures as HTML, PDF and XLSX."""

import datetime
import io
import subprocess

import pytest
from openpyxl import load_workbook

from events.models import Registration
from reports.selectors import activity_summary
from tests.factories import (
    EventFactory,
    ParticipantFactory,
    ProgrammeFactory,
    PublicationFactory,
    RegistrationFactory,
    SponsorshipFactory,
)
from unidir_cb.core.reporting import services
from unidir_cb.core.reporting.models import ReportJob

from .conftest import SECTEC_2022_2023, local

pytestmark = pytest.mark.django_db

PERIOD = (datetime.date(2022, 1, 1), datetime.date(2023, 12, 31))


def test_the_summary_counts_only_what_happened_in_the_period(sectec):
    summary = activity_summary(sectec, *PERIOD)

    assert summary.publication_count == 3  # the one published on the last day included
    assert [event.title for event in summary.events] == ["Cyber Stability Conference", "Regional workshop"]
    assert [(event.participant_count, event.country_count) for event in summary.events] == [(3, 3), (2, 2)]
    assert summary.participant_count == 4  # the Kenyan participant attended both; the cancellation not at all
    assert summary.country_count == 4  # KE, FR, BR, FJ
    assert summary.participants_by_country == {"KE": 1, "FR": 1, "BR": 1, "FJ": 1}
    assert [resource.name for resource in summary.resources] == ["Cyber Policy Portal"]
    assert summary.events_by_kind == [("Conference", 1), ("Workshop", 1)]


def test_another_programme_and_period_give_their_own_figures(sectec):
    other = ProgrammeFactory(short_name="WMD")
    event = EventFactory(programme=other, starts_at=local(2021, 5, 5))
    RegistrationFactory(event=event, participant=ParticipantFactory(country="JP"), status="waitlisted")
    RegistrationFactory(event=event, participant=ParticipantFactory(country="IN"), status="declined", attended=True)
    PublicationFactory(programme=other, published_on=datetime.date(2021, 1, 1))

    summary = activity_summary(other, datetime.date(2021, 1, 1), datetime.date(2021, 12, 31))

    assert (summary.publication_count, summary.event_count, summary.resource_count) == (1, 1, 0)
    assert (summary.participant_count, summary.country_count) == (1, 1)  # marked as attending counts


@pytest.mark.parametrize("extra_events", [1, 20])
def test_the_summary_costs_the_same_queries_whatever_the_amount_of_data(
    sectec, extra_events, django_assert_num_queries
):
    for number in range(extra_events):
        event = EventFactory(programme=sectec, starts_at=local(2022, 10, 1 + number))
        RegistrationFactory.create_batch(2, event=event)

    with django_assert_num_queries(5):
        summary = activity_summary(sectec, *PERIOD)
        assert summary.event_count == 2 + extra_events


def test_the_built_files_state_the_same_figures_in_each_format(sectec, manager, tmp_path):
    one_of_them = Registration.objects.filter(event__programme=sectec, status="confirmed").first()
    SponsorshipFactory(registration=one_of_them)
    job = services.start_report_job("activity_summary", SECTEC_2022_2023, requested_by=manager, enqueue=False)
    job = services.run_report_job(job.pk, job.attempts)

    assert job.status == ReportJob.Status.SUCCEEDED, job.error
    files = {stored.format: stored.file.read() for stored in job.files.all()}
    assert set(files) == {"html", "pdf", "xlsx"}

    html = files["html"].decode()
    measures = [
        ("publications", 3),
        ("events", 2),
        ("participants", 4),
        ("countries", 4),
        ("sponsored", 1),
        ("resources", 1),
    ]
    for measure, count in measures:
        assert f'data-measure="{measure}">{count}<' in html
    assert "Activity summary: Security and Technology Programme" in html
    assert html.count('<img src="data:image/png;base64,') == 2  # the charts travel inside the document
    assert 'alt="Bar chart, Events by kind (events): Conference 1; Workshop 1."' in html
    assert "World map, Participants by country (participants): 4 countries shaded" in html
    assert "Source: the programme&#x27;s registration records" in html
    assert "walk-ins registered at the door included" in html  # the note states who took part

    assert files["pdf"].startswith(b"%PDF")
    (tmp_path / "summary.pdf").write_bytes(files["pdf"])
    text = subprocess.run(
        ["pdftotext", tmp_path / "summary.pdf", "-"], capture_output=True, text=True, check=True
    ).stdout
    words = " ".join(text.split())  # table cells wrap their text over lines
    assert "Cyber Stability Conference" in words and "Regional workshop" in words

    workbook = load_workbook(io.BytesIO(files["xlsx"]))
    assert workbook.sheetnames == ["Summary", "Events", "Publications", "Information resources", "About"]
    assert [row[1:] for row in workbook["Summary"].iter_rows(min_row=2, values_only=True)] == [
        ("Publications", 3),
        ("Events", 2),
        ("Participants", 4),
        ("Countries of participants", 4),
        ("Participants sponsored to attend", 1),
        ("Information resources", 1),
    ]
    events = list(workbook["Events"].iter_rows(min_row=2, values_only=True))
    assert events[0][1:] == ("Cyber Stability Conference", "Conference", "In person", "Geneva", "Switzerland", 3, 3)


def test_titles_that_look_like_formulas_stay_text_in_the_spreadsheet(sectec, manager):
    EventFactory(programme=sectec, title='=HYPERLINK("http://evil.example","Click")', starts_at=local(2022, 11, 1))
    job = services.start_report_job("activity_summary", SECTEC_2022_2023, requested_by=manager, enqueue=False)
    job = services.run_report_job(job.pk, job.attempts)

    workbook = load_workbook(io.BytesIO(job.files.get(format="xlsx").file.read()))
    titles = [row[1] for row in workbook["Events"].iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://evil.example","Click")' in titles
