"""A report as a list of blocks (headings, paragraphs, tables, charts), rendered three ways.

Donor reports and management snapshots describe their content once; the PDF (through HTML), the
Word document and the spreadsheet are written from the same blocks, so the three files always state
the same figures. Table cells keep their Python types (Decimal, int, date, Share, Year) until
rendered: the spreadsheet gets numbers, percentages and dates with number formats, the documents get
them formatted.

The spreadsheet holds every row of every table. The PDF and the Word document are read, not
searched: a table longer than DOCUMENT_TABLE_ROWS is shown there by its summary (events by year,
say) or by its first rows, with a note saying where the full list is.
"""

import dataclasses
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string

from unidir_cb.core.spreadsheets import lay_out_for_print, sheet_title

from .models import ReportFile
from .registry import ProgressCallback, ReportOutput

DOCUMENT_TABLE_ROWS = 30


@dataclass(frozen=True)
class Share:
    """A part of a whole: "12.5%" in the documents, the fraction with a percent format in a spreadsheet."""

    part: int
    whole: int

    @property
    def fraction(self) -> float | None:
        return self.part / self.whole if self.whole else None

    def __str__(self) -> str:
        return f"{self.fraction:.1%}" if self.whole else "–"


@dataclass(frozen=True)
class Year:
    """A calendar year: a number in a spreadsheet, written without a thousands separator everywhere."""

    value: int

    def __str__(self) -> str:
        return str(self.value)


NUMERIC_TYPES = (int, Decimal, Share, Year)


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
            if any(isinstance(row[index], NUMERIC_TYPES) and not isinstance(row[index], bool) for row in sample)
        }


@dataclass
class Chart:
    """A picture with the words a reader who cannot see it gets (`alt`: what it shows, figures
    included) and where its data comes from (`source`, printed under it)."""

    png: bytes
    alt: str
    source: str
    width_cm: float = 16
    kind: str = "chart"

    @property
    def data_uri(self) -> str:
        from .rendering import png_data_uri

        return png_data_uri(self.png)


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


# Rendering -----------------------------------------------------------------------------------------


def to_html(document: ReportDocument, *, language: str = "en") -> str:
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
        else:  # headings, paragraphs and charts render as they are
            rendered_blocks.append(block)
    return render_to_string(
        "reporting/documents/report_document.html",
        {"document": document, "blocks": rendered_blocks, "language": language},
    )


def to_pdf(document: ReportDocument) -> bytes:
    from .rendering import html_to_pdf

    return html_to_pdf(to_html(document))


def _table_texts(table: Table) -> list[list[str]]:
    rows = [[format_cell(value) for value in row] for row in table.rows]
    return [*rows, [format_cell(value) for value in table.total]] if table.total else rows


def _landscape_runs(builder, blocks: list) -> dict[int, int]:
    """For each table too wide for a portrait page: the index of the block that starts its landscape
    pages (the headings and lead-in paragraphs just before it, which must stay with it) -> its own."""
    runs = {}
    for index, block in enumerate(blocks):
        if block.kind != "table" or not builder.needs_landscape(
            block.header, _table_texts(block), total_row=bool(block.total)
        ):
            continue
        start = index
        while start > 0 and blocks[start - 1].kind in ("heading", "paragraph") and start - 1 not in runs.values():
            start -= 1
        runs[start] = index
    return runs


def _add_docx_table(builder, block: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = builder.table(block.header, _table_texts(block), total_row=bool(block.total))
    for index in block.numeric_columns:
        for row in table.rows:
            row.cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def to_docx(document: ReportDocument) -> bytes:
    from docx.shared import Pt

    from .rendering import DocxBuilder

    builder = DocxBuilder(title=document.title)
    blocks = blocks_for_documents(document)
    landscape_runs = _landscape_runs(builder, blocks)
    if 0 in landscape_runs:  # the title goes on the landscape pages too, not on a page of its own
        builder.begin_landscape_pages()
    builder.document.add_heading(document.title, level=0)
    builder.paragraph(document.subtitle, italic=True)
    following_kinds = [block.kind for block in blocks[1:]] + [None]
    for index, (block, next_kind) in enumerate(zip(blocks, following_kinds, strict=True)):
        if index in landscape_runs and index > 0:
            builder.begin_landscape_pages()
        if block.kind == "heading":
            builder.heading(block.text, level=block.level)
        elif block.kind == "paragraph":
            paragraph = builder.paragraph(block.text)
            if block.note:
                for run in paragraph.runs:
                    run.font.size = Pt(8.5)
            if next_kind in ("table", "chart"):
                builder.keep_with_next(paragraph)
        elif block.kind == "chart":
            builder.keep_with_next(builder.image(block.png, alt=block.alt, width_cm=block.width_cm))
            # Word's Caption style: a caption belongs to the picture above it, not to what follows.
            builder.paragraph(block.source, style="Caption")
        elif block.kind == "table":
            _add_docx_table(builder, block)
            builder.paragraph()
        if index in landscape_runs.values():
            builder.end_landscape_pages()
    return builder.to_bytes()


# How a spreadsheet shows each kind of value; the cell holds the number itself.
NUMBER_FORMATS = {Decimal: "#,##0.00", int: "#,##0", Share: "0.0%", Year: "0"}


def spreadsheet_cell(value):
    """The value a spreadsheet cell holds: shares as fractions, years as numbers, the rest as
    rendering.spreadsheet_value keeps them (formulas escaped)."""
    from .rendering import spreadsheet_value

    if isinstance(value, Share):
        return value.fraction
    if isinstance(value, Year):
        return value.value
    return spreadsheet_value(value)


def to_xlsx(document: ReportDocument) -> bytes:
    """One worksheet per table sheet name (tables sharing a name are stacked), then "About".

    Amounts keep their Decimal value with a two-decimal format, dates are dates, total rows bold."""
    import io

    from openpyxl import Workbook
    from openpyxl.cell import Cell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    workbook = Workbook()
    workbook.remove(workbook.active)

    def append(worksheet, values, *, strong=False):
        # Cells made here and handed to append(): reading the new row back (worksheet[max_row]) scans
        # every cell of the sheet, which made a sheet of n rows cost n² (50 s for 8,000 rows).
        cells = []
        for value in values:
            cell = Cell(worksheet, value=spreadsheet_cell(value))
            cell.number_format = NUMBER_FORMATS.get(type(value), cell.number_format)
            if isinstance(value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
            if strong:
                cell.font = bold
            cells.append(cell)
        worksheet.append(cells)

    about = Table("About", ["Field", "Value"], [[name, value] for name, value in document.about])
    for block in [*(block for block in document.blocks if block.kind == "table"), about]:
        title = sheet_title(block.sheet)
        if title in workbook.sheetnames:
            worksheet = workbook[title]
            worksheet.append([])
        else:
            worksheet = workbook.create_sheet(title=title)
        append(worksheet, block.header, strong=True)
        for row in block.rows:
            append(worksheet, row)
        if block.total:
            append(worksheet, block.total, strong=True)
    for worksheet in workbook.worksheets:
        for index, column in enumerate(worksheet.iter_cols(values_only=True), start=1):
            longest = max((len(format_cell(value)) for value in column if value is not None), default=8)
            worksheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 60)
        lay_out_for_print(worksheet)
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
