"""The forms of imports and exports: the admin's upload and export pages, and the parameters of
their report jobs."""

from django import forms
from django.conf import settings

from ..reporting.forms import ReportParametersForm
from .exports import XLSX_MAX_ROWS
from .files import FORMAT_NAMES, ImportFileError, check_extension, check_upload_size, human_size, read_dataset

IMPORT_KIND = "data_import"
EXPORT_KIND = "data_export"


class ImportUploadForm(forms.Form):
    """The file and its format; the headings are checked here, the rows by the preview job."""

    import_file = forms.FileField(label="File")
    format = forms.ChoiceField(label="Format")

    def __init__(self, *args, formats, resource_class, **kwargs):
        super().__init__(*args, **kwargs)
        self.formats = formats
        self.resource_class = resource_class
        self.fields["format"].choices = [(name, FORMAT_NAMES[name]) for name in formats]
        limit = human_size(settings.IMPORT_FILE_MAX_BYTES)
        rows = settings.IMPORT_MAX_ROWS
        self.fields["import_file"].help_text = (
            f"CSV in UTF-8 or an Excel .xlsx workbook, up to {limit} and {rows:,} rows; "
            "the first row holds the column headings."
        )

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            check_upload_size(upload.size)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload

    def clean(self):
        cleaned_data = super().clean()
        upload, file_format = cleaned_data.get("import_file"), cleaned_data.get("format")
        if not upload or not file_format:
            return cleaned_data
        try:
            check_extension(upload.name, file_format, self.formats)
        except ImportFileError as error:
            self.add_error("format", str(error))
            return cleaned_data
        try:
            upload.seek(0)
            first_rows = read_dataset(upload, file_format, max_rows=1)
        except ImportFileError as error:
            self.add_error("import_file", str(error))
            return cleaned_data
        finally:
            upload.seek(0)
        refused = headings_refusal(self.resource_class, first_rows)
        if refused:
            self.add_error("import_file", refused)
        return cleaned_data

    def import_options(self) -> dict:
        """What the job needs besides the file (a subclass adds, e.g., the event of an attendee list)."""
        return {}


def headings_refusal(resource_class, dataset) -> str:
    if not dataset.headers:
        return "The file is empty: there are no column headings and no rows."
    missing = resource_class.missing_columns(dataset.headers)
    if missing:
        return (
            f"The file has no column {', '.join(repr(column) for column in missing)} "
            f"(required columns: {', '.join(resource_class.required_columns)})."
        )
    if not len(dataset):
        return "The file has column headings but no rows to import."
    return ""


class ExportForm(forms.Form):
    format = forms.ChoiceField(label="Format")

    def __init__(self, *args, formats, row_estimate: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_estimate = row_estimate
        choices = [(name, FORMAT_NAMES[name]) for name in formats]
        if row_estimate >= XLSX_MAX_ROWS:
            # A worksheet holds 1,048,576 rows, the headings included.
            choices = [choice for choice in choices if choice[0] != "xlsx"]
            self.fields["format"].help_text = (
                f"About {row_estimate:,} rows: more than a worksheet holds, so CSV only "
                "(Excel and LibreOffice open it)."
            )
        self.fields["format"].choices = choices


class ImportJobForm(ReportParametersForm):
    data_import = forms.IntegerField(min_value=1)
    dry_run = forms.BooleanField(required=False)

    def to_parameters(self) -> dict:
        return {"data_import": self.cleaned_data["data_import"], "dry_run": self.cleaned_data["dry_run"]}


class ExportJobForm(ReportParametersForm):
    model = forms.CharField(max_length=100)
    format = forms.ChoiceField(choices=[(name, FORMAT_NAMES[name]) for name in FORMAT_NAMES])
    query = forms.CharField(required=False, max_length=2000)

    def to_parameters(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("model", "format", "query")}
