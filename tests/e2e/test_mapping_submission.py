"""A manager compiles the reply to a mapping exercise from its review page, watches the report job
reach 100% and downloads the letter as DOCX and PDF; then reviews and approves the version."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from programmes.models import MappingSubmission
from tests.conftest import ARTIFACTS
from tests.e2e.staff import log_in
from tests.factories import (
    EventFactory,
    MappingExerciseFactory,
    ParticipantFactory,
    ProgrammeFactory,
    PublicationFactory,
    RegistrationFactory,
)
from unidir_cb.core.reporting.models import ReportJob

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REFERENCE = "ODA/2023-00042/ICT-Mapping Exercise"


@pytest.fixture
def exercise():
    programme = ProgrammeFactory(
        name="Security and Technology Programme", short_name="SecTec", head_name="Giacomo Persi Paoli"
    )
    zone = timezone.get_default_timezone()
    for month, country in [(3, "KE"), (9, "FR")]:
        event = EventFactory(programme=programme, starts_at=datetime.datetime(2022, month, 1, 10, tzinfo=zone))
        RegistrationFactory(event=event, participant=ParticipantFactory(country=country))
    PublicationFactory(
        programme=programme, title="A Taxonomy of Cyber Incidents", featured_rank=1, published_on="2023-05-01"
    )
    return MappingExerciseFactory(programme=programme, reference=REFERENCE)


def open_review_page(page):
    page.get_by_role("link", name="Reports").click()
    page.get_by_role("link", name="Review mapping submissions").click()
    page.get_by_role("link", name=REFERENCE).click()


def download(page, link_name, tmp_path) -> bytes:
    with page.expect_download() as download_info:
        page.get_by_role("link", name=link_name).click()
    target = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(target)
    return Path(target).read_bytes()


def test_a_manager_compiles_the_reply_downloads_both_files_and_approves_it(page, manager, exercise, tmp_path):
    log_in(page, manager)
    open_review_page(page)
    expect(page.get_by_text("No version has been compiled yet.")).to_be_visible()

    page.get_by_role("button", name="Compile a new version from the data").click()  # Celery runs eagerly
    page.wait_for_url(re.compile(r"/reports/\d+/$"))

    expect(page.locator("[data-report-progress]")).to_have_text("100%")
    expect(page.locator("[data-report-status]")).to_have_text("Succeeded")
    docx = download(page, "Download Word document (DOCX)", tmp_path)
    pdf = download(page, "Download PDF", tmp_path)
    assert docx.startswith(b"PK") and pdf.startswith(b"%PDF")

    page.go_back()
    page.reload()
    expect(page.locator("table.mapping-versions tbody tr")).to_have_count(1)
    expect(page.get_by_role("heading", name="Version 1 Compiled")).to_be_visible()
    page.get_by_label("Research, item 1", exact=True).fill("A Taxonomy of Cyber Incidents (2023).")
    page.get_by_role("button", name="Save version 1").click()
    expect(page.get_by_text("Version 1 saved.")).to_be_visible()
    expect(page.locator(".letter-sheet")).to_contain_text("A Taxonomy of Cyber Incidents (2023).")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "mapping-review-page.png", full_page=True)
    expect(page.locator(".letter-sheet .draft-mark")).to_contain_text("DRAFT")
    expect(page.locator("table.mapping-versions")).to_contain_text("draft, unsigned")
    page.get_by_role("button", name="Approve version 1 and render it signed").click()
    page.wait_for_url(re.compile(r"/reports/\d+/$"))
    expect(page.get_by_text("Version 1 approved: the signed letter is being rendered.")).to_be_visible()
    expect(page.locator("[data-report-status]")).to_have_text("Succeeded")
    assert MappingSubmission.objects.get().status == MappingSubmission.Status.APPROVED
    page.get_by_role("link", name="Reports", exact=True).click()
    page.get_by_role("link", name="Review mapping submissions").click()
    page.get_by_role("link", name=REFERENCE).click()
    expect(page.locator("table.mapping-versions .rendering-kind")).to_have_text("signed")
    expect(page.locator(".letter-sheet .draft-mark")).to_have_count(0)


@pytest.mark.worker
def test_the_job_page_follows_the_worker_compiling_the_reply_to_100_percent(
    page, manager, exercise, celery_worker_process, monkeypatch, tmp_path
):
    monkeypatch.setenv("REPORT_STEP_DELAY_SECONDS", "0.5")
    monkeypatch.setenv("MEDIA_ROOT", str(tmp_path / "media"))
    celery_worker_process()
    log_in(page, manager)
    open_review_page(page)
    page.get_by_role("button", name="Compile a new version from the data").click()
    page.wait_for_url(re.compile(r"/reports/\d+/$"))
    page.evaluate("window.sameDocument = true")  # lost if the page reloads

    page.wait_for_function(
        "() => { const bar = document.querySelector('[data-report-progress-bar]'); "
        "return bar.value > 0 && bar.value < 100; }"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "mapping-job-in-progress.png", full_page=True)
    expect(page.locator("[data-report-progress]")).to_have_text("100%", timeout=90_000)

    assert page.evaluate("window.sameDocument") is True
    expect(page.locator("[data-report-status]")).to_have_text("Succeeded")
    assert download(page, "Download Word document (DOCX)", tmp_path).startswith(b"PK")
    assert download(page, "Download PDF", tmp_path).startswith(b"%PDF")
    assert ReportJob.objects.get().status == ReportJob.Status.SUCCEEDED
