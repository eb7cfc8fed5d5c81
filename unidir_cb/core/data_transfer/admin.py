"""Import and export in the staff admin, for any ModelAdmin that puts ImportExportAdminMixin first
among its bases and names its resources.

Import: the file is uploaded and its headings checked on the form; a report job previews it (a dry
run: every row checked, nothing saved) and the preview page shows the totals, the first rows and
every error; confirming starts a second job that imports it, all or nothing. Export: a report job
writes the list as it is filtered, as CSV or XLSX, for download from the job's page. No web request
waits on rows; with Celery eager (the demo) the jobs run before the page answers.
"""

from django.contrib import messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from ..models import DataImport
from ..reporting import services as report_services
from ..reporting.models import ReportJob
from .engine import ImportOutcome
from .exports import EXPORT_FORMATS
from .forms import EXPORT_KIND, IMPORT_KIND, ExportForm, ImportUploadForm, headings_refusal

ERRORS_PER_PAGE = 100


class ImportExportAdminMixin:
    """Import (previewed, then confirmed) and export (filtered like the list) for a ModelAdmin."""

    resource_classes: list = []
    import_export_formats = ("csv", "xlsx")
    import_form_class = ImportUploadForm
    # Other permissions an import needs, e.g. to create the participants of an attendee list.
    extra_import_permissions: tuple[str, ...] = ()
    change_list_template = "admin/data_transfer/change_list.html"

    # What is imported and exported ---------------------------------------------------------------

    def get_import_resource_classes(self, request=None) -> list:
        return list(self.resource_classes)

    def get_export_resource_classes(self, request) -> list:
        return list(self.resource_classes)

    def import_resource_kwargs(self, options: dict) -> dict:
        """Resource arguments from the import's options (see ImportUploadForm.import_options)."""
        return {}

    def import_resource(self, options: dict):
        return self.get_import_resource_classes()[0](**self.import_resource_kwargs(options))

    def export_resource(self, request):
        return self.get_export_resource_classes(request)[0]()

    def check_headings(self, dataset) -> str:
        return headings_refusal(self.get_import_resource_classes()[0], dataset)

    def export_queryset(self, request):
        """The records of the list as the person filtered and searched it."""
        changelist = self.get_changelist_instance(request)
        return changelist.get_queryset(request)

    def export_row_estimate(self, queryset) -> int:
        # The list's own paginator: an estimate for a whole big table, an exact count when filtered.
        return self.paginator(queryset, 1).count

    # Who may ---------------------------------------------------------------------------------------

    def has_import_permission(self, request) -> bool:
        # An import creates and updates rows, so it needs both permissions.
        options = self.opts
        needed = [f"{options.app_label}.{get_permission_codename(action, options)}" for action in ("add", "change")]
        return request.user.has_perms([*needed, *self.extra_import_permissions])

    def has_export_permission(self, request) -> bool:
        return self.has_view_permission(request)

    # Pages -----------------------------------------------------------------------------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_view), name=f"{prefix}_import"),
            path("import/<int:pk>/", wrap(self.import_preview_view), name=f"{prefix}_import_preview"),
            path("import/<int:pk>/confirm/", wrap(self.import_confirm_view), name=f"{prefix}_import_confirm"),
            path("export/", wrap(self.export_view), name=f"{prefix}_export"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "may_import": self.has_import_permission(request),
            "may_export": self.has_export_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def _context(self, request, title, **context):
        return {**self.admin_site.each_context(request), "title": title, "opts": self.opts, **context}

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.import_form_class(
            request.POST or None,
            request.FILES or None,
            formats=self.import_export_formats,
            resource_class=self.get_import_resource_classes()[0],
        )
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["import_file"]
            with transaction.atomic():
                data_import = DataImport.objects.create(
                    target=self.opts.label_lower,
                    options=form.import_options(),
                    file=upload,
                    file_name=upload.name,
                    file_format=form.cleaned_data["format"],
                    uploaded_by=request.user,
                )
                job = self._start_import_job(request, data_import, dry_run=True)
                data_import.preview_job = job
                data_import.save(update_fields=["preview_job", "updated_at"])
            return self._follow(job, self._preview_url(data_import))
        context = self._context(
            request, f"Import {self.opts.verbose_name_plural}", form=form, required=self._required_columns()
        )
        return TemplateResponse(request, "admin/data_transfer/import.html", context)

    def _required_columns(self):
        return self.get_import_resource_classes()[0].required_columns

    def _start_import_job(self, request, data_import, *, dry_run):
        return report_services.start_report_job(
            IMPORT_KIND, {"data_import": data_import.pk, "dry_run": dry_run}, requested_by=request.user
        )

    def _preview_url(self, data_import) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import_preview", args=[data_import.pk])

    def _follow(self, job, finished_url):
        """The job's live progress page; straight to the outcome when the job has already finished
        (Celery eager, or a small file)."""
        job.refresh_from_db(fields=["status"])
        return redirect(finished_url if job.is_finished else job.get_absolute_url())

    def _own_import(self, request, pk) -> DataImport:
        if not self.has_import_permission(request):
            raise PermissionDenied
        imports = DataImport.objects.filter(target=self.opts.label_lower).select_related("preview_job", "confirm_job")
        if not request.user.is_superuser:
            imports = imports.filter(uploaded_by=request.user)
        return get_object_or_404(imports, pk=pk)

    def import_preview_view(self, request, pk):
        data_import = self._own_import(request, pk)
        job = data_import.confirm_job or data_import.preview_job
        if not job.is_finished:
            return redirect(job.get_absolute_url())
        confirming = job == data_import.confirm_job
        if job.status == ReportJob.Status.FAILED:
            outcome = ImportOutcome.refused_file(job.error, dry_run=not confirming)
        else:
            outcome = ImportOutcome.from_json(job.result["import"])
        errors = Paginator(outcome.errors, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
        context = self._context(
            request,
            f"Import {data_import.file_name}",
            data_import=data_import,
            outcome=outcome,
            errors=errors,
            confirming=confirming,
            may_confirm=outcome.succeeded and not confirming,
            import_url=reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import"),
            changelist_url=reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"),
        )
        return TemplateResponse(request, "admin/data_transfer/preview.html", context)

    def import_confirm_view(self, request, pk):
        if request.method != "POST":
            raise Http404
        with transaction.atomic():
            data_import = self._own_import(request, pk)
            data_import = DataImport.objects.select_for_update().get(pk=data_import.pk)
            preview = data_import.preview_job
            previewed = preview is not None and preview.status == ReportJob.Status.SUCCEEDED
            if not previewed or not ImportOutcome.from_json(preview.result["import"]).succeeded:
                messages.error(request, "This file has not passed its preview: correct it and import it again.")
                return redirect(self._preview_url(data_import))
            if data_import.confirm_job is None:  # a second click (or a reload) starts nothing more
                data_import.confirm_job = self._start_import_job(request, data_import, dry_run=False)
                data_import.save(update_fields=["confirm_job", "updated_at"])
        return self._follow(data_import.confirm_job, self._preview_url(data_import))

    def export_view(self, request):
        if not self.has_export_permission(request):
            raise PermissionDenied
        query = request.GET.urlencode()
        estimate = self.export_row_estimate(self.export_queryset(request))
        form = ExportForm(request.POST or None, formats=EXPORT_FORMATS, row_estimate=estimate)
        if request.method == "POST" and form.is_valid():
            job = report_services.start_report_job(
                EXPORT_KIND,
                {"model": self.opts.label_lower, "format": form.cleaned_data["format"], "query": query},
                requested_by=request.user,
            )
            return redirect(job.get_absolute_url())
        context = self._context(request, f"Export {self.opts.verbose_name_plural}", form=form, rows=estimate)
        return TemplateResponse(request, "admin/data_transfer/export.html", context)
