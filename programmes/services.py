"""Operations on mapping submissions: compile a new version, let staff edit it, approve, send.

Each compilation creates a new version; earlier versions are kept untouched, so what was sent can
always be found again."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .mapping import SECTION_ORDER, compile_mapping_sections, no_progress
from .models import MappingExercise, MappingSubmission

Status = MappingSubmission.Status
EDITABLE_STATUSES = (Status.DRAFT, Status.COMPILED)
TEXT_FIELDS = ("heading", "lead")
LIST_FIELDS = ("paragraphs", "bullets", "closing_paragraphs")


@transaction.atomic
def compile_mapping_submission(exercise: MappingExercise, progress=no_progress) -> MappingSubmission:
    """Compile the exercise from the data into a new submission version (status "compiled")."""
    exercise = MappingExercise.objects.select_for_update().select_related("programme").get(pk=exercise.pk)
    sections = compile_mapping_sections(exercise, progress)
    latest_version = exercise.submissions.aggregate(latest=Max("version"))["latest"] or 0
    programme = exercise.programme
    return MappingSubmission.objects.create(
        exercise=exercise,
        version=latest_version + 1,
        status=Status.COMPILED,
        sections=sections,
        letter_date=timezone.localdate(),
        signatory_name=programme.head_name,
        signatory_title=programme.head_title,
        compiled_at=timezone.now(),
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
