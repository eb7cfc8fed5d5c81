"""Writing an export to a file as the rows are read, so memory does not grow with the rows: CSV
(UTF-8 with a byte-order mark, which Excel needs to read it as UTF-8) or XLSX in openpyxl's
write-only mode. Text that a spreadsheet would run as a formula is escaped in both.

A worksheet holds at most XLSX_MAX_ROWS rows (Excel's limit, the heading row included): larger
exports are offered as CSV only.
"""

import csv
import datetime
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from ..spreadsheets import escape_formula, lay_out_for_print, sheet_title

XLSX_MAX_ROWS = 1_048_576
EXPORT_FORMATS = ("csv", "xlsx")
PROGRESS_EVERY_ROWS = 5000


class ExportTooLarge(Exception):
    pass


def export_rows(resource, queryset, *, native_types: bool):
    """The heading row, then each record's cells, as the resource renders them."""
    yield [field.column_name for field in resource.get_export_fields()]
    cells = resource.export_cells(native_types=native_types)
    for record in resource.iter_queryset(resource.filter_export(queryset)):
        yield [cell(record) for cell in cells]


def write_csv(rows, path: Path, on_row: Callable[[int], None]) -> int:
    count = -1
    with open(path, "w", encoding="utf-8-sig", newline="") as output:
        writer = csv.writer(output)
        for count, row in enumerate(rows):
            writer.writerow(["" if cell is None else escape_formula(cell) for cell in row])
            on_row(count)
    return max(count, 0)


def write_xlsx(rows, path: Path, title: str, on_row: Callable[[int], None]) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=sheet_title(title))
    bold = Font(bold=True)
    count = -1
    for count, row in enumerate(rows):
        if count >= XLSX_MAX_ROWS:
            raise ExportTooLarge(f"More than {XLSX_MAX_ROWS - 1:,} rows: export them as CSV.")
        if count == 0:
            lay_out_for_print(worksheet, columns=len(row))  # a write-only sheet counts no columns itself
            cells = []
            for heading in row:
                cell = WriteOnlyCell(worksheet, value=str(heading))
                cell.font = bold
                cells.append(cell)
            worksheet.append(cells)
        else:
            worksheet.append([xlsx_cell(worksheet, value) for value in row])
        on_row(count)
    workbook.save(path)
    return max(count, 0)


def xlsx_cell(worksheet, value):
    """Numbers, dates and booleans keep their type with a format; text is escaped."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = "#,##0.00" if isinstance(value, Decimal) else "0"
        return cell
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(worksheet, value=value.replace(tzinfo=None))
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return "" if value is None else escape_formula(str(value) if not isinstance(value, bool) else value)


def write_export(resource, queryset, file_format: str, path: Path, *, title: str, on_progress=None) -> int:
    """Write the export to `path`; the number of data rows. on_progress(rows) every few thousand rows."""

    def on_row(index):
        if on_progress is not None and index and index % PROGRESS_EVERY_ROWS == 0:
            on_progress(index)

    rows = export_rows(resource, queryset, native_types=file_format == "xlsx")
    if file_format == "xlsx":
        return write_xlsx(rows, path, title, on_row)
    return write_csv(rows, path, on_row)
