"""Imports and exports as report jobs, so that no web request waits on rows: the same code runs in
a worker, in the web process when Celery is eager (the demo), and from `manage.py import_file` and
`export_file`.

The model admins are the registry: a model is importable and exportable when its ModelAdmin uses
ImportExportAdminMixin (admin.py), which names its resources and checks who may use them.
"""

import tempfile
from pathlib import Path

from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpRequest, QueryDict
from django.urls import reverse

from ..models import DataImport
from ..public_pages import public_content_changed
from ..reporting.models import ReportFile
from ..reporting.registry import BuildResult, ReportBuildError, ReportOutput
from .engine import ImportOutcome, import_dataset
from .exports import XLSX_MAX_ROWS, ExportTooLarge, write_export
from .files import ImportFileError, read_file
from .resources import BATCH_SIZE


def model_admin_for(label: str):
    """The ModelAdmin that declares a model's import and export, or ReportBuildError."""
    from django.apps import apps

    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise ReportBuildError(f"There is no model {label!r} to import into or export from.") from None
    model_admin = admin.site._registry.get(model)
    if model_admin is None or not hasattr(model_admin, "import_resource"):
        raise ReportBuildError(f"{model._meta.verbose_name_plural.capitalize()} cannot be imported or exported.")
    return model_admin


def request_as(user, query: str = ""):
    """A request of `user` for the changelist with `query`, so that an export in a worker applies
    the list's filters and the person's permissions exactly as the admin page did."""
    request = HttpRequest()
    request.method = "GET"
    request.GET = QueryDict(query)
    request.user = user if user is not None else AnonymousUser()
    return request


# Importing -----------------------------------------------------------------------------------------


def record_in_admin_history(user, model, written, file_name: str) -> None:
    """One entry per record in the admin's history ("Added"/"Changed", from which file), as a change
    made on its admin page would leave: written in batches, like the records."""
    from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(model)
    message = f"Imported from {file_name}"
    entries = (
        LogEntry(
            user_id=user.pk,
            content_type_id=content_type.pk,
            object_id=str(pk),
            object_repr=text[:200],
            action_flag=ADDITION if created else CHANGE,
            change_message=message,
        )
        for pk, text, created in written
    )
    LogEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)


def import_stream(
    model_admin, options: dict, stream, file_format: str, *, dry_run: bool, on_progress=None, user=None, file_name=""
):
    """Read a file and import it into the model of `model_admin` (or preview it, with dry_run): the
    one import path of the admin's jobs and of `manage.py import_file`. A refused file is an outcome
    with its message, like a refused row. on_progress(rows_done, rows)."""
    try:
        dataset = read_file(stream, file_format)
    except ImportFileError as error:
        return ImportOutcome.refused_file(str(error), dry_run=dry_run)
    refused = model_admin.check_headings(dataset)
    if refused:
        return ImportOutcome.refused_file(refused, dry_run=dry_run)
    resource = model_admin.import_resource(options)
    rows = len(dataset)
    outcome = import_dataset(
        resource, dataset, dry_run=dry_run, on_progress=(lambda done: on_progress(done, rows)) if on_progress else None
    )
    if outcome.saved:
        # Bulk writes send no signals: the public pages must still show what was imported.
        public_content_changed()
        if user is not None and user.pk:
            record_in_admin_history(user, model_admin.model, resource.written, file_name)
    return outcome


def run_import(data_import: DataImport, *, dry_run: bool, user, on_progress=None) -> ImportOutcome:
    """import_stream for an uploaded file, as the person who uploaded it may import."""
    model_admin = model_admin_for(data_import.target)
    if user is not None and not model_admin.has_import_permission(request_as(user)):
        raise ReportBuildError("The person who uploaded this file may no longer import it.")
    try:
        stream = data_import.file.open("rb")
    except (FileNotFoundError, ValueError):  # ValueError: the file field is empty
        return ImportOutcome.refused_file("The uploaded file is no longer kept: upload it again.", dry_run=dry_run)
    with stream:
        return import_stream(
            model_admin,
            data_import.options,
            stream,
            data_import.file_format,
            dry_run=dry_run,
            on_progress=on_progress,
            user=user,
            file_name=data_import.file_name,
        )


def build_import(job, values: dict, progress) -> BuildResult:
    data_import = DataImport.objects.get(pk=values["data_import"])
    verb = "Checking" if values["dry_run"] else "Importing"
    progress(5, f"{verb} {data_import.file_name}")

    def on_progress(done, rows):
        progress(5 + round(90 * done / max(rows, 1)), f"{verb} {data_import.file_name}: {done:,} of {rows:,} rows")

    outcome = run_import(data_import, dry_run=values["dry_run"], user=job.requested_by, on_progress=on_progress)
    return BuildResult(summary={"import": outcome.to_json()})


def forget_imported_file(job) -> None:
    """Once a confirmed import is recorded as done, its file (personal data) is no longer kept."""
    outcome = ImportOutcome.from_json(job.result["import"])
    if outcome.saved:
        data_import = DataImport.objects.filter(confirm_job=job).first()
        if data_import is not None and data_import.file:
            transaction.on_commit(lambda: data_import.file.delete(save=True))


def import_page_url(data_import: DataImport) -> str:
    app_label, model_name = data_import.target.split(".")
    return reverse(f"admin:{app_label}_{model_name}_import_preview", args=[data_import.pk])


# Exporting -----------------------------------------------------------------------------------------


def build_export(job, values: dict, progress) -> BuildResult:
    model_admin = model_admin_for(values["model"])
    request = request_as(job.requested_by, values.get("query", ""))
    if not model_admin.has_export_permission(request):
        raise ReportBuildError("The person who asked for this export may no longer export these records.")
    file_format = values["format"]
    queryset = model_admin.export_queryset(request)
    if file_format == "xlsx" and model_admin.export_row_estimate(queryset) >= XLSX_MAX_ROWS:
        raise ReportBuildError(
            f"These records are more than a worksheet holds ({XLSX_MAX_ROWS - 1:,} rows): export them as CSV."
        )
    resource = model_admin.export_resource(request)
    title = str(model_admin.model._meta.verbose_name_plural).capitalize()
    total = queryset.count()
    progress(5, f"Exporting {total:,} {title.lower()}")
    stem = values["model"].replace(".", "-")
    folder = Path(tempfile.mkdtemp(prefix="export-"))
    path = folder / f"{stem}.{file_format}"

    def on_progress(rows_done):
        progress(5 + round(90 * rows_done / max(total, 1)), f"Exported {rows_done:,} of {total:,} rows")

    try:
        rows = write_export(resource, queryset, file_format, path, title=title, on_progress=on_progress)
    except ExportTooLarge as error:
        raise ReportBuildError(str(error)) from None
    progress(96, f"Keeping the file ({rows:,} rows)")
    return BuildResult(
        outputs=[ReportOutput(ReportFile.Format(file_format), path.name, path=path)],
        summary={"rows": rows, "model": values["model"]},
    )
