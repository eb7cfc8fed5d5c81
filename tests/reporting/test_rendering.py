"""The shared rendering helpers: A4 PDFs that show Arabic and Chinese in Noto fonts, Word documents,
charts and spreadsheets that later reports (mapping letter, donor reports) build on."""

import io
import re
import subprocess

from docx import Document
from docx.shared import Cm
from openpyxl import load_workbook

from unidir_cb.core.reporting.rendering import (
    DocxBuilder,
    XlsxSheet,
    bar_chart_png,
    html_to_pdf,
    png_data_uri,
    xlsx_workbook,
)

ARABIC = "بناء القدرات في مجال الأمن الدولي"
CHINESE = "安全与技术方案"


def pdf_tool(tool, pdf, tmp_path, *arguments):
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [tool, *arguments, path, *(["-"] if tool == "pdftotext" else [])], capture_output=True, text=True, check=True
    ).stdout


def test_a_pdf_in_arabic_and_chinese_embeds_noto_fonts_and_keeps_the_text(tmp_path):
    pdf = html_to_pdf(
        f'<html lang="en"><body><h1>Mapping exercise</h1><p lang="ar" dir="rtl">{ARABIC}</p>'
        f'<p lang="zh-hans">{CHINESE}</p></body></html>'
    )

    assert pdf.startswith(b"%PDF")
    fonts = pdf_tool("pdffonts", pdf, tmp_path)
    assert "Noto-Naskh-Arabic" in fonts and "Noto-Sans-CJK-SC" in fonts and "Noto-Sans-Bold" in fonts
    text = pdf_tool("pdftotext", pdf, tmp_path)
    assert CHINESE in text
    assert "القدرات" in text


def test_pdf_pages_are_a4_and_numbered(tmp_path):
    pdf = html_to_pdf("<p>" + "<br>".join(["line"] * 120) + "</p>")

    info = pdf_tool("pdfinfo", pdf, tmp_path)
    assert re.search(r"Pages:\s+3\n", info)
    assert "595.276 x 841.89 pts (A4)" in info
    assert re.search(r"1\s*/\s*3", pdf_tool("pdftotext", pdf, tmp_path))


def test_documents_cannot_make_the_renderer_read_local_files(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")

    pdf = html_to_pdf(
        f'<link rel="stylesheet" href="file://{secret}"><object data="file://{secret}"></object><p>ok</p>'
    )

    assert "TOP-SECRET" not in pdf_tool("pdftotext", pdf, tmp_path)


def test_a_chart_is_a_png_that_can_be_embedded_in_html():
    png = bar_chart_png(["Conference", "Workshop", "研讨会"], [5, 3, 1], title="Events by kind")

    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png_data_uri(png).startswith("data:image/png;base64,iVBOR")


def test_the_docx_builder_writes_an_a4_document_with_headings_tables_images_and_rtl_paragraphs():
    builder = DocxBuilder(title="Activity summary")
    builder.heading("Research", level=1)
    builder.paragraph("Twelve publications.", bold=True)
    builder.paragraph(ARABIC, rtl=True)
    builder.bullets(["First", "Second"])
    builder.table(["Title", "Year"], [["Study", 2022], ["Brief", None]])
    builder.image(bar_chart_png(["A"], [1]), alt="Bar chart: A 1.", width_cm=10)
    builder.page_break()

    document = Document(io.BytesIO(builder.to_bytes()))

    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert document.core_properties.title == "Activity summary"
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[:5] == ["Research", "Twelve publications.", ARABIC, "First", "Second"]
    assert "<w:bidi/>" in document.paragraphs[2]._p.xml
    assert [[cell.text for cell in row.cells] for row in document.tables[0].rows] == [
        ["Title", "Year"],
        ["Study", "2022"],
        ["Brief", ""],
    ]
    assert len(document.inline_shapes) == 1 and abs(document.inline_shapes[0].width - Cm(10)) < Cm(0.01)
    assert document.inline_shapes[0]._inline.docPr.get("descr") == "Bar chart: A 1."
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "Noto Sans CJK SC"


def test_spreadsheets_keep_types_and_defuse_formulas():
    xlsx = xlsx_workbook([XlsxSheet("Donors", ["Name", "Amount"], [["=1+1", 100], ["-SUM(A1)", 2.5], ["Plain", None]])])

    sheet = load_workbook(io.BytesIO(xlsx))["Donors"]
    assert list(sheet.iter_rows(values_only=True)) == [
        ("Name", "Amount"),
        ("'=1+1", 100),
        ("'-SUM(A1)", 2.5),
        ("Plain", None),
    ]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
