"""A report as a list of blocks (headings, paragraphs, tables, charts), rendered three ways.

Donor reports and management snapshots describe their content once; the PDF (through HTML), the
Word document and the spreadsheet are written from the same blocks, so the three files always state
the same figures. Table cells keep their Python types (Decimal, int, date) until rendered: the
spreadsheet gets numbers and dates, the documents get them formatted.

The spreadsheet holds every row of every table. The PDF and the Word document are read, not
searched: a table longer than DOCUMENT_TABLE_ROWS is shown there by its summary (events by year,
say) or by its first rows, with a note saying where the full list is.
"""

import dataclasses
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string

from .models import ReportFile
from .registry import ProgressCallback, ReportOutput

MAX_SHEET_TITLE = 31  # Excel's limit
DOCUMENT_TABLE_ROWS = 30


@dataclass
class Heading:
    text: str
    level: int = 1
    kind: str = "heading"


@dataclass
class Paragraph:
    text: str
    note: bool = False  # smaller print: method notes, sources
    kind: str = "paragraph"


@dataclass
class Table:
    sheet: str  # the worksheet this table becomes in the spreadsheet
    header: list[str]
    rows: list[list]
    total: list | None = None
    # What the PDF and Word document show when the table is too long to read there (see the module).
    summary: "Table | None" = None
    kind: str = "table"

    @property
    def numeric_columns(self) -> set[int]:
        sample = [*self.rows, *([self.total] if self.total else [])]
        return {
            index
            for index in range(len(self.header))
            if any(isinstance(row[index], int | Decimal) and not isinstance(row[index], bool) for row in sample)
        }


@dataclass
class Chart:
    png: bytes
    alt: str
    width_cm: float = 16
    kind: str = "chart"


@dataclass
class ReportDocument:
    title: str
    subtitle: str
    blocks: list = field(default_factory=list)
    about: list[tuple[str, object]] = field(default_factory=list)  # the "About" sheet

    def add(self, *blocks) -> None:
        self.blocks.extend(block for block in blocks if block is not None)


def blocks_for_documents(document: ReportDocument) -> list:
    """The blocks the PDF and the Word document show: long tables summarised (see the module)."""
    blocks = []
    for block in document.blocks:
        if block.kind != "table" or len(block.rows) <= DOCUMENT_TABLE_ROWS:
            blocks.append(block)
            continue
        if block.summary is not None:
            blocks.append(block.summary)
            shown = "Summarised here"
        else:
            blocks.append(dataclasses.replace(block, rows=block.rows[:DOCUMENT_TABLE_ROWS]))
            shown = f"The first {DOCUMENT_TABLE_ROWS} rows are shown here"
        blocks.append(
            Paragraph(
                f"{shown}; all {len(block.rows):,} rows are in the spreadsheet (XLSX), sheet “{block.sheet}”.",
                note=True,
            )
        )
    return blocks


def format_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def percent(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "–"


# Rendering -----------------------------------------------------------------------------------------


def to_html(document: ReportDocument, *, language: str = "en") -> str:
    from .rendering import png_data_uri

    rendered_blocks = []
    for block in blocks_for_documents(document):
        if block.kind == "table":
            numeric = block.numeric_columns
            rendered_blocks.append(
                {
                    "kind": "table",
                    "wide": len(block.header) > 7,
                    "header": [(text, index in numeric) for index, text in enumerate(block.header)],
                    "rows": [
                        [(format_cell(value), index in numeric) for index, value in enumerate(row)]
                        for row in block.rows
                    ],
                    "total": (
                        [(format_cell(value), index in numeric) for index, value in enumerate(block.total)]
                        if block.total
                        else None
                    ),
                }
            )
        elif block.kind == "chart":
            rendered_blocks.append({"kind": "chart", "uri": png_data_uri(block.png), "alt": block.alt})
        else:
            rendered_blocks.append(block)
    return render_to_string(
        "reporting/documents/report_document.html",
        {"document": document, "blocks": rendered_blocks, "language": language},
    )


def to_pdf(document: ReportDocument) -> bytes:
    from .rendering import html_to_pdf

    return html_to_pdf(to_html(document))


def to_docx(document: ReportDocument) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from .rendering import DocxBuilder

    builder = DocxBuilder(title=document.title)
    builder.document.add_heading(document.title, level=0)
    builder.paragraph(document.subtitle, italic=True)
    for block in blocks_for_documents(document):
        if block.kind == "heading":
            builder.heading(block.text, level=block.level)
        elif block.kind == "paragraph":
            paragraph = builder.paragraph(block.text)
            if block.note:
                for run in paragraph.runs:
                    run.font.size = Pt(8.5)
        elif block.kind == "chart":
            builder.image(block.png, width_cm=block.width_cm)
        elif block.kind == "table":
            rows = [[format_cell(value) for value in row] for row in block.rows]
            if block.total:
                rows.append([format_cell(value) for value in block.total])
            table = builder.table(block.header, rows)
            if len(block.header) > 7:  # wide tables fit the A4 width in smaller type
                for row in table.rows:
                    for cell in row.cells:
                        for run in cell.paragraphs[0].runs:
                            run.font.size = Pt(7.5)
            for index in block.numeric_columns:
                for row in table.rows:
                    row.cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if block.total:
                for cell in table.rows[-1].cells:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
            builder.paragraph()
    return builder.to_bytes()


def to_xlsx(document: ReportDocument) -> bytes:
    """One worksheet per table sheet name (tables sharing a name are stacked), then "About".

    Amounts keep their Decimal value with a two-decimal format, dates are dates, total rows bold."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from .rendering import spreadsheet_value

    bold = Font(bold=True)
    workbook = Workbook()
    workbook.remove(workbook.active)

    def append(worksheet, values, *, strong=False):
        worksheet.append([spreadsheet_value(value) for value in values])
        for cell, value in zip(worksheet[worksheet.max_row], values, strict=False):
            if isinstance(value, Decimal):
                cell.number_format = "#,##0.00"
            elif isinstance(value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
            if strong:
                cell.font = bold

    about = Table("About", ["Field", "Value"], [[name, value] for name, value in document.about])
    for block in [*(block for block in document.blocks if block.kind == "table"), about]:
        title = block.sheet[:MAX_SHEET_TITLE]
        if title in workbook.sheetnames:
            worksheet = workbook[title]
            worksheet.append([])
        else:
            worksheet = workbook.create_sheet(title=title)
            worksheet.freeze_panes = "A2"
        append(worksheet, block.header, strong=True)
        for row in block.rows:
            append(worksheet, row)
        if block.total:
            append(worksheet, block.total, strong=True)
    for worksheet in workbook.worksheets:
        for index, column in enumerate(worksheet.iter_cols(values_only=True), start=1):
            longest = max((len(format_cell(value)) for value in column if value is not None), default=8)
            worksheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 60)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def render_outputs(
    document: ReportDocument, stem: str, steps: list[tuple[int, str]], progress: ProgressCallback
) -> list[ReportOutput]:
    """The document in each format of `steps` ((percent, ReportFile.Format) in order), reporting the
    percent before each is written, then 95% while the files are saved."""
    renderers = {
        ReportFile.Format.PDF: ("Rendering the PDF", to_pdf),
        ReportFile.Format.DOCX: ("Writing the Word document", to_docx),
        ReportFile.Format.XLSX: ("Writing the spreadsheet", to_xlsx),
    }
    outputs = []
    for percent, file_format in steps:
        message, render = renderers[file_format]
        progress(percent, message)
        outputs.append(ReportOutput(file_format, f"{stem}.{file_format}", render(document)))
    progress(95, "Saving the files")
    return outputs
