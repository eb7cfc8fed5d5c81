"""Open Word documents and spreadsheets in LibreOffice, as a reader without Word would, and read the
PDF it prints back with pdftotext.

Each conversion runs LibreOffice headless with a profile of its own (-env:UserInstallation), so that
parallel test runs never share, or wait on, one profile.
"""

import io
import re
import subprocess
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length
from docx.text.paragraph import Paragraph

from .programs import program

# pdftotext may drop the spaces around the slash.
PAGE_NUMBER = re.compile(r"^(\d+) ?/ ?(\d+)$")


def libreoffice_pdf(content: bytes, extension: str, folder: Path) -> bytes:
    """The PDF LibreOffice prints of a .docx or .xlsx file."""
    soffice = program("soffice", "libreoffice-writer-nogui and libreoffice-calc-nogui")
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"document.{extension}"
    source.write_bytes(content)
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder / 'libreoffice-profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    printed = folder / "document.pdf"
    assert result.returncode == 0 and printed.exists(), f"LibreOffice could not open the file:\n{result.stderr}"
    return printed.read_bytes()


def pdf_pages(pdf: bytes) -> list[list[str]]:
    """Each page's non-empty lines, as pdftotext lays them out."""
    text = subprocess.run(
        [program("pdftotext", "poppler-utils"), "-layout", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    pages = text.split("\f")[:-1]
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in pages]


def pdf_words(pdf: bytes) -> set[str]:
    # A non-breaking hyphen (U+2011) is printed as a hyphen.
    return {word.replace("\u2011", "-") for page in pdf_pages(pdf) for line in page for word in line.split()}


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


# What the tests check ------------------------------------------------------------------------------


def assert_pages_are_numbered(pages: list[list[str]]) -> None:
    """Each page ends with its number and the count ("2 / 5")."""
    for number, lines in enumerate(pages, start=1):
        printed = PAGE_NUMBER.match(lines[-1])
        assert printed, f"page {number} ends with {lines[-1]!r}, not its number"
        assert printed.groups() == (str(number), str(len(pages)))


def assert_no_word_in_a_table_breaks(document_content: bytes, pdf: bytes) -> None:
    """Every word and number of every table cell is printed whole, on one line."""
    printed = pdf_words(pdf)
    document = Document(io.BytesIO(document_content))
    broken = {
        word
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for word in cell.text.split()
        if word not in printed
    }
    assert not broken, f"words broken across lines in a table: {sorted(broken)[:20]}"


def headings_and_lead_ins(document_content: bytes) -> list[str]:
    """The texts that must stay with what follows them, read from the document's structure (not from
    its keep-with-next flags, which are what is being checked): headings, and the paragraph just
    before a table or a bulleted list ("Participatory learning activities include:")."""
    document = Document(io.BytesIO(document_content))
    body = list(document.element.body.iterchildren())
    texts = []
    for element, following in zip(body, [*body[1:], None], strict=True):
        if element.tag != qn("w:p"):
            continue
        paragraph = Paragraph(element, document._body)
        style = paragraph.style.name
        if not paragraph.text.strip() or style.startswith(("List", "Caption")):  # a caption goes with what is above
            continue
        introduces = following is not None and (
            following.tag == qn("w:tbl")
            or (following.tag == qn("w:p") and Paragraph(following, document._body).style.name.startswith("List"))
        )
        if style.startswith(("Heading", "Title")) or introduces:
            texts.append(paragraph.text)
    return texts


def assert_headings_stay_with_what_follows(document_content: bytes, pages: list[list[str]]) -> None:
    """No page's last lines of text (above its number, if it has one) are a heading or a lead-in,
    whole (it may wrap over up to three lines)."""
    headings = {squeezed(text) for text in headings_and_lead_ins(document_content)}
    assert headings, "the document has no headings or lead-ins to check"
    for number, lines in enumerate(pages[:-1], start=1):
        body = lines[:-1] if PAGE_NUMBER.match(lines[-1]) else lines
        for count in (1, 2, 3):
            foot = squeezed("".join(body[-count:]))
            assert foot not in headings, (
                f"page {number} ends with a heading or lead-in, apart from what it introduces: {body[-count:]!r}"
            )


def tables_with_their_text_width(document_content: bytes) -> list[tuple]:
    """Each table with the text width of the section (portrait or landscape pages) it is in. A
    section's properties close it, so a table belongs to the next section properties after it."""
    document = Document(io.BytesIO(document_content))
    body = document.element.body
    tables, pending = [], []
    for child in body.iterchildren():
        if child.tag == qn("w:tbl"):
            pending.append(child)
            continue
        properties = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") if child.tag == qn("w:p") else None
        if child.tag == qn("w:sectPr"):
            properties = child
        if properties is not None:
            section = Section(properties, document.part)
            width = section.page_width - section.left_margin - section.right_margin
            tables.extend((table, width) for table in pending)
            pending = []
    return tables


def assert_tables_fit_the_page_with_fixed_widths(document_content: bytes) -> None:
    """Word lays out a fixed-width table as LibreOffice does; auto-fitted ones it sizes its own way."""
    tables = tables_with_their_text_width(document_content)
    assert tables, "the document has no tables"
    for table, text_width in tables:
        assert table.xpath("./w:tblPr/w:tblLayout/@w:type") == ["fixed"], "a table lays itself out automatically"
        widths = [int(width) for width in table.xpath("./w:tblGrid/w:gridCol/@w:w")]
        assert all(widths), "a column has no width"
        total = Length(sum(widths) * 635)  # twentieths of a point in EMU
        assert total <= text_width, f"columns of {total.cm:.2f} cm on {Length(text_width).cm:.2f} cm"
