"""Render a mapping submission as a letter: HTML, DOCX and PDF with the same content.

All three are built from one `Letter` (the header lines, then mapping.letter_blocks grouped into
paragraphs and bulleted lists, then the signature), so a fact cannot be in one format and missing
from another. Until management approves the version, every rendering is marked DRAFT on each page
and carries no signature; the approved version is rendered signed.

Imports the rendering libraries (about a second): import this module inside a build, not at the
top of a module Django loads at start-up.
"""

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from programmes.models import MappingSubmission
from unidir_cb.core.reporting.registry import DOCUMENT_LANGUAGE
from unidir_cb.core.reporting.rendering import DocxBuilder, html_to_pdf

from .compiler import LetterBlock, group_blocks, letter_blocks

ORGANISATION = "United Nations Institute for Disarmament Research"
MARGIN_CM = 2.5


@dataclass
class Letter:
    title: str
    date: str
    addressees: str
    requesting_entity: str
    reference: str
    salutation: str
    blocks: list[LetterBlock]
    complimentary_close: str
    signatory_name: str
    signatory_title: str
    signatory_organisation: str
    signed: bool


DRAFT_MARK = "DRAFT"
DRAFT_NOTE = "Draft for review, not approved: not to be sent. The approved version is rendered signed."


def build_letter(submission: MappingSubmission) -> Letter:
    sections = submission.sections
    exercise = submission.exercise
    signatory = sections.get("signatory", {})
    letter_date = submission.letter_date or datetime.date.today()
    with translation.override(DOCUMENT_LANGUAGE):
        date_text = date_format(letter_date, "j F Y")
    entity = exercise.requesting_entity
    return Letter(
        title=f"{exercise.reference} — reply of {ORGANISATION} (version {submission.version})",
        date=date_text,
        addressees=sections["letter"]["addressees"],
        requesting_entity=entity.name if entity else "",
        reference=sections["letter"]["reference"],
        salutation=sections["letter"]["salutation"],
        blocks=group_blocks(letter_blocks(sections)),
        complimentary_close=signatory.get("complimentary_close", "Sincerely,"),
        # A signatory set on the version (edited by staff) wins over the one compiled in.
        signatory_name=submission.signatory_name or signatory.get("name", ""),
        signatory_title=submission.signatory_title or signatory.get("title", ""),
        signatory_organisation=signatory.get("organisation", ORGANISATION),
        signed=submission.is_signed,
    )


# HTML and PDF ------------------------------------------------------------------------------------


def letter_html(letter: Letter) -> str:
    context = {
        "letter": letter,
        "organisation": ORGANISATION,
        "margin_cm": MARGIN_CM,
        "draft_mark": DRAFT_MARK,
        "draft_note": DRAFT_NOTE,
    }
    return render_to_string("reports/documents/mapping_letter.html", context)


def letter_pdf(html: str) -> bytes:
    return html_to_pdf(html)


# Word --------------------------------------------------------------------------------------------


def _mark_as_draft(document) -> None:
    """DRAFT in the page header, so every page says it, and the note under it."""
    header = document.sections[0].header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mark = header.add_run(f"{DRAFT_MARK} — {DRAFT_NOTE}")
    mark.bold = True
    mark.font.size = Pt(9)
    mark.font.color.rgb = RGBColor(0xB0, 0x1E, 0x1E)


def letter_docx(letter: Letter) -> bytes:
    builder = DocxBuilder(title=letter.title, author=ORGANISATION, font_size_pt=11, margins_cm=MARGIN_CM)
    document = builder.document
    normal = document.styles["Normal"]
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.15

    if not letter.signed:
        _mark_as_draft(document)

    letterhead = document.add_paragraph()
    run = letterhead.add_run(ORGANISATION)
    run.bold = True
    run.font.size = Pt(12)
    run.font.color.rgb = RGBColor(0x0A, 0x4F, 0x8A)
    letterhead.paragraph_format.space_after = Pt(18)

    date = document.add_paragraph(letter.date)
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    addressees = document.add_paragraph()
    addressees.add_run(letter.addressees)
    if letter.requesting_entity:
        addressees.add_run().add_break()
        addressees.add_run(letter.requesting_entity)

    reference = document.add_paragraph()
    reference.add_run("Reference: ").bold = True
    reference.add_run(letter.reference)
    reference.paragraph_format.space_after = Pt(14)

    document.add_paragraph(letter.salutation)
    following_kinds = [block.kind for block in letter.blocks[1:]] + [None]
    for block, next_kind in zip(letter.blocks, following_kinds, strict=True):
        if block.kind == "list":
            for item in block.items:
                bullet = document.add_paragraph(item, style="List Bullet")
                bullet.paragraph_format.space_after = Pt(3)
            document.paragraphs[-1].paragraph_format.space_after = Pt(8)
            continue
        paragraph = document.add_paragraph()
        if block.lead:
            paragraph.add_run(block.lead).bold = True
            paragraph.add_run(" ")
        paragraph.add_run(block.text)
        if next_kind == "list":  # "Participatory learning activities include:" stays with its list
            builder.keep_with_next(paragraph)

    close = document.add_paragraph(letter.complimentary_close)
    close.paragraph_format.space_before = Pt(6)
    if not letter.signed:
        document.add_paragraph().add_run(DRAFT_NOTE).italic = True
        return builder.to_bytes()
    close.paragraph_format.space_after = Cm(1.5)  # room for the signature
    close.paragraph_format.keep_with_next = True
    signature = document.add_paragraph()
    signature.paragraph_format.keep_together = True
    lines = [letter.signatory_name, letter.signatory_title, letter.signatory_organisation]
    for index, line in enumerate(line for line in lines if line):
        if index:
            signature.add_run().add_break()
        signature.add_run(line).bold = index == 0
    return builder.to_bytes()
