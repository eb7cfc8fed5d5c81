from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import registry, selectors, services
from .models import ReportFile, ReportJob


class ReportFileInline(admin.TabularInline):
    model = ReportFile
    fields = ["format", "download", "size", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(registry.RUN_REPORTS_PERMISSION) or super().has_view_permission(request, obj)

    @admin.display(description=_("file"))
    def download(self, report_file):
        return format_html('<a href="{}">{}</a>', report_file.get_absolute_url(), report_file.filename)


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    """Read-only history of report runs, with a re-run action. Jobs are started and followed on the
    report pages (/reports/); people who may run reports see their own runs here too."""

    list_display = [
        "id",
        "kind_label",
        "summary",
        "requested_by",
        "status",
        "progress",
        "attempts",
        "created_at",
        "finished_at",
    ]
    list_display_links = ["id", "kind_label"]
    list_filter = ["status", "kind"]
    list_select_related = ["requested_by"]
    search_fields = ["kind", "requested_by__email", "error"]
    date_hierarchy = "created_at"
    actions = ["rerun_selected_jobs"]
    inlines = [ReportFileInline]
    fields = [
        "kind",
        "parameters",
        "requested_by",
        "rerun_of",
        "status",
        "progress",
        "progress_message",
        "error",
        "attempts",
        "celery_task_id",
        "queued_at",
        "started_at",
        "heartbeat_at",
        "finished_at",
        "created_at",
        "updated_at",
        "page_link",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return selectors.report_jobs_visible_to(request.user) & super().get_queryset(request)

    def has_add_permission(self, request):
        return False  # jobs start from the report pages, where their parameters are checked

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(registry.RUN_REPORTS_PERMISSION) or super().has_view_permission(request, obj)

    def has_module_permission(self, request):
        return request.user.has_perm(registry.RUN_REPORTS_PERMISSION) or super().has_module_permission(request)

    def has_run_reports_permission(self, request):
        return request.user.has_perm(registry.RUN_REPORTS_PERMISSION)

    @admin.display(description=_("report"), ordering="kind")
    def kind_label(self, job):
        kind = registry.find_kind(job.kind)
        return kind.label if kind else job.kind

    @admin.display(description=_("parameters"))
    def summary(self, job):
        kind = registry.find_kind(job.kind)
        return kind.describe(job.parameters) if kind else ""

    @admin.display(description=_("progress page"))
    def page_link(self, job):
        return format_html('<a href="{}">{}</a>', job.get_absolute_url(), _("Follow progress and download"))

    @admin.action(description=_("Re-run the selected reports"), permissions=["run_reports"])
    def rerun_selected_jobs(self, request, queryset):
        started, refused = [], []
        for job in queryset:
            kind = registry.find_kind(job.kind)
            if kind is None or not kind.can_run(request.user):
                refused.append(f"#{job.pk}: you may not run this report")
                continue
            try:
                started.append(services.rerun_report_job(job, requested_by=request.user))
            except services.ReportJobError as error:
                refused.append(f"#{job.pk}: {error}")
        if started:
            numbers = ", ".join(f"#{job.pk}" for job in started)
            self.message_user(request, _("Started again as %(numbers)s.") % {"numbers": numbers}, messages.SUCCESS)
        for reason in refused:
            self.message_user(request, reason, messages.WARNING)
