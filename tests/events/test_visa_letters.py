"""Staff issue visa support letters to the confirmed participants of an in-person event who asked for
one: a PDF from the programme's template (previewed in the admin, its placeholders checked), logged,
announced by email and downloaded from My registrations; nobody else ever gets it."""

import datetime
import subprocess

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from events.letter_placeholders import validate_placeholders
from events.models import Event, Question, Registration, VisaLetter, VisaLetterTemplate
from events.services import answers, questions
from events.services.visa_letters import VISA_LETTER_TASK, issue_visa_letter, request_visa_letters
from events.tasks import issue_visa_letter_task
from events.visa_letters import VisaLetterRefusal, date_range_text
from tests.events.participants import participant_with_account
from tests.factories import (
    AnswerFactory,
    EventFactory,
    ProgrammeFactory,
    RegistrationFactory,
    UserFactory,
    VisaLetterTemplateFactory,
    staff_member,
)
from unidir_cb.core.models import OutboxMessage
from unidir_cb.core.permissions import PRIVATE_PARTICIPANT_DATA, PROGRAMME_STAFF

pytestmark = pytest.mark.django_db

Status = Registration.Status
GENEVA_MARCH = datetime.datetime(2027, 3, 10, 8, 0, tzinfo=datetime.UTC)


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def workshop():
    programme = ProgrammeFactory(
        name="Weapons of Mass Destruction Programme", short_name="WMD", head_name="Rana Haddad", head_title="Head, WMD"
    )
    event = EventFactory(
        programme=programme,
        title="Regional Workshop on Biological Weapons Convention Compliance",
        slug="bwc-workshop-2027",
        starts_at=GENEVA_MARCH,
        ends_at=GENEVA_MARCH + datetime.timedelta(days=2, hours=8),
        time_zone="Europe/Zurich",
        venue="Maison de la Paix",
        city="Geneva",
        country="CH",
    )
    VisaLetterTemplateFactory(programme=programme, signatory_name="", signatory_title="")
    return asking_the_common_questions(event)


def asking_the_common_questions(event):
    questions.add_common_questions(event, Question.Form.REGISTRATION)
    questions.add_common_questions(event, Question.Form.FOLLOW_UP)
    return event


def asked(event, key):
    return event.questions.get(common_key=key)


def registration_asking_for_visa(event, participant=None, status=Status.CONFIRMED, passport="P7654321"):
    registration = RegistrationFactory(
        event=event,
        status=status,
        **({"participant": participant} if participant else {}),
    )
    AnswerFactory(registration=registration, question=asked(event, "visa_support"), value=True)
    AnswerFactory(registration=registration, question=asked(event, "nationality"), value="BD", private=True)
    if passport:
        AnswerFactory(registration=registration, question=asked(event, "passport_number"), value=passport, private=True)
    return registration


@pytest.fixture
def visa_officer(client):
    user = staff_member(PROGRAMME_STAFF)
    user.groups.add(user.groups.model.objects.get(name=PRIVATE_PARTICIPANT_DATA))
    return user


def issue_from_the_admin(client, user, registrations):
    client.force_login(user)
    return client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "issue_visa_letters", "_selected_action": [registration.pk for registration in registrations]},
        follow=True,
    )


# Who gets a letter ---------------------------------------------------------------------------------


