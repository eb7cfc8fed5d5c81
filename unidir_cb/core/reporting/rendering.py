"""Rendering helpers every report shares: PDF from HTML, DOCX, charts and spreadsheets.

PDFs and charts must show all six UN scripts, so they name Debian's Noto fonts (fonts-noto-core for
Latin, Cyrillic and Arabic, fonts-noto-cjk for Chinese). Nothing here fetches from the network.

Importing this module takes about a second (matplotlib, WeasyPrint): import it inside a build, not
at the top of a module Django loads at start-up.
"""

import base64
import io
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import matplotlib
from django.utils.functional import Promise
from docx import Document
from docx.enum.section import WD_ORIENTATION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from unidir_cb.core.spreadsheets import escape_formula

# WeasyPrint logs each rendering step at INFO; worker logs need only its warnings (missing images...).
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# Latin and Cyrillic first, then Arabic and Chinese: each character takes the first font that has it.
FONT_FAMILIES = ["Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC"]
CSS_FONT_STACK = ", ".join(f'"{family}"' for family in FONT_FAMILIES) + ", sans-serif"

# A4 page, page numbers, the font stack, and tables that repeat their header on each page. Given to
# WeasyPrint as a user stylesheet, so a document's own styles win wherever they differ.
PAGE_CSS = f"""
@page {{
  size: A4;
  margin: 20mm 18mm 22mm 18mm;
  @bottom-center {{ content: counter(page) " / " counter(pages); font-size: 8.5pt; color: #555; }}
}}
html {{ font-family: {CSS_FONT_STACK}; font-size: 10.5pt; line-height: 1.4; }}
:lang(ar) {{ font-family: "Noto Naskh Arabic", "Noto Sans Arabic", {CSS_FONT_STACK}; }}
:lang(zh), :lang(zh-hans) {{ font-family: "Noto Sans CJK SC", {CSS_FONT_STACK}; }}
h1, h2, h3 {{ break-after: avoid; }}
table {{ border-collapse: collapse; width: 100%; }}
thead {{ display: table-header-group; }}
tr, img {{ break-inside: avoid; }}
img {{ max-width: 100%; }}
"""


def html_to_pdf(html: str, *, extra_css: str = "") -> bytes:
    """An A4 PDF of `html`. Only data: URLs are fetched (embed images with png_data_uri), so a
    document can never make the worker read local files or call other servers."""
    font_config = FontConfiguration()
    stylesheets = [CSS(string=PAGE_CSS, font_config=font_config)]
    if extra_css:
        stylesheets.append(CSS(string=extra_css, font_config=font_config))
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=["data"]))
    return document.write_pdf(stylesheets=stylesheets, font_config=font_config)


def png_data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


# Charts ------------------------------------------------------------------------------------------


def bar_chart_png(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str = "",
    value_label: str = "",
    width_cm: float = 16,
    dpi: int = 150,
) -> bytes:
    """A horizontal bar chart as PNG, largest bar at the top when values come sorted descending.

    Built on a Figure, not pyplot, so charts drawn in parallel threads never share state.
    Matplotlib does not shape Arabic (letters stay unjoined): keep Arabic out of chart labels."""
    height_cm = 2.5 + 0.8 * max(len(labels), 1)
    with matplotlib.rc_context({"font.family": [*FONT_FAMILIES, "DejaVu Sans"], "font.size": 9}):
        figure = Figure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=dpi, layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        positions = list(range(len(labels)))
        bars = axes.barh(positions, values, color="#009edb")
        axes.set_yticks(positions, labels=list(labels))
        axes.invert_yaxis()
        axes.bar_label(bars, padding=3)
        axes.spines[["top", "right"]].set_visible(False)
        axes.xaxis.get_major_locator().set_params(integer=True)
        if value_label:
            axes.set_xlabel(value_label)
        if title:
            axes.set_title(title, loc="left", fontweight="bold")
        output = io.BytesIO()
        figure.savefig(output, format="png")
    return output.getvalue()


