"""Rendering helpers every report shares: PDF from HTML, DOCX, charts and spreadsheets.

PDFs and charts must show all six UN scripts, so they name Debian's Noto fonts (fonts-noto-core for
Latin, Cyrillic and Arabic, fonts-noto-cjk for Chinese). Nothing here fetches from the network.

Importing this module takes about a second (matplotlib, WeasyPrint): import it inside a build, not
at the top of a module Django loads at start-up.
"""

import base64
import functools
import io
import logging
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
from django.utils.functional import Promise
from docx import Document
from docx.enum.section import WD_ORIENTATION, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font, LoadFlags
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from unidir_cb.core.chart_colours import PALETTE
from unidir_cb.core.spreadsheets import escape_formula, lay_out_for_print, sheet_title

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

# One chart style for the site and the documents: the colours of unidir_cb/core/chart_colours.py.
CHART_FONT_SIZE = 9
logger = logging.getLogger(__name__)


@functools.cache
def ensure_chart_fonts() -> None:
    """Make matplotlib see the Noto fonts installed after its font cache was written.

    Matplotlib lists the system's fonts once, into ~/.cache/matplotlib, and trusts that list ever
    after: fonts apt-get installed later (make test installs them) are "not found", and Chinese or
    Arabic labels come out as empty boxes. Here each Noto font file the list lacks is added, and the
    list saved again, so the next process finds them at once."""
    missing = [family for family in FONT_FAMILIES if family not in font_manager.get_font_names()]
    if not missing:
        return
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if "Noto" in path and path not in known:
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError):  # a damaged font file: the others still count
                logger.warning("matplotlib could not read the font %s", path)
    still_missing = [family for family in FONT_FAMILIES if family not in font_manager.get_font_names()]
    if still_missing:
        logger.warning(
            "Fonts %s are not installed: charts cannot show every UN script (install fonts-noto-core and "
            "fonts-noto-cjk)",
            ", ".join(still_missing),
        )
    font_manager.json_dump(
        font_manager.fontManager,
        Path(matplotlib.get_cachedir()) / f"fontlist-v{font_manager.FontManager.__version__}.json",
    )


def chart_style():
    """The fonts of the six UN scripts (matplotlib 3.11 shapes Arabic and lays right-to-left text out
    with libraqm) and the type size every chart uses."""
    ensure_chart_fonts()
    return matplotlib.rc_context({"font.family": [*FONT_FAMILIES, "DejaVu Sans"], "font.size": CHART_FONT_SIZE})


def chart_figure(width_cm: float, height_cm: float, dpi: int) -> Figure:
    """A Figure, not pyplot: charts drawn in parallel threads never share state."""
    figure = Figure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=dpi, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def figure_png(figure: Figure) -> bytes:
    output = io.BytesIO()
    figure.savefig(output, format="png")
    return output.getvalue()


def bar_chart_png(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str = "",
    value_label: str = "",
    width_cm: float = 16,
    dpi: int = 150,
) -> bytes:
    """A horizontal bar chart as PNG, largest bar at the top when values come sorted descending."""
    height_cm = 2.5 + 0.8 * max(len(labels), 1)
    with chart_style():
        figure = chart_figure(width_cm, height_cm, dpi)
        axes = figure.add_subplot()
        positions = list(range(len(labels)))
        bars = axes.barh(positions, values, color=PALETTE[0])
        axes.set_yticks(positions, labels=list(labels))
        axes.invert_yaxis()
        axes.bar_label(bars, padding=3)
        axes.spines[["top", "right"]].set_visible(False)
        axes.xaxis.get_major_locator().set_params(integer=True)
        if value_label:
            axes.set_xlabel(value_label)
        if title:
            axes.set_title(title, loc="left", fontweight="bold")
        return figure_png(figure)


# Word documents ----------------------------------------------------------------------------------

