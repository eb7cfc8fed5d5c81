"""Emails to participants about their registrations, their events and their certificates.

`send_registration_email` renders the email in the participant's language (plain text and HTML) and
attaches the calendar invitation (.ics) where the participant's calendar must change;
`send_certificate_email` attaches the certificate's PDF with its verification link. Both run in a
Celery task (events/tasks.py), queued by events/notifications.py once a service's transaction
commits.

The email describes the registration as it is when the worker sends it: if its status moved on in the
meantime (a promotion followed at once by a cancellation, say), the stale email is not sent, because
the later change queued its own.
"""

import datetime
import logging
import zoneinfo
from email.mime.text import MIMEText
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, gettext_lazy

from . import calendar, certificates
from .email_kinds import EXPECTED_STATUS, INVITATION_KINDS, EmailKind
from .models import Event, EventMessageRecipient, Question, Registration
from .offer_tokens import offer_path
from .rules import follow_up_is_due, online_link_for

logger = logging.getLogger(__name__)
Status = Registration.Status


SUBJECTS = {
    EmailKind.RECEIVED: gettext_lazy("Registration received: %(event)s"),
    EmailKind.CONFIRMED: gettext_lazy("Registration confirmed: %(event)s"),
    EmailKind.WAITLISTED: gettext_lazy("Waiting list: %(event)s"),
    EmailKind.PROMOTED: gettext_lazy("A seat is yours: %(event)s"),
    EmailKind.DECLINED: gettext_lazy("Registration declined: %(event)s"),
    EmailKind.CANCELLED: gettext_lazy("Registration cancelled: %(event)s"),
    EmailKind.EVENT_UPDATED: gettext_lazy("Updated: %(event)s"),
    EmailKind.EVENT_CANCELLED: gettext_lazy("Cancelled: %(event)s"),
    EmailKind.FOLLOW_UP_REMINDER: gettext_lazy("Please complete the follow-up form: %(event)s"),
    EmailKind.OFFERED: gettext_lazy("A seat is offered to you: %(event)s"),
    EmailKind.OFFER_REMINDER: gettext_lazy("Reminder: a seat is offered to you: %(event)s"),
    EmailKind.OFFER_LAPSED: gettext_lazy("Seat offer lapsed: %(event)s"),
    EmailKind.REMINDER: gettext_lazy("Reminder: %(event)s"),
    EmailKind.VISA_LETTER_ISSUED: gettext_lazy("Your visa support letter: %(event)s"),
}

LEADS = {
    EmailKind.RECEIVED: gettext_lazy(
        "We have received your registration for %(event)s. The organisers review each registration "
        "and will write to you once they have decided."
    ),
    EmailKind.CONFIRMED: gettext_lazy("Your seat at %(event)s is confirmed. The calendar invitation is attached."),
    EmailKind.WAITLISTED: gettext_lazy(
        "%(event)s is full, so you are on the waiting list. Seats that free up go to the waiting list "
        "in order of registration, and we will write to you at once if one is yours."
    ),
    EmailKind.PROMOTED: gettext_lazy(
        "A seat has become free at %(event)s and it is yours: your registration is confirmed. "
        "The calendar invitation is attached."
    ),
    EmailKind.DECLINED: gettext_lazy("We are sorry: the organisers could not accept your registration for %(event)s."),
    EmailKind.CANCELLED: gettext_lazy(
        "Your registration for %(event)s is cancelled. You can register again while registration is open."
    ),
    EmailKind.EVENT_UPDATED: gettext_lazy(
        "The details of %(event)s have changed. The details below are up to date, and the attached "
        "invitation updates your calendar."
    ),
    EmailKind.EVENT_CANCELLED: gettext_lazy(
        "We are sorry: %(event)s has been cancelled. The attached file removes it from your calendar."
    ),
    EmailKind.REMINDER: gettext_lazy(
        "This is a reminder of %(event)s, for which your seat is confirmed. The details are below and the "
        "calendar invitation is attached."
    ),
    EmailKind.VISA_LETTER_ISSUED: gettext_lazy(
        "The organisers of %(event)s have issued your visa support letter. For your privacy it is not "
        "attached: download it from My registrations, signed in to your account."
    ),
    EmailKind.FOLLOW_UP_REMINDER: gettext_lazy(
        "The organisers of %(event)s still need a few details from you (travel, visa, logistics). "
        "Please complete the follow-up form."
    ),
}
OFFER_LEADS = {
    EmailKind.OFFERED: gettext_lazy(
        "A seat has become free at %(event)s and it is offered to you, as the next person on the waiting "
        "list. Please accept or decline it before %(expires)s; if you do not answer, it goes to the next "
        "person."
    ),
    EmailKind.OFFER_REMINDER: gettext_lazy(
        "The seat offered to you at %(event)s is still yours until %(expires)s. Please accept or decline "
        "it; if you do not answer, it goes to the next person."
    ),
    EmailKind.OFFER_LAPSED: gettext_lazy(
        "The seat offered to you at %(event)s was not accepted by %(expires)s, so it has gone to the next "
        "person on the waiting list. You can register again while registration is open."
    ),
}
FOLLOW_UP_REQUEST = gettext_lazy("The organisers need a few more details from you: please complete the follow-up form.")


