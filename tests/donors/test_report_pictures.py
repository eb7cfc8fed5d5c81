"""Japan reads its donor report on the Conventional Arms programme (tests/second_programme.py, not the
demo): the briefing in Fiji it paid for reached Fiji, Tonga and Samoa, which its world map
highlights as dots (each too small to see at world scale), beside funding by year and type and
participants by year. The PDF as WeasyPrint writes it and the Word document as LibreOffice prints it
are turned into pictures (pdftoppm) and left in test-artifacts/report-pictures/ to be looked at."""

import datetime
import subprocess

import pytest

from donors.models import Donor
from donors.reports import build_donor_report
from tests.clients.documents import libreoffice_pdf
from tests.clients.programs import program
from tests.conftest import ARTIFACTS
from tests.donors.test_donor_report import files_of, no_progress
from tests.second_programme import build_arms_programme

pytestmark = [pytest.mark.office, pytest.mark.django_db]

CHARTS = 6  # funding by year and type, events by kind and year, regional groups, gender and kind by year, map


def images_in(pdf_path) -> list[int]:
    """The page of each picture in the PDF (pdfimages -list)."""
    listing = subprocess.run(
        [program("pdfimages", "poppler-utils"), "-list", pdf_path], capture_output=True, text=True, check=True
    ).stdout
    return [int(line.split()[0]) for line in listing.splitlines()[2:] if line.split()[2] == "image"]


def pages_as_pictures(pdf: bytes, name: str, folder) -> list:
    pdf_path = folder / f"{name}.pdf"
    pdf_path.write_bytes(pdf)
    pages = sorted(set(images_in(pdf_path)))
    output = ARTIFACTS / "report-pictures"
    output.mkdir(parents=True, exist_ok=True)
    pictures = []
    for page in pages:
        pages_to_render = ["-f", str(page), "-l", str(page)]
        command = [program("pdftoppm", "poppler-utils"), "-r", "80", "-png", "-singlefile", *pages_to_render]
        subprocess.run([*command, pdf_path, output / f"{name}-page-{page}"], check=True)
        pictures.append(output / f"{name}-page-{page}.png")
    return pictures


def test_the_donor_reports_pictures_print_in_the_pdf_and_in_word(tmp_path):
    build_arms_programme()
    japan = Donor.objects.get(name="Japan")

    files = files_of(
        build_donor_report(japan, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), "USD", no_progress)
    )

    (tmp_path / "weasyprint.pdf").write_bytes(files["pdf"])
    assert len(images_in(tmp_path / "weasyprint.pdf")) == CHARTS
    printed = libreoffice_pdf(files["docx"], "docx", tmp_path / "libreoffice")
    (tmp_path / "libreoffice.pdf").write_bytes(printed)
    assert len(images_in(tmp_path / "libreoffice.pdf")) == CHARTS
    for name, pdf in (("japan-weasyprint", files["pdf"]), ("japan-libreoffice", printed)):
        pictures = pages_as_pictures(pdf, name, tmp_path)
        assert pictures and all(picture.stat().st_size > 10_000 for picture in pictures)
