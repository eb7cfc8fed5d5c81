"""An organiser's visa-and-logistics questions, answered in a browser: a participant reading the site
in French registers for an in-person event, answering its questions and uploading a file; once
confirmed, they complete the follow-up form with their passport details and a copy of their
passport, and find both in My registrations. An organiser builds such a form in the admin and reads
the answers as a table."""

import pytest
from django.contrib.auth.models import Group

from events.models import Answer, Question, Registration
from events.services import questions
from tests.conftest import ARTIFACTS
from tests.e2e.test_registration import log_in
from tests.e2e.test_staff import log_in_to_the_admin
from tests.events.participants import participant_with_account
from tests.events.test_questions import PDF, png_bytes
from tests.factories import AnswerFactory, EventFactory, QuestionFactory, RegistrationFactory, staff_member
from unidir_cb.core.permissions import PRIVATE_PARTICIPANT_DATA, PROGRAMME_STAFF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def summit():
    event = EventFactory(title="Cyber diplomacy summit", slug="summit", title_fr="Sommet de cyberdiplomatie")
    questions.add_common_questions(event, Question.Form.REGISTRATION)
    questions.add_common_questions(event, Question.Form.FOLLOW_UP)
    QuestionFactory(
        event=event,
        kind=Question.Kind.FILE,
        label_en="Letter of nomination from your ministry",
        label_fr="Lettre de désignation de votre ministère",
        required=True,
        allowed_file_types=["pdf"],
        position=100,
    )
    return event


def test_register_with_an_upload_then_complete_the_follow_up_form(page, summit, tmp_path):
    participant_with_account("amina@example.org", first_name="Amina", language="fr")
    log_in(page, "amina@example.org")
    page.wait_for_url("**/en/")

    page.goto("/fr/events/summit/")
    page.get_by_role("link", name="S'inscrire").click()
    page.wait_for_url("**/fr/events/summit/register/")
    page.get_by_role("group", name="Régime alimentaire").get_by_label("Halal").check()
    page.get_by_role("group", name="Avez-vous besoin d'une lettre des organisateurs").get_by_label("Oui").check()
    nomination = tmp_path / "nomination.pdf"
    nomination.write_bytes(b"not really a PDF")
    page.get_by_label("Lettre de désignation de votre ministère").set_input_files(str(nomination))
    page.get_by_role("button", name="S'inscrire").click()

    # A file that is not what its name says is refused, and nothing is saved.
    assert "Ce fichier n'est pas un fichier PDF" in page.inner_text("main")
    assert not Registration.objects.exists()
    nomination.write_bytes(PDF)
    page.get_by_label("Lettre de désignation de votre ministère").set_input_files(str(nomination))
    page.get_by_role("group", name="Régime alimentaire").get_by_label("Halal").check()
    page.get_by_role("group", name="Avez-vous besoin d'une lettre des organisateurs").get_by_label("Oui").check()
    page.get_by_role("button", name="S'inscrire").click()
    page.wait_for_url("**/fr/events/summit/")
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.answers.get(question__common_key="dietary_needs").value == "Halal"
    assert registration.answers.get(file__startswith="answers/").file.read() == PDF

    page.goto("/fr/events/my-registrations/")
    page.get_by_role("link", name="Remplir le formulaire complémentaire").click()
    page.get_by_label("Date d'arrivée").fill("2031-03-09")
    page.get_by_label("Date de départ").fill("2031-03-12")
    page.get_by_label("Nationalité (telle qu'indiquée dans votre passeport)").select_option("SN")
    page.get_by_label("Numéro de passeport").fill("A01234567")
    page.get_by_label("Date d'expiration du passeport").fill("2034-01-31")
    passport = tmp_path / "passport.png"
    passport.write_bytes(png_bytes())
    page.get_by_label("Copie de la page d'identité de votre passeport").set_input_files(str(passport))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "follow-up-form-fr.png", full_page=True)
    page.get_by_role("button", name="Enregistrer mes réponses").click()
    page.wait_for_url("**/fr/events/my-registrations/")

    assert "Vos réponses sont enregistrées." in page.inner_text(".messages")
    assert "Modifier mes réponses complémentaires" in page.inner_text("main")
    registration.refresh_from_db()
    assert registration.follow_up_completed_at is not None
    passport_answer = Answer.objects.get(question__common_key="passport_copy")
    assert passport_answer.file_name == "passport.png" and passport_answer.private

    # The form shows the uploaded file, which downloads for its owner.
    page.get_by_role("link", name="Modifier mes réponses complémentaires").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="passport.png").click()
    assert download.value.suggested_filename == "passport.png"
    page.screenshot(path=ARTIFACTS / "follow-up-form-answered-fr.png", full_page=True)


def test_the_registration_questions_read_right_to_left_in_arabic(page, summit):
    participant_with_account("omar@example.org", first_name="Omar", language="ar")
    log_in(page, "omar@example.org")
    page.wait_for_url("**/en/")

    page.goto("/ar/events/summit/register/")

    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_by_role("group", name="المتطلبات الغذائية").is_visible()
    page.screenshot(path=ARTIFACTS / "registration-questions-ar.png", full_page=True)


def test_an_organiser_builds_a_visa_and_logistics_form_in_the_admin_and_reads_the_answers(page):
    event = EventFactory(title="Regional table-top exercise", slug="regional-ttx")
    organiser = staff_member(PROGRAMME_STAFF, email="organiser@unidir.example")
    organiser.groups.add(Group.objects.get(name=PRIVATE_PARTICIPANT_DATA))
    log_in_to_the_admin(page, organiser)

    page.goto("/admin/events/event/")
    page.locator(f'input[name="_selected_action"][value="{event.pk}"]').check()
    page.select_option('select[name="action"]', "add_visa_and_logistics_form")
    page.get_by_role("button", name="Go").click()
    assert "7 follow-up question(s) added" in page.inner_text(".messagelist")

    # The organiser words one more question of their own, in English and French, and saves the event.
    page.goto(f"/admin/events/event/{event.pk}/change/")
    page.get_by_role("button", name="Add another Question").click()
    new = page.locator(".dynamic-questions").last
    new.locator('select[name$="-form"]').select_option("follow_up")
    new.locator('select[name$="-kind"]').select_option("yes_no")
    new.locator('input[name$="-label_en"]').fill("Will you need accommodation?")
    new.locator('input[name$="-label_fr"]').fill("Aurez-vous besoin d'un hébergement ?")
    new.locator('input[name$="-position"]').fill("200")
    page.get_by_role("button", name="Save and continue editing").click()
    assert "was changed successfully" in page.inner_text(".messagelist")
    accommodation = event.questions.get(label_en="Will you need accommodation?")
    assert accommodation.label_fr == "Aurez-vous besoin d'un hébergement ?"

    confirmed = RegistrationFactory(event=event, participant__first_name="Amina")
    AnswerFactory(registration=confirmed, question=accommodation, value=True)
    passport = event.questions.get(common_key="passport_number")
    AnswerFactory(registration=confirmed, question=passport, value="SN1234567", private=True)
    page.goto(f"/admin/events/event/{event.pk}/change/")
    page.get_by_role("link", name="Answers to the questions, as a table").click()
    page.select_option(f'select[name="q{accommodation.pk}"]', "yes")
    page.get_by_role("button", name="Filter").click()
    table = page.inner_text("#result_list")
    assert "Amina" in table and "SN1234567" in table and "Yes" in table
    page.screenshot(path=ARTIFACTS / "admin-answers-table.png", full_page=True)
