"""Staff pages: past runs, a form per kind of report, live progress, downloads.

All need a login and programmes.run_reports (403 without); a job is only reachable through
selectors.report_jobs_visible_to, so another person's job is a 404, files included."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from unidir_cb.core import outbox

from . import registry, selectors, services
from .models import ReportFile, ReportJob

JOBS_PER_PAGE = 50


def staff_who_run_reports(view):
    return login_required(permission_required(registry.RUN_REPORTS_PERMISSION, raise_exception=True)(view))


# A job's own pages: whoever may see the job (and run its kind: an import is any staff member's).
job_viewers = login_required


def _visible_job(request, pk) -> ReportJob:
    job = get_object_or_404(selectors.report_jobs_visible_to(request.user), pk=pk)
    kind = registry.find_kind(job.kind)
    if kind is not None and not kind.can_run(request.user):
        raise PermissionDenied  # e.g. a donor report after its requester lost access to the money
    return job


def _may_run(request, name) -> bool:
    kind = registry.find_kind(name)
    return kind is not None and kind.can_run(request.user)


def _kind_the_user_may_run(request, name) -> registry.ReportKind:
    kind = registry.find_kind(name)
    if kind is None:
        raise Http404("No such report.")
    if not kind.can_run(request.user):
        raise PermissionDenied
    return kind


@require_GET
@staff_who_run_reports
def job_list(request):
    page = Paginator(selectors.report_jobs_for_list(request.user), JOBS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [(job, *_label_and_summary(job)) for job in page]
    kinds = [kind for kind in registry.all_kinds() if kind.can_run(request.user)]
    return render(request, "reporting/job_list.html", {"page": page, "rows": rows, "kinds": kinds})


@require_http_methods(["GET", "POST"])
@staff_who_run_reports
def start_report(request, kind):
    report_kind = _kind_the_user_may_run(request, kind)
    form = report_kind.form_class(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        job = services.start_report_job(
            report_kind.name, report_kind.parameters_from_form(form), requested_by=request.user
        )
        return redirect("reporting:job_detail", pk=job.pk)
    return render(request, "reporting/start_report.html", {"kind": report_kind, "form": form})


def _next_page(job: ReportJob) -> str:
    kind = registry.find_kind(job.kind)
    return kind.next_page(job) if kind is not None and job.is_finished else ""


@require_GET
@job_viewers
def job_detail(request, pk):
    job = _visible_job(request, pk)
    kind = registry.find_kind(job.kind)
    return render(
        request,
        "reporting/job_detail.html",
        {
            "job": job,
            "label_and_summary": _label_and_summary(job),
            "may_run": _may_run(request, job.kind) and kind.can_be_rerun,
            "files": _files_of(job),
            "produces_files": kind is None or kind.produces_files,
            "next_page": _next_page(job),
            "next_page_label": kind.next_page_label if kind else "",
            "may_list_reports": request.user.has_perm(registry.RUN_REPORTS_PERMISSION),
            "progress_message": _progress_message(job),
            "retention_days": settings.REPORT_FILE_RETENTION_DAYS,
        },
    )


@never_cache
@require_GET
@job_viewers
def job_status(request, pk):
    """What the job page polls every second while the job runs."""
    job = _visible_job(request, pk)
    return JsonResponse(
        {
            "id": job.pk,
            "status": job.status,
            "status_label": job.get_status_display(),
            "progress": job.progress,
            "progress_message": _progress_message(job),
            "finished": job.is_finished,
            "next_page": _next_page(job),
            "error": job.error,
            "started_at": _local_time(job.started_at),
            "finished_at": _local_time(job.finished_at),
            "files": [
                {
                    "format": report_file.format,
                    "label": report_file.get_format_display(),
                    "filename": report_file.filename,
                    "size": filesizeformat(report_file.size),
                    "url": report_file.get_absolute_url(),
                }
                for report_file in _files_of(job)
            ],
        }
    )


@require_POST
@staff_who_run_reports
def rerun_job(request, pk):
    job = _visible_job(request, pk)
    kind = _kind_the_user_may_run(request, job.kind)
    try:
        new_job = services.rerun_report_job(job, requested_by=request.user)
    except services.ReportJobError as error:
        messages.error(request, str(error))
        return redirect("reporting:job_detail", pk=job.pk)
    messages.success(
        request, _("%(report)s started again as report #%(number)s.") % {"report": kind.label, "number": new_job.pk}
    )
    return redirect("reporting:job_detail", pk=new_job.pk)


@require_GET
@job_viewers
def download_file(request, pk, file_format):
    job = _visible_job(request, pk)
    if job.status != ReportJob.Status.SUCCEEDED:
        raise Http404("This report has no files yet.")
    report_file = get_object_or_404(ReportFile, job=job, format=file_format)
    response = FileResponse(
        report_file.file.open("rb"),
        as_attachment=True,
        filename=report_file.filename,
        content_type=report_file.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _progress_message(job: ReportJob) -> str:
    if job.status == ReportJob.Status.QUEUED and outbox.is_waiting_for_the_broker(job.celery_task_id):
        return _("The task queue cannot be reached; the report starts as soon as it answers.")
    return job.progress_message


def _local_time(moment) -> str:
    return date_format(timezone.localtime(moment), "Y-m-d H:i:s") if moment else "—"


def _label_and_summary(job: ReportJob) -> tuple[str, str]:
    kind = registry.find_kind(job.kind)
    if kind is None:  # a kind removed from the code since the job ran
        return job.kind, ""
    return kind.label, kind.describe(job.parameters)


def _files_of(job: ReportJob) -> list[ReportFile]:
    if job.status != ReportJob.Status.SUCCEEDED:
        return []
    return list(job.files.order_by("format"))