def _lead(registration: Registration, kind: EmailKind) -> str:
    event = registration.event
    if kind in OFFER_LEADS:
        expires = timezone.localtime(registration.offer_expires_at, zoneinfo.ZoneInfo(event.time_zone))
        when = f"{formats.date_format(expires, 'DATETIME_FORMAT')} ({event.time_zone})"
        return OFFER_LEADS[kind] % {"event": event.title, "expires": when}
    return LEADS[kind] % {"event": event.title}


def site_url(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def is_stale(registration: Registration, kind: EmailKind) -> bool:
    """Whether the registration (or its event) has changed since the email was queued."""
    if registration.status != EXPECTED_STATUS[kind]:
        return True
    event_status = registration.event.status
    if kind == EmailKind.EVENT_CANCELLED:
        return event_status != Event.Status.CANCELLED
    if kind in (EmailKind.EVENT_UPDATED, EmailKind.REMINDER):
        return event_status != Event.Status.PUBLISHED
    if kind == EmailKind.FOLLOW_UP_REMINDER:
        return not follow_up_is_due(registration)
    return False


def calendar_attachment(registration: Registration, kind: EmailKind, previous_status: str, event_url: str):
    """The .ics to attach, or None: an invitation for a seat, a cancellation for a seat taken away."""
    lost_a_seat = kind in (EmailKind.CANCELLED, EmailKind.DECLINED) and previous_status == Status.CONFIRMED
    if kind not in INVITATION_KINDS and not lost_a_seat:
        return None
    return calendar.invitation_ics(registration, event_url)


def build_registration_email(
    registration: Registration, kind: EmailKind, previous_status: str = ""
) -> EmailMultiAlternatives:
    """The email, rendered in the participant's language, with its .ics attached when one is due."""
    participant, event = registration.participant, registration.event
    with translation.override(participant.language or settings.LANGUAGE_CODE):
        event_url = site_url(reverse("events:detail", args=[event.slug]))
        context = {
            "kind": str(kind),
            "participant": participant,
            "event": event,
            "lead": _lead(registration, kind),
            "offer_url": site_url(offer_path(registration)) if registration.status == Status.OFFERED else "",
            "online_url": online_link_for(registration),
            "event_url": event_url,
            "place": calendar.event_location(event),
            "my_registrations_url": site_url(reverse("events:my_registrations")),
            # Every email to a confirmed participant asks for the follow-up form until it is completed.
            "follow_up_url": (
                site_url(reverse("events:answer_form", args=[registration.pk, Question.Form.FOLLOW_UP]))
                if follow_up_is_due(registration)
                else ""
            ),
            "follow_up_request": FOLLOW_UP_REQUEST,
            "language_code": translation.get_language(),
            "language_bidi": translation.get_language_bidi(),
        }
        subject = " ".join(str(SUBJECTS[kind] % {"event": event.title}).split())
        text = render_to_string("events/email/registration.txt", context)
        html = render_to_string("events/email/registration.html", context)
        ics = calendar_attachment(registration, kind, previous_status, event_url)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [participant.email])
    message.attach_alternative(html, "text/html")
    if ics is not None:
        message.attach(_calendar_part(ics, f"{event.slug}.ics"))
    return message


