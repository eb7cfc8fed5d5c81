"""Reading a rendered letter back as text, for the tests."""

import io
import re
import subprocess

from docx import Document

from tests.programmes.test_reference_letter import FACTS
from unidir_cb.core.reporting import services
from unidir_cb.core.reporting.models import ReportJob

Status = ReportJob.Status


def run_job(parameters, requested_by=None) -> ReportJob:
    job = services.start_report_job("mapping_submission", parameters, requested_by, enqueue=False)
    if job.status == Status.QUEUED:
        services.run_report_job(job.pk, job.attempts)
    job.refresh_from_db()
    return job


def file_of(job: ReportJob, file_format: str) -> bytes:
    with job.files.get(format=file_format).file.open("rb") as stored:
        return stored.read()


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode("utf-8")


def squeezed(text: str) -> str:
    """Text without any whitespace: a PDF wraps lines wherever the page ends them."""
    return re.sub(r"\s+", "", text)


def fact_as_rendered(fact: str) -> str:
    # Bullets are real lists in the documents, not "- " in the text.
    return squeezed(fact.removeprefix("- "))


def assert_states_every_fact_in_order(text: str):
    text = squeezed(text)
    position = 0
    for fact in FACTS:
        found = text.find(fact_as_rendered(fact), position)
        assert found >= 0, f"missing (or out of order): {fact!r}"
        position = found + len(fact_as_rendered(fact))
