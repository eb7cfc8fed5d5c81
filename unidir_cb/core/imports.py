"""Import and export in the staff admin (django-import-export), shared by every app.

What every import and export gets from here:
- Files: CSV (UTF-8, with or without a byte-order mark) and XLSX. Size, encoding, readability,
  emptiness and the required columns are checked on the import form, so a bad file gets a plain
  message there and nothing is imported.
- Rows: each error names the row as a spreadsheet shows it (the heading row is row 1), the column
  and what is wrong; tracebacks are never shown.
- One transaction: the preview (dry run) and the confirmed import both roll back completely when
  any row is invalid, so a file with one bad row saves nothing.
- Natural keys (slug, email, name, reference...): importing the same file twice creates nothing new.
- Formula injection: exported text cells that start with = + - @ (or a tab or carriage return) are
  prefixed with an apostrophe, in CSV and XLSX alike; importing strips that apostrophe again, so an
  exported file imports back unchanged.
"""

import csv
import datetime
import io
import re
import zipfile
import zoneinfo
from decimal import Decimal, InvalidOperation

import tablib
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django_countries import countries
from import_export import resources, widgets
from import_export.admin import ImportExportMixin
from import_export.fields import Field
from import_export.formats import base_formats
from import_export.forms import ImportForm

from .spreadsheets import escape_formula, lay_out_for_print, sheet_title, unescape_formula

LIST_SEPARATOR = ";"


class ImportFileError(Exception):
    """A file that cannot be imported at all; the message is shown on the import form."""


# --- Formula escaping -------------------------------------------------------------------------


def escape_dataset(dataset: tablib.Dataset) -> None:
    for index, row in enumerate(dataset):
        dataset[index] = tuple(escape_formula(cell) for cell in row)


# --- Reading files ----------------------------------------------------------------------------


def normalised_dataset(headers, rows) -> tablib.Dataset:
    """Trim headings, drop unnamed columns and blank rows, and give every row the headings' width."""
    headers = ["" if heading is None else str(heading).strip() for heading in headers]
    kept_columns = [index for index, heading in enumerate(headers) if heading]
    dataset = tablib.Dataset(headers=[headers[index] for index in kept_columns])
    for row_number, row in enumerate(rows, start=2):
        cells = list(row) + [None] * (len(headers) - len(row))
        if any(cell not in (None, "") for cell in cells[len(headers) :]):
            raise ImportFileError(f"Row {row_number} has more cells than there are column headings.")
        values = [cells[index] for index in kept_columns]
        if all(value is None or (isinstance(value, str) and not value.strip()) for value in values):
            continue
        dataset.append(values)
    return dataset


class EscapingFormatMixin:
    def _escape_formulae(self, dataset):
        escape_dataset(dataset)

    def export_data(self, dataset, **kwargs):
        # Escaping is a security property: done whatever IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT says.
        self._escape_formulae(dataset)
        return super().export_data(dataset, **kwargs)


class CSV(EscapingFormatMixin, base_formats.CSV):
    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = decode_text(in_stream)
        try:
            rows = list(csv.reader(io.StringIO(in_stream, newline="")))
        except csv.Error as error:
            raise ImportFileError(f"The file could not be read as CSV ({error}).") from None
        if not rows:
            return tablib.Dataset()
        return normalised_dataset(rows[0], rows[1:])


