"""Compiling a new version of a mapping reply from the data (the version's later life, edits,
approval and sending, is programmes.services)."""

from django.db import transaction
from django.utils import timezone

from programmes.models import MappingExercise, MappingSubmission
from programmes.services import create_next_version

from .compiler import compile_mapping_sections, no_progress


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
            status=MappingSubmission.Status.COMPILED,
            sections=sections,
            signatory_name=programme.head_name,
            signatory_title=programme.head_title,
            compiled_at=timezone.now(),
            report_job=report_job,
        )