def _calendar_part(ics: bytes, filename: str) -> MIMEText:
    """A text/calendar part whose `method` parameter repeats the file's METHOD, as RFC 6047 asks and
    as mail clients check before they offer to add, update or remove the event."""
    method = "CANCEL" if b"METHOD:CANCEL" in ics else "REQUEST"
    part = MIMEText(ics.decode(), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


def send_registration_email(registration_id: int, kind: str, previous_status: str = "") -> bool:
    """Send one email about one registration; returns False when there was nothing (left) to send.

    Mail-server errors propagate, so that the Celery task retries them."""
    kind = EmailKind(kind)
    registration = (
        Registration.objects.select_related("event", "participant")
        .prefetch_related("event__questions")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.participant.email or registration.participant.anonymised_at:
        return False
    if is_stale(registration, kind):
        logger.info("Not sending the stale %s email for registration %s", kind, registration_id)
        return False
    build_registration_email(registration, kind, previous_status).send()
    return True


# Certificates of attendance --------------------------------------------------------------------

CERTIFICATE_LEAD = gettext_lazy("Your certificate of attendance for %(event)s is attached to this email.")


def certificate_verify_url(registration: Registration) -> str:
    """The public verification link of the certificate, in the active language."""
    return site_url(f"{reverse('verify_certificate')}?{urlencode({'code': registration.certificate_code})}")


def build_certificate_email(registration: Registration) -> EmailMultiAlternatives:
    """The certificate email, rendered in the participant's language, with the PDF attached."""
    participant, event = registration.participant, registration.event
    starts_on, ends_on = certificates.event_dates(event)
    with translation.override(participant.language or settings.LANGUAGE_CODE):
        verify_url = certificate_verify_url(registration)
        context = {
            "participant": participant,
            "event": event,
            "registration": registration,
            "lead": CERTIFICATE_LEAD % {"event": event.title},
            "starts_on": starts_on,
            "ends_on": ends_on,
            "place": certificates.place_of(event),
            "verify_url": verify_url,
            "language_code": translation.get_language(),
            "language_bidi": translation.get_language_bidi(),
        }
        # The certificate's own title, then the event's: reads the same in every language.
        subject = " ".join(f"{gettext('Certificate of attendance')} – {event.title}".split())
        text = render_to_string("events/email/certificate.txt", context)
        html = render_to_string("events/email/certificate.html", context)
    pdf = certificates.render_certificate_pdf(registration, verify_url)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [participant.email])
    message.attach_alternative(html, "text/html")
    message.attach(certificates.certificate_filename(registration), pdf, "application/pdf")
    return message


def send_certificate_email(registration_id: int, emailed_at: str) -> bool:
    """Email one participant their certificate; returns False when there was nothing (left) to send:
    the registration no longer gets a certificate or an email, or staff sent it again since.

    Mail-server errors propagate, so that the Celery task retries them."""
    registration = (
        Registration.objects.select_related("event__programme", "participant").filter(pk=registration_id).first()
    )
    if registration is None or not registration.certificate_code:
        return False
    if certificates.certificate_email_refusal(registration, send_again=True) is not None:
        logger.info("Not emailing the certificate of registration %s: it is refused now", registration_id)
        return False
    if registration.certificate_emailed_at != datetime.datetime.fromisoformat(emailed_at):
        logger.info("Not emailing the certificate of registration %s: a later sending replaced it", registration_id)
        return False
    build_certificate_email(registration).send()
    return True


# Messages staff write to an event's participants -------------------------------------------------


def build_event_message_email(recipient: EventMessageRecipient) -> EmailMultiAlternatives:
    """The staff's text, with the greeting, the event's link and the sign-off in the participant's language."""
    message, participant = recipient.message, recipient.registration.participant
    event = message.event
    with translation.override(participant.language or settings.LANGUAGE_CODE):
        context = {
            "participant": participant,
            "event": event,
            "body": message.body,
            "event_url": site_url(reverse("events:detail", args=[event.slug])),
            "language_code": translation.get_language(),
            "language_bidi": translation.get_language_bidi(),
        }
        text = render_to_string("events/email/message.txt", context)
        html = render_to_string("events/email/message.html", context)
    email = EmailMultiAlternatives(message.subject, text, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    email.attach_alternative(html, "text/html")
    return email


def send_event_message_email(recipient_id: int) -> bool:
    """Send one logged recipient their copy; False when there is nobody (left) to send it to."""
    recipient = (
        EventMessageRecipient.objects.select_related("message__event", "registration__participant")
        .filter(pk=recipient_id)
        .first()
    )
    if recipient is None or recipient.registration is None or recipient.registration.participant.anonymised_at:
        return False
    build_event_message_email(recipient).send()
    return True
