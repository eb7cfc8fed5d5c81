"""Participants hear about every change to their registrations and events by email, in their own
language, in plain text and HTML, with a calendar invitation whenever their calendar must change;
the online link reaches confirmed participants only."""

import datetime
import smtplib
import zoneinfo

import pytest
from django.contrib import admin
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone
from icalendar import Calendar

from events import emails
from events.admin import EventAdmin
from events.email_kinds import EmailKind
from events.models import Event, Registration
from events.services import event_changes, registrations
from events.tasks import send_registration_email_task
from tests.factories import EventFactory, ParticipantFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status
GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")
ONLINE_URL = "https://meet.example.org/j/norms-room"


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """Run what the services queue for after the commit (the test's transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def workshop():
    return EventFactory(
        title="Norms workshop",
        slug="norms-workshop",
        format=Event.Format.HYBRID,
        venue="Palais des Nations",
        city="Geneva",
        country="CH",
        time_zone="Europe/Zurich",
        starts_at=datetime.datetime(2031, 3, 10, 9, 0, tzinfo=GENEVA),
        ends_at=datetime.datetime(2031, 3, 10, 17, 0, tzinfo=GENEVA),
        online_url=ONLINE_URL,
        capacity=1,
    )


def participant(language="en", **fields):
    return ParticipantFactory(language=language, job_title="Counsellor", **fields)


def only_email():
    assert len(mail.outbox) == 1, [message.subject for message in mail.outbox]
    return mail.outbox[0]


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def calendar_parts(message):
    return [part for part in message.attachments if part.get_content_type() == "text/calendar"]


def invitation_of(message):
    """The attached .ics, parsed back, with the MIME part's method parameter."""
    [part] = calendar_parts(message)
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    return calendar, calendar.walk("VEVENT")[0], part.get_param("method")


def test_a_confirmed_registration_is_mailed_in_french_with_the_invitation_and_the_online_link(workshop, after_commit):
    amelie = participant("fr", first_name="Amélie")

    with after_commit():
        registrations.register_participant(workshop, amelie)

    message = only_email()
    assert message.to == [amelie.email]
    assert message.subject == "Inscription confirmée : Norms workshop"
    assert message.body.startswith("Bonjour Amélie,")
    assert "Votre place à Norms workshop est confirmée." in message.body
    assert "10 mars 2031 09:00" in message.body
    assert ONLINE_URL in message.body
    assert "http://127.0.0.1:8000/fr/events/norms-workshop/" in message.body
    html = html_of(message)
    assert 'lang="fr"' in html and 'dir="ltr"' in html
    assert f'href="{ONLINE_URL}"' in html
    calendar, event, method = invitation_of(message)
    assert method == "REQUEST" == calendar["method"]
    assert event["uid"] == f"event-{workshop.pk}@cb.unidir.org"
    assert event["sequence"] == 0
    assert event["location"] == "Palais des Nations, Geneva, Suisse (et en ligne)"
    assert ONLINE_URL in event["description"]


def test_a_confirmed_registration_is_mailed_in_arabic_right_to_left(workshop, after_commit):
    layla = participant("ar", first_name="Layla")

    with after_commit():
        registrations.register_participant(workshop, layla)

    message = only_email()
    assert message.subject == "تأكيد التسجيل: Norms workshop"
    assert message.body.startswith("مرحبًا Layla،")
    assert "تم تأكيد مقعدك في Norms workshop." in message.body
    assert "/ar/events/norms-workshop/" in message.body
    html = html_of(message)
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    _, event, method = invitation_of(message)
    assert (method, event["sequence"]) == ("REQUEST", 0)


def test_a_registration_awaiting_approval_is_acknowledged_without_the_online_link(workshop, after_commit):
    workshop.admission = Event.Admission.BY_APPROVAL
    workshop.save()
    amelie = participant("fr")

    with after_commit():
        registrations.register_participant(workshop, amelie)

    message = only_email()
    assert message.subject == "Inscription reçue : Norms workshop"
    assert "Nous avons bien reçu votre inscription à Norms workshop." in message.body
    assert ONLINE_URL not in message.body and ONLINE_URL not in html_of(message)
    assert calendar_parts(message) == []


def test_a_waitlisted_participant_is_told_so_without_the_online_link(workshop, after_commit):
    RegistrationFactory(event=workshop, status=Status.CONFIRMED)
    layla = participant("ar")

    with after_commit():
        registrations.register_participant(workshop, layla)

    message = only_email()
    assert message.subject == "قائمة الانتظار: Norms workshop"
    assert ONLINE_URL not in message.body and ONLINE_URL not in html_of(message)
    assert calendar_parts(message) == []


def test_staff_approval_sends_the_invitation(workshop, after_commit):
    pending = RegistrationFactory(event=workshop, participant=participant("fr"), status=Status.PENDING)

    with after_commit():
        registrations.confirm_registration(pending)

    message = only_email()
    assert message.subject == "Inscription confirmée : Norms workshop"
    assert invitation_of(message)[2] == "REQUEST"
    assert ONLINE_URL in message.body


