"""Organisers ask each event's participants their own questions when they register, and confirmed
participants more on a follow-up form (travel, passport details); participants answer in their
language and may change their answers while the form is open; staff read the answers in the admin,
as a table with filters and as files; private answers and uploads stay private."""

import datetime
import io
import os

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image

from events import rules
from events.answer_forms import AnswersForm, field_name
from events.emails import send_registration_email
from events.models import Answer, Question, Registration
from events.services import answers, questions
from tests.events.participants import participant_with_account
from tests.factories import (
    AnswerFactory,
    EventFactory,
    QuestionFactory,
    RegistrationFactory,
    UserFactory,
    staff_member,
)
from unidir_cb.core.permissions import PRIVATE_PARTICIPANT_DATA, PROGRAMME_STAFF

pytestmark = pytest.mark.django_db

Kind = Question.Kind
Form = Question.Form
Status = Registration.Status
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def png_bytes() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(output, format="PNG")
    return output.getvalue()


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def summit():
    return EventFactory(title="Cyber diplomacy summit", slug="summit", capacity=30)


@pytest.fixture
def amina(client):
    participant = participant_with_account(email="amina@example.org")
    client.force_login(participant.user)
    return participant


def question(event, kind, **fields):
    defaults = {"label": f"A {kind} question", "required": True}
    if kind in Question.CHOICE_KINDS:
        defaults["options"] = "Vegetarian\nHalal\nVegan"
    if kind == Kind.FILE:
        defaults["allowed_file_types"] = ["pdf", "png"]
        defaults["max_file_size_mb"] = 1
    return QuestionFactory(event=event, kind=kind, **{**defaults, **fields})


def answers_form(event, data=None, files=None, form_kind=Form.REGISTRATION, registration=None):
    earlier = registration.answers.all() if registration else ()
    return AnswersForm(event.questions.all(), data, files, form_kind=form_kind, answers=earlier)


# Each kind of question: what is stored, and what is refused -------------------------------------

VALID_ANSWERS = [
    (Kind.SHORT_TEXT, {}, " Ministry of Foreign Affairs ", "Ministry of Foreign Affairs"),
    (Kind.LONG_TEXT, {}, "Step-free access\nplease", "Step-free access\nplease"),
    (Kind.SINGLE_CHOICE, {}, "1", "Halal"),
    (Kind.MULTIPLE_CHOICE, {}, ["0", "2"], ["Vegetarian", "Vegan"]),
    (Kind.YES_NO, {}, "no", False),
    (Kind.DATE, {}, "2031-03-09", "2031-03-09"),
    (Kind.COUNTRY, {}, "FJ", "FJ"),
    (Kind.CONSENT, {}, "on", True),
]


@pytest.mark.parametrize(("kind", "fields", "posted", "stored"), VALID_ANSWERS)
def test_each_kind_of_question_stores_its_answer_in_one_form_whatever_the_language(
    summit, kind, fields, posted, stored
):
    asked = question(summit, kind, **fields)
    registration = RegistrationFactory(event=summit)
    with translation.override("fr"):
        form = answers_form(summit, {field_name(asked): posted})
        assert form.is_valid(), form.errors

        answers.save_answers(registration, form)

    answer = Answer.objects.get(registration=registration)
    assert answer.value == stored
    assert answer.question_label == asked.label and answer.question_kind == kind


INVALID_ANSWERS = [
    (Kind.SHORT_TEXT, "", "This field is required."),
    (Kind.SHORT_TEXT, "x" * 501, "Ensure this value has at most 500 characters"),
    (Kind.SINGLE_CHOICE, "7", "Select a valid choice."),
    (Kind.MULTIPLE_CHOICE, ["0", "9"], "Select a valid choice."),
    (Kind.YES_NO, "maybe", "Select a valid choice."),
    (Kind.DATE, "2031-02-30", "Enter a valid date."),
    (Kind.COUNTRY, "XX", "Select a valid choice."),
    (Kind.CONSENT, "", "This field is required."),
]


