"""Management run donor reports from the command line too; the reporting currency defaults to USD
as on the report page."""

from io import StringIO

import pytest
from django.core.management import call_command
from docx import Document

pytestmark = pytest.mark.django_db


def test_a_donor_report_from_the_command_line_is_in_usd_unless_told_otherwise(demo, tmp_path):
    output = tmp_path / "out"
    call_command(
        "run_report",
        "donor_report",
        "--donor",
        "European Union",
        "--start",
        "2022-01-01",
        "--end",
        "2023-12-31",
        "--output",
        str(output),
        stdout=StringIO(),
        stderr=StringIO(),
    )

    written = sorted(path.suffix for path in output.iterdir())
    assert written == [".docx", ".pdf", ".xlsx"]
    text = "\n".join(paragraph.text for paragraph in Document(next(output.glob("*.docx"))).paragraphs)
    assert "Reporting currency: USD" in text