@pytest.mark.parametrize(
    ("language", "subject"),
    [("fr", "Inscription refusée : Norms workshop"), ("ar", "رفض التسجيل: Norms workshop")],
)
def test_a_declined_participant_is_told_without_the_online_link(workshop, after_commit, language, subject):
    pending = RegistrationFactory(event=workshop, participant=participant(language), status=Status.PENDING)

    with after_commit():
        registrations.decline_registration(pending)

    message = only_email()
    assert message.subject == subject
    assert ONLINE_URL not in message.body
    assert calendar_parts(message) == [], "no calendar entry to remove: they never had a seat"


def test_declining_a_confirmed_seat_removes_it_from_the_calendar(workshop, after_commit):
    seated = RegistrationFactory(event=workshop, participant=participant("fr"), status=Status.CONFIRMED)

    with after_commit():
        registrations.decline_registration(seated)

    calendar, event, method = invitation_of(only_email())
    assert method == "CANCEL" == calendar["method"]
    assert ONLINE_URL not in event.get("description", "")


def test_staff_moving_a_registration_to_the_waitlist_is_mailed_once(workshop, after_commit):
    pending = RegistrationFactory(event=workshop, participant=participant("ar"), status=Status.PENDING)

    with after_commit():
        registrations.waitlist_registration(pending)
        registrations.waitlist_registration(pending)  # a second click changes nothing and sends nothing

    assert only_email().subject == "قائمة الانتظار: Norms workshop"


def test_a_cancellation_is_confirmed_and_the_freed_seat_goes_to_the_waitlist_by_email(workshop, after_commit):
    seated = RegistrationFactory(event=workshop, participant=participant("fr"), status=Status.CONFIRMED)
    waiting = RegistrationFactory(event=workshop, participant=participant("ar"), status=Status.WAITLISTED)

    with after_commit():
        registrations.cancel_own_registration(seated, user=None)

    cancelled, promoted = sorted(mail.outbox, key=lambda message: message.to != [seated.participant.email])
    assert cancelled.subject == "Inscription annulée : Norms workshop"
    assert ONLINE_URL not in cancelled.body
    assert invitation_of(cancelled)[2] == "CANCEL"
    assert promoted.to == [waiting.participant.email]
    assert promoted.subject == "أصبح لك مقعد: Norms workshop"
    assert ONLINE_URL in promoted.body, "promoted means confirmed: the online link comes with the seat"
    _, event, method = invitation_of(promoted)
    assert (method, event["uid"]) == ("REQUEST", f"event-{workshop.pk}@cb.unidir.org")


def test_a_capacity_increase_mails_the_promoted(workshop, after_commit):
    RegistrationFactory(event=workshop, status=Status.CONFIRMED)
    waiting = RegistrationFactory(event=workshop, participant=participant("fr"), status=Status.WAITLISTED)

    with after_commit():
        registrations.change_capacity(workshop, 2)

    message = only_email()
    assert message.to == [waiting.participant.email]
    assert message.subject == "Une place pour vous : Norms workshop"


def test_moving_the_event_bumps_the_sequence_and_mails_an_update_to_the_confirmed_only(workshop, after_commit):
    confirmed = [
        RegistrationFactory(event=workshop, participant=participant(language), status=Status.CONFIRMED)
        for language in ("fr", "ar")
    ]
    workshop.capacity = 2
    workshop.save()
    for status in (Status.WAITLISTED, Status.PENDING, Status.CANCELLED, Status.DECLINED):
        RegistrationFactory(event=workshop, status=status)
    workshop.starts_at += datetime.timedelta(days=1)
    workshop.ends_at += datetime.timedelta(days=1)
    workshop.venue = "Maison de la Paix"

    with after_commit():
        changed = event_changes.save_event(workshop)

    assert changed == ["starts_at", "ends_at", "venue"]
    workshop.refresh_from_db()
    assert workshop.calendar_sequence == 1
    assert sorted(message.to[0] for message in mail.outbox) == sorted(r.participant.email for r in confirmed)
    french = next(message for message in mail.outbox if message.to == [confirmed[0].participant.email])
    assert french.subject == "Mise à jour : Norms workshop"
    assert "11 mars 2031 09:00" in french.body and "Maison de la Paix" in french.body
    assert ONLINE_URL in french.body
    _, event, method = invitation_of(french)
    assert (method, event["sequence"]) == ("REQUEST", 1)
    assert event.decoded("dtstart") == datetime.datetime(2031, 3, 11, 9, 0, tzinfo=GENEVA)


def test_editing_the_description_neither_bumps_the_sequence_nor_mails_anyone(workshop, after_commit):
    RegistrationFactory(event=workshop, status=Status.CONFIRMED)
    workshop.description = "Now with a reading list."

    with after_commit():
        assert event_changes.save_event(workshop) == []

    workshop.refresh_from_db()
    assert workshop.calendar_sequence == 0
    assert mail.outbox == []


