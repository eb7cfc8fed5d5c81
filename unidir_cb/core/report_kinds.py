"""The kernel's own kinds of report job: importing a file and exporting a list (data_transfer/).
They run for any member of staff; the admin pages that start them, and the jobs themselves, check
the person's permissions on the model."""

from django.utils.translation import gettext_lazy as _

from .data_transfer.forms import EXPORT_KIND, IMPORT_KIND, ExportJobForm, ImportJobForm
from .reporting import registry


class DataImportKind(registry.ReportKind):
    name = IMPORT_KIND
    label = _("Import")
    description = _("A file imported into the records: previewed first, then confirmed, all rows or none.")
    form_class = ImportJobForm
    required_permissions = ()
    produces_files = False
    builds_in_one_transaction = True
    can_be_rerun = False
    next_page_label = _("See what the file holds, and what was done")

    def can_run(self, user) -> bool:
        return user.is_active and user.is_staff

    def describe(self, parameters) -> str:
        if not isinstance(parameters, dict):
            return super().describe(parameters)
        return f"{'preview' if parameters.get('dry_run') else 'import'} of upload #{parameters.get('data_import')}"

    def build(self, job, progress):
        from .data_transfer.jobs import build_import

        return build_import(job, self.validate(job.parameters), progress)

    def next_page(self, job) -> str:
        from .data_transfer.jobs import import_page_url
        from .models import DataImport

        data_import = DataImport.objects.filter(pk=(job.parameters or {}).get("data_import")).first()
        return import_page_url(data_import) if data_import else ""

    def on_success(self, job) -> None:
        from .data_transfer.jobs import forget_imported_file

        forget_imported_file(job)


class DataExportKind(registry.ReportKind):
    name = EXPORT_KIND
    label = _("Export")
    description = _("A list of records, filtered as on its admin page, as CSV or XLSX.")
    form_class = ExportJobForm
    required_permissions = ()

    def can_run(self, user) -> bool:
        return user.is_active and user.is_staff

    def describe(self, parameters) -> str:
        if not isinstance(parameters, dict):
            return super().describe(parameters)
        query = f" ({parameters['query']})" if parameters.get("query") else ""
        return f"{parameters.get('model', '?')} as {str(parameters.get('format', '?')).upper()}{query}"

    def build(self, job, progress):
        from .data_transfer.jobs import build_export

        return build_export(job, self.validate(job.parameters), progress)


registry.register(DataImportKind())
registry.register(DataExportKind())