A4_WIDTH_CM, A4_HEIGHT_CM = 21.0, 29.7
# Room a cell needs beyond its text: Word's and LibreOffice's default cell margins (0.19 cm a side),
# the borders, and a margin for the two programs' own rounding of text widths.
CELL_PADDING_CM = 0.6
# Type sizes a table may step down to so that its longest words fit the page width; below the
# readable ones a table goes on landscape pages instead.
READABLE_TABLE_FONT_SIZES_PT = (10.5, 9, 8, 7.5)
TABLE_FONT_SIZES_PT = (*READABLE_TABLE_FONT_SIZES_PT, 7, 6.5, 6)


@functools.cache
def _table_font(bold: bool) -> FT2Font:
    path = font_manager.findfont(
        font_manager.FontProperties(family=FONT_FAMILIES[0], weight="bold" if bold else "normal"),
        fallback_to_default=False,
    )
    return FT2Font(path)


def text_width_cm(text: str, font_size_pt: float, *, bold: bool = False) -> float:
    """How wide `text` prints in Noto Sans, from the font's own glyph widths. Characters outside Noto
    Sans (Arabic, Chinese) are measured by its missing-glyph box, which is only an estimate: the
    reports' documents are written in English (registry.DOCUMENT_LANGUAGE)."""
    font = _table_font(bold)
    # Unhinted outlines at 720 dpi (ten pixels a point): hinting rounds each glyph to whole pixels.
    font.set_size(font_size_pt, 720)
    font.set_text(text, flags=LoadFlags.NO_HINTING)
    width_pt = font.get_width_height()[0] / 64 / 10  # FreeType measures in 1/64 of a pixel
    return width_pt / 72 * 2.54


def unbreakable_parts(text: str) -> list[str]:
    """The parts of `text` a table cell's line never breaks inside: words (their hyphens are written
    non-breaking), and a dash with the word after it, which LibreOffice keeps together."""
    return re.findall(r"[–—]\s+\S+|\S+", text)


def fit_table_columns(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    available_cm: float,
    font_sizes_pt: Sequence[float],
    *,
    total_row: bool = False,
) -> tuple[list[float], float] | None:
    """Column widths (cm, summing to available_cm) and the largest of `font_sizes_pt` at which every
    column holds its longest word on one line (the header, and a total row, in bold): no word or
    number ever breaks inside a cell. Room left over goes to the columns whose text would otherwise
    wrap most, in proportion. None when the words do not fit even in the smallest size."""
    bold_rows = [header, rows[-1]] if total_row and rows else [header]
    plain_rows = rows[:-1] if total_row else rows

    def column_widths(font_size: float, measure) -> list[float]:
        return [
            max(
                *(measure(row[index], font_size, True) for row in bold_rows),
                *(measure(row[index], font_size, False) for row in plain_rows),
                0,
            )
            + CELL_PADDING_CM
            for index in range(len(header))
        ]

    def longest_word(text: str, font_size: float, bold: bool) -> float:
        return max((text_width_cm(word, font_size, bold=bold) for word in unbreakable_parts(text)), default=0)

    def whole_text(text: str, font_size: float, bold: bool) -> float:
        return text_width_cm(text, font_size, bold=bold)

    for font_size in font_sizes_pt:
        words = column_widths(font_size, longest_word)
        if sum(words) <= available_cm:
            break
    else:
        return None
    lines = column_widths(font_size, whole_text)
    spare = available_cm - sum(words)
    wanted = [max(line - word, 0) for line, word in zip(lines, words, strict=True)]
    if sum(wanted) <= spare:  # every cell fits on one line: share what is still left evenly
        even_share = (spare - sum(wanted)) / len(header)
        return [word + want + even_share for word, want in zip(words, wanted, strict=True)], font_size
    return [word + spare * want / sum(wanted) for word, want in zip(words, wanted, strict=True)], font_size


