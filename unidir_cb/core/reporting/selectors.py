"""Read queries: which report jobs a person sees."""

from django.db.models import Prefetch, Q, QuerySet

from . import registry
from .models import ReportFile, ReportJob

SEE_EVERYONES_JOBS_PERMISSION = "reporting.view_reportjob"


def report_jobs_visible_to(user) -> QuerySet[ReportJob]:
    """People see the reports they ran. Management (who hold reporting.view_reportjob) also see
    everyone's runs, scheduled ones included, of the kinds they may run themselves: a donor report
    shows amounts, so it stays hidden from whoever may not see them. Every page and download that
    shows a job goes through here, so the rule lives in one place."""
    jobs = ReportJob.objects.all()
    if user.is_superuser:
        return jobs
    if user.has_perm(SEE_EVERYONES_JOBS_PERMISSION):
        runnable = [kind.name for kind in registry.all_kinds() if kind.can_run(user)]
        return jobs.filter(Q(requested_by=user) | Q(kind__in=runnable))
    return jobs.filter(requested_by=user)


def may_see_job(user, job: ReportJob) -> bool:
    """report_jobs_visible_to for one job already in hand, without a query."""
    if user.is_superuser or job.requested_by_id == user.pk:
        return True
    if not user.has_perm(SEE_EVERYONES_JOBS_PERMISSION):
        return False
    kind = registry.find_kind(job.kind)
    return kind is not None and kind.can_run(user)


def report_jobs_for_list(user) -> QuerySet[ReportJob]:
    """Past runs with their requester and files: two queries whatever the number of rows."""
    return (
        report_jobs_visible_to(user)
        .select_related("requested_by")
        .prefetch_related(Prefetch("files", queryset=ReportFile.objects.order_by("format")))
    )
