"""Attended participants of courses, trainings and exercises download a certificate of attendance with a
verification code, or staff email it to them once; anyone can verify a code on a public page, which shows
only name, event and date."""

import datetime
import re
import smtplib
import subprocess

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.utils import timezone

from events import certificates
from events.models import Event, Registration
from events.services import certificates as certificate_services
from events.services import check_in as desk
from events.services.participants import anonymise_participant
from events.services.registrations import cancel_registration
from events.tasks import send_certificate_email_task, send_registration_email_task
from tests.clients.programs import program
from tests.events.participants import participant_with_account
from tests.factories import EventFactory, ParticipantFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status
MY_REGISTRATIONS = "/en/events/my-registrations/"
VERIFY = "/en/certificates/verify/"
CODE_PATTERN = re.compile(r"^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$")


def past_event(**fields):
    starts_at = timezone.now() - datetime.timedelta(days=10)
    defaults = {
        "kind": Event.Kind.SUMMER_COURSE,
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(days=4),
        "title": "Summer course on cyber norms",
        "slug": "summer-course",
    }
    return EventFactory(**{**defaults, **fields})


def attended_registration(participant=None, **event_fields):
    return RegistrationFactory(
        event=past_event(**event_fields),
        participant=participant or ParticipantFactory(),
        status=Status.CONFIRMED,
        attended=True,
        checked_in_at=timezone.now(),
    )


def certificate_url(registration):
    return f"{MY_REGISTRATIONS}{registration.pk}/certificate/"


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout


# Issuing -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind", [Event.Kind.SUMMER_COURSE, Event.Kind.TRAINING_MODULE, Event.Kind.TABLE_TOP_EXERCISE, Event.Kind.SIMULATION]
)
def test_courses_trainings_and_exercises_give_certificates_with_a_typeable_code(kind):
    registration = attended_registration(kind=kind)

    issued = certificate_services.issue_certificate(registration)

    assert CODE_PATTERN.match(issued.certificate_code)
    assert issued.certificate_issued_at is not None


def test_issuing_twice_keeps_the_first_code_and_date():
    registration = attended_registration()
    first = certificate_services.issue_certificate(registration)

    second = certificate_services.issue_certificate(registration)

    assert (second.certificate_code, second.certificate_issued_at) == (
        first.certificate_code,
        first.certificate_issued_at,
    )


def test_codes_differ_between_certificates():
    codes = {
        certificate_services.issue_certificate(attended_registration(slug=f"course-{n}")).certificate_code
        for n in range(20)
    }

    assert len(codes) == 20


@pytest.mark.parametrize(
    ("kind", "fields", "reason"),
    [
        (Event.Kind.CONFERENCE, {}, certificates.CertificateRefusal.NO_CERTIFICATE_FOR_KIND),
        (Event.Kind.TRAINING_MODULE, {"attended": False}, certificates.CertificateRefusal.NOT_ATTENDED),
        (Event.Kind.TRAINING_MODULE, {"status": Status.CANCELLED}, certificates.CertificateRefusal.NOT_CONFIRMED),
    ],
)
def test_no_certificate_for_other_kinds_absentees_or_unconfirmed(kind, fields, reason):
    registration = RegistrationFactory(
        **{"event": past_event(kind=kind), "status": Status.CONFIRMED, "attended": True, **fields}
    )

    with pytest.raises(certificates.CertificateError) as refused:
        certificate_services.issue_certificate(registration)

    assert refused.value.reason == reason
    registration.refresh_from_db()
    assert registration.certificate_code == ""


def test_typed_codes_are_normalised_and_look_alikes_rejected():
    assert certificates.normalise_code(" abcd efgh-jk23 ") == "ABCD-EFGH-JK23"
    assert certificates.normalise_code("ABCD-EFGH-JK20") == ""  # 0 is never in a code
    assert certificates.normalise_code("ABCD") == ""


# Downloading -------------------------------------------------------------------------------------