def _page_number_field(paragraph, instruction: str) -> None:
    """A PAGE or NUMPAGES field, which Word and LibreOffice fill in on each page."""
    run = paragraph.add_run()
    instruction_text = OxmlElement("w:instrText")
    instruction_text.set(qn("xml:space"), "preserve")
    instruction_text.text = f" {instruction} "
    for element in (
        _field_character("begin"),
        instruction_text,
        _field_character("separate"),
        _text_element("1"),  # shown until the program computes the field
        _field_character("end"),
    ):
        run._r.append(element)


def _field_character(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def _text_element(text: str):
    element = OxmlElement("w:t")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    return element


class DocxBuilder:
    """A python-docx document on A4 with the report fonts, and the few building blocks reports use.

    builder = DocxBuilder(title="Activity summary")
    builder.heading("Research")
    builder.paragraph("12 publications")
    builder.table(["Title", "Date"], rows)
    builder.image(bar_chart_png(...), alt="What the chart shows", width_cm=15)
    builder.to_bytes()

    Every page is numbered ("2 / 5") in the footer; headings keep with what follows them; tables
    have fixed column widths that fit the page (see fit_table_columns), so Word lays them out as
    LibreOffice does, and repeat their header row on each page.
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
        section.page_width, section.page_height = Cm(A4_WIDTH_CM), Cm(A4_HEIGHT_CM)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(margins_cm))
        self.margins_cm = margins_cm
        self.font_size_pt = font_size_pt
        self._set_fonts(font, east_asian_font, complex_script_font, font_size_pt)
        self.document.styles["Title"].paragraph_format.keep_with_next = True
        self._number_pages(section)
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

    @staticmethod
    def _number_pages(section) -> None:
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_number_field(footer, "PAGE")
        footer.add_run(" / ")
        _page_number_field(footer, "NUMPAGES")
        for run in footer.runs:
            run.font.size = Pt(8.5)

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

    @property
    def text_width_cm(self) -> float:
        section = self.document.sections[-1]
        return section.page_width.cm - 2 * self.margins_cm

    def _table_fit(self, header, rows, text_width_cm: float, sizes, total_row: bool):
        sizes = [size for size in sizes if size <= self.font_size_pt]
        return fit_table_columns(header, rows, text_width_cm, sizes, total_row=total_row)

    def needs_landscape(self, header: Sequence[str], rows: Iterable[Sequence], *, total_row: bool = False) -> bool:
        """Whether the table's words fit a portrait page only in type too small to read."""
        header, rows = _table_texts(header, rows)
        return self._table_fit(header, rows, self.text_width_cm, READABLE_TABLE_FONT_SIZES_PT, total_row) is None

    def begin_landscape_pages(self) -> None:
        """What is added next goes on landscape pages (a wide table with its heading), until end_landscape_pages()."""
        self._start_section(landscape=True)

    def end_landscape_pages(self) -> None:
        self._start_section(landscape=False)

    def _start_section(self, *, landscape: bool) -> None:
        if self.document.paragraphs or self.document.tables:
            section = self.document.add_section(WD_SECTION.NEW_PAGE)  # margins and footer carry over
        else:  # nothing written yet: the first pages themselves turn
            section = self.document.sections[0]
        section.orientation = WD_ORIENTATION.LANDSCAPE if landscape else WD_ORIENTATION.PORTRAIT
        long_side, short_side = Cm(A4_HEIGHT_CM), Cm(A4_WIDTH_CM)
        section.page_width, section.page_height = (long_side, short_side) if landscape else (short_side, long_side)

    def table(self, header: Sequence[str], rows: Iterable[Sequence], *, total_row: bool = False):
        """A table whose columns fit the text width with no word broken, in smaller type if needed
        (between begin_ and end_landscape_pages() when it needs_landscape()); the header, and the
        last row when it is a total, in bold."""
        header, rows = _table_texts(header, rows)
        fit = self._table_fit(header, rows, self.text_width_cm, TABLE_FONT_SIZES_PT, total_row)
        if fit is None:
            # Words too long for any page: the smallest type, columns shared out by their longest texts.
            needs = [max(1, *(len(text) for text in column)) for column in zip(header, *rows, strict=True)]
            fit = [self.text_width_cm * need / sum(needs) for need in needs], TABLE_FONT_SIZES_PT[-1]
        widths_cm, font_size = fit
        table = self.document.add_table(rows=1 + len(rows), cols=len(header))
        table.style = "Table Grid"
        table.autofit = False
        _fix_layout(table, widths_cm)
        for row_index, texts in enumerate([header, *rows]):
            row = table.rows[row_index]
            _keep_row_on_one_page(row, repeat_as_header=row_index == 0)
            for cell, text, width in zip(row.cells, texts, widths_cm, strict=True):
                cell.width = _whole_twips(width)
                run = cell.paragraphs[0].add_run()
                _add_text_without_hyphen_breaks(run, text)
                run.font.size = Pt(font_size)
                run.bold = row_index == 0 or (total_row and row_index == len(rows)) or None
        return table

    def keep_with_next(self, paragraph) -> None:
        """A lead-in ("... include:") stays on the page of the list or table it introduces."""
        paragraph.paragraph_format.keep_with_next = True

    def image(self, png: bytes, *, alt: str, width_cm: float = 16):
        """A paragraph holding a picture with its alternative text (the "Description" Word and
        LibreOffice show and read out; python-docx has no setter for it, so on the drawing's XML)."""
        paragraph = self.document.add_paragraph()
        picture = paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))
        picture._inline.docPr.set("descr", alt)
        return paragraph

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def to_bytes(self) -> bytes:
        output = io.BytesIO()
        self.document.save(output)
        return output.getvalue()


