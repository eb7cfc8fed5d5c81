"""Cells a spreadsheet would run as formulas ("=HYPERLINK(...)" typed as an event title): every
export and every report that writes a spreadsheet escapes them the same way, and imports undo it."""

from openpyxl.worksheet.worksheet import Worksheet

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """A leading apostrophe makes the cell text; other values keep their type."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unescape_formula(value):
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in FORMULA_TRIGGERS:
        return value[1:]
    return value


# Sheet names: at most 31 characters, none of these (Excel refuses them, LibreOffice too).
SHEET_TITLE_LENGTH = 31
SHEET_TITLE_FORBIDDEN = "[]:*?/\\"


def sheet_title(text: str) -> str:
    """A worksheet name that says what the sheet holds, as Excel accepts it."""
    cleaned = "".join("-" if character in SHEET_TITLE_FORBIDDEN else character for character in str(text))
    return cleaned.strip()[:SHEET_TITLE_LENGTH] or "Sheet"


def lay_out_for_print(worksheet, columns: int | None = None) -> None:
    """The header row frozen on screen and repeated on each printed page, and the columns fitted to
    one A4 page width (landscape when the sheet has many columns): printing never cuts a table into
    strips of columns on separate pages. `columns` for a sheet that cannot count its own yet."""
    columns = worksheet.max_column if columns is None else columns
    worksheet.freeze_panes = "A2"
    worksheet.print_title_rows = "1:1"
    worksheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4  # write-only sheets lack the constant
    worksheet.page_setup.orientation = "landscape" if columns > 6 else "portrait"
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True
