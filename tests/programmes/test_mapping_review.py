"""Staff review a compiled reply on its page: edit texts, reorder sections and examples, leave
examples out and put them back, save, approve; start a compilation and get its files. Everything
is a plain form post, so the page works without JavaScript."""

import pytest
from django.urls import reverse

from programmes.models import MappingSubmission
from programmes.services import approve_submission
from reports.mapping.services import compile_mapping_submission
from tests import factories
from tests.pages import form_fields
from unidir_cb.core.reporting.models import ReportJob

pytestmark = pytest.mark.django_db

Status = MappingSubmission.Status


@pytest.fixture
def submission(space_programme):
    return compile_mapping_submission(space_programme)


def review_url(submission):
    return reverse("mapping:review_version", args=[submission.exercise_id, submission.version])


def form_data(page_response) -> dict:
    """What the browser would post back unchanged: every field of the review form as shown."""
    return form_fields(page_response.content.decode(), **{"class": "review-form"})


def test_a_manager_sees_the_latest_version_with_its_sections_examples_and_preview(client, manager, submission):
    client.force_login(manager)

    response = client.get(reverse("mapping:review", args=[submission.exercise_id]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "OOSA/2024-7/Space Mapping" in page
    assert "Version 1" in page and "Compiled" in page
    assert "Keeping Orbits Open: A Primer." in page
    assert "Dear Dr. Okafor," in page  # the preview
    assert "Compile a new version from the data" in page
    assert 'name="section-research-bullets-0-remove"' in page


def test_saving_the_form_unchanged_keeps_the_letter_as_it_was(client, manager, submission):
    client.force_login(manager)
    data = form_data(client.get(review_url(submission)))

    response = client.post(review_url(submission), data)

    assert response.status_code == 302
    before = submission.sections
    submission.refresh_from_db()
    assert submission.sections == before


def test_staff_edit_a_text_reorder_sections_and_examples_and_save_the_same_version(
    client, programme_staff, submission, space_programme
):
    second = factories.PublicationFactory(
        programme=space_programme.programme, title="Orbital Norms", featured_rank=2, published_on="2024-05-01"
    )
    submission = compile_mapping_submission(space_programme)  # version 2, with two examples
    assert submission.sections["research"]["bullets"] == ["Keeping Orbits Open: A Primer.", f"{second.title}."]
    client.force_login(programme_staff)
    data = form_data(client.get(review_url(submission)))
    data["section-funding-position"] = "2"  # funding right after the introduction
    data["section-research-bullets-1-position"] = "1"
    data["section-research-bullets-0-position"] = "2"
    data["section-closing-paragraphs-0"] = "We would be glad to discuss this further."

    response = client.post(review_url(submission), data, follow=True)

    assert "Version 2 saved." in response.content.decode()
    submission.refresh_from_db()
    assert submission.version == 2 and submission.status == Status.COMPILED
    assert submission.sections["order"][:3] == ["introduction", "funding", "research"]
    assert submission.sections["research"]["bullets"] == ["Orbital Norms.", "Keeping Orbits Open: A Primer."]
    assert submission.sections["closing"]["paragraphs"] == ["We would be glad to discuss this further."]


def test_an_example_left_out_can_be_restored(client, manager, submission):
    client.force_login(manager)
    data = form_data(client.get(review_url(submission)))
    data["section-research-bullets-0-remove"] = "1"
    client.post(review_url(submission), data)
    submission.refresh_from_db()
    assert submission.sections["research"]["bullets"] == []
    assert submission.sections["research"]["removed_bullets"] == ["Keeping Orbits Open: A Primer."]
    page = client.get(review_url(submission)).content.decode()
    assert "Restore: <s>Keeping Orbits Open: A Primer.</s>" in page
    assert "<li>Keeping Orbits Open: A Primer.</li>" not in page  # not in the preview

    data = form_data(client.get(review_url(submission)))
    data["section-research-removed_bullets-0-restore"] = "1"
    client.post(review_url(submission), data)

    submission.refresh_from_db()
    assert submission.sections["research"]["bullets"] == ["Keeping Orbits Open: A Primer."]
    assert "removed_bullets" not in submission.sections["research"]


def test_a_section_left_out_of_the_letter_stays_on_the_page_to_be_put_back(client, manager, submission):
    client.force_login(manager)
    data = form_data(client.get(review_url(submission)))
    del data["section-access_to_information-include"]

    client.post(review_url(submission), data)

    submission.refresh_from_db()
    assert "access_to_information" not in submission.sections["order"]
    page = client.get(review_url(submission)).content.decode()
    assert 'class="review-section is-left-out" id="section-access_to_information"' in page


def test_a_bad_position_is_refused_with_a_message_and_nothing_changes(client, manager, submission):
    client.force_login(manager)
    data = form_data(client.get(review_url(submission)))
    data["section-research-position"] = "second"

    response = client.post(review_url(submission), data)

    assert response.status_code == 200
    assert "“second” is not a position" in response.content.decode()
    before = submission.sections
    submission.refresh_from_db()
    assert submission.sections == before


def test_a_stale_form_does_not_overwrite_someone_elses_edits(client, manager, submission):
    client.force_login(manager)
    data = form_data(client.get(review_url(submission)))
    MappingSubmission.objects.filter(pk=submission.pk).update(updated_at="2030-01-01T00:00:00Z")
    data["section-closing-paragraphs-0"] = "Mine."

    response = client.post(review_url(submission), data, follow=True)

    assert "was changed by someone else" in response.content.decode()
    submission.refresh_from_db()
    assert submission.sections["closing"]["paragraphs"] != ["Mine."]


def test_approving_renders_the_signed_letter_and_the_versions_say_which_files_are_signed(
    client, manager, submission, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mapping:render", args=[submission.exercise_id, 1]))
    page = client.get(review_url(submission)).content.decode()
    assert "draft, unsigned" in page
    assert "Approve version 1 and render it signed" in page

    with django_capture_on_commit_callbacks(execute=True):  # Celery runs eagerly in tests
        response = client.post(reverse("mapping:approve", args=[submission.exercise_id, 1]), follow=True)

    signed_job = ReportJob.objects.latest("pk")
    assert response.redirect_chain[-1][0] == signed_job.get_absolute_url()
    assert "Version 1 approved: the signed letter is being rendered." in response.content.decode()
    signed_job.refresh_from_db()
    assert signed_job.parameters == {"exercise": "OOSA/2024-7/Space Mapping", "submission_version": 1}
    assert signed_job.status == ReportJob.Status.SUCCEEDED, signed_job.error
    page = client.get(review_url(submission)).content.decode()
    assert "draft, unsigned" not in page and ">signed<" in page
    docx = client.get(reverse("mapping:download", args=[submission.exercise_id, 1, "docx"]))
    assert docx["Content-Disposition"] == 'attachment; filename="oosa2024-7space-mapping-v1.docx"'


def test_approving_then_editing_makes_a_new_draft_and_keeps_the_approved_version(
    client, manager, submission, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mapping:approve", args=[submission.exercise_id, 1]))
    submission.refresh_from_db()
    assert (submission.status, submission.approved_by) == (Status.APPROVED, manager)
    data = form_data(client.get(review_url(submission)))
    data["section-closing-paragraphs-0"] = "Edited after approval."

    response = client.post(review_url(submission), data, follow=True)

    assert "your changes are saved as a new draft, version 2" in response.content.decode()
    new = MappingSubmission.objects.get(exercise=submission.exercise, version=2)
    assert (new.status, new.sections["closing"]["paragraphs"]) == (Status.DRAFT, ["Edited after approval."])
    submission.refresh_from_db()
    assert submission.sections["closing"]["paragraphs"] != ["Edited after approval."]


def test_an_approved_version_cannot_be_approved_again(client, manager, submission):
    approve_submission(submission, manager)
    client.force_login(manager)

    response = client.post(reverse("mapping:approve", args=[submission.exercise_id, 1]), follow=True)

    assert "Version 1 is already approved." in response.content.decode()


def test_compile_starts_the_report_job_and_its_files_are_linked_from_the_versions(
    client, manager, space_programme, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):  # Celery runs eagerly in tests
        response = client.post(reverse("mapping:compile", args=[space_programme.pk]))

    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert (job.kind, job.status, job.requested_by) == ("mapping_submission", ReportJob.Status.SUCCEEDED, manager)
    page = client.get(reverse("mapping:review", args=[space_programme.pk])).content.decode()
    for file_format in ("docx", "pdf", "html"):
        assert reverse("mapping:download", args=[space_programme.pk, 1, file_format]) in page
    assert job.get_absolute_url() in page
    pdf = client.get(reverse("mapping:download", args=[space_programme.pk, 1, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    docx = client.get(reverse("mapping:download", args=[space_programme.pk, 1, "docx"]))
    assert docx["Content-Disposition"] == 'attachment; filename="oosa2024-7space-mapping-v1-draft.docx"'


def test_render_starts_a_job_for_the_reviewed_version(client, manager, submission, django_capture_on_commit_callbacks):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mapping:render", args=[submission.exercise_id, 1]))

    job = ReportJob.objects.get()
    assert job.parameters == {"exercise": "OOSA/2024-7/Space Mapping", "submission_version": 1}
    assert job.status == ReportJob.Status.SUCCEEDED, job.error
    assert MappingSubmission.objects.count() == 1


def test_programme_staff_review_but_may_not_approve_or_start_report_jobs(client, programme_staff, submission):
    client.force_login(programme_staff)

    page = client.get(review_url(submission)).content.decode()

    assert "Compile a new version from the data" not in page
    assert "Approve version 1" not in page
    assert client.post(reverse("mapping:approve", args=[submission.exercise_id, 1])).status_code == 403
    assert client.post(reverse("mapping:compile", args=[submission.exercise_id])).status_code == 403
    assert client.post(reverse("mapping:render", args=[submission.exercise_id, 1])).status_code == 403
    assert not ReportJob.objects.exists()
    submission.refresh_from_db()
    assert submission.approved_by is None


def test_someone_without_permission_gets_403_everywhere(client, submission):
    client.force_login(factories.UserFactory(is_staff=True))
    exercise_pk = submission.exercise_id

    assert client.get(reverse("mapping:exercise_list")).status_code == 403
    assert client.get(reverse("mapping:review", args=[exercise_pk])).status_code == 403
    assert client.post(review_url(submission), {}).status_code == 403
    assert client.post(reverse("mapping:approve", args=[exercise_pk, 1])).status_code == 403
    assert client.post(reverse("mapping:compile", args=[exercise_pk])).status_code == 403
    assert client.get(reverse("mapping:download", args=[exercise_pk, 1, "pdf"])).status_code == 403
    submission.refresh_from_db()
    assert submission.status == Status.COMPILED


def test_anonymous_visitors_are_sent_to_log_in(client, submission):
    response = client.get(reverse("mapping:review", args=[submission.exercise_id]))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_exercise_list_runs_a_fixed_number_of_queries(client, manager, django_assert_max_num_queries):
    client.force_login(manager)
    for _ in range(2):
        compile_mapping_submission(factories.MappingExerciseFactory())
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("mapping:exercise_list"))
    for _ in range(6):
        compile_mapping_submission(factories.MappingExerciseFactory())
    with django_assert_max_num_queries(8) as many:
        response = client.get(reverse("mapping:exercise_list"))

    assert response.content.decode().count("(latest: v1)") == 8
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_review_page_runs_a_fixed_number_of_queries_whatever_the_versions(client, manager, submission):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(manager)
    with CaptureQueriesContext(connection) as few:
        client.get(review_url(submission))
    for _ in range(4):
        compile_mapping_submission(submission.exercise)
    with CaptureQueriesContext(connection) as many:
        client.get(review_url(submission))

    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_admin_action_compiles_the_selected_exercises(
    client, manager, space_programme, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/programmes/mappingexercise/",
            {"action": "compile_submission", "_selected_action": [space_programme.pk]},
            follow=True,
        )

    job = ReportJob.objects.get()
    assert f"report #{job.pk}" in response.content.decode()
    job.refresh_from_db()
    assert job.status == ReportJob.Status.SUCCEEDED, job.error
    assert space_programme.submissions.get().report_job == job


def test_the_admin_action_is_offered_only_to_people_who_run_reports(client, programme_staff):
    client.force_login(programme_staff)

    page = client.get("/admin/programmes/mappingexercise/").content.decode()

    assert 'value="compile_submission"' not in page
