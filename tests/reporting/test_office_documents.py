"""Every Word document and spreadsheet the system produces, opened in LibreOffice as a reader without
Word would, from the demo programme: the donor reports (Germany's core funding, the EU's earmarked),
the mapping reply (a draft, then signed), the management snapshot and the activity summary.

Word documents: no word or number in a table breaks across lines, headings and lead-ins stay with
what follows them, every page is numbered, and table columns have fixed widths within the A4 text
width (so that Word, which we do not have, lays them out as LibreOffice does). Spreadsheets: sheet
names say what they hold, numbers, shares and years are numeric cells with number formats, the
header row is frozen, and printing fits the columns on one page width."""

import datetime
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from openpyxl import load_workbook

from donors.models import Donor
from donors.reports import build_donor_report
from programmes.models import MappingSubmission, Programme
from programmes.services import approve_submission
from reports.activity_summary import build_activity_summary
from reports.snapshot import build_management_snapshot
from tests.clients.documents import (
    assert_headings_stay_with_what_follows,
    assert_no_word_in_a_table_breaks,
    assert_pages_are_numbered,
    assert_tables_fit_the_page_with_fixed_widths,
    libreoffice_pdf,
    pdf_pages,
)
from tests.programmes.letter_text import file_of, run_job
from unidir_cb.core.reporting import tasks  # noqa: F401 - registers the report task the mapping jobs run

pytestmark = [pytest.mark.django_db, pytest.mark.office]

START, END = datetime.date(2022, 1, 1), datetime.date(2023, 12, 31)
REFERENCE = "ODA/2023-00042/ICT-Mapping Exercise"


def no_progress(percent, message):
    pass


def formats_of(outputs) -> dict[str, bytes]:
    return {output.format: output.content for output in outputs}


@pytest.fixture(scope="module")
def produced(django_db_setup, django_db_blocker, tmp_path_factory):
    """Every DOCX and XLSX the reports make from the demo, built once for the module."""
    files = {}
    with (
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=StringIO())
        programme = Programme.objects.get(short_name="SecTec")
        for donor in ("Germany", "European Union"):
            built = formats_of(build_donor_report(Donor.objects.get(name=donor), START, END, "USD", no_progress))
            files[f"donor report for {donor}.docx"] = built["docx"]
            files[f"donor report for {donor}.xlsx"] = built["xlsx"]
        draft = run_job({"exercise": REFERENCE})
        files["mapping reply, draft.docx"] = file_of(draft, "docx")
        approve_submission(MappingSubmission.objects.get(report_job=draft), approved_by=None)
        files["mapping reply, signed.docx"] = file_of(run_job({"exercise": REFERENCE, "submission_version": 1}), "docx")
        snapshot = build_management_snapshot(programme, datetime.date(2023, 11, 1), "USD", no_progress)
        files["management snapshot.xlsx"] = formats_of(snapshot)["xlsx"]
        summary = build_activity_summary(programme, START, END, no_progress)
        files["activity summary.xlsx"] = formats_of(summary)["xlsx"]
        transaction.set_rollback(True)
    return files


@pytest.fixture(scope="module")
def printed(produced, tmp_path_factory):
    """What LibreOffice prints of each file, converted once."""
    return {
        name: libreoffice_pdf(content, name.rsplit(".", 1)[1], tmp_path_factory.mktemp("libreoffice"))
        for name, content in produced.items()
    }


WORD_DOCUMENTS = [
    "donor report for Germany.docx",
    "donor report for European Union.docx",
    "mapping reply, draft.docx",
    "mapping reply, signed.docx",
]
SPREADSHEETS = [
    "donor report for Germany.xlsx",
    "donor report for European Union.xlsx",
    "management snapshot.xlsx",
    "activity summary.xlsx",
]


@pytest.mark.parametrize("name", WORD_DOCUMENTS)
def test_no_word_or_number_in_a_table_breaks_across_lines(produced, printed, name):
    assert_no_word_in_a_table_breaks(produced[name], printed[name])


@pytest.mark.parametrize("name", WORD_DOCUMENTS)
def test_headings_and_lead_ins_stay_with_what_follows(produced, printed, name):
    assert_headings_stay_with_what_follows(produced[name], pdf_pages(printed[name]))


@pytest.mark.parametrize("name", WORD_DOCUMENTS)
def test_every_page_is_numbered(printed, name):
    assert_pages_are_numbered(pdf_pages(printed[name]))


@pytest.mark.parametrize("name", [name for name in WORD_DOCUMENTS if name.startswith("donor report")])
def test_tables_have_fixed_column_widths_within_the_a4_text_width(produced, name):
    assert_tables_fit_the_page_with_fixed_widths(produced[name])


def test_the_donor_reports_contribution_table_prints_references_and_amounts_whole(produced, printed):
    words = {
        word for page in pdf_pages(printed["donor report for Germany.docx"]) for line in page for word in line.split()
    }

    assert {"Reference", "Converted", "1,365,595.81"} <= words


@pytest.mark.parametrize("name", SPREADSHEETS)
def test_sheets_are_named_for_what_they_hold_frozen_and_fitted_to_the_page_width(produced, name):
    workbook = load_workbook(io.BytesIO(produced[name]))

    for worksheet in workbook.worksheets:
        assert worksheet.title not in ("Sheet", "Sheet1", "Tablib Dataset")
        assert worksheet.freeze_panes == "A2"
        assert worksheet.print_title_rows == "$1:$1"
        assert worksheet.sheet_properties.pageSetUpPr.fitToPage
        assert (worksheet.page_setup.fitToWidth, worksheet.page_setup.fitToHeight) == (1, 0)


@pytest.mark.parametrize("name", SPREADSHEETS)
def test_libreoffice_prints_each_sheet_one_page_wide(produced, printed, name):
    """A sheet cut into strips of columns prints more pages than its rows need: page for page, each
    printed page starts with the sheet's header row."""
    workbook = load_workbook(io.BytesIO(produced[name]))
    headers = {" ".join(str(cell.value) for cell in worksheet[1] if cell.value) for worksheet in workbook.worksheets}
    pages = pdf_pages(printed[name])

    assert all(" ".join(page[0].split()) in headers for page in pages), [page[0] for page in pages]
    assert len(pages) <= sum(worksheet.max_row // 20 + 1 for worksheet in workbook.worksheets)


def test_donor_shares_years_and_amounts_are_numbers_with_formats(produced):
    workbook = load_workbook(io.BytesIO(produced["donor report for Germany.xlsx"]))

    years = [row for row in workbook["Funding by year"].iter_rows(min_row=2) if row[0].value != "Total"]
    assert [row[0].value for row in years] == [2022, 2023]
    assert all(row[0].number_format == "0" for row in years)
    assert all(isinstance(row[3].value, int | float) and row[3].number_format == "#,##0.00" for row in years)
    shares = [
        row[2]
        for worksheet in workbook.worksheets
        for row in worksheet.iter_rows(min_row=2)
        if len(row) > 2 and worksheet[1][2].value == "Share"
    ]
    assert shares, "the report has no shares"
    assert all(cell.value is None or isinstance(cell.value, int | float) for cell in shares)
    assert all(cell.number_format == "0.0%" for cell in shares if cell.value is not None)