@pytest.mark.parametrize(("kind", "posted", "message"), INVALID_ANSWERS)
def test_a_bad_answer_of_each_kind_is_refused_with_a_clear_message(summit, kind, posted, message):
    asked = question(summit, kind)

    form = answers_form(summit, {field_name(asked): posted})

    assert not form.is_valid()
    assert message in " ".join(form.errors[field_name(asked)])


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (PDF * 40_000, "passport.pdf", "the largest accepted is 1 MB"),
        (b"MZ\x90\x00 an executable", "passport.pdf", "This file is not a PDF, PNG file"),
        (b"\x89PNG\r\n\x1a\n but no image after", "passport.png", "This file is not a PDF, PNG file"),
        (b"", "empty.pdf", "The submitted file is empty."),
    ],
)
def test_a_file_too_large_empty_or_of_another_kind_than_its_name_says_is_refused(summit, content, name, message):
    asked = question(summit, Kind.FILE)

    form = answers_form(summit, {}, {field_name(asked): SimpleUploadedFile(name, content)})

    assert not form.is_valid()
    assert message in " ".join(form.errors[field_name(asked)])


def test_an_uploaded_file_is_kept_in_the_private_storage_under_a_name_nobody_can_guess(
    summit, settings, private_files_in_a_temporary_folder
):
    asked = question(summit, Kind.FILE)
    registration = RegistrationFactory(event=summit)
    form = answers_form(summit, {}, {field_name(asked): SimpleUploadedFile("Amina Diallo passport.png", png_bytes())})
    assert form.is_valid(), form.errors

    [answer] = answers.save_answers(registration, form)

    assert answer.private and answer.file_name == "Amina Diallo passport.png"
    stored = private_files_in_a_temporary_folder / answer.file.name
    assert stored.read_bytes() == png_bytes()
    assert "Amina" not in answer.file.name
    assert not str(stored).startswith(str(settings.MEDIA_ROOT))


# Registering with the questions ----------------------------------------------------------------


def test_registering_asks_the_questions_first_and_a_bad_answer_saves_nothing(client, amina, summit):
    dietary = question(summit, Kind.SINGLE_CHOICE, label="Dietary requirements")
    passport = question(summit, Kind.FILE, label="Passport copy")
    event_page = client.get("/en/events/summit/").content.decode()
    assert 'href="/en/events/summit/register/"' in event_page

    refused = client.post(
        "/en/events/summit/register/",
        {field_name(dietary): "1", field_name(passport): SimpleUploadedFile("passport.pdf", b"not a pdf")},
    )

    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Some answers need your attention: nothing was saved yet." in page
    assert "This file is not a PDF, PNG file" in page
    assert not Registration.objects.exists() and not Answer.objects.exists()

    accepted = client.post(
        "/en/events/summit/register/",
        {field_name(dietary): "1", field_name(passport): SimpleUploadedFile("passport.pdf", PDF)},
        follow=True,
    )

    assert "your seat is confirmed" in accepted.content.decode()
    registration = Registration.objects.get(participant=amina)
    assert registration.status == Status.CONFIRMED
    assert sorted(registration.answers.values_list("question_label", flat=True)) == [
        "Dietary requirements",
        "Passport copy",
    ]


def test_a_refused_registration_keeps_no_answer(client, amina, summit):
    summit.capacity, summit.waitlist_enabled = 0, False
    summit.save()
    asked = question(summit, Kind.SHORT_TEXT)

    response = client.post("/en/events/summit/register/", {field_name(asked): "Ministry"}, follow=True)

    assert "is full and has no waiting list" in response.content.decode()
    assert not Answer.objects.exists()


def test_the_questions_are_asked_in_the_participants_language(client, amina, summit):
    QuestionFactory(
        event=summit,
        kind=Kind.SINGLE_CHOICE,
        label_en="Dietary requirements",
        label_fr="Régime alimentaire",
        options_en="None\nHalal",
        options_fr="Aucun\nHalal",
    )

    page = client.get("/fr/events/summit/register/").content.decode()

    assert "Régime alimentaire" in page and "Aucun" in page and "Dietary" not in page


