"""Operations on mapping submissions: compile a new version, let staff edit it, approve, send.

Each compilation creates a new version; earlier versions are kept untouched, so what was sent can
always be found again."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .mapping import SECTION_ORDER, compile_mapping_sections, no_progress
from .models import MappingExercise, MappingSubmission

Status = MappingSubmission.Status
EDITABLE_STATUSES = (Status.DRAFT, Status.COMPILED)
TEXT_FIELDS = ("heading", "lead")
LIST_FIELDS = ("paragraphs", "bullets", "closing_paragraphs")


def compile_mapping_submission(
    exercise: MappingExercise,
    progress=no_progress,
    *,
    period_start=None,
    period_end=None,
    report_job=None,
) -> MappingSubmission:
    """Compile the exercise from the data into a new submission version (status "compiled").

    `period_start`/`period_end` replace the exercise's reporting period for this version only (the
    exercise itself is not changed); `report_job` records which report job compiled it.

    The sections are read outside a transaction on purpose: a report job's progress messages are
    written as the compilation goes, and inside one they would stay invisible (and the job row
    locked) until it ends. Only numbering and storing the version is one transaction."""
    exercise = MappingExercise.objects.select_related("programme").get(pk=exercise.pk)
    if period_start:
        exercise.period_start = period_start
    if period_end:
        exercise.period_end = period_end
    sections = compile_mapping_sections(exercise, progress)
    programme = exercise.programme
    with transaction.atomic():
        return create_next_version(
            exercise,
            status=Status.COMPILED,
            sections=sections,
            signatory_name=programme.head_name,
            signatory_title=programme.head_title,
            compiled_at=timezone.now(),
            report_job=report_job,
        )


def create_next_version(exercise: MappingExercise, **fields) -> MappingSubmission:
    """A new submission numbered after the exercise's latest; call inside a transaction.

    The lock on the exercise serialises versions: two compilations or edits at once get two numbers."""
    MappingExercise.objects.select_for_update().only("pk").get(pk=exercise.pk)
    latest_version = exercise.submissions.aggregate(latest=Max("version"))["latest"] or 0
    return MappingSubmission.objects.create(
        exercise=exercise, version=latest_version + 1, letter_date=timezone.localdate(), **fields
    )


def validate_sections(sections: dict) -> None:
    """Edited sections must keep the shape the renderers read; say exactly what is wrong."""
    if not isinstance(sections, dict) or "order" not in sections:
        raise ValidationError("The submission content must have an 'order' list of sections.")
    unknown = [key for key in sections["order"] if key not in SECTION_ORDER]
    if unknown:
        raise ValidationError(f"Unknown sections in the order: {', '.join(map(str, unknown))}.")
    if len(set(sections["order"])) != len(sections["order"]):
        raise ValidationError("A section appears twice in the order.")
    for key in sections["order"]:
        section = sections.get(key)
        if not isinstance(section, dict):
            raise ValidationError(f"Section '{key}' is missing.")
        for field in TEXT_FIELDS:
            if not isinstance(section.get(field, ""), str):
                raise ValidationError(f"Section '{key}': '{field}' must be text.")
        for field in LIST_FIELDS:
            values = section.get(field, [])
            if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
                raise ValidationError(f"Section '{key}': '{field}' must be a list of texts.")


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


def attach_rendered_files(submission: MappingSubmission, files: dict[str, tuple[str, bytes]]) -> MappingSubmission:
    """Store the rendered letter on its version: `files` maps "docx"/"pdf"/"html" to (filename,
    content). The three fields change in one save, so a version never shows files of two renderings."""
    previous = [getattr(submission, f"{file_format}_file").name for file_format in files]
    for file_format, (filename, content) in files.items():
        getattr(submission, f"{file_format}_file").save(filename, ContentFile(content), save=False)
    MappingSubmission.objects.filter(pk=submission.pk).update(
        **{f"{file_format}_file": getattr(submission, f"{file_format}_file").name for file_format in files},
        updated_at=timezone.now(),
    )
    storage = MappingSubmission._meta.get_field("docx_file").storage
    for name in previous:
        if name:
            storage.delete(name)
    return submission


@transaction.atomic
def approve_submission(submission: MappingSubmission, approved_by) -> MappingSubmission:
    submission = MappingSubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.status not in EDITABLE_STATUSES:
        raise ValidationError(f"Version {submission.version} is already {submission.get_status_display().lower()}.")
    submission.status = Status.APPROVED
    submission.approved_by = approved_by
    submission.approved_at = timezone.now()
    submission.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
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
