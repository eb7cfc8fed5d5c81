"""Staff pages for replies to mapping exercises: the exercises, and for each the review page of a
submission version (edit, reorder, approve), its versions and rendered files, and buttons that
start the "mapping_submission" report job. Plain forms: everything works without JavaScript.

Reviewing needs programmes.run_reports (management) or programmes.change_mappingsubmission
(programme staff); starting a report job needs what the report kind asks (run_reports), because
its progress page does."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from programmes import services
from programmes.models import MappingExercise, MappingSubmission
from unidir_cb.core.reporting import registry
from unidir_cb.core.reporting import selectors as report_selectors
from unidir_cb.core.reporting import services as report_services
from unidir_cb.core.reporting.models import ReportFile

from .compiler import group_blocks, letter_blocks
from .review import review_sections, sections_from_post

REPORT_KIND = "mapping_submission"
REVIEW_PERMISSIONS = (registry.RUN_REPORTS_PERMISSION, "programmes.change_mappingsubmission")
RENDERED_FORMATS = (ReportFile.Format.DOCX, ReportFile.Format.PDF, ReportFile.Format.HTML)


def may_review(user) -> bool:
    return any(user.has_perm(permission) for permission in REVIEW_PERMISSIONS)


def reviewers_only(view):
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not may_review(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(checked)


def _may_run_report(user) -> bool:
    kind = registry.find_kind(REPORT_KIND)
    return kind is not None and kind.can_run(user)


def _exercise(pk) -> MappingExercise:
    return get_object_or_404(MappingExercise.objects.select_related("programme", "requesting_entity"), pk=pk)


@require_GET
@reviewers_only
def exercise_list(request):
    exercises = (
        MappingExercise.objects.select_related("programme", "requesting_entity")
        .annotate(latest_version=Max("submissions__version"), version_count=Count("submissions"))
        .order_by("-period_end", "reference")
    )
    return render(request, "reports/mapping_exercise_list.html", {"exercises": exercises})


@require_http_methods(["GET", "POST"])
@reviewers_only
def review_submission(request, exercise_pk, version=None):
    exercise = _exercise(exercise_pk)
    versions = list(
        exercise.submissions.select_related("approved_by", "report_job__requested_by")
        .prefetch_related(
            Prefetch("rendering_job__files", queryset=ReportFile.objects.only("job_id", "format", "filename"))
        )
        .order_by("-version")
    )
    if version is None:
        submission = versions[0] if versions else None
    else:
        submission = next((candidate for candidate in versions if candidate.version == version), None)
        if submission is None:
            raise Http404(f"{exercise.reference} has no version {version}.")
    error = ""
    if request.method == "POST":
        if submission is None:
            raise Http404("There is no version to save yet.")
        if request.POST.get("loaded_at") != submission.updated_at.isoformat():
            messages.warning(
                request,
                f"Version {submission.version} was changed by someone else while you edited it; "
                "your changes were not saved. Here is the version as it is now.",
            )
            return redirect("mapping:review_version", exercise_pk=exercise.pk, version=submission.version)
        try:
            saved = services.save_submission_edits(submission, sections_from_post(submission.sections, request.POST))
        except ValidationError as validation_error:
            error = " ".join(validation_error.messages)
        else:
            if saved.pk == submission.pk:
                messages.success(request, f"Version {saved.version} saved.")
            else:
                messages.success(
                    request,
                    f"Version {submission.version} is {submission.get_status_display().lower()} and stays as it "
                    f"was: your changes are saved as a new draft, version {saved.version}.",
                )
            return redirect("mapping:review_version", exercise_pk=exercise.pk, version=saved.version)
    context = {
        "exercise": exercise,
        "submission": submission,
        "error": error,
        "version_rows": [_version_row(request.user, candidate) for candidate in versions],
        "may_run_report": _may_run_report(request.user),
    }
    if submission is not None:
        context |= {
            "is_latest": submission.pk == versions[0].pk,
            "editable": submission.status in services.EDITABLE_STATUSES,
            "review_sections": review_sections(submission.sections),
            "preview_blocks": group_blocks(letter_blocks(submission.sections)),
            "signatory": submission.sections.get("signatory", {}),
        }
    return render(request, "reports/mapping_review.html", context)


def _version_row(user, submission: MappingSubmission) -> dict:
    job = submission.report_job
    job_visible = job is not None and report_selectors.may_see_job(user, job)
    rendered = _rendered_files(submission)
    return {
        "submission": submission,
        "files": [
            (ReportFile.Format(file_format).label, file_format)
            for file_format in RENDERED_FORMATS
            if file_format in rendered
        ],
        # The build names a draft's files as drafts (see MappingSubmission.rendering_filename).
        "signed": bool(rendered)
        and all(
            filename == submission.rendering_filename(file_format, signed=True)
            for file_format, filename in rendered.items()
        ),
        "job": job if job_visible else None,
    }


def _rendered_files(submission: MappingSubmission) -> dict[str, str]:
    job = submission.rendering_job
    return {report_file.format: report_file.filename for report_file in job.files.all()} if job else {}


@require_POST
@reviewers_only
def approve_version(request, exercise_pk, version):
    # Programme staff prepare the letter; approving what goes out is management's decision.
    if not _may_run_report(request.user):
        raise PermissionDenied
    submission = get_object_or_404(
        MappingSubmission.objects.select_related("exercise"), exercise_id=exercise_pk, version=version
    )
    try:
        services.approve_submission(submission, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("mapping:review_version", exercise_pk=exercise_pk, version=version)
    # Every rendering before approval is an unsigned draft: the signed letter is rendered now, and its
    # job page follows the progress up to the download.
    job = report_services.start_report_job(
        REPORT_KIND,
        {"exercise": submission.exercise.reference, "submission_version": submission.version},
        requested_by=request.user,
    )
    messages.success(request, f"Version {version} approved: the signed letter is being rendered.")
    return redirect(job.get_absolute_url())


def _start_report(request, parameters: dict):
    if not _may_run_report(request.user):
        raise PermissionDenied
    job = report_services.start_report_job(REPORT_KIND, parameters, requested_by=request.user)
    return redirect(job.get_absolute_url())


@require_POST
@reviewers_only
def compile_submission(request, exercise_pk):
    """A new version compiled from the data by the report job; its page follows the progress."""
    exercise = _exercise(exercise_pk)
    return _start_report(request, {"exercise": exercise.reference})


@require_POST
@reviewers_only
def render_version(request, exercise_pk, version):
    """The reviewed version rendered as it stands (DOCX, PDF, HTML) by the report job."""
    submission = get_object_or_404(
        MappingSubmission.objects.select_related("exercise"), exercise_id=exercise_pk, version=version
    )
    return _start_report(request, {"exercise": submission.exercise.reference, "submission_version": submission.version})


@require_GET
@reviewers_only
def download_rendering(request, exercise_pk, version, file_format):
    if file_format not in RENDERED_FORMATS:
        raise Http404("No such format.")
    submission = get_object_or_404(
        MappingSubmission.objects.select_related("exercise"), exercise_id=exercise_pk, version=version
    )
    stored = ReportFile.objects.filter(job_id=submission.rendering_job_id, format=file_format).first()
    if stored is None:
        raise Http404(f"Version {version} has not been rendered as {file_format.upper()} yet.")
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.filename,
        content_type=ReportFile.CONTENT_TYPES[file_format],
    )
    response["Cache-Control"] = "private, no-store"
    return response