def test_participants_change_their_answers_until_registration_closes(client, amina, summit):
    asked = question(summit, Kind.SHORT_TEXT, label="Organisation unit")
    registration = RegistrationFactory(event=summit, participant=amina)
    AnswerFactory(registration=registration, question=asked, value="Cyber unit")
    url = f"/en/events/my-registrations/{registration.pk}/answers/registration/"
    assert url in client.get("/en/events/my-registrations/").content.decode()
    assert 'value="Cyber unit"' in client.get(url).content.decode()

    client.post(url, {field_name(asked): "Disarmament unit"})
    assert Answer.objects.get().value == "Disarmament unit"

    summit.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    summit.registration_opens_at = None
    summit.save()
    closed = client.get(url).content.decode()
    assert "These answers can no longer be changed." in closed and "Disarmament unit" in closed
    client.post(url, {field_name(asked): "Another unit"})
    assert Answer.objects.get().value == "Disarmament unit"


def test_changing_or_deleting_a_question_keeps_the_answers_already_given(summit):
    asked = question(summit, Kind.SINGLE_CHOICE, label="Meal")
    registration = RegistrationFactory(event=summit)
    form = answers_form(summit, {field_name(asked): "1"})
    assert form.is_valid()
    answers.save_answers(registration, form)

    asked.label, asked.options = "Meal preference", "Vegetarian (ovo-lacto)\nHalal\nVegan\nKosher"
    asked.save()
    answer = Answer.objects.get()
    assert answer.value == "Halal" and answer.label == "Meal preference"
    assert answers_form(summit, registration=registration).initial.get(field_name(asked)) is None
    assert answers_form(summit, registration=registration).fields[field_name(asked)].initial == 1

    asked.delete()

    answer.refresh_from_db()
    assert answer.question is None
    assert (answer.label, answer.value) == ("Meal", "Halal")


def test_someone_elses_registration_answers_are_not_found(client, amina, summit):
    question(summit, Kind.SHORT_TEXT)
    someone_else = RegistrationFactory(event=summit)

    response = client.get(f"/en/events/my-registrations/{someone_else.pk}/answers/registration/")

    assert response.status_code == 404


# Common questions in one click ----------------------------------------------------------------


def test_the_common_questions_are_added_once_each_in_the_six_languages(summit):
    added = questions.add_common_questions(summit, Form.REGISTRATION)
    again = questions.add_common_questions(summit, Form.REGISTRATION)
    follow_up = questions.add_common_questions(summit, Form.FOLLOW_UP)

    assert [question.common_key for question in added] == [
        "dietary_needs",
        "accessibility_needs",
        "visa_support",
        "emergency_contact",
    ]
    assert again == []
    assert {question.common_key for question in follow_up} >= {"arrival_date", "passport_number", "passport_copy"}
    dietary = summit.questions.get(common_key="dietary_needs")
    assert dietary.label_en == "Dietary requirements"
    for language in ("fr", "es", "ru", "ar", "zh_hans"):
        label = getattr(dietary, f"label_{language}")
        assert label and label != dietary.label_en, language
        assert len(getattr(dietary, f"options_{language}").splitlines()) == len(dietary.options_en.splitlines())
    passport = summit.questions.get(common_key="passport_number")
    assert passport.form == Form.FOLLOW_UP and passport.is_private


def test_staff_add_the_common_questions_from_the_events_list(admin_client, summit):
    admin_client.post(
        "/admin/events/event/", {"action": "add_visa_and_logistics_form", "_selected_action": [summit.pk]}
    )

    assert summit.questions.filter(form=Form.FOLLOW_UP).count() == 7


# The follow-up form ---------------------------------------------------------------------------


@pytest.fixture
def visa_form(summit):
    return questions.add_common_questions(summit, Form.FOLLOW_UP)


