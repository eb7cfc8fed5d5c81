"""A manager starts an activity summary from the report pages, watches its progress reach 100%
and downloads the files; with a real worker the page follows progress without reloading."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS
from tests.e2e.staff import log_in
from tests.factories import (
    EventFactory,
    InformationResourceFactory,
    ParticipantFactory,
    ProgrammeFactory,
    PublicationFactory,
    RegistrationFactory,
)
from unidir_cb.core.reporting.models import ReportJob

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sectec():
    programme = ProgrammeFactory(name="Security and Technology Programme", short_name="SecTec")
    zone = timezone.get_default_timezone()
    for month, country in [(3, "KE"), (9, "FR")]:
        event = EventFactory(programme=programme, starts_at=datetime.datetime(2022, month, 1, 10, tzinfo=zone))
        RegistrationFactory(event=event, participant=ParticipantFactory(country=country))
    PublicationFactory(programme=programme, published_on=datetime.date(2023, 5, 1))
    InformationResourceFactory(programme=programme, name="Cyber Policy Portal")
    return programme


def start_activity_summary(page):
    page.get_by_role("link", name="Reports").click()
    page.get_by_role("link", name="Start Activity summary").click()
    page.get_by_label("Programme").select_option(label="Security and Technology Programme (SecTec)")
    page.get_by_label("Start of the period").fill("2022-01-01")
    page.get_by_label("End of the period").fill("2023-12-31")
    page.get_by_role("button", name="Start the report").click()
    page.wait_for_url(re.compile(r"/reports/\d+/$"))


def download(page, link_name, tmp_path) -> bytes:
    with page.expect_download() as download_info:
        page.get_by_role("link", name=link_name).click()
    target = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(target)
    return Path(target).read_bytes()


def test_a_manager_runs_an_activity_summary_and_downloads_the_pdf_and_the_spreadsheet(page, manager, sectec, tmp_path):
    log_in(page, manager)
    start_activity_summary(page)  # Celery runs eagerly: the report is built during the request

    expect(page.locator("[data-report-progress]")).to_have_text("100%")
    expect(page.locator("[data-report-status]")).to_have_text("Succeeded")
    pdf = download(page, "Download PDF", tmp_path)
    xlsx = download(page, "Download Spreadsheet (XLSX)", tmp_path)

    assert pdf.startswith(b"%PDF")
    summary = load_workbook(io.BytesIO(xlsx))["Summary"]
    assert ("Events", 2) in [row[1:] for row in summary.iter_rows(min_row=2, values_only=True)]
    page.get_by_role("link", name="← Reports").click()
    expect(page.locator("table.report-jobs tbody tr")).to_have_count(1)
    expect(page.locator("table.report-jobs")).to_contain_text("SecTec, 2022-01-01 – 2023-12-31")


@pytest.mark.worker
def test_the_job_page_follows_a_worker_to_100_percent_without_reloading(
    page, manager, sectec, celery_worker_process, monkeypatch, tmp_path
):
    monkeypatch.setenv("REPORT_STEP_DELAY_SECONDS", "1")
    monkeypatch.setenv("MEDIA_ROOT", str(tmp_path / "media"))
    celery_worker_process()
    log_in(page, manager)
    start_activity_summary(page)
    page.evaluate("window.sameDocument = true")  # lost if the page reloads

    progress = page.locator("[data-report-progress]")
    page.wait_for_function(
        "() => { const bar = document.querySelector('[data-report-progress-bar]'); "
        "return bar.value > 0 && bar.value < 100; }"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "report-job-in-progress.png", full_page=True)
    expect(progress).to_have_text("100%", timeout=60_000)

    assert page.evaluate("window.sameDocument") is True
    expect(page.locator("[data-report-status]")).to_have_text("Succeeded")
    expect(page.get_by_role("link", name="Download PDF")).to_be_visible()
    assert download(page, "Download PDF", tmp_path).startswith(b"%PDF")
    assert ReportJob.objects.get().status == ReportJob.Status.SUCCEEDED