def test_staff_issue_letters_in_bulk_to_those_who_asked_and_are_told_why_others_got_none(
    client, workshop, visa_officer, django_capture_on_commit_callbacks
):
    fatima = registration_asking_for_visa(workshop)
    pending = registration_asking_for_visa(workshop, status=Status.PENDING)
    did_not_ask = RegistrationFactory(event=workshop)
    AnswerFactory(registration=did_not_ask, question=asked(workshop, "visa_support"), value=False)
    never_answered = RegistrationFactory(event=workshop)  # registered before the question was asked
    online_event = asking_the_common_questions(EventFactory(programme=workshop.programme, format=Event.Format.ONLINE))
    online = registration_asking_for_visa(online_event)

    with django_capture_on_commit_callbacks(execute=True):
        response = issue_from_the_admin(client, visa_officer, [fatima, pending, did_not_ask, never_answered, online])

    shown = [str(message) for message in response.context["messages"]]
    assert (
        "1 visa support letter(s) being written: each appears in the Visa letters log, and its participant is "
        "emailed, within a minute." in shown
    )
    assert f"No letter: {pending.participant} — the registration is pending approval, not confirmed." in shown
    for without_a_yes in (did_not_ask, never_answered):
        assert any(f"No letter: {without_a_yes.participant} — the participant did not ask" in text for text in shown)
    assert f"No letter: {online.participant} — the event is held online: it needs no visa." in shown
    letter = VisaLetter.objects.get()
    assert (letter.registration, letter.issued_by, letter.passport_number_included) == (fatima, visa_officer, True)
    assert letter.reference == f"VL-2027-{fatima.pk}-1"
    # The email says where the letter is; it never carries it (it states the passport number).
    (email,) = mail.outbox
    assert email.to == [fatima.participant.email]
    assert "visa support letter" in email.subject.lower()
    assert "My registrations" in email.body
    assert not email.attachments


def test_a_letter_asked_for_is_written_once_however_often_its_message_arrives(workshop, visa_officer):
    """The worker writes the letters (the broker may deliver a message twice: outbox, at least once)."""
    fatima = registration_asking_for_visa(workshop)

    outcome = request_visa_letters(Registration.objects.filter(pk=fatima.pk), issued_by=visa_officer)
    [message] = OutboxMessage.objects.filter(task_name=VISA_LETTER_TASK)
    for _delivery in range(2):
        issue_visa_letter_task.apply(args=message.arguments, task_id=message.task_id)

    assert outcome.changed == [fatima]
    letter = VisaLetter.objects.get()
    assert (letter.registration, letter.issued_by) == (fatima, visa_officer)
    message.refresh_from_db()
    assert message.performed_at is not None


def test_a_registration_cancelled_before_the_worker_writes_its_letter_gets_none(workshop, visa_officer):
    fatima = registration_asking_for_visa(workshop)
    request_visa_letters(Registration.objects.filter(pk=fatima.pk), issued_by=visa_officer)
    Registration.objects.filter(pk=fatima.pk).update(status=Status.CANCELLED)

    [message] = OutboxMessage.objects.filter(task_name=VISA_LETTER_TASK)
    issue_visa_letter_task.apply(args=message.arguments, task_id=message.task_id)

    assert not VisaLetter.objects.exists()


@pytest.mark.parametrize("people", [2, 12])
def test_asking_for_letters_costs_the_same_queries_whatever_the_number_of_people(
    workshop, visa_officer, people, django_assert_num_queries
):
    for _person in range(people):
        registration_asking_for_visa(workshop)
    registration_asking_for_visa(workshop, status=Status.PENDING)

    # the registrations with their events, programmes, templates and participants; their answers; the
    # outbox messages, in one statement
    with django_assert_num_queries(3):
        outcome = request_visa_letters(Registration.objects.filter(event=workshop), issued_by=visa_officer)

    assert (len(outcome.changed), len(outcome.refused)) == (people, 1)


def test_a_letter_is_never_issued_for_an_unconfirmed_registration(workshop):
    for status in (Status.PENDING, Status.WAITLISTED, Status.OFFERED, Status.DECLINED, Status.CANCELLED):
        registration = registration_asking_for_visa(workshop, status=status)
        with pytest.raises(VisaLetterRefusal, match="not confirmed"):
            issue_visa_letter(registration)
    assert not VisaLetter.objects.exists()


def test_a_programme_without_a_template_is_told_to_add_one(workshop):
    VisaLetterTemplate.objects.all().delete()
    registration = registration_asking_for_visa(workshop)

    with pytest.raises(VisaLetterRefusal, match="WMD has no visa letter template: add one under Events"):
        issue_visa_letter(registration)


def test_programme_staff_without_access_to_private_data_cannot_issue_letters(client, workshop):
    registration = registration_asking_for_visa(workshop)

    response = issue_from_the_admin(client, staff_member(PROGRAMME_STAFF), [registration])

    assert not VisaLetter.objects.exists()
    assert "issue_visa_letters" not in dict(response.context["action_form"].fields["action"].choices)


