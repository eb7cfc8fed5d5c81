"""The mapping-submission report for any programme and period: nothing is hard-coded, reviewed
versions render as they stand, retries and concurrent runs give clean versions, and bad parameters
end the job with a reason staff can act on."""

import datetime

import pytest

from programmes.models import MappingExercise, MappingSubmission
from programmes.services import approve_submission
from reports.mapping.services import compile_mapping_submission
from tests import factories
from tests.programmes.letter_text import Status, docx_text, file_of, pdf_text, run_job, squeezed
from unidir_cb.core.reporting import services

pytestmark = pytest.mark.django_db


def test_a_different_programme_and_period_get_their_own_letter(space_programme):
    job = run_job({"exercise": space_programme.reference})

    assert job.status == Status.SUCCEEDED, job.error
    for text in (docx_text(file_of(job, "docx")), pdf_text(file_of(job, "pdf"))):
        text = squeezed(text)
        assert squeezed("Dear Dr. Okafor,") in text
        assert squeezed("Reference: OOSA/2024-7/Space Mapping") in text
        assert squeezed("SpaceSec published 13 publications since 2020") in text
        assert squeezed("Keeping Orbits Open: A Primer.") in text
        assert squeezed("in 2024, SpaceSec received financial support from two donors") in text
        assert "SecTec" not in text and "Browning" not in text and "ICT" not in text
    approve_submission(MappingSubmission.objects.get(report_job=job), approved_by=None)
    signed = run_job({"exercise": space_programme.reference, "submission_version": 1})
    for text in (docx_text(file_of(signed, "docx")), pdf_text(file_of(signed, "pdf"))):
        assert squeezed("Ana Ruiz Programme Lead United Nations Institute for Disarmament Research") in squeezed(text)


def test_a_period_override_compiles_for_that_period_without_changing_the_exercise(space_programme):
    job = run_job({"exercise": space_programme.reference, "start": "2024-03-01", "end": "2024-04-30"})

    assert job.status == Status.SUCCEEDED, job.error
    submission = MappingSubmission.objects.get(report_job=job)
    assert submission.sections["letter"]["period"] == "2024"
    assert submission.sections["participatory_learning"]["facts"]["event_count"] == 1
    space_programme.refresh_from_db()
    assert space_programme.period_start == datetime.date(2024, 1, 1)


def test_a_reviewed_version_is_rendered_as_it_stands(space_programme):
    first = run_job({"exercise": space_programme.reference})
    submission = MappingSubmission.objects.get(report_job=first)
    submission.sections["closing"]["paragraphs"] = ["Edited by staff before sending."]
    submission.save()

    job = run_job({"exercise": space_programme.reference, "submission_version": submission.version})

    assert job.status == Status.SUCCEEDED, job.error
    assert "Edited by staff before sending." in docx_text(file_of(job, "docx"))
    assert space_programme.submissions.count() == 1


def test_a_retried_job_renders_the_version_it_already_compiled(space_programme):
    job = services.start_report_job("mapping_submission", {"exercise": space_programme.reference}, enqueue=False)
    already = compile_mapping_submission(space_programme, report_job=job)  # then the worker died

    services.run_report_job(job.pk, job.attempts)

    job.refresh_from_db()
    assert job.status == Status.SUCCEEDED, job.error
    assert list(space_programme.submissions.values_list("pk", flat=True)) == [already.pk]


def test_two_jobs_for_the_same_exercise_give_two_clean_versions(space_programme):
    first = run_job({"exercise": space_programme.reference})
    second = run_job({"exercise": space_programme.reference})

    versions = {job.pk: MappingSubmission.objects.get(report_job=job).version for job in (first, second)}
    assert sorted(versions.values()) == [1, 2]
    assert first.files.get(format="pdf").filename.endswith("-v1-draft.pdf")
    assert second.files.get(format="pdf").filename.endswith("-v2-draft.pdf")


@pytest.mark.parametrize(
    ("parameters", "reason"),
    [
        ({"exercise": "ODA/1999-0/Nothing"}, "There is no mapping exercise with the reference “ODA/1999-0/Nothing”"),
        ({"exercise": "{reference}", "start": "2024-06-01", "end": "2024-01-01"}, "ends (2024-01-01) before it starts"),
        ({"exercise": "{reference}", "start": "2030-01-01", "end": "2030-12-31"}, "there is nothing to report"),
        ({"exercise": "{reference}", "submission_version": 7}, "has no version 7"),
        (
            {"exercise": "{reference}", "submission_version": 1, "start": "2024-01-01"},
            "give a version or a period, not both",
        ),
        ({"exercise": "{reference}", "colour": "blue"}, "does not take colour"),
        ({}, "Mapping exercise: This field is required."),
    ],
)
def test_bad_parameters_fail_the_job_with_a_clear_reason(space_programme, parameters, reason):
    parameters = {
        name: value.format(reference=space_programme.reference) if isinstance(value, str) else value
        for name, value in parameters.items()
    }
    job = run_job(parameters)

    assert job.status == Status.FAILED
    assert reason in job.error
    assert not job.files.exists()
    assert not MappingSubmission.objects.exists()


def test_an_exercise_whose_period_became_impossible_fails_the_build_with_a_reason():
    exercise = factories.MappingExerciseFactory(
        period_start=datetime.date(2022, 1, 1), period_end=datetime.date(2022, 12, 31)
    )
    factories.PublicationFactory(programme=exercise.programme, published_on=datetime.date(2022, 3, 1))
    MappingExercise.objects.filter(pk=exercise.pk).update(publications_since=datetime.date(2025, 1, 1))

    job = run_job({"exercise": exercise.reference})

    assert job.status == Status.FAILED
    assert "Publications are counted from 2025-01-01, after the period ends" in job.error
    assert not MappingSubmission.objects.exists()