class XLSX(EscapingFormatMixin, base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        """The workbook tablib writes (native numbers and dates, the header frozen), its sheet named
        for the records (ImportResource.export titles the dataset), printed one page wide."""
        import openpyxl

        content = super().export_data(dataset, **kwargs)
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        lay_out_for_print(workbook.active)
        output = io.BytesIO()
        workbook.save(output)
        return output.getvalue()

    def create_dataset(self, in_stream):
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
            raise ImportFileError(
                "This file is not an Excel workbook (.xlsx): open it in Excel and save it as .xlsx, "
                "or save it as CSV UTF-8 and choose CSV."
            ) from error
        try:
            rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
        finally:
            workbook.close()
        if not rows:
            return tablib.Dataset()
        return normalised_dataset(rows[0], rows[1:])


def decode_text(data: bytes) -> str:
    # UTF-16 text of plain ASCII is valid UTF-8 byte by byte, but full of NUL bytes.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise ImportFileError("This file is in UTF-16, not UTF-8: in Excel use Save As > CSV UTF-8 (comma delimited).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"This file is not UTF-8 text (byte {error.start + 1} cannot be read; files saved as "
            "'CSV' by older Excel are in Latin-1 or Windows-1252): in Excel use Save As > CSV UTF-8 "
            "(comma delimited)."
        ) from None