def _add_text_without_hyphen_breaks(run, text: str) -> None:
    """The text with each hyphen inside a word made non-breaking (w:noBreakHyphen): a cell's lines
    then break only between the parts fit_table_columns measured. LibreOffice otherwise breaks a
    date like 2023-05-31 at its hyphens rather than move it to the next line."""
    for index, piece in enumerate(re.split(r"(?<=\w)-(?=\w)", text)):
        if index:
            run._r.append(OxmlElement("w:noBreakHyphen"))
        run._r.append(_text_element(piece))


def _table_texts(header: Sequence, rows: Iterable[Sequence]) -> tuple[list[str], list[list[str]]]:
    return [str(text) for text in header], [["" if value is None else str(value) for value in row] for row in rows]


def _fix_layout(table, widths_cm: Sequence[float]) -> None:
    """The table's width and grid, for its fixed layout (table.autofit = False): Word then keeps the
    widths instead of fitting them to the content as it sees fit."""
    width = table._tbl.tblPr.find(qn("w:tblW"))
    width.set(qn("w:w"), str(sum(_whole_twips(column) for column in widths_cm)))
    width.set(qn("w:type"), "dxa")
    for column, grid_column in zip(widths_cm, table._tbl.tblGrid.gridCol_lst, strict=True):
        grid_column.w = _whole_twips(column)


def _whole_twips(width_cm: float) -> Twips:
    """Word stores widths in twips: rounded down, the columns never add up to more than the page."""
    return Twips(math.floor(width_cm / 2.54 * 1440))


def _keep_row_on_one_page(row, *, repeat_as_header: bool) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if repeat_as_header:
        properties.append(OxmlElement("w:tblHeader"))


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
    """One worksheet per sheet: a bold, frozen header row, then the rows; columns sized to content
    and fitted to the printed page's width."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        worksheet = workbook.create_sheet(title=sheet_title(sheet.title))
        worksheet.append([str(heading) for heading in sheet.header])
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(vertical="top")
        for row in sheet.rows:
            worksheet.append([spreadsheet_value(value) for value in row])
        for index, column in enumerate(worksheet.iter_cols(values_only=True), start=1):
            longest = max((len(str(value)) for value in column if value is not None), default=8)
            worksheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 60)
        lay_out_for_print(worksheet)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
