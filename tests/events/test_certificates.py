"""Attended participants of courses, trainings and exercises download a certificate of attendance with a
verification code; anyone can verify a code on a public page, which shows only name, event and date."""

import datetime
import re
import subprocess

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from events import certificates
from events.models import Event, Registration
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

    issued = certificates.issue_certificate(registration)

    assert CODE_PATTERN.match(issued.certificate_code)
    assert issued.certificate_issued_at is not None


def test_issuing_twice_keeps_the_first_code_and_date():
    registration = attended_registration()
    first = certificates.issue_certificate(registration)

    second = certificates.issue_certificate(registration)

    assert (second.certificate_code, second.certificate_issued_at) == (
        first.certificate_code,
        first.certificate_issued_at,
    )


def test_codes_differ_between_certificates():
    codes = {
        certificates.issue_certificate(attended_registration(slug=f"course-{n}")).certificate_code for n in range(20)
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
        certificates.issue_certificate(registration)

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
        registration = certificates.issue_certificate(
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
    registration = certificates.issue_certificate(attended_registration(ParticipantFactory(language="ar")))

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
    registration = certificates.issue_certificate(attended_registration(participant))
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
    certificates.issue_certificate(attended_registration())

    page = client.get(VERIFY, {"code": "ABCD-EFGH-JKMN"}).content.decode()

    assert "No certificate has the code" in page
    assert "This certificate is valid" not in page


def test_the_verify_page_is_a_plain_form_without_a_code(client):
    page = client.get(VERIFY).content.decode()

    assert '<form method="get"' in page
    assert 'name="code"' in page
    assert "No certificate has the code" not in page


def test_an_anonymised_participants_certificate_no_longer_verifies_to_a_name(client):
    participant = ParticipantFactory(first_name="Amina", last_name="Diallo")
    registration = certificates.issue_certificate(attended_registration(participant))
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