def test_the_confirmation_email_asks_for_the_follow_up_form_until_it_is_completed(
    summit, visa_form, after_commit, client, amina
):
    with after_commit():
        client.post("/en/events/summit/register/")

    registration = Registration.objects.get(participant=amina)
    link = f"/events/my-registrations/{registration.pk}/answers/follow_up/"
    [confirmation] = mail.outbox
    assert link in confirmation.body and "please complete the follow-up form" in confirmation.body
    assert "Complete the follow-up form" in client.get("/en/events/my-registrations/").content.decode()

    by_key = {question.common_key: question for question in visa_form}
    response = client.post(
        f"/en{link}",
        {
            field_name(by_key["arrival_date"]): "2031-03-09",
            field_name(by_key["departure_date"]): "2031-03-12",
            field_name(by_key["nationality"]): "FJ",
            field_name(by_key["passport_number"]): "FJ1234567",
            field_name(by_key["passport_expiry"]): "2034-01-31",
            field_name(by_key["passport_copy"]): SimpleUploadedFile("passport.pdf", PDF),
        },
    )

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.follow_up_completed_at is not None
    page = client.get("/en/events/my-registrations/").content.decode()
    assert "Complete the follow-up form" not in page and "Change my follow-up answers" in page


def test_the_follow_up_form_is_only_for_confirmed_participants(client, amina, summit, visa_form):
    waiting = RegistrationFactory(event=summit, participant=amina, status=Status.WAITLISTED)

    page = client.get(f"/en/events/my-registrations/{waiting.pk}/answers/follow_up/").content.decode()

    assert "These answers can no longer be changed." in page
    assert "Complete the follow-up form" not in client.get("/en/events/my-registrations/").content.decode()


def test_staff_see_who_has_not_completed_the_follow_up_form_and_remind_them_in_bulk(
    admin_client, summit, visa_form, after_commit
):
    done = RegistrationFactory(event=summit, follow_up_completed_at=timezone.now())
    missing = RegistrationFactory(event=summit)
    pending = RegistrationFactory(event=summit, status=Status.PENDING)
    listed = admin_client.get("/admin/events/registration/", {"follow_up": "missing"}).content.decode()
    assert f"/admin/events/registration/{missing.pk}/change/" in listed
    assert f"/admin/events/registration/{done.pk}/change/" not in listed

    with after_commit():
        response = admin_client.post(
            "/admin/events/registration/",
            {"action": "remind_follow_up", "_selected_action": [done.pk, missing.pk, pending.pk]},
            follow=True,
        )

    page = response.content.decode()
    assert "1 participant(s) reminded by email." in page
    assert "has already completed the follow-up form" in page and "is not confirmed" in page
    [reminder] = mail.outbox
    assert reminder.to == [missing.participant.email]
    assert reminder.subject == "Please complete the follow-up form: Cyber diplomacy summit"
    missing.refresh_from_db()
    assert missing.follow_up_reminded_at is not None


def test_a_reminder_queued_before_the_form_was_completed_is_not_sent(summit, visa_form, after_commit):
    registration = RegistrationFactory(event=summit)
    answers.remind_follow_up([registration])
    Registration.objects.filter(pk=registration.pk).update(follow_up_completed_at=timezone.now())

    assert send_registration_email(registration.pk, "follow_up_reminder") is False


# Private answers and files --------------------------------------------------------------------


@pytest.fixture
def passport_copy(summit):
    owner = participant_with_account(email="owner@example.org")
    registration = RegistrationFactory(event=summit, participant=owner)
    return AnswerFactory(registration=registration, with_file=PDF)


def file_url(answer):
    return f"/en/events/my-registrations/answer-files/{answer.pk}/"


def test_the_participant_fetches_their_own_file(client, passport_copy):
    client.force_login(passport_copy.registration.participant.user)

    response = client.get(file_url(passport_copy))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="passport.pdf"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] and response["X-Content-Type-Options"] == "nosniff"


def test_another_participant_staff_without_the_permission_and_anonymous_visitors_get_404(client, passport_copy):
    assert client.get(file_url(passport_copy)).status_code == 404

    client.force_login(participant_with_account(email="other@example.org").user)
    assert client.get(file_url(passport_copy)).status_code == 404

    client.force_login(staff_member(PROGRAMME_STAFF, email="staff@unidir.example"))
    assert client.get(file_url(passport_copy)).status_code == 404