def test_cancelling_the_event_sends_method_cancel_to_the_confirmed_without_the_link(workshop, after_commit):
    seated = RegistrationFactory(event=workshop, participant=participant("ar"), status=Status.CONFIRMED)
    RegistrationFactory(event=workshop, status=Status.WAITLISTED)

    with after_commit():
        event_changes.set_event_status([workshop], Event.Status.CANCELLED)

    message = only_email()
    assert message.to == [seated.participant.email]
    assert message.subject == "إلغاء الفعالية: Norms workshop"
    assert ONLINE_URL not in message.body and ONLINE_URL not in html_of(message)
    calendar, event, method = invitation_of(message)
    assert method == "CANCEL" == calendar["method"]
    assert event["status"] == "CANCELLED"
    assert event["sequence"] == 1
    assert event["uid"] == f"event-{workshop.pk}@cb.unidir.org"


def test_the_admin_change_form_saves_through_the_service(workshop, after_commit, admin_user):
    RegistrationFactory(event=workshop, participant=participant("fr"), status=Status.CONFIRMED)
    event_admin = EventAdmin(Event, admin.site)
    event_admin.message_user = lambda *args, **kwargs: None
    workshop.city = "Vienna"

    with after_commit():
        event_admin.save_model(RequestFactory().post("/"), workshop, form=None, change=True)

    workshop.refresh_from_db()
    assert (workshop.city, workshop.calendar_sequence) == ("Vienna", 1)
    assert only_email().subject == "Mise à jour : Norms workshop"


def test_an_email_whose_registration_moved_on_is_not_sent(workshop):
    cancelled = RegistrationFactory(event=workshop, status=Status.CANCELLED)

    assert emails.send_registration_email(cancelled.pk, EmailKind.PROMOTED) is False
    assert mail.outbox == []


def test_the_task_retries_a_mail_server_failure_and_then_sends(workshop, monkeypatch):
    registration = RegistrationFactory(event=workshop, participant=participant("fr"), status=Status.CONFIRMED)
    real_send = mail.EmailMultiAlternatives.send
    attempts = []

    def flaky_send(message, *args, **kwargs):
        attempts.append(message.subject)
        if len(attempts) == 1:
            raise smtplib.SMTPServerDisconnected("the mail server went away")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", flaky_send)

    # throw=False: a worker's way of handling a retry (the suite's eager mode re-raises instead).
    result = send_registration_email_task.apply(args=[registration.pk, "confirmed"], throw=False)

    assert result.get() is True
    assert len(attempts) == 2
    assert only_email().subject == "Inscription confirmée : Norms workshop"
    assert send_registration_email_task.retry_backoff and send_registration_email_task.max_retries >= 5


def test_a_mail_server_outage_never_breaks_a_registration_that_is_saved(workshop, after_commit, monkeypatch):
    def broken_send(message, *args, **kwargs):
        raise smtplib.SMTPConnectError(421, "try later")

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", broken_send)
    amelie = participant("fr")

    with after_commit():
        result = registrations.register_participant(workshop, amelie)

    assert result.registration.status == Status.CONFIRMED
    assert Registration.objects.get(participant=amelie).status == Status.CONFIRMED


def test_an_event_in_fiji_is_mailed_at_its_local_time_not_genevas(after_commit):
    fiji = zoneinfo.ZoneInfo("Pacific/Fiji")
    briefing = EventFactory(
        title="Pacific briefing",
        time_zone="Pacific/Fiji",
        starts_at=datetime.datetime(2031, 8, 23, 9, 0, tzinfo=fiji),
        ends_at=datetime.datetime(2031, 8, 23, 12, 0, tzinfo=fiji),
    )

    with after_commit():
        registrations.register_participant(briefing, participant())

    message = only_email()
    assert "Aug. 23, 2031, 9 a.m. – Aug. 23, 2031, noon (Pacific/Fiji)" in message.body
    assert "Aug. 22" not in message.body and "Aug. 22" not in html_of(message)


def test_staff_confirming_registrations_of_an_event_that_is_over_send_no_email(after_commit):
    past = EventFactory(
        title="Last month's workshop",
        starts_at=timezone.now() - datetime.timedelta(days=30),
        ends_at=timezone.now() - datetime.timedelta(days=30) + datetime.timedelta(hours=3),
    )
    pending = RegistrationFactory(event=past, participant=participant(), status=Status.PENDING)
    seated = RegistrationFactory(event=past, participant=participant(), status=Status.CONFIRMED)

    with after_commit():
        registrations.confirm_registration(pending)
        registrations.decline_registration(seated)

    assert mail.outbox == []
    pending.refresh_from_db()
    assert pending.status == Status.CONFIRMED


def test_an_event_still_under_way_keeps_emailing_status_changes(after_commit):
    running = EventFactory(
        starts_at=timezone.now() - datetime.timedelta(hours=1), ends_at=timezone.now() + datetime.timedelta(hours=2)
    )
    pending = RegistrationFactory(event=running, participant=participant(), status=Status.PENDING)

    with after_commit():
        registrations.confirm_registration(pending)

    assert only_email().subject.startswith("Registration confirmed")
