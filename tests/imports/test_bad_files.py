"""A file that cannot be imported gets a plain message on the import form — never a server error —
and nothing is saved."""

import os

import pytest
from django.test import override_settings

from programmes.models import Organisation
from unidir_cb.core.permissions import PROGRAMME_STAFF

from .helpers import csv_bytes, preview, refusals, staff_member, xlsx_bytes

# Imports run as report jobs, sent once the upload is committed: the transactions here commit.
pytestmark = pytest.mark.django_db(transaction=True)

URL = "/admin/programmes/organisation/"
ROWS = [{"name": "Organisation des États américains", "acronym": "OEA", "kind": "regional_organisation"}]


@pytest.fixture
def staff(client):
    return staff_member(client, PROGRAMME_STAFF)


def refused(client, content, file_name, file_format=None):
    response = preview(client, URL, content, file_name, file_format=file_format)
    assert response.status_code == 200
    assert not response.context.get("may_confirm")
    assert Organisation.objects.count() == 0
    return refusals(response)


def test_a_utf16_csv_is_refused_with_advice_to_save_as_utf8(client, staff):
    content = csv_bytes(ROWS).decode("utf-8").encode("utf-16")

    errors = refused(client, content, "partners.csv")

    assert errors == ["This file is in UTF-16, not UTF-8: in Excel use Save As > CSV UTF-8 (comma delimited)."]


def test_a_latin1_csv_is_refused_with_advice_to_save_as_utf8(client, staff):
    content = csv_bytes(ROWS).decode("utf-8").encode("latin-1")

    (error,) = refused(client, content, "partners.csv")

    assert error.startswith("This file is not UTF-8 text")
    assert "CSV UTF-8" in error


def test_a_csv_with_a_byte_order_mark_is_fine(client, staff):
    response = preview(client, URL, b"\xef\xbb\xbf" + csv_bytes(ROWS), "partners.csv")

    assert response.context["may_confirm"]


def test_missing_required_columns_are_named(client, staff):
    content = csv_bytes([{"acronym": "OEA", "country": "US"}])

    errors = refused(client, content, "partners.csv")

    assert errors == ["The file has no column 'name', 'kind' (required columns: name, kind)."]


def test_an_empty_file_is_refused(client, staff):
    assert refused(client, b"", "partners.csv") == ["The submitted file is empty."]


def test_a_file_of_blank_lines_is_refused(client, staff):
    assert refused(client, b"\r\n\r\n", "partners.csv") == [
        "The file is empty: there are no column headings and no rows."
    ]


def test_headings_without_rows_are_refused(client, staff):
    assert refused(client, b"name,kind\r\n", "partners.csv") == ["The file has column headings but no rows to import."]


@override_settings(IMPORT_FILE_MAX_BYTES=1024)
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client, staff):
    rows = [{"name": f"Organisation {number}", "kind": "academia"} for number in range(200)]

    errors = refused(client, csv_bytes(rows), "partners.csv")

    assert errors == ["This file is 5 KB; files up to 1 KB can be imported. Split it into smaller files."]


def test_fifty_one_megabytes_of_junk_named_xlsx_is_refused_before_it_is_read(client, staff):
    (error,) = refused(client, os.urandom(51 * 1024 * 1024), "partners.xlsx")

    assert error == "This file is 51.0 MB; files up to 50.0 MB can be imported. Split it into smaller files."


def test_junk_under_the_size_limit_named_xlsx_is_not_a_workbook(client, staff):
    (error,) = refused(client, os.urandom(64 * 1024), "partners.xlsx")

    assert error.startswith("This file is not an Excel workbook (.xlsx)")


def test_a_workbook_chosen_as_csv_is_refused(client, staff):
    errors = refused(client, xlsx_bytes(ROWS), "partners.xlsx", file_format="csv")

    assert errors == ["The file is a .xlsx file but the format chosen is CSV."]


def test_a_csv_with_rows_longer_than_the_headings_is_refused(client, staff):
    content = b"name,kind\r\nOAS,regional_organisation,surplus\r\n"

    assert refused(client, content, "partners.csv") == ["Row 2 has more cells than there are column headings."]


def test_a_page_with_a_refused_file_shows_no_traceback(client, staff):
    response = preview(client, URL, os.urandom(2048), "partners.xlsx")

    page = response.content.decode()
    assert "Traceback" not in page
    assert "BadZipFile" not in page