def test_an_attended_participant_downloads_a_pdf_certificate_from_my_registrations(client, tmp_path):
    amina = participant_with_account(email="amina@example.org", first_name="Amina", last_name="Diallo")
    registration = attended_registration(amina, venue="Palais des Nations", city="Geneva", country="CH")
    client.force_login(amina.user)

    page = client.get(MY_REGISTRATIONS).content.decode()
    assert certificate_url(registration) in page

    response = client.get(certificate_url(registration))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="certificate-summer-course-')
    registration.refresh_from_db()
    text = pdf_text(response.content, tmp_path)
    assert "Certificate of attendance" in text
    assert "Amina Diallo" in text
    assert "Summer course on cyber norms" in text
    assert "Geneva" in text
    assert registration.event.programme.name in text
    assert registration.certificate_code in text
    assert f"http://testserver/en/certificates/verify/?code={registration.certificate_code}" in text.replace("\n", "")


def test_the_pdf_is_a4_landscape_with_arabic_and_chinese_names_drawn_with_noto_fonts(tmp_path):
    layla = ParticipantFactory(first_name="ليلى", last_name="الحسيني", language="ar")
    wang = ParticipantFactory(first_name="王", last_name="小明", language="zh-hans")
    for participant in (layla, wang):
        registration = certificate_services.issue_certificate(
            attended_registration(participant, slug=f"course-{participant.pk}")
        )
        path = tmp_path / f"{participant.pk}.pdf"
        path.write_bytes(certificates.render_certificate_pdf(registration, "https://example.org/verify"))

        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert "841.89 x 595.276 pts (A4)" in info  # landscape: wider than tall
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        expected_font = "Arabic" if participant == layla else "CJK"
        assert expected_font in fonts
    assert "王" in pdf_text(path.read_bytes(), tmp_path)


def test_the_certificate_is_written_in_the_participants_language():
    registration = certificate_services.issue_certificate(attended_registration(ParticipantFactory(language="ar")))

    html = certificates.certificate_html(registration, "https://example.org/verify")

    assert '<html lang="ar" dir="rtl">' in html
    assert "شهادة حضور" in html  # "Certificate of attendance"


def test_a_conference_or_an_absence_gets_a_clear_message_instead_of_a_certificate(client):
    amina = participant_with_account(email="amina@example.org")
    conference = attended_registration(amina, kind=Event.Kind.CONFERENCE, title="Cyber Stability Conference")
    absent = RegistrationFactory(participant=amina, event=past_event(slug="training"), attended=False)
    client.force_login(amina.user)

    page = client.get(MY_REGISTRATIONS).content.decode()
    assert certificate_url(conference) not in page and certificate_url(absent) not in page

    response = client.get(certificate_url(conference), follow=True)
    assert response.redirect_chain == [(MY_REGISTRATIONS, 302)]
    assert "Cyber Stability Conference does not give certificates" in response.content.decode()
    response = client.get(certificate_url(absent), follow=True)
    assert "the organisers have not recorded your attendance" in response.content.decode()


def test_nobody_downloads_someone_elses_certificate_by_its_id(client):
    someone_else = attended_registration(participant_with_account(email="someone@example.org"))
    intruder = participant_with_account(email="intruder@example.org")
    client.force_login(intruder.user)

    assert client.get(certificate_url(someone_else)).status_code == 404
    someone_else.refresh_from_db()
    assert someone_else.certificate_code == ""


def test_downloading_needs_an_account(client):
    registration = attended_registration()

    response = client.get(certificate_url(registration))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# Issuing from the admin --------------------------------------------------------------------------


def test_staff_issue_certificates_in_bulk_from_the_admin_and_see_who_gets_none(client):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_registration", "change_registration"]))
    attended = attended_registration(ParticipantFactory(first_name="Amina", last_name="Diallo"))
    absent = RegistrationFactory(
        event=attended.event, participant=ParticipantFactory(first_name="Omar", last_name="Haddad"), attended=False
    )
    client.force_login(staff)

    response = client.post(
        "/admin/events/registration/",
        {"action": "issue_certificates", "_selected_action": [attended.pk, absent.pk]},
        follow=True,
    )

    page = response.content.decode()
    assert "1 certificate(s) issued." in page
    assert "No certificate: Omar Haddad" in page
    attended.refresh_from_db()
    absent.refresh_from_db()
    assert attended.certificate_code and not absent.certificate_code


# Verifying ---------------------------------------------------------------------------------------