def test_issuing_again_adds_a_logged_letter_and_the_participant_gets_the_latest(client, workshop, visa_officer):
    amina = participant_with_account(email="amina@example.org", first_name="Amina", last_name="Rahman")
    registration = registration_asking_for_visa(workshop, participant=amina)
    issue_visa_letter(registration, visa_officer)
    second = issue_visa_letter(registration, visa_officer)

    client.force_login(amina.user)
    page = client.get(reverse("events:my_registrations")).content.decode()

    assert VisaLetter.objects.filter(registration=registration).count() == 2
    assert second.reference.endswith("-2")
    assert reverse("events:visa_letter", args=[second.pk]) in page
    assert "Download visa support letter (PDF)" in page


# What the letter says ------------------------------------------------------------------------------


def test_the_letter_states_the_participant_the_event_the_host_and_the_signatory(workshop, tmp_path):
    amina = participant_with_account(
        first_name="Amina", last_name="Rahman", organisation="Ministry of Foreign Affairs", job_title="First Secretary"
    )
    registration = registration_asking_for_visa(workshop, participant=amina)
    AnswerFactory(registration=registration, question=asked(workshop, "arrival_date"), value="2027-03-09")

    letter = issue_visa_letter(registration)
    text = " ".join(pdf_text(letter.file.read(), tmp_path).split())

    assert "United Nations Institute for Disarmament Research" in text  # the template's host
    assert "Palais des Nations" in text
    assert f"Reference: VL-2027-{registration.pk}-1" in text
    assert "Amina Rahman, First Secretary at Ministry of Foreign Affairs, a national of Bangladesh" in text
    assert "Passport number P7654321" in text
    assert "Nationality Bangladesh" in text
    assert "10–12 March 2027" in text
    assert "Maison de la Paix, Geneva, Switzerland" in text
    assert "Arrival 9 March 2027" in text
    # No signatory on the template: the head of the event's programme signs.
    assert "Rana Haddad Head, WMD" in text


def test_without_a_passport_number_or_nationality_answer_the_letter_says_what_it_knows(workshop, tmp_path):
    registration = RegistrationFactory(event=workshop, participant__country="NP")
    AnswerFactory(registration=registration, question=asked(workshop, "visa_support"), value=True)

    letter = issue_visa_letter(registration)
    text = " ".join(pdf_text(letter.file.read(), tmp_path).split())

    assert not letter.passport_number_included
    assert "Passport number" not in text
    assert "Nationality Nepal" in text  # the participant's country when no nationality was given


@pytest.mark.parametrize(
    ("first", "last", "written"),
    [
        (datetime.date(2027, 3, 10), datetime.date(2027, 3, 10), "10 March 2027"),
        (datetime.date(2027, 3, 30), datetime.date(2027, 4, 2), "30 March – 2 April 2027"),
        (datetime.date(2027, 12, 30), datetime.date(2028, 1, 2), "30 December 2027 – 2 January 2028"),
    ],
)
def test_dates_read_as_a_letter_writes_them(first, last, written):
    assert date_range_text(first, last) == written


# The template ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Dear {participant}", "Unknown placeholder {participant}."),
        ("Dear {participant_name", "A brace is not matched."),
        ("Held on {}", "Empty braces {} name no placeholder"),
        ("{event_title!r}", "Write {event_title} with nothing after its name"),
        ("{event_title.upper}", "Unknown placeholder {event_title.upper}."),
    ],
)
def test_a_bad_placeholder_gets_a_clear_message_naming_the_ones_allowed(text, message):
    with pytest.raises(ValidationError) as refused:
        validate_placeholders(text)
    messages = refused.value.messages
    assert any(message in line for line in messages)
    assert "The placeholders you can use: {participant_name}" in messages[-1]


