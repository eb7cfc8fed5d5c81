"""Admin actions of the mapping exercises (kept apart from admin.py, which other features share)."""

from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join

from unidir_cb.core.reporting import registry
from unidir_cb.core.reporting import services as report_services
from unidir_cb.core.reporting.models import ReportJob

REPORT_KIND = "mapping_submission"


@admin.action(description="Compile submission (new version, DOCX and PDF)", permissions=["run_reports"])
def compile_submission(modeladmin, request, queryset):
    """One report job per selected exercise; each compiles a new version and renders the letter."""
    started, failed = [], []
    for exercise in queryset.order_by("reference"):
        job = report_services.start_report_job(REPORT_KIND, {"exercise": exercise.reference}, requested_by=request.user)
        (failed if job.status == ReportJob.Status.FAILED else started).append((exercise, job))
    if started:
        modeladmin.message_user(
            request,
            format_html(
                "Compiling: {}. Follow the progress and download the letters on the report pages.",
                format_html_join(
                    ", ",
                    '<a href="{}">{} (report #{})</a>',
                    ((job.get_absolute_url(), exercise, job.pk) for exercise, job in started),
                ),
            ),
            messages.SUCCESS,
        )
    for exercise, job in failed:
        modeladmin.message_user(request, f"{exercise}: not compiled. {job.error}", messages.WARNING)


class CompileSubmissionActionMixin:
    """Adds the action to MappingExerciseAdmin; only people who may run reports see it."""

    actions = [compile_submission]

    def has_run_reports_permission(self, request):
        return request.user.has_perm(registry.RUN_REPORTS_PERMISSION)