def test_anyone_verifies_a_code_and_sees_only_name_event_and_date(client):
    participant = ParticipantFactory(
        first_name="Amina", last_name="Diallo", email="amina.private@example.org", organisation="Secret Ministry"
    )
    registration = certificate_services.issue_certificate(attended_registration(participant))
    typed = registration.certificate_code.lower().replace("-", " ")

    response = client.get(VERIFY, {"code": typed})

    page = response.content.decode()
    assert response.status_code == 200
    assert "This certificate is valid" in page
    assert "Amina Diallo" in page
    assert "Summer course on cyber norms" in page
    assert registration.event.starts_at.strftime("%Y") in page
    assert "amina.private@example.org" not in page
    assert "Secret Ministry" not in page
    assert "Kenya" not in page


def test_an_unknown_code_says_not_found(client):
    certificate_services.issue_certificate(attended_registration())

    page = client.get(VERIFY, {"code": "ABCD-EFGH-JKMN"}).content.decode()

    assert "No certificate has the code “ABCD-EFGH-JKMN”." in page
    assert "This certificate is valid" not in page


def test_something_that_is_no_certificate_code_is_told_what_codes_look_like(client):
    page = client.get(VERIFY, {"code": "SECTEC-1234"}).content.decode()

    assert "“SECTEC-1234” is not a certificate code" in page
    assert "three groups of four letters and digits, such as ABCD-EFGH-JKMN" in page
    assert "This certificate is valid" not in page