def test_staff_see_their_wording_filled_in_and_the_pdf_before_any_letter_goes_out(client, workshop, tmp_path):
    template = VisaLetterTemplate.objects.get()
    client.force_login(staff_member(PROGRAMME_STAFF))
    change_url = reverse("admin:events_visalettertemplate_change", args=[template.pk])

    refused = client.post(
        change_url,
        {"programme": template.programme.pk, "subject": "Letter for {name}", "body": "Dear {participant_name}"},
    )
    saved = client.post(
        change_url,
        {
            "programme": template.programme.pk,
            "host": "UNIDIR",
            "subject": "Visa support: {participant_name}",
            "body": "{host} invites {participant_name} to {event_title} on {event_dates}.",
        },
    )
    page = client.get(change_url).content.decode()
    pdf = client.get(reverse("admin:events_visalettertemplate_preview", args=[template.pk]))

    assert refused.status_code == 200
    assert "Unknown placeholder {name}." in refused.content.decode()
    assert saved.status_code == 302
    # The sample participant at the programme's next in-person event.
    assert "UNIDIR invites Amina Diallo to Regional Workshop on Biological Weapons Convention Compliance" in page
    assert pdf["Content-Type"] == "application/pdf"
    assert "Visa support: Amina Diallo" in pdf_text(pdf.content, tmp_path)
    assert not VisaLetter.objects.exists()


# Who may download it -------------------------------------------------------------------------------


def test_only_the_participant_and_staff_with_access_to_private_data_download_a_letter(client, workshop, visa_officer):
    amina = participant_with_account(email="amina@example.org")
    letter = issue_visa_letter(registration_asking_for_visa(workshop, participant=amina))
    address = reverse("events:visa_letter", args=[letter.pk])

    assert client.get(address).status_code == 404  # signed out: the letter does not exist
    for someone_else in (participant_with_account().user, staff_member(PROGRAMME_STAFF), UserFactory()):
        client.force_login(someone_else)
        assert client.get(address).status_code == 404
    client.force_login(visa_officer)
    assert client.get(address)["Content-Type"] == "application/pdf"
    client.force_login(amina.user)
    response = client.get(address)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment")


def test_a_cancelled_registrations_letter_no_longer_holds(client, workshop):
    amina = participant_with_account(email="amina@example.org")
    registration = registration_asking_for_visa(workshop, participant=amina)
    letter = issue_visa_letter(registration)
    Registration.objects.filter(pk=registration.pk).update(status=Status.CANCELLED)
    client.force_login(amina.user)

    response = client.get(reverse("events:visa_letter", args=[letter.pk]), follow=True)

    assert "no longer confirmed, so its visa support letter no longer holds" in response.content.decode()
    assert "Download visa support letter" not in client.get(reverse("events:my_registrations")).content.decode()


def test_staff_without_access_to_private_data_see_the_log_but_not_the_letters(client, workshop):
    issue_visa_letter(registration_asking_for_visa(workshop))
    client.force_login(staff_member(PROGRAMME_STAFF))

    page = client.get(reverse("admin:events_visaletter_changelist")).content.decode()

    assert "VL-2027-" in page
    assert reverse("events:visa_letter", args=[VisaLetter.objects.get().pk]) not in page


# Letters are private data -----------------------------------------------------------------------


def test_letters_are_erased_with_the_private_answers(workshop, django_capture_on_commit_callbacks):
    registration = registration_asking_for_visa(workshop)
    letter = issue_visa_letter(registration)
    storage, name = letter.file.storage, letter.file.name
    assert storage.exists(name)

    retention_over = workshop.ends_at + datetime.timedelta(days=181)
    with django_capture_on_commit_callbacks(execute=True):
        answers.erase_expired_private_answers(now=retention_over)

    assert not VisaLetter.objects.exists()
    assert not storage.exists(name)


def test_a_deleted_account_takes_its_letters_with_it(workshop, django_capture_on_commit_callbacks):
    registration = registration_asking_for_visa(workshop)
    letter = issue_visa_letter(registration)

    with django_capture_on_commit_callbacks(execute=True):
        answers.erase_answers_of(registration.participant)

    assert not VisaLetter.objects.exists()
    assert not letter.file.storage.exists(letter.file.name)


def test_a_letter_file_left_by_a_rolled_back_issue_is_swept(workshop):
    letter = issue_visa_letter(registration_asking_for_visa(workshop))
    storage, name = letter.file.storage, letter.file.name
    VisaLetter.objects.all().delete()  # as if the issuing transaction had rolled back after writing the file

    answers.erase_expired_private_answers(now=timezone.now() + datetime.timedelta(days=2))

    assert not storage.exists(name)
