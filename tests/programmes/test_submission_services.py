"""Staff compile a reply, edit and reorder it, approve it, send it; every version is kept."""

import copy

import pytest
from django.core.exceptions import ValidationError

from programmes.models import MappingSubmission
from programmes.services import (
    approve_submission,
    mark_submission_sent,
    record_rendering,
    update_submission_sections,
)
from reports.mapping.services import compile_mapping_submission
from tests.factories import MappingExerciseFactory, ReportJobFactory, UserFactory
from unidir_cb.core.reporting.models import ReportJob

pytestmark = pytest.mark.django_db

Status = MappingSubmission.Status


@pytest.fixture
def exercise():
    return MappingExerciseFactory(programme__head_name="Giacomo Persi Paoli", programme__head_title="Head of Programme")


def test_each_compilation_is_a_new_version_and_older_ones_are_kept(exercise):
    first = compile_mapping_submission(exercise)
    second = compile_mapping_submission(exercise)

    assert [first.version, second.version] == [1, 2]
    assert second.status == Status.COMPILED
    assert second.signatory_name == "Giacomo Persi Paoli"
    assert exercise.submissions.count() == 2


def test_progress_is_reported_while_compiling(exercise):
    reports = []

    compile_mapping_submission(exercise, progress=lambda percent, message: reports.append(percent))

    assert reports == sorted(reports) and reports[-1] >= 75


def test_staff_reorder_sections_and_edit_examples_before_approving(exercise):
    submission = compile_mapping_submission(exercise)
    sections = copy.deepcopy(submission.sections)
    sections["order"] = ["introduction", "participatory_learning", "research", "funding", "closing"]
    sections["research"]["bullets"] = ["A Taxonomy of Cyber Incidents."]

    update_submission_sections(submission, sections)

    submission.refresh_from_db()
    assert submission.sections["order"][1] == "participatory_learning"
    assert "access_to_information" not in submission.sections["order"]
    assert submission.sections["research"]["bullets"] == ["A Taxonomy of Cyber Incidents."]


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda sections: sections.update(order=["research", "horoscope"]), "Unknown sections in the order: horoscope"),
        (lambda sections: sections.update(order=["research", "research"]), "appears twice"),
        (lambda sections: sections["research"].update(bullets="one string"), "'bullets' must be a list of texts"),
        (lambda sections: sections.pop("funding"), "Section 'funding' is missing"),
        (lambda sections: sections.pop("order"), "must have an 'order' list"),
    ],
)
def test_broken_edits_are_refused_with_a_clear_message_and_change_nothing(exercise, breakage, message):
    submission = compile_mapping_submission(exercise)
    original = copy.deepcopy(submission.sections)
    edited = copy.deepcopy(submission.sections)
    breakage(edited)

    with pytest.raises(ValidationError, match=message):
        update_submission_sections(submission, edited)

    submission.refresh_from_db()
    assert submission.sections == original


def test_an_approved_version_is_frozen_and_can_then_be_sent(exercise):
    approver = UserFactory()
    submission = approve_submission(compile_mapping_submission(exercise), approver)

    assert (submission.status, submission.approved_by) == (Status.APPROVED, approver)
    with pytest.raises(ValidationError, match="compile a new version to change it"):
        update_submission_sections(submission, submission.sections)
    assert mark_submission_sent(submission).status == Status.SENT


def test_only_an_approved_version_can_be_sent(exercise):
    with pytest.raises(ValidationError, match="Only an approved version can be sent"):
        mark_submission_sent(compile_mapping_submission(exercise))


def test_an_approved_version_keeps_its_letter_for_good_and_a_draft_does_not(exercise):
    """Report files expire after REPORT_FILE_RETENTION_DAYS unless kept: an approved version's are,
    from approval on and for every later rendering of it."""
    approved, draft = compile_mapping_submission(exercise), compile_mapping_submission(exercise)
    for submission in (approved, draft):
        record_rendering(submission, ReportJobFactory(kind="mapping_submission"))
    approved.refresh_from_db()

    approve_submission(approved, UserFactory())
    record_rendering(approved, later_rendering := ReportJobFactory(kind="mapping_submission"))

    approved.refresh_from_db()
    draft.refresh_from_db()
    assert approved.rendering_job == later_rendering
    assert ReportJob.objects.get(pk=later_rendering.pk).keep_files is True
    assert ReportJob.objects.filter(keep_files=True).count() == 2  # the letter at approval, and the later one
    assert draft.rendering_job.keep_files is False
