"""The "mapping_submission" report: a manager compiles the reply to a mapping exercise and gets the
letter as DOCX, PDF and HTML, a draft marked DRAFT on every page and unsigned until the version is
approved, then signed; the signed letter states every fact of the hand-written reference letter, in
its order."""

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
from programmes.services import approve_submission
from tests.programmes.letter_text import (
    Status,
    assert_states_every_fact_in_order,
    docx_text,
    file_of,
    pdf_text,
    run_job,
    squeezed,
)

pytestmark = pytest.mark.django_db

REFERENCE = "ODA/2023-00042/ICT-Mapping Exercise"


@pytest.fixture(autouse=True)
def rendered_files_in_a_temporary_folder():
    """The files stay in the folder the module's job wrote them to (see demo_job)."""


def files_of(job) -> dict[str, bytes]:
    return {file_format: file_of(job, file_format) for file_format in ("docx", "pdf", "html")}


@pytest.fixture(scope="module")
def demo_jobs(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo programme's reply for 2022–2023, compiled once by the report for the whole module
    (a draft), then approved and rendered again (signed)."""
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        draft = run_job({"exercise": REFERENCE})
        draft_files = files_of(draft)
        approve_submission(MappingSubmission.objects.get(report_job=draft), approved_by=None)
        signed = run_job({"exercise": REFERENCE, "submission_version": 1})
        yield {"draft": (draft, draft_files), "signed": (signed, files_of(signed))}
        transaction.set_rollback(True)


@pytest.fixture
def draft_job(demo_jobs):
    return demo_jobs["draft"]


@pytest.fixture
def demo_job(demo_jobs):
    """The signed letter."""
    return demo_jobs["signed"]


def test_the_job_succeeds_with_a_word_document_a_pdf_and_a_web_page_named_as_a_draft(draft_job):
    job, files = draft_job

    assert job.status == Status.SUCCEEDED, job.error
    assert files["docx"].startswith(b"PK")
    assert files["pdf"].startswith(b"%PDF")
    assert files["html"].startswith(b"<!DOCTYPE html>")
    assert sorted(job.files.values_list("filename", flat=True)) == [
        "oda2023-00042ict-mapping-exercise-v1-draft.docx",
        "oda2023-00042ict-mapping-exercise-v1-draft.html",
        "oda2023-00042ict-mapping-exercise-v1-draft.pdf",
    ]


def test_the_job_compiled_a_new_version_whose_files_are_the_latest_renderings(draft_job, demo_job):
    submission = MappingSubmission.objects.get(report_job=draft_job[0])

    assert submission.version == 1
    # Stored once: the version points at the latest job's files instead of keeping copies of its own.
    assert submission.rendering_job == demo_job[0]
    assert sorted(demo_job[0].files.values_list("filename", flat=True)) == [
        "oda2023-00042ict-mapping-exercise-v1.docx",
        "oda2023-00042ict-mapping-exercise-v1.html",
        "oda2023-00042ict-mapping-exercise-v1.pdf",
    ]


SIGNATURE = "Giacomo Persi Paoli"


def test_until_approved_every_page_of_every_rendering_says_draft_and_nothing_is_signed(draft_job):
    files = draft_job[1]
    pages = pdf_text(files["pdf"]).split("\f")[:-1]
    assert len(pages) >= 2
    assert all("DRAFT" in page for page in pages)
    document = Document(io.BytesIO(files["docx"]))
    assert all("DRAFT" in section.header.paragraphs[0].text for section in document.sections)
    assert "DRAFT" in files["html"].decode()
    for text in (pdf_text(files["pdf"]), docx_text(files["docx"]), files["html"].decode()):
        assert SIGNATURE not in text
        assert "not approved" in text


def test_the_approved_version_is_rendered_signed_without_a_draft_mark(demo_job):
    files = demo_job[1]
    document = Document(io.BytesIO(files["docx"]))

    assert "DRAFT" not in pdf_text(files["pdf"])
    assert not any(paragraph.text for section in document.sections for paragraph in section.header.paragraphs)
    assert "DRAFT" not in files["html"].decode()
    for text in (pdf_text(files["pdf"]), docx_text(files["docx"])):
        assert squeezed(f"Sincerely,{SIGNATURE}Head of Programme") in squeezed(text)


def test_the_word_document_states_every_fact_of_the_reference_letter_in_order(demo_job):
    assert_states_every_fact_in_order(docx_text(demo_job[1]["docx"]))


def test_the_pdf_states_every_fact_of_the_reference_letter_in_order(demo_job):
    assert_states_every_fact_in_order(pdf_text(demo_job[1]["pdf"]))


def test_the_web_page_states_every_fact_of_the_reference_letter_in_order(demo_job):
    html = demo_job[1]["html"].decode()
    text = re.sub(r"<[^>]+>", " ", html.split("<body>", 1)[1]).replace("&amp;", "&").replace("&#x27;", "'")
    assert_states_every_fact_in_order(text)


def test_the_letter_has_a_date_addressees_and_a_reference_line(demo_job):
    files = demo_job[1]
    document = Document(io.BytesIO(files["docx"]))
    lines = [paragraph.text for paragraph in document.paragraphs[:6]]
    submission = MappingSubmission.objects.get(exercise__reference=REFERENCE)
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
