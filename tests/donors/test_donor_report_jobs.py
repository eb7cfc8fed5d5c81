"""Donor reports run as report jobs: only finance and management may run them, a missing exchange
rate fails the job naming every missing rate, and a donor with nothing in the period gets a short,
valid report that says so."""

import datetime
import io
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from djmoney.money import Money
from docx import Document
from openpyxl import load_workbook

from donors.models import Contribution
from tests.factories import (
    ContributionFactory,
    DonorFactory,
    EventFactory,
    ExchangeRateFactory,
    ProgrammeFactory,
    PublicationFactory,
)
from unidir_cb.core.reporting import registry, services
from unidir_cb.core.reporting.models import ReportJob

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2022-01-01", "end": "2023-12-31", "currency": "USD"}


def run(parameters, user) -> ReportJob:
    job = services.start_report_job("donor_report", parameters, requested_by=user, enqueue=False)
    return services.run_report_job(job.pk, job.attempts)


def test_someone_without_the_finance_permission_cannot_start_a_donor_report(client, reports_without_money, manager):
    kind = registry.get_kind("donor_report")
    assert not kind.can_run(reports_without_money)
    assert kind.can_run(manager)

    client.force_login(reports_without_money)
    assert client.get(reverse("reporting:start_report", args=["donor_report"])).status_code == 403
    assert "donor_report" not in client.get(reverse("reporting:job_list")).content.decode()


def test_a_missing_exchange_rate_fails_the_job_naming_every_missing_rate(manager):
    germany = DonorFactory(name="Germany")
    programme = ProgrammeFactory()
    ExchangeRateFactory(currency="EUR", month=datetime.date(2022, 3, 1), units_per_usd=Decimal("0.9"))
    for reference, currency, received_on in [
        ("DE-1", "EUR", datetime.date(2022, 3, 1)),  # rate stored
        ("DE-2", "EUR", datetime.date(2023, 3, 2)),  # missing
        ("DE-3", "CHF", datetime.date(2022, 5, 9)),  # missing
    ]:
        ContributionFactory(
            donor=germany,
            reference=reference,
            programme=programme,
            amount=Money(Decimal("1000.00"), currency),
            status=Contribution.Status.RECEIVED,
            received_on=received_on,
            covers_from=datetime.date(2022, 1, 1),
            covers_until=datetime.date(2023, 12, 31),
        )

    job = run({"donor": "Germany", **PERIOD}, manager)

    assert job.status == ReportJob.Status.FAILED
    assert "CHF for May 2022" in job.error
    assert "EUR for March 2023" in job.error
    assert "EUR for March 2022" not in job.error
    assert not job.files.exists()


@pytest.fixture
def euro_rate_elsewhere(db):
    ExchangeRateFactory(currency="EUR", month=datetime.date(2021, 1, 1))


def test_reporting_in_euros_needs_the_euro_rate_of_each_month_too(manager, euro_rate_elsewhere):
    """Converting USD into EUR goes through the EUR rate of the contribution's month."""
    donor = DonorFactory(name="Microsoft")
    ContributionFactory(donor=donor, amount=Money(Decimal("1000.00"), "USD"), signed_on=datetime.date(2022, 1, 15))

    job = run({"donor": "Microsoft", **PERIOD, "currency": "EUR"}, manager)

    assert job.status == ReportJob.Status.FAILED  # EUR is offered (a rate exists below) but not for January 2022
    assert "EUR for January 2022" in job.error


def test_a_donor_with_no_contributions_in_the_period_gets_a_report_saying_so(manager, tmp_path):
    donor = DonorFactory(name="Italy")
    ContributionFactory(  # before the period
        donor=donor, covers_from=datetime.date(2019, 1, 1), covers_until=datetime.date(2019, 12, 31)
    )

    job = run({"donor": "Italy", **PERIOD}, manager)

    assert job.status == ReportJob.Status.SUCCEEDED, job.error
    files = {report_file.format: report_file.file.read() for report_file in job.files.all()}
    assert set(files) == {"pdf", "docx", "xlsx"}
    pdf = tmp_path / "italy.pdf"
    pdf.write_bytes(files["pdf"])
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
    said = "Italy made no contributions covering any part of the period 1 January 2022 to 31 December 2023"
    assert said in " ".join(text.split())
    assert said in " ".join(paragraph.text for paragraph in Document(io.BytesIO(files["docx"])).paragraphs)
    rows = list(load_workbook(io.BytesIO(files["xlsx"]))["Contributions"].iter_rows(values_only=True))
    assert len(rows) == 1  # the header, no contributions


def test_the_report_form_checks_the_donor_and_the_period(manager):
    job = services.start_report_job(
        "donor_report", {"donor": "Atlantis", "start": "2023-01-01", "end": "2022-01-01", "currency": "USD"}
    )

    assert job.status == ReportJob.Status.FAILED
    assert "There is no donor called “Atlantis”" in job.error
    assert "The period ends (2022-01-01) before it starts (2023-01-01)" in job.error


def test_a_core_donor_of_a_busy_programme_reads_a_summary_and_finds_every_row_in_the_spreadsheet(manager, tmp_path):
    """Forty events and forty publications: the documents show them by year, the XLSX lists them all."""
    programme = ProgrammeFactory()
    ContributionFactory(
        donor=DonorFactory(name="Norway"),
        programme=programme,
        funding_type=Contribution.FundingType.CORE,
        amount=Money(Decimal("50000.00"), "USD"),
        covers_from=datetime.date(2022, 1, 1),
        covers_until=datetime.date(2023, 12, 31),
    )
    for number in range(40):
        day = datetime.date(2022 + number % 2, 1 + number % 12, 10)
        EventFactory(
            programme=programme,
            title=f"Busy seminar {number}",
            starts_at=datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC),
        )
        PublicationFactory(programme=programme, title=f"Busy paper {number}", published_on=day)

    job = run({"donor": "Norway", **PERIOD}, manager)

    assert job.status == ReportJob.Status.SUCCEEDED, job.error
    files = {report_file.format: report_file.file.read() for report_file in job.files.all()}
    docx_text = " ".join(paragraph.text for paragraph in Document(io.BytesIO(files["docx"])).paragraphs)
    docx_cells = {cell.text for table in Document(io.BytesIO(files["docx"])).tables for cell in table._cells}
    assert "Summarised here; all 40 rows are in the spreadsheet (XLSX), sheet “Core events”." in docx_text
    assert "Busy seminar 7" not in docx_cells and {"2022", "2023"} <= docx_cells
    pdf = tmp_path / "norway.pdf"
    pdf.write_bytes(files["pdf"])
    pdf_text = " ".join(
        subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert "all 40 rows are in the spreadsheet (XLSX), sheet “Core publications”" in pdf_text
    assert "Busy paper 7" not in pdf_text
    workbook = load_workbook(io.BytesIO(files["xlsx"]))
    listed = {row[1] for row in workbook["Core events"].iter_rows(min_row=2, values_only=True)}
    assert {f"Busy seminar {number}" for number in range(40)} <= listed