def test_the_pdf_carries_a_qr_code_of_its_verification_address(client, tmp_path):
    participant = participant_with_account()
    registration = attended_registration(participant)
    client.force_login(participant.user)

    pdf = client.get(certificate_url(registration)).content

    registration.refresh_from_db()
    (tmp_path / "certificate.pdf").write_bytes(pdf)
    pdftoppm = program("pdftoppm", "poppler-utils")
    subprocess.run([pdftoppm, "-r", "150", "-png", "-singlefile", "certificate.pdf", "page"], cwd=tmp_path, check=True)
    scanned = subprocess.run(
        [program("zbarimg", "zbar-tools"), "--quiet", "--raw", "page.png"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert scanned.stdout.strip() == f"http://testserver/en/certificates/verify/?code={registration.certificate_code}"


def test_the_verify_page_is_a_plain_form_without_a_code(client):
    page = client.get(VERIFY).content.decode()

    assert '<form method="get"' in page
    assert 'name="code"' in page
    assert "No certificate has the code" not in page


def test_an_anonymised_participants_certificate_no_longer_verifies_to_a_name(client):
    participant = ParticipantFactory(first_name="Amina", last_name="Diallo")
    registration = certificate_services.issue_certificate(attended_registration(participant))
    participant.anonymised_at = timezone.now()
    participant.first_name, participant.last_name = "Anonymised", "participant"
    participant.save()

    page = client.get(VERIFY, {"code": registration.certificate_code}).content.decode()

    assert "Amina" not in page and "Anonymised participant" not in page
    assert "no longer verifies a name" in page


def test_verification_lookups_are_rate_limited_per_client(settings):
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = 3
    guesser, honest = Client(REMOTE_ADDR="203.0.113.5"), Client(REMOTE_ADDR="198.51.100.7")

    statuses = [guesser.get(VERIFY, {"code": f"ABCD-EFGH-JK{n}{n}"}).status_code for n in range(2, 7)]

    assert statuses == [200, 200, 200, 429, 429]
    assert honest.get(VERIFY, {"code": "ABCD-EFGH-JK22"}).status_code == 200
    # Opening the empty form costs nothing.
    assert guesser.get(VERIFY).status_code == 200


# Emailing ----------------------------------------------------------------------------------------


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """Run what the services queue for after the commit (the test's transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def certificate_attachment(message):
    [(filename, content, mimetype)] = message.attachments
    return filename, content, mimetype


def test_staff_email_a_french_participant_her_certificate_in_french_with_the_pdf_and_the_verify_link(
    after_commit, tmp_path
):
    amelie = ParticipantFactory(first_name="Amélie", last_name="Martin", language="fr")
    registration = attended_registration(amelie)

    with after_commit():
        emailed = certificate_services.email_certificate(registration)

    [message] = mail.outbox
    code = emailed.certificate_code
    verify_link = f"http://127.0.0.1:8000/fr/certificates/verify/?code={code}"
    assert CODE_PATTERN.match(code), "emailing issues the certificate first"
    assert message.to == [amelie.email]
    assert message.subject == "Certificat de participation – Summer course on cyber norms"
    assert message.body.startswith("Bonjour Amélie,")
    assert f"Code de vérification: {code}" in message.body
    assert f"Vérifier ce certificat sur: {verify_link}" in message.body
    assert "Avec nos meilleures salutations," in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert 'lang="fr"' in html and f'href="{verify_link}"' in html
    filename, pdf, mimetype = certificate_attachment(message)
    assert (filename, mimetype) == (f"certificate-summer-course-{code}.pdf", "application/pdf")
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    assert "Certificat de participation" in text and "Amélie Martin" in text
    assert verify_link in text.replace("\n", "")
    registration.refresh_from_db()
    assert registration.certificate_emailed_at is not None


def test_emailing_twice_sends_one_email_unless_staff_choose_to_send_it_again(after_commit):
    registration = attended_registration()

    with after_commit():
        first = certificate_services.email_certificates([registration])
        second = certificate_services.email_certificates([registration])

    assert len(first.changed) == 1 and len(mail.outbox) == 1
    [(_, reason)] = second.refused
    assert "already emailed on" in reason and "again" in reason

    with after_commit():
        again = certificate_services.email_certificates([registration], send_again=True)

    assert len(again.changed) == 1
    assert len(mail.outbox) == 2
    assert mail.outbox[0].attachments[0][0] == mail.outbox[1].attachments[0][0], "the same certificate, same code"


def test_an_email_superseded_by_a_send_again_before_the_worker_ran_is_not_sent(django_capture_on_commit_callbacks):
    registration = attended_registration()
    with django_capture_on_commit_callbacks() as queued:
        certificate_services.email_certificate(registration)
        certificate_services.email_certificate(registration, send_again=True)

    for queue_email in queued:
        queue_email()

    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("make_registration", "reason"),
    [
        (
            lambda: RegistrationFactory(event=past_event(), status=Status.CONFIRMED, attended=False),
            certificates.CertificateRefusal.NOT_ATTENDED,
        ),
        (
            lambda: attended_registration(kind=Event.Kind.CONFERENCE),
            certificates.CertificateRefusal.NO_CERTIFICATE_FOR_KIND,
        ),
        (
            lambda: attended_registration(anonymise_participant(ParticipantFactory())),
            certificates.CertificateRefusal.ANONYMISED,
        ),
        (
            lambda: attended_registration(ParticipantFactory(email="")),
            certificates.CertificateRefusal.NO_EMAIL_ADDRESS,
        ),
    ],
    ids=["not-attended", "conference", "anonymised", "no-email-address"],
)
def test_refused_registrations_are_neither_emailed_nor_stamped(after_commit, make_registration, reason):
    registration = make_registration()

    with after_commit():
        outcome = certificate_services.email_certificates([registration])

    assert outcome.changed == []
    [(refused, message)] = outcome.refused
    assert refused == registration and message
    with pytest.raises(certificates.CertificateError) as error:
        certificate_services.email_certificate(registration)
    assert error.value.reason == reason
    assert mail.outbox == []
    registration.refresh_from_db()
    assert registration.certificate_emailed_at is None


def test_staff_issue_and_email_certificates_from_the_admin_once_then_again_on_request(client, after_commit):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_registration", "change_registration"]))
    attended = attended_registration(ParticipantFactory(first_name="Amina", last_name="Diallo"))
    absent = RegistrationFactory(
        event=attended.event, participant=ParticipantFactory(first_name="Omar", last_name="Haddad"), attended=False
    )
    selected = [attended.pk, absent.pk]
    client.force_login(staff)

    def run(action):
        with after_commit():
            response = client.post(
                "/admin/events/registration/", {"action": action, "_selected_action": selected}, follow=True
            )
        return response.content.decode()

    page = run("email_certificates")
    assert "1 certificate(s) issued and emailed." in page
    assert "Not emailed: Omar Haddad — There is no certificate for Summer course on cyber norms yet" in page
    assert [message.to for message in mail.outbox] == [[attended.participant.email]]

    page = run("email_certificates")
    assert "issued and emailed." not in page
    assert "Not emailed: Amina Diallo — already emailed on" in page
    assert len(mail.outbox) == 1

    page = run("email_certificates_again")
    assert "1 certificate(s) issued and emailed." in page
    assert len(mail.outbox) == 2
    attended.refresh_from_db()
    absent.refresh_from_db()
    assert attended.certificate_code and attended.certificate_emailed_at
    assert not absent.certificate_code and absent.certificate_emailed_at is None


def test_the_certificate_task_retries_a_mail_server_failure_with_the_registration_emails_policy(monkeypatch):
    registration = attended_registration(ParticipantFactory(language="fr"))
    # Outside a capture, the queued task waits for a commit that never comes: the test runs it below.
    emailed = certificate_services.email_certificate(registration)
    real_send = mail.EmailMultiAlternatives.send
    attempts = []

    def flaky_send(message, *args, **kwargs):
        attempts.append(message.subject)
        if len(attempts) == 1:
            raise smtplib.SMTPServerDisconnected("the mail server went away")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", flaky_send)

    # throw=False: a worker's way of handling a retry (the suite's eager mode re-raises instead).
    result = send_certificate_email_task.apply(
        args=[emailed.pk, emailed.certificate_emailed_at.isoformat()], throw=False
    )

    assert result.get() is True
    assert len(attempts) == 2
    [message] = mail.outbox
    assert message.subject.startswith("Certificat de participation")
    for option in ("autoretry_for", "dont_autoretry_for", "retry_backoff", "retry_backoff_max", "max_retries"):
        assert getattr(send_certificate_email_task, option) == getattr(send_registration_email_task, option)


# Revoking ----------------------------------------------------------------------------------------


def revoked_page(client, registration) -> str:
    """The verification page for the registration's code, as text (tags dropped, spaces folded)."""
    html = client.get(VERIFY, {"code": registration.certificate_code}).content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" .", ".")


def test_a_certificate_whose_attendance_is_taken_back_at_the_desk_is_revoked_on_the_verification_page(client):
    participant = ParticipantFactory(first_name="Amina", last_name="Diallo")
    registration = certificate_services.issue_certificate(attended_registration(participant))

    desk.undo_check_in(registration)

    page = revoked_page(client, registration)
    assert "This certificate is no longer valid" in page
    assert f"The code {registration.certificate_code} was issued for Summer course on cyber norms, but" in page
    assert "withdrawn the attendance it certified" in page
    assert "This certificate is valid" not in page
    assert "Amina" not in page


def test_marking_the_attendance_again_restores_the_same_certificate(client):
    registration = certificate_services.issue_certificate(attended_registration())
    code = registration.certificate_code
    desk.undo_check_in(registration)

    desk.check_in(registration)

    registration.refresh_from_db()
    assert registration.certificate_code == code
    assert "This certificate is valid" in revoked_page(client, registration)


def test_a_cancelled_registrations_certificate_no_longer_verifies(client):
    registration = certificate_services.issue_certificate(attended_registration())

    cancel_registration(registration)

    assert "This certificate is no longer valid" in revoked_page(client, registration)


def test_staff_who_mark_a_certified_participant_not_attended_are_told_the_certificate_is_revoked(admin_client, client):
    certified = certificate_services.issue_certificate(attended_registration())
    uncertified = RegistrationFactory(event=certified.event, status=Status.CONFIRMED, attended=True)

    response = admin_client.post(
        "/admin/events/registration/",
        {"action": "mark_not_attended", "_selected_action": [certified.pk, uncertified.pk]},
        follow=True,
    )

    page = response.content.decode()
    assert "2 registration(s) marked not attended." in page
    assert "1 of them had a certificate: it no longer verifies (marking the attendance again restores it)." in page
    assert "This certificate is no longer valid" in revoked_page(client, certified)


def test_a_walk_in_recorded_at_a_training_gets_a_certificate_that_verifies_until_the_walk_in_is_undone(client):
    training = past_event(kind=Event.Kind.TRAINING_MODULE, title="Training on incident response", slug="training")
    walk_in = desk.record_walk_in(training, {"first_name": "Sione", "last_name": "Tupou"})

    certified = certificate_services.issue_certificate(walk_in)

    assert CODE_PATTERN.match(certified.certificate_code)
    assert "This certificate is valid" in revoked_page(client, certified)
    assert "Sione Tupou" in revoked_page(client, certified)
    desk.undo_check_in(certified)
    assert "This certificate is no longer valid" in revoked_page(client, certified)