def test_staff_with_the_private_data_permission_fetch_the_file(client, passport_copy):
    officer = staff_member(PROGRAMME_STAFF, email="visa.officer@unidir.example")
    officer.groups.add(*type(officer.groups.first()).objects.filter(name=PRIVATE_PARTICIPANT_DATA))
    client.force_login(officer)

    assert client.get(file_url(passport_copy)).status_code == 200


def test_files_are_never_under_the_public_media_address(client, passport_copy, settings):
    response = client.get(f"/{settings.MEDIA_URL}{passport_copy.file.name}")

    assert response.status_code == 404


# Answers for staff ------------------------------------------------------------------------------


@pytest.fixture
def answered(summit):
    dietary = question(summit, Kind.SINGLE_CHOICE, label="Meal", shown_at_check_in=True)
    passport = question(summit, Kind.SHORT_TEXT, label="Passport number", private=True, form=Form.FOLLOW_UP)
    people = []
    for name, meal, number in [("Amina", "Halal", "FJ1"), ("Boris", "Vegan", "RU2"), ("Chen", "Halal", "CN3")]:
        registration = RegistrationFactory(event=summit, participant__first_name=name)
        AnswerFactory(registration=registration, question=dietary, value=meal)
        AnswerFactory(registration=registration, question=passport, value=number, private=True)
        people.append(registration)
    return {"dietary": dietary, "passport": passport, "people": people}


def answers_url(event):
    return f"/admin/events/event/{event.pk}/answers/"


def test_staff_read_the_answers_as_a_table_filtered_by_an_answer(client, summit, answered):
    client.force_login(staff_member(PROGRAMME_STAFF, email="staff@unidir.example"))

    page = client.get(answers_url(summit), {f"q{answered['dietary'].pk}": "Halal"}).content.decode()

    assert "Amina" in page and "Chen" in page and "Boris" not in page
    assert "2 registration(s)." in page
    assert "FJ1" not in page and "(private)" in page


def test_staff_with_the_permission_read_private_answers_and_download_the_table(client, summit, answered):
    officer = staff_member(PROGRAMME_STAFF, email="visa.officer@unidir.example")
    officer.groups.add(*type(officer.groups.first()).objects.filter(name=PRIVATE_PARTICIPANT_DATA))
    client.force_login(officer)

    assert "FJ1" in client.get(answers_url(summit)).content.decode()
    response = client.get(answers_url(summit), {"download": "csv"})
    table = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()

    assert table[0] == "Participant,Email,Country,Status,Follow-up completed,Meal,Passport number"
    assert len(table) == 4 and "Halal,FJ1" in table[1]


def test_the_registration_page_in_the_admin_lists_its_answers(client, summit, answered):
    client.force_login(staff_member(PROGRAMME_STAFF, email="staff@unidir.example"))
    registration = answered["people"][0]

    page = client.get(f"/admin/events/registration/{registration.pk}/change/").content.decode()

    assert "Meal" in page and "Halal" in page and "FJ1" not in page


def test_the_check_in_page_shows_the_answers_staff_chose(client, summit, answered):
    summit.starts_at = timezone.now() + datetime.timedelta(hours=2)  # the desk is open
    summit.ends_at = summit.starts_at + datetime.timedelta(hours=3)
    summit.save()
    client.force_login(staff_member(PROGRAMME_STAFF, email="staff@unidir.example"))

    page = client.get("/en/events/summit/check-in/", {"q": "Amina"}).content.decode()

    assert "Meal:" in page and "Halal" in page and "FJ1" not in page


def test_a_private_question_cannot_be_shown_at_check_in(summit):
    asked = Question(event=summit, kind=Kind.SHORT_TEXT, label="Passport number", private=True, shown_at_check_in=True)

    with pytest.raises(Exception, match="never shown on the check-in page"):
        asked.full_clean()


def test_the_participants_data_download_holds_their_answers_and_files(client, passport_copy):
    client.force_login(passport_copy.registration.participant.user)

    data = client.get("/en/accounts/my-data/").json()

    [answer] = data["registrations"][0]["answers"]
    assert answer["file_name"] == "passport.pdf"
    assert answer["file_url"] == f"http://testserver{file_url(passport_copy)}"


