"""Reading an uploaded file for import: CSV (UTF-8, with or without a byte-order mark) or an Excel
workbook (.xlsx), streamed row by row, within the caps of the settings:

- IMPORT_FILE_MAX_BYTES: the upload itself (50 MB);
- IMPORT_XLSX_MAX_UNCOMPRESSED_BYTES: what a workbook unpacks to (300 MB), checked from the zip's
  own directory before anything is unpacked, so a "zip bomb" is refused at once;
- IMPORT_MAX_ROWS: the rows of one file (200,000), counted as they are read.

Every problem is an ImportFileError whose message a member of staff can act on; nothing is saved
before the file has been read whole.
"""

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator

import tablib
from django.conf import settings

FORMATS = ("csv", "xlsx")
FORMAT_NAMES = {"csv": "CSV", "xlsx": "Excel workbook (XLSX)"}
READ_CHUNK_BYTES = 1024 * 1024


class ImportFileError(Exception):
    """A file that cannot be imported at all; the message is shown to the person who uploaded it."""


def human_size(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def check_upload_size(size: int) -> None:
    if size > settings.IMPORT_FILE_MAX_BYTES:
        raise ImportFileError(
            f"This file is {human_size(size)}; files up to {human_size(settings.IMPORT_FILE_MAX_BYTES)} "
            "can be imported. Split it into smaller files."
        )


def check_extension(file_name: str, file_format: str, allowed=FORMATS) -> None:
    suffix = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if suffix in allowed and suffix != file_format:
        raise ImportFileError(f"The file is a .{suffix} file but the format chosen is {file_format.upper()}.")


# CSV -----------------------------------------------------------------------------------------------


def _text_lines(stream) -> Iterator[str]:
    """The file's text, decoded as UTF-8 as it is read; plain advice for the encodings Excel writes."""
    start = stream.read(4096)
    # UTF-16 text of plain ASCII is valid UTF-8 byte by byte, but full of NUL bytes.
    if start.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in start:
        raise ImportFileError("This file is in UTF-16, not UTF-8: in Excel use Save As > CSV UTF-8 (comma delimited).")
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    position = 0
    chunk = start
    pending = ""
    while True:
        final = not chunk
        try:
            text = decoder.decode(chunk, final=final)
        except UnicodeDecodeError as error:
            raise ImportFileError(
                f"This file is not UTF-8 text (byte {position + error.start + 1} cannot be read; files saved as "
                "'CSV' by older Excel are in Latin-1 or Windows-1252): in Excel use Save As > CSV UTF-8 "
                "(comma delimited)."
            ) from None
        position += len(chunk)
        # Split at line feeds only (str.splitlines would also split at characters CSV keeps in a cell).
        *lines, pending = (pending + text).split("\n")
        yield from (line + "\n" for line in lines)
        if final:
            if pending:
                yield pending
            return
        chunk = stream.read(READ_CHUNK_BYTES)


def csv_rows(stream) -> Iterator[list]:
    try:
        yield from csv.reader(_text_lines(stream))
    except csv.Error as error:
        raise ImportFileError(f"The file could not be read as CSV ({error}).") from None


# XLSX ----------------------------------------------------------------------------------------------


def check_workbook_size(stream) -> None:
    """Refuse a workbook that would unpack to more than the cap, from the sizes its zip directory
    declares (the reader never unpacks a member beyond its declared size)."""
    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise not_a_workbook() from error
    finally:
        stream.seek(0)
    if unpacked > settings.IMPORT_XLSX_MAX_UNCOMPRESSED_BYTES:
        raise ImportFileError(
            f"This workbook unpacks to {human_size(unpacked)} of content; at most "
            f"{human_size(settings.IMPORT_XLSX_MAX_UNCOMPRESSED_BYTES)} can be imported. Save it as CSV UTF-8, "
            "or split it into smaller files."
        )


def not_a_workbook() -> ImportFileError:
    return ImportFileError(
        "This file is not an Excel workbook (.xlsx): open it in Excel and save it as .xlsx, "
        "or save it as CSV UTF-8 and choose CSV."
    )


def xlsx_rows(stream) -> Iterator[list]:
    import openpyxl

    check_workbook_size(stream)
    try:
        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise not_a_workbook() from error
    try:
        yield from (list(row) for row in workbook.active.iter_rows(values_only=True))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as error:
        raise ImportFileError(
            "The workbook is damaged: open it in Excel, save it again and import it again."
        ) from error
    finally:
        workbook.close()


# Both ----------------------------------------------------------------------------------------------


def _is_blank_cell(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_dataset(stream, file_format: str, *, max_rows: int | None = None) -> tablib.Dataset:
    """The file as a Dataset: headings trimmed, unnamed columns and blank rows dropped, every row as
    wide as the headings. Reads at most `max_rows` data rows (for a quick look at the headings)."""
    limit = settings.IMPORT_MAX_ROWS
    rows = (csv_rows if file_format == "csv" else xlsx_rows)(stream)
    try:
        headings = next(rows, None)
        if headings is None:
            return tablib.Dataset()
        headings = ["" if heading is None else str(heading).strip() for heading in headings]
        kept_columns = [index for index, heading in enumerate(headings) if heading]
        dataset = tablib.Dataset(headers=[headings[index] for index in kept_columns])
        for row_number, row in enumerate(rows, start=2):
            cells = list(row) + [None] * (len(headings) - len(row))
            if any(not _is_blank_cell(cell) for cell in cells[len(headings) :]):
                raise ImportFileError(f"Row {row_number} has more cells than there are column headings.")
            values = [cells[index] for index in kept_columns]
            if all(_is_blank_cell(value) for value in values):
                continue
            if len(dataset) >= limit:
                raise ImportFileError(
                    f"This file has more than {limit:,} rows; at most {limit:,} can be imported at once. "
                    "Split it into smaller files."
                )
            dataset.append(values)
            if max_rows is not None and len(dataset) >= max_rows:
                break
    finally:
        rows.close()
    return dataset


def read_file(path_or_file, file_format: str, **options) -> tablib.Dataset:
    """read_dataset for a stored file (a path, or a file object open in binary mode)."""
    if hasattr(path_or_file, "read"):
        return read_dataset(path_or_file, file_format, **options)
    with open(path_or_file, "rb") as stream:
        return read_dataset(stream, file_format, **options)


def read_bytes(content: bytes, file_format: str, **options) -> tablib.Dataset:
    return read_dataset(io.BytesIO(content), file_format, **options)