# Word documents ----------------------------------------------------------------------------------


class DocxBuilder:
    """A python-docx document on A4 with the report fonts, and the few building blocks reports use.

    builder = DocxBuilder(title="Activity summary")
    builder.heading("Research")
    builder.paragraph("12 publications")
    builder.table(["Title", "Date"], rows)
    builder.image(bar_chart_png(...), width_cm=15)
    builder.to_bytes()
    """

    def __init__(
        self,
        *,
        title: str = "",
        author: str = "UNIDIR",
        font: str = "Noto Sans",
        east_asian_font: str = "Noto Sans CJK SC",
        complex_script_font: str = "Noto Naskh Arabic",
        font_size_pt: float = 10.5,
        margins_cm: float = 2.0,
    ):
        self.document = Document()
        section = self.document.sections[0]
        section.orientation = WD_ORIENTATION.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(margins_cm))
        self._set_fonts(font, east_asian_font, complex_script_font, font_size_pt)
        self.document.core_properties.title = title
        self.document.core_properties.author = author

    def _set_fonts(self, font: str, east_asian_font: str, complex_script_font: str, size_pt: float) -> None:
        for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
            style = self.document.styles[style_name]
            style.font.name = font
            if style_name == "Normal":
                style.font.size = Pt(size_pt)
            fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
            # Word picks the font by script: w:eastAsia for Chinese, w:cs for Arabic.
            fonts.set(qn("w:ascii"), font)
            fonts.set(qn("w:hAnsi"), font)
            fonts.set(qn("w:eastAsia"), east_asian_font)
            fonts.set(qn("w:cs"), complex_script_font)

    def heading(self, text: str, level: int = 1):
        return self.document.add_heading(text, level=level)

    def paragraph(self, text: str = "", *, bold: bool = False, italic: bool = False, style=None, rtl: bool = False):
        paragraph = self.document.add_paragraph(style=style)
        if text:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold or None, italic or None
            if rtl:
                run.element.get_or_add_rPr().append(OxmlElement("w:rtl"))
        if rtl:
            paragraph.paragraph_format.element.get_or_add_pPr().append(OxmlElement("w:bidi"))
        return paragraph

    def bullets(self, items: Iterable[str]) -> None:
        for item in items:
            self.document.add_paragraph(item, style="List Bullet")

    def table(self, header: Sequence[str], rows: Iterable[Sequence], *, column_widths_cm: Sequence[float] = ()):
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(str(text)).bold = True
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = "" if value is None else str(value)
        for index, width in enumerate(column_widths_cm):
            for row in table.rows:
                row.cells[index].width = Cm(width)
        return table

    def image(self, png: bytes, *, width_cm: float = 16):
        return self.document.add_picture(io.BytesIO(png), width=Cm(width_cm))

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def to_bytes(self) -> bytes:
        output = io.BytesIO()
        self.document.save(output)
        return output.getvalue()


# Spreadsheets ------------------------------------------------------------------------------------


@dataclass
class XlsxSheet:
    title: str
    header: Sequence[str]
    rows: list[Sequence] = field(default_factory=list)


def spreadsheet_value(value):
    """Numbers, dates and booleans keep their type; translatable labels become text; text that a
    spreadsheet would run as a formula stays text."""
    if isinstance(value, Promise):
        value = str(value)
    return escape_formula(value)


def xlsx_workbook(sheets: Sequence[XlsxSheet]) -> bytes:
    """One worksheet per sheet: a bold, frozen header row, then the rows; columns sized to content."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        worksheet = workbook.create_sheet(title=sheet.title[:31])  # Excel's limit on sheet names
        worksheet.append([str(heading) for heading in sheet.header])
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(vertical="top")
        worksheet.freeze_panes = "A2"
        for row in sheet.rows:
            worksheet.append([spreadsheet_value(value) for value in row])
        for index, column in enumerate(worksheet.iter_cols(values_only=True), start=1):
            longest = max((len(str(value)) for value in column if value is not None), default=8)
            worksheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 60)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
