"""The "mapping_submission" report: a manager compiles the reply to a mapping exercise and gets the
signed letter as DOCX, PDF and HTML, each stating every fact of the hand-written reference letter,
in its order."""

import io
import re
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from docx import Document

from programmes.models import MappingSubmission
from tests.programmes.letter_text import (
    Status,
    assert_states_every_fact_in_order,
    docx_text,
    file_of,
    pdf_text,
    run_job,
)

pytestmark = pytest.mark.django_db

REFERENCE = "ODA/2023-00042/ICT-Mapping Exercise"


@pytest.fixture(autouse=True)
def rendered_files_in_a_temporary_folder():
    """The files stay in the folder the module's job wrote them to (see demo_job)."""


@pytest.fixture(scope="module")
def demo_job(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo programme's reply for 2022–2023, compiled once by the report for the whole module."""
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        job = run_job({"exercise": REFERENCE})
        yield job, {file_format: file_of(job, file_format) for file_format in ("docx", "pdf", "html")}
        transaction.set_rollback(True)


def test_the_job_succeeds_with_a_word_document_a_pdf_and_a_web_page(demo_job):
    job, files = demo_job

    assert job.status == Status.SUCCEEDED, job.error
    assert files["docx"].startswith(b"PK")
    assert files["pdf"].startswith(b"%PDF")
    assert files["html"].startswith(b"<!DOCTYPE html>")
    assert sorted(job.files.values_list("filename", flat=True)) == [
        "oda2023-00042ict-mapping-exercise-v1.docx",
        "oda2023-00042ict-mapping-exercise-v1.html",
        "oda2023-00042ict-mapping-exercise-v1.pdf",
    ]


def test_the_job_compiled_a_new_version_whose_files_are_the_jobs_own(demo_job):
    job = demo_job[0]
    submission = MappingSubmission.objects.get(report_job=job)

    assert (submission.version, submission.status) == (1, MappingSubmission.Status.COMPILED)
    # Stored once: the version points at the job's files instead of keeping copies of its own.
    assert submission.rendering_job == job
    assert sorted(submission.rendering_job.files.values_list("format", flat=True)) == ["docx", "html", "pdf"]


def test_the_word_document_states_every_fact_of_the_reference_letter_in_order(demo_job):
    assert_states_every_fact_in_order(docx_text(demo_job[1]["docx"]))


def test_the_pdf_states_every_fact_of_the_reference_letter_in_order(demo_job):
    assert_states_every_fact_in_order(pdf_text(demo_job[1]["pdf"]))


def test_the_web_page_states_every_fact_of_the_reference_letter_in_order(demo_job):
    html = demo_job[1]["html"].decode()
    text = re.sub(r"<[^>]+>", " ", html.split("<body>", 1)[1]).replace("&amp;", "&").replace("&#x27;", "'")
    assert_states_every_fact_in_order(text)


def test_the_letter_has_a_date_addressees_and_a_reference_line(demo_job):
    job, files = demo_job
    document = Document(io.BytesIO(files["docx"]))
    lines = [paragraph.text for paragraph in document.paragraphs[:6]]
    submission = MappingSubmission.objects.get(report_job=job)
    date = f"{submission.letter_date.day} {submission.letter_date:%B %Y}"

    assert lines[0] == "United Nations Institute for Disarmament Research"
    assert lines[1] == date
    assert lines[2] == "Ms. Browning, Ms. Prizeman\nOffice for Disarmament Affairs"
    assert lines[3] == f"Reference: {REFERENCE}"
    assert lines[4] == "Dear Ms. Browning, Ms. Prizeman,"
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.left_margin.cm, 1) == 2.5
    bullets = [paragraph.text for paragraph in document.paragraphs if paragraph.style.name == "List Bullet"]
    assert "A Taxonomy of Cyber Incidents." in bullets
    assert date in pdf_text(files["pdf"])


def test_the_pdf_pages_are_a4(demo_job):
    info = subprocess.run(["pdfinfo", "-"], input=demo_job[1]["pdf"], capture_output=True, check=True).stdout.decode()

    assert re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", info), info
