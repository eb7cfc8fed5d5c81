"""Operations on mapping submissions: number a new version, let staff edit it, approve, send.
(Compiling a version from the data reads every domain app: that is reports.services.)

Each compilation creates a new version; earlier versions are kept untouched, so what was sent can
always be found again."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from unidir_cb.core.reporting import services as report_services

from .models import MappingExercise, MappingSubmission
from .sections import validate_sections

Status = MappingSubmission.Status
EDITABLE_STATUSES = (Status.DRAFT, Status.COMPILED)
# Versions whose rendered letter is kept for good (a draft's files go after REPORT_FILE_RETENTION_DAYS).
KEPT_STATUSES = (Status.APPROVED, Status.SENT)


def create_next_version(exercise: MappingExercise, **fields) -> MappingSubmission:
    """A new submission numbered after the exercise's latest; call inside a transaction.

    The lock on the exercise serialises versions: two compilations or edits at once get two numbers."""
    MappingExercise.objects.select_for_update().only("pk").get(pk=exercise.pk)
    latest_version = exercise.submissions.aggregate(latest=Max("version"))["latest"] or 0
    return MappingSubmission.objects.create(
        exercise=exercise, version=latest_version + 1, letter_date=timezone.localdate(), **fields
    )


@transaction.atomic
def update_submission_sections(submission: MappingSubmission, sections: dict) -> MappingSubmission:
    submission = MappingSubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.status not in EDITABLE_STATUSES:
        status = submission.get_status_display().lower()
        raise ValidationError(f"Version {submission.version} is {status}: compile a new version to change it.")
    validate_sections(sections)
    submission.sections = sections
    submission.save(update_fields=["sections", "updated_at"])
    return submission


@transaction.atomic
def save_submission_edits(submission: MappingSubmission, sections: dict) -> MappingSubmission:
    """What the review page's "Save" does: a draft or compiled version is updated in place; an
    approved or sent version is never changed, so the edits become a new draft version instead."""
    submission = MappingSubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.status in EDITABLE_STATUSES:
        return update_submission_sections(submission, sections)
    validate_sections(sections)
    return create_next_version(
        submission.exercise,
        status=Status.DRAFT,
        sections=sections,
        signatory_name=submission.signatory_name,
        signatory_title=submission.signatory_title,
        compiled_at=submission.compiled_at,
    )


@transaction.atomic
def approve_submission(submission: MappingSubmission, approved_by) -> MappingSubmission:
    submission = MappingSubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.status not in EDITABLE_STATUSES:
        raise ValidationError(f"Version {submission.version} is already {submission.get_status_display().lower()}.")
    submission.status = Status.APPROVED
    submission.approved_by = approved_by
    submission.approved_at = timezone.now()
    submission.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    if submission.rendering_job_id:
        report_services.keep_files_of(submission.rendering_job)
    return submission


@transaction.atomic
def mark_submission_sent(submission: MappingSubmission) -> MappingSubmission:
    submission = MappingSubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.status != Status.APPROVED:
        raise ValidationError(f"Only an approved version can be sent; version {submission.version} is not approved.")
    submission.status = Status.SENT
    submission.sent_at = timezone.now()
    submission.save(update_fields=["status", "sent_at", "updated_at"])
    return submission


def record_rendering(submission: MappingSubmission, job) -> None:
    """From now on the version's letter is the files of `job` (stored once, as the job's). An approved
    version's letter is kept for good; a draft's goes with the retention rule of report files."""
    MappingSubmission.objects.filter(pk=submission.pk).update(rendering_job=job, updated_at=timezone.now())
    if MappingSubmission.objects.filter(pk=submission.pk, status__in=KEPT_STATUSES).exists():
        report_services.keep_files_of(job)