def human_size(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


class CheckedImportForm(ImportForm):
    """The import form, checking the whole file before anything is imported."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.import_formats = formats
        self.resource_classes = resources
        limit = human_size(settings.IMPORT_FILE_MAX_BYTES)
        self.fields[
            "import_file"
        ].help_text = (
            f"CSV in UTF-8 or an Excel .xlsx workbook, up to {limit}; the first row holds the column headings."
        )

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > settings.IMPORT_FILE_MAX_BYTES:
            raise ValidationError(
                f"This file is {human_size(upload.size)}; files up to "
                f"{human_size(settings.IMPORT_FILE_MAX_BYTES)} can be imported. Split it into smaller files."
            )
        return upload

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("import_file")
        format_index = cleaned_data.get("format")
        if not upload or format_index in (None, ""):
            return cleaned_data
        input_format = self.import_formats[int(format_index)]()
        extension = input_format.get_extension()
        other_extensions = {f().get_extension() for f in self.import_formats} - {extension}
        suffix = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if suffix in other_extensions:
            self.add_error("format", f"The file is a .{suffix} file but the format chosen is {extension.upper()}.")
            return cleaned_data
        try:
            dataset = read_upload(upload, input_format)
        except ImportFileError as error:
            self.add_error("import_file", str(error))
            return cleaned_data
        if not dataset.headers:
            self.add_error("import_file", "The file is empty: there are no column headings and no rows.")
            return cleaned_data
        resource_class = self.resource_classes[int(cleaned_data.get("resource") or 0)]
        missing = resource_class.missing_columns(dataset.headers)
        if missing:
            self.add_error(
                "import_file",
                f"The file has no column {', '.join(repr(column) for column in missing)} "
                f"(required columns: {', '.join(resource_class.required_columns)}).",
            )
        elif not len(dataset):
            self.add_error("import_file", "The file has column headings but no rows to import.")
        return cleaned_data


def read_upload(upload, input_format) -> tablib.Dataset:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        return input_format.create_dataset(data)
    except ImportFileError:
        raise
    except Exception as error:  # a parser's own exception: the file is damaged or not what it claims
        raise ImportFileError(
            f"The file could not be read as {input_format.get_extension().upper()}: "
            "check that it is the format chosen and not damaged."
        ) from error


# --- Widgets with plain messages ----------------------------------------------------------------


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a code typed as a number in a spreadsheet
        return str(value).strip()


class ChoiceWidget(widgets.Widget):
    """Accepts a choice's code or its label, in any case; exports the code."""

    def __init__(self, choices, blank_allowed=True, default=None, **kwargs):
        self.choices = list(choices)
        self.blank_allowed = blank_allowed
        self.default = default
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            if self.default is not None:
                return self.default
            return ""
        text = str(value).strip().casefold()
        for code, label in self.choices:
            if text in (str(code).casefold(), str(label).casefold()):
                return code
        codes = ", ".join(str(code) for code, _ in self.choices)
        raise ValueError(f"{str(value).strip()!r} is not one of: {codes}.")

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class CountryWidget(widgets.Widget):
    """ISO 3166 code (CH) or English name (Switzerland); exports the code."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return ""
        text = str(value).strip()
        if len(text) == 2 and text.upper() in countries:
            return text.upper()
        code = countries.by_name(text, insensitive=True)
        if code:
            return code
        raise ValueError(f"Unknown country {text!r}: use an ISO 3166 code such as CH or the English name.")

    def render(self, value, obj=None, **kwargs):
        return getattr(value, "code", value) or ""


class LookupWidget(widgets.ForeignKeyWidget):
    """A related record found by one of its unique fields, ignoring case; a plain error if none."""

    def __init__(self, model, field, *alternative_fields, **kwargs):
        self.alternative_fields = alternative_fields
        super().__init__(model, field, **kwargs)

    def find(self, text):
        queryset = self.model.objects.all()
        for field in (self.field, *self.alternative_fields):
            matches = list(queryset.filter(**{f"{field}__iexact": text})[:2])
            if len(matches) == 1:
                return matches[0]
        return None

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        text = str(value).strip()
        found = self.find(text)
        if found is None:
            raise ValueError(f"No {self.model._meta.verbose_name} {text!r} exists: add it first or correct the name.")
        return found


class LookupListWidget(widgets.ManyToManyWidget):
    """Several related records in one cell, separated by semicolons."""

    def __init__(self, model, field, *alternative_fields, **kwargs):
        self.lookup = LookupWidget(model, field, *alternative_fields)
        super().__init__(model, separator=LIST_SEPARATOR, field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return self.model.objects.none()
        names = [name.strip() for name in str(value).split(self.separator) if name.strip()]
        found, missing = [], []
        for name in names:
            record = self.lookup.find(name)
            (found.append(record) if record else missing.append(name))
        if missing:
            raise ValueError(
                f"No {self.model._meta.verbose_name} named {', '.join(repr(name) for name in missing)} exists."
            )
        return self.model.objects.filter(pk__in=[record.pk for record in found])

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return f"{self.separator} ".join(str(getattr(record, self.field)) for record in value.all())


class RelatedListField(Field):
    """A many-to-many column (use with LookupListWidget)."""

    def get_value(self, instance):
        if instance.pk is None:
            return None  # an unsaved record has no relations yet (and asking would fail)
        return super().get_value(instance)


class CodeListWidget(widgets.Widget):
    """A JSON list of codes (languages, country groups) written "en; fr"."""

    def __init__(self, allowed, **kwargs):
        self.allowed = list(allowed)
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return []
        codes = [code.strip().lower() for code in str(value).split(LIST_SEPARATOR) if code.strip()]
        unknown = [code for code in codes if code not in self.allowed]
        if unknown:
            raise ValueError(f"Unknown {', '.join(map(repr, unknown))}: use {', '.join(self.allowed)}.")
        return codes

    def render(self, value, obj=None, **kwargs):
        return f"{LIST_SEPARATOR} ".join(value or [])


class YesNoWidget(widgets.Widget):
    TRUE = {"yes", "y", "true", "1", "x"}
    FALSE = {"no", "n", "false", "0", ""}

    def __init__(self, default=False, **kwargs):
        self.default = default
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return self.default
        if isinstance(value, bool):
            return value
        text = str(value).strip().casefold()
        if text.endswith(".0"):
            text = text[:-2]
        if text == "":
            return self.default
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(f"Write yes or no, not {str(value).strip()!r}.")

    def render(self, value, obj=None, **kwargs):
        return "yes" if value else "no"


class PlainDateWidget(widgets.Widget):
    """A date as YYYY-MM-DD (or a date cell in a workbook)."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value).strip()[:10])
        except ValueError:
            raise ValueError(f"Write the date as YYYY-MM-DD, e.g. 2023-06-30, not {str(value).strip()!r}.") from None

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class MonthWidget(PlainDateWidget):
    """A month as YYYY-MM (a full date stands for its month); stored as its first day."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}\s*", value):
            value = value.strip() + "-01"
        try:
            day = super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(f"Write the month as YYYY-MM, e.g. 2023-01, not {str(value).strip()!r}.") from None
        return day.replace(day=1) if day else None

    def render(self, value, obj=None, **kwargs):
        return f"{value:%Y-%m}" if value else ""


class LocalDateTimeWidget(widgets.Widget):
    """A moment written in local time, "YYYY-MM-DD HH:MM", in the row's time zone column."""

    def __init__(self, time_zone_column="time_zone", **kwargs):
        self.time_zone_column = time_zone_column
        super().__init__(**kwargs)

    def row_time_zone(self, row):
        name = (row or {}).get(self.time_zone_column) or settings.TIME_ZONE
        try:
            return zoneinfo.ZoneInfo(str(name).strip())
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)  # the time zone column reports its own error

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        if isinstance(value, datetime.datetime):
            moment = value
        else:
            try:
                moment = datetime.datetime.fromisoformat(str(value).strip())
            except ValueError:
                raise ValueError(
                    f"Write the date and time as YYYY-MM-DD HH:MM, e.g. 2023-06-30 09:30, not {str(value).strip()!r}."
                ) from None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, self.row_time_zone(row))
        return moment


class DecimalNumberWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        if isinstance(value, float):
            value = repr(value)  # shortest form: 1234.56, not its binary expansion
        try:
            number = Decimal(str(value).strip().replace(",", "").replace(" ", ""))
        except InvalidOperation:
            raise ValueError(f"Write a number such as 1234.56, not {str(value).strip()!r}.") from None
        if not number.is_finite():
            raise ValueError(f"Write a number such as 1234.56, not {str(value).strip()!r}.")
        return number

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


class WholeNumberWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        text = str(value).strip()
        if text.endswith(".0"):
            text = text[:-2]
        if not re.fullmatch(r"\d+", text):
            raise ValueError(f"Write a whole number such as 25, not {str(value).strip()!r}.")
        return int(text)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


def unique_slug(model, text, max_length=200) -> str:
    base = slugify(text)[:max_length].strip("-") or "untitled"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base[: max_length - 6]}-{number}"
        number += 1
    return slug


# --- Resources ----------------------------------------------------------------------------------


class ImportResource(resources.ModelResource):
    """The base of every resource: required columns, tidy cells, errors under column names."""

    required_columns: tuple[str, ...] = ()

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def export(self, *args, **kwargs):
        dataset = super().export(*args, **kwargs)
        # The XLSX sheet's name: "Events", "Contributions", not tablib's "Tablib Dataset".
        dataset.title = sheet_title(capfirst(self._meta.model._meta.verbose_name_plural))
        return dataset

    @classmethod
    def missing_columns(cls, headers) -> list[str]:
        present = {str(heading).strip() for heading in headers or []}
        return [column for column in cls.required_columns if column not in present]

    def column_for(self, attribute: str) -> str | None:
        if attribute == NON_FIELD_ERRORS:
            return None
        for field in self.fields.values():
            if attribute in (field.attribute, field.column_name):
                return field.column_name
        return attribute

    def _check_import_id_fields(self, headers):
        # Natural keys may be derived (a slug from the title): only the required columns must be there.
        missing = self.missing_columns(headers)
        if missing:
            raise ValueError(f"The file has no column {', '.join(map(repr, missing))}.")

    def before_import_row(self, row, **kwargs):
        for column, value in list(row.items()):
            if isinstance(value, str):
                row[column] = unescape_formula(value.strip())

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            # A natural key that cannot be read (a malformed date, say) is that column's error.
            errors = {}
            for name in self.get_import_id_fields():
                try:
                    self.fields[name].clean(row)
                except ValueError as error:
                    errors[self.fields[name].column_name] = [str(error)]
            raise ValidationError(errors or {NON_FIELD_ERRORS: ["This row's key columns cannot be read."]}) from None

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if original is None or original.pk is None:
            return False  # a new record is always created, even when its values look like defaults
        return super().skip_row(instance, original, row, import_validation_errors)


def row_number(data_row_number: int) -> int:
    """import-export counts data rows from 1; spreadsheets count the heading row as row 1."""
    return data_row_number + 1