# Erasure --------------------------------------------------------------------------------------


def test_deleting_the_account_erases_every_answer_and_file(client, passport_copy, after_commit):
    stored = passport_copy.file.path
    owner = passport_copy.registration.participant.user
    owner.set_password("a-Str0ng-passphrase")
    owner.save()
    client.force_login(owner)

    with after_commit():
        client.post("/en/accounts/delete/", {"password": "a-Str0ng-passphrase"})

    assert not Answer.objects.exists()
    assert not os.path.exists(stored)


def test_private_answers_are_erased_after_the_retention_period_and_the_rest_kept(
    summit, answered, passport_copy, after_commit, settings
):
    settings.PRIVATE_ANSWERS_RETENTION_DAYS = 180
    stored = passport_copy.file.path
    summit.starts_at = timezone.now() - datetime.timedelta(days=200)
    summit.ends_at = summit.starts_at + datetime.timedelta(hours=3)
    summit.save()
    recent = AnswerFactory(with_file=PDF)  # an event still to come

    with after_commit():
        erased = answers.erase_expired_private_answers(now=timezone.now())

    assert erased == 4  # three passport numbers and one passport copy
    assert set(Answer.objects.values_list("question_label", flat=True)) == {"Meal", recent.question_label}
    assert not os.path.exists(stored) and os.path.exists(recent.file.path)


def test_a_file_no_answer_holds_is_swept_a_day_later(private_files_in_a_temporary_folder):
    orphan = private_files_in_a_temporary_folder / "answers" / "event-1" / "left-by-a-rollback.pdf"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(PDF)

    answers.erase_expired_private_answers(now=timezone.now())
    assert orphan.exists()
    answers.erase_expired_private_answers(now=timezone.now() + datetime.timedelta(days=2))
    assert not orphan.exists()


def test_a_choice_question_lists_the_same_choices_in_every_language(summit):
    asked = QuestionFactory.build(
        event=summit, kind=Kind.SINGLE_CHOICE, options_en="None\nHalal\nVegan", options_fr="Aucun\nHalal"
    )

    with pytest.raises(Exception, match=r"the same 3 choices, in the same order \(fr lists 2\)"):
        asked.full_clean()


@pytest.mark.parametrize("size", [3, 30])
def test_the_answers_table_runs_a_fixed_number_of_queries(admin_client, summit, django_assert_max_num_queries, size):
    meal = question(summit, Kind.SINGLE_CHOICE, label="Meal")
    for _ in range(size):
        AnswerFactory(registration=RegistrationFactory(event=summit), question=meal, value="Halal")

    with django_assert_max_num_queries(12):
        response = admin_client.get(answers_url(summit))

    assert response.content.decode().count("Halal</td>") == size


def test_staff_who_may_not_see_registrations_do_not_read_the_answers(client, summit, answered):
    client.force_login(UserFactory(is_staff=True))

    assert client.get(answers_url(summit)).status_code == 403


def test_the_lists_follow_up_filter_is_the_rule_itself(summit, visa_form):
    """The Registrations list and the answers table filter with rules.follow_up_due; it picks exactly
    the registrations rules.follow_up_is_due says are still to complete the form."""
    over = EventFactory(
        slug="over",
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=2),
    )
    draft = EventFactory(slug="draft", status="draft")
    silent = EventFactory(slug="silent")  # asks no follow-up form
    for event in (over, draft):
        question(event, Kind.SHORT_TEXT, form=Form.FOLLOW_UP)
    registrations = [
        RegistrationFactory(event=summit),
        RegistrationFactory(event=summit, follow_up_completed_at=timezone.now()),
        RegistrationFactory(event=summit, status=Status.PENDING),
        RegistrationFactory(event=over),
        RegistrationFactory(event=draft),
        RegistrationFactory(event=silent),
    ]

    filtered = set(Registration.objects.filter(rules.follow_up_due()).values_list("pk", flat=True))

    assert filtered == {registration.pk for registration in registrations if rules.follow_up_is_due(registration)}
    assert filtered == {registrations[0].pk}
