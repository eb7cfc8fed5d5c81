"""What the resources of every app (their `resources.py`) build on: widgets that read cells with
plain messages, and ImportResource, the row rules every import follows.

- Rows: each error names the row as a spreadsheet shows it (the heading row is row 1), the column
  and what is wrong; tracebacks are never shown.
- Natural keys (slug, email, name, reference...): importing the same file twice creates nothing new;
  the existing records are looked up a batch of rows at a time (BatchedInstanceLoader), and the same
  key twice in one file is that row's error.
- Rows are validated by the widgets and the models' own rules; the database's uniqueness rules are
  kept by the natural keys and, finally, by the database itself (the import then fails whole).
- Formula injection: exported text cells that start with = + - @ (or a tab or carriage return) are
  prefixed with an apostrophe (see spreadsheets.py); importing strips that apostrophe again, so an
  exported file imports back unchanged.
"""

import datetime
import functools
import re
import zoneinfo
from contextlib import suppress
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import DatabaseError
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from import_export import resources, results, widgets
from import_export.fields import Field
from import_export.instance_loaders import BaseInstanceLoader
from modeltranslation.fields import TranslationField

from .. import un_countries
from ..spreadsheets import unescape_formula

LIST_SEPARATOR = ";"
# Rows looked up and written together.
BATCH_SIZE = 1000
# The rows a preview lists (every row with an error is listed besides).
PREVIEW_ROWS = 200


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