def plain_error(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, DatabaseError):
        return "The database refused this row: it conflicts with a record that already exists."
    return str(error) or error.__class__.__name__


def import_error_lines(result, resource) -> list[str]:
    """Every error of an import result as a plain sentence: "Row 3, column 'email': ..."."""
    lines = [plain_error(error.error) for error in result.base_errors]
    for number, errors in result.row_errors():
        lines.extend(f"Row {row_number(number)}: {plain_error(error.error)}" for error in errors)
    for invalid_row in result.invalid_rows:
        for attribute, field_errors in invalid_row.error_dict.items():
            column = resource.column_for(attribute)
            where = f"Row {row_number(invalid_row.number)}" + (f", column '{column}'" if column else "")
            lines.extend(f"{where}: {message}" for message in ValidationError(field_errors).messages)
    return lines


# --- Admin --------------------------------------------------------------------------------------


class ImportExportAdminMixin(ImportExportMixin):
    """Import (with preview) and export for a ModelAdmin; put it first among the bases."""

    import_export_formats = [CSV, XLSX]
    import_form_class = CheckedImportForm
    import_template_name = "imports/import.html"
    # Other permissions an import needs, e.g. to create the participants of an attendee list.
    extra_import_permissions: tuple[str, ...] = ()

    @property
    def formats(self):
        return self.import_export_formats

    def has_import_permission(self, request):
        # An import creates and updates rows, so it needs both permissions.
        options = self.opts
        needed = [f"{options.app_label}.{get_permission_codename(action, options)}" for action in ("add", "change")]
        return request.user.has_perms([*needed, *self.extra_import_permissions])

    def get_import_data_kwargs(self, **kwargs):
        # Without this a confirmed import would keep the valid rows of a file with invalid ones.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        self.add_plain_errors(request, response)
        return response

    def add_plain_errors(self, request, response):
        if not isinstance(response, TemplateResponse):
            return
        result = response.context_data.get("result")
        if result is not None and (result.has_errors() or result.has_validation_errors()):
            resource = self.get_import_resource_classes(request)[0](
                **self.get_import_resource_kwargs(request, form=None)
            )
            response.context_data["import_error_lines"] = import_error_lines(result, resource)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # Rows became invalid between preview and confirmation: everything was rolled back.
            resource = self.get_import_resource_classes(request)[0](
                **self.get_import_resource_kwargs(request, form=None)
            )
            context = {
                **self.admin_site.each_context(request),
                "title": "Import",
                "opts": self.model._meta,
                "import_error_lines": import_error_lines(result, resource),
                "nothing_saved": True,
            }
            messages.error(request, "Nothing was imported: correct the rows below and import the file again.")
            return TemplateResponse(request, [self.import_template_name], context)
        return super().process_result(result, request)


def local_time_text(moment, time_zone_name) -> str:
    """A moment as staff write it: local time in the given time zone, "YYYY-MM-DD HH:MM"."""
    if moment is None:
        return ""
    try:
        zone = zoneinfo.ZoneInfo(time_zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"


def fill_in_slug(resource, row, date_field_name) -> None:
    """Rows may leave the slug out: the natural key is then the title and the date.

    The slug of the record with the same title (any case) and date is reused, so importing the
    same file twice updates; otherwise a new unique slug is made from the title."""
    if not is_blank(row.get("slug")) or is_blank(row.get("title")):
        return
    model = resource._meta.model
    date_field = resource.fields[date_field_name]
    try:
        date_value = date_field.clean(row) if date_field.column_name in row else None
    except ValueError:
        date_value = None  # the date column reports its own error
    existing = None
    if date_value is not None:
        existing = (
            model.objects.filter(title__iexact=str(row["title"]).strip(), **{date_field.attribute: date_value})
            .values_list("slug", flat=True)
            .first()
        )
    row["slug"] = existing or unique_slug(model, str(row["title"]), model._meta.get_field("slug").max_length)