class TranslationWidget(TextWidget):
    """A translation of a text (django-modeltranslation column): a blank cell is no translation (NULL)."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row, **kwargs) or None

    def render(self, value, obj=None, **kwargs):
        return value or ""


class ChoiceCheckingWidget(widgets.Widget):
    """A widget that refuses any value outside its choices, with its own message: the model need
    not check the field again (CountryField's own check reads 250 choices on every row)."""


class ChoiceWidget(ChoiceCheckingWidget):
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


class CountryWidget(ChoiceCheckingWidget):
    """ISO 3166 code (CH) or English name (Switzerland); exports the code."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return ""
        text = str(value).strip()
        code = un_countries.code_for_name(text)
        if code:
            return code
        raise ValueError(f"Unknown country {text!r}: use an ISO 3166 code such as CH or the country's name.")

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


class CodeListWidget(ChoiceCheckingWidget):
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


class CountryListWidget(ChoiceCheckingWidget):
    """A JSON list of country codes written "KE; Fiji; Российская Федерация": codes or names."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return []
        texts = [text.strip() for text in str(value).split(LIST_SEPARATOR) if text.strip()]
        codes = [un_countries.code_for_name(text) for text in texts]
        unknown = [text for text, code in zip(texts, codes, strict=True) if code is None]
        if unknown:
            raise ValueError(
                f"Unknown {', '.join(map(repr, unknown))}: use ISO 3166 codes such as CH or the countries' names."
            )
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


class BatchedInstanceLoader(BaseInstanceLoader):
    """Finds the existing records of the next BATCH_SIZE rows in one query as the import reaches
    them (rows are imported in order), holding one batch at a time, so memory stays bounded."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.next_row = 0
        self.keys_loaded: set = set()
        self.found: dict = {}

    def get_instance(self, row):
        key = self.resource.lookup_key(row)
        if key is None:
            return None
        while key not in self.keys_loaded and self.next_row < len(self.dataset):
            self._load_next_batch()
        if key not in self.keys_loaded:  # a key a row hook made up (not in the file as it was read)
            self.found.update(self.resource.load_existing({key}))
            self.keys_loaded.add(key)
        return self.found.get(key)

    def _load_next_batch(self):
        headers = self.dataset.headers
        end = min(self.next_row + BATCH_SIZE, len(self.dataset))
        rows = (dict(zip(headers, self.dataset[index], strict=False)) for index in range(self.next_row, end))
        keys = {self.resource.lookup_key(row) for row in rows}
        keys.discard(None)
        self.next_row = end
        self.keys_loaded = keys
        self.found = self.resource.load_existing(keys) if keys else {}


def stored_value(instance, attribute: str):
    """The value behind a resource field's attribute ("participant__country" follows the relation);
    a foreign key gives its column (series_id), without reading the related record."""
    *path, name = attribute.split("__")
    target = instance
    for step in path:
        target = getattr(target, step, None)
        if target is None:
            return None
    with suppress(AttributeError, FieldDoesNotExist):  # not a model field: a resource's own attribute
        name = target._meta.get_field(name).attname
    return getattr(target, name, None)


class PreviewResult(results.Result):
    """Keeps the first PREVIEW_ROWS row results (and every error, as Result does): a preview of
    100,000 rows must not hold 100,000 row results."""

    def append_row_result(self, row_result):
        if len(self.rows) < PREVIEW_ROWS:
            super().append_row_result(row_result)


class ImportResource(resources.ModelResource):
    """The base of every resource: required columns, tidy cells, errors under column names, natural
    keys looked up in batches, and rows checked without a query each.

    A resource whose natural key is one column names it in Meta.import_id_fields; lookup_key() and
    load_existing() say how a key is compared (an email ignores case, say). Meta.use_bulk writes the
    rows of a batch together (resources whose rows also write other tables save row by row)."""

    required_columns: tuple[str, ...] = ()
    # A natural key compared without case (an email address, an organisation's name).
    key_ignores_case = False

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        batch_size = BATCH_SIZE
        # Unchanged rows are found by comparing each record's values before and after the row
        # (skip_row), which costs much less than import-export's per-row diff.
        skip_diff = True
        instance_loader_class = BatchedInstanceLoader

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        # A translation column (title_fr...): an empty cell is "not translated" (NULL), as the admin stores it.
        if isinstance(f, TranslationField):
            return TranslationWidget
        return super().widget_from_django_field(f, default)

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        if isinstance(django_field, TranslationField):
            return {}
        return super().widget_kwargs_for_field(field_name, django_field)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.row_of_key: dict = {}
        self.on_progress = None
        # (pk, text, created) of every record written, for the admin's history once the import is saved.
        self.written: list[tuple[int, str, bool]] = []

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

    def get_result_class(self):
        return PreviewResult

    def export_cells(self, *, native_types: bool) -> list:
        """A function per export column, from a record to its cell as export_field renders it, with
        what is the same on every row (the field's name, its dehydrate method) found once: an export
        of 300,000 rows would otherwise look them up for each of its millions of cells."""
        fields = self.get_export_fields()
        if type(self).export_field is not resources.ModelResource.export_field:
            # The resource renders some columns itself: every cell goes through it.
            return [functools.partial(self.export_field, field, force_native_type=native_types) for field in fields]
        cells = []
        for field in fields:
            dehydrate = field.get_dehydrate_method(self.get_field_name(field))
            method = dehydrate if callable(dehydrate) else getattr(self, dehydrate, None)
            cells.append(method or functools.partial(field.export, force_native_type=native_types))
        return cells

    def _check_import_id_fields(self, headers):
        # Natural keys may be derived (a slug from the title): only the required columns must be there.
        missing = self.missing_columns(headers)
        if missing:
            raise ValueError(f"The file has no column {', '.join(map(repr, missing))}.")

    # Natural keys -------------------------------------------------------------------------------

    def key_fields(self) -> list[Field]:
        return [self.fields[name] for name in self.get_import_id_fields()]

    def key_field(self) -> Field | None:
        """The natural key's one column, when it has one (not a currency and a month)."""
        fields = self.key_fields()
        return fields[0] if len(fields) == 1 else None

    def lookup_key(self, row) -> object | None:
        """The natural key of a row, comparable with load_existing()'s keys (a value, or a tuple for
        a key of several columns); None when the row has none (a new record) or it cannot be read
        (the row's own check reports that)."""
        fields = self.key_fields()
        values = []
        for field in fields:
            value = row.get(field.column_name)
            if value is None or (isinstance(value, str) and not value.strip()):
                return None
            cell = unescape_formula(value.strip()) if isinstance(value, str) else value
            try:
                values.append(self.normalised_key(field.clean({field.column_name: cell})))
            except (ValueError, ValidationError):
                return None
        if not values:
            return None
        return values[0] if len(values) == 1 else tuple(values)

    def normalised_key(self, value):
        if self.key_ignores_case and isinstance(value, str):
            return value.strip().lower()
        return value

    def load_existing(self, keys: set) -> dict:
        """The existing records of `keys`, by key: one query (on LOWER(column) when the key ignores
        case, which a functional index can serve). A key of several columns is looked up by each
        column's values, then matched whole."""
        attributes = [field.attribute for field in self.key_fields()]
        records = self.get_queryset()
        if len(attributes) > 1:
            columns = list(zip(*keys, strict=True))
            records = records.filter(
                **{f"{attribute}__in": set(values) for attribute, values in zip(attributes, columns, strict=True)}
            )
            found = {tuple(getattr(record, attribute) for attribute in attributes): record for record in records}
            return {key: record for key, record in found.items() if key in keys}
        (attribute,) = attributes
        if self.key_ignores_case:
            records = records.alias(natural_key=Lower(attribute)).filter(natural_key__in=keys)
        else:
            records = records.filter(**{f"{attribute}__in": keys})
        return {self.normalised_key(getattr(record, attribute)): record for record in records}

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

    # Rows ----------------------------------------------------------------------------------------

    def before_import_row(self, row, **kwargs):
        self.current_row_number = kwargs.get("row_number")
        for column, value in list(row.items()):
            if isinstance(value, str):
                row[column] = unescape_formula(value.strip())

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        instance.values_before_import = None if new else self.compared_values(instance, row, as_imported=False)

    def compared_values(self, instance, row, *, as_imported: bool) -> dict:
        """What a row may change on a record: its imported fields; for many-to-many ones the related
        ids the row names (as_imported) or those the record has now."""
        values = {}
        for field in self.get_import_fields():
            if field.readonly or not field.attribute:
                continue
            if not isinstance(field.widget, widgets.ManyToManyWidget):
                values[field.attribute] = stored_value(instance, field.attribute)
            elif field.column_name in row:
                related = field.clean(row) if as_imported else getattr(instance, field.attribute).all()
                values[field.attribute] = set(related.values_list("pk", flat=True))
        return values

    def skip_row(self, instance, original, row, import_validation_errors=None):
        before = getattr(instance, "values_before_import", None)
        if before is None or import_validation_errors:
            return False  # a new record is always created, even when its values look like defaults
        return self.compared_values(instance, row, as_imported=True) == before

    def checked_by_widgets(self, related: bool = False) -> list[str]:
        """Model fields the resource's widgets already limit to valid choices (with `related`, also
        those of related records, such as "participant__country")."""
        return [
            field.attribute
            for field in self.get_import_fields()
            if field.attribute
            and ("__" not in field.attribute or related)
            and isinstance(field.widget, ChoiceCheckingWidget)
        ]

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's own checks, but none that queries the database for each row: uniqueness of
        the natural key is kept by the batched look-up and the check below, and the database keeps
        the rest when the rows are written."""
        errors = dict(import_validation_errors or {})
        self.check_key_is_new_in_this_file(instance, errors)
        if self._meta.clean_model_instances:
            try:
                instance.full_clean(
                    exclude=[*errors.keys(), *self.checked_by_widgets()],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def file_key_of(self, instance) -> object | None:
        """The natural key of an instance as it will be saved, to find the same record twice in a file."""
        values = [self.normalised_key(stored_value(instance, field.attribute)) for field in self.key_fields()]
        if not values or any(value in (None, "") for value in values):
            return None
        return values[0] if len(values) == 1 else tuple(values)

    def key_column(self) -> str:
        fields = self.key_fields()
        return fields[0].column_name if len(fields) == 1 else NON_FIELD_ERRORS

    def check_key_is_new_in_this_file(self, instance, errors) -> None:
        key = self.file_key_of(instance)
        if key is None:
            return
        earlier = self.row_of_key.setdefault(key, self.current_row_number)
        if earlier != self.current_row_number:
            column = self.key_column()
            errors.setdefault(column, []).append(
                f"Row {row_number(earlier)} already has this {column}: each record once per file."
            )

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        number = kwargs.get("row_number", 0)
        if self.on_progress is not None and number % BATCH_SIZE == 0:
            self.on_progress(number)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        if not self._meta.use_bulk:
            self.written.append((instance.pk, str(instance), instance.values_before_import is None))

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        created = list(self.create_instances)
        super().bulk_create(using_transactions, dry_run, raise_errors, batch_size=batch_size, result=result)
        self.written.extend((instance.pk, str(instance), True) for instance in created if instance.pk)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        updated = list(self.update_instances)
        super().bulk_update(using_transactions, dry_run, raise_errors, batch_size=batch_size, result=result)
        self.written.extend((instance.pk, str(instance), False) for instance in updated)

    def get_bulk_update_fields(self):
        # import-export lists its own field names; bulk_update needs the model's.
        id_attributes = {self.fields[name].attribute for name in self.get_import_id_fields()}
        return [
            field.attribute
            for field in self.get_import_fields()
            if field.attribute
            and not field.readonly
            and "__" not in field.attribute
            and field.attribute not in id_attributes
            and not isinstance(field.widget, widgets.ManyToManyWidget)
        ]


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
