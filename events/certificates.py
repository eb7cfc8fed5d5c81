"""Certificates of attendance: who gets one, the verification code's format, and the PDF.

A certificate exists once its registration has a certificate_code (services.certificates issues it,
once: the code and date never change, so a PDF downloaded twice carries the same code). It holds
only while its registration is confirmed and attended (certificate_holds): taking the attendance
back or cancelling the registration revokes it. The code is what a reader of the certificate types
on the public verification page, so it uses an alphabet without look-alike characters (no 0/O,
1/I/L) in groups of four. Verifying a code is a read query (selectors.verify_certificate).
"""

import datetime
import secrets
import zoneinfo
from enum import StrEnum

import segno
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy

from .models import Event, Participant, Registration
from .rules import ATTENDABLE_STATUSES

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4
# 31^12 ≈ 8·10^17 codes: with a rate-limited verification page, guessing a valid one is hopeless.
CODE_LENGTH = CODE_GROUPS * CODE_GROUP_LENGTH

# Certificates are laid out on their own page: A4 landscape, no page numbers.
CERTIFICATE_PAGE_CSS = """
@page { size: A4 landscape; margin: 0; @bottom-center { content: none; } }
"""


class CertificateRefusal(StrEnum):
    NOT_CONFIRMED = "not_confirmed"
    NOT_ATTENDED = "not_attended"
    NO_CERTIFICATE_FOR_KIND = "no_certificate_for_kind"
    ANONYMISED = "anonymised"
    # Only when emailing the certificate: staff read these in the admin, participants never do.
    NO_EMAIL_ADDRESS = "no_email_address"
    ALREADY_EMAILED = "already_emailed"


CERTIFICATE_REFUSAL_MESSAGES = {
    CertificateRefusal.NOT_CONFIRMED: gettext_lazy(
        "There is no certificate for %(event)s: your registration was not confirmed."
    ),
    CertificateRefusal.NOT_ATTENDED: gettext_lazy(
        "There is no certificate for %(event)s yet: the organisers have not recorded your attendance."
    ),
    CertificateRefusal.NO_CERTIFICATE_FOR_KIND: gettext_lazy(
        "%(event)s does not give certificates: only courses, training modules and exercises do."
    ),
    CertificateRefusal.ANONYMISED: gettext_lazy(
        "The participant's data has been deleted: no certificate can be issued."
    ),
}


EMAIL_REFUSAL_MESSAGES = {
    CertificateRefusal.NO_EMAIL_ADDRESS: "the participant has no email address to send it to.",
    CertificateRefusal.ALREADY_EMAILED: (
        "already emailed on %(emailed_at)s; choose “Issue and email certificates again” to send it once more."
    ),
}


class CertificateError(Exception):
    def __init__(self, message: str, reason: CertificateRefusal):
        super().__init__(message)
        self.reason = reason


def certificate_refusal(registration: Registration) -> CertificateError | None:
    """Why this registration gets no certificate, or None when it does."""
    event = registration.event
    if not event.gives_certificates:
        reason = CertificateRefusal.NO_CERTIFICATE_FOR_KIND
    elif registration.status not in ATTENDABLE_STATUSES:
        reason = CertificateRefusal.NOT_CONFIRMED
    elif not registration.attended:
        reason = CertificateRefusal.NOT_ATTENDED
    elif registration.participant.anonymised_at is not None:
        reason = CertificateRefusal.ANONYMISED
    else:
        return None
    return CertificateError(str(CERTIFICATE_REFUSAL_MESSAGES[reason]) % {"event": event.title}, reason)


def certificate_holds(registration: Registration) -> bool:
    """Whether an issued certificate still certifies attendance: its registration is confirmed (or a
    walk-in's, whose seat was settled at the door) and attended. The code is kept when attendance is
    taken back, so the verification page can say the certificate was revoked rather than that it
    never existed; recording the attendance again restores it."""
    return registration.status in ATTENDABLE_STATUSES and registration.attended


def has_real_email_address(registration: Registration) -> bool:
    email = registration.participant.email.strip().lower()
    return bool(email) and not email.endswith(f"@{Participant.ANONYMISED_EMAIL_DOMAIN}")


def certificate_email_refusal(registration: Registration, send_again: bool = False) -> CertificateError | None:
    """Why this registration's certificate is not emailed, or None when it is."""
    refused = certificate_refusal(registration)
    if refused is not None:
        return refused
    if not has_real_email_address(registration):
        reason = CertificateRefusal.NO_EMAIL_ADDRESS
        return CertificateError(EMAIL_REFUSAL_MESSAGES[reason], reason)
    if registration.certificate_emailed_at is not None and not send_again:
        reason = CertificateRefusal.ALREADY_EMAILED
        emailed_at = timezone.localtime(registration.certificate_emailed_at).strftime("%Y-%m-%d %H:%M")
        return CertificateError(EMAIL_REFUSAL_MESSAGES[reason] % {"emailed_at": emailed_at}, reason)
    return None


def new_certificate_code(choose=secrets.choice) -> str:
    """A fresh code. `choose` picks one character: the system's secure generator, except for the demo,
    which passes a seeded one to write the same codes on every load."""
    characters = "".join(choose(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return format_code(characters)


def format_code(characters: str) -> str:
    groups = [characters[start : start + CODE_GROUP_LENGTH] for start in range(0, len(characters), CODE_GROUP_LENGTH)]
    return "-".join(groups)


def normalise_code(typed: str) -> str:
    """A code as stored, from what a person typed: any case, with or without spaces and dashes."""
    characters = "".join(character for character in (typed or "").upper() if character.isalnum())
    if len(characters) != CODE_LENGTH or any(character not in CODE_ALPHABET for character in characters):
        return ""
    return format_code(characters)


# The PDF ---------------------------------------------------------------------------------------


def place_of(event: Event) -> str:
    """Where the event took place, as a certificate states it (in the active language)."""
    country = str(event.country.name) if event.country else ""
    where = ", ".join(part for part in (event.venue, event.city, country) if part)
    if event.format == Event.Format.ONLINE:
        return gettext("Online")
    if event.format == Event.Format.HYBRID:
        return gettext("%(place)s and online") % {"place": where} if where else gettext("Online")
    return where


def event_dates(event: Event) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the event, in the event's own time zone."""
    event_time_zone = zoneinfo.ZoneInfo(event.time_zone)
    return (
        timezone.localtime(event.starts_at, event_time_zone).date(),
        timezone.localtime(event.ends_at, event_time_zone).date(),
    )


def verification_qr_code(verify_url: str) -> str:
    """The verification address as a QR code (an SVG data URI), for a phone to open from the paper."""
    # Error correction "M" survives a crease or a smudge; the printed address stays for typing it.
    return segno.make(verify_url, error="m").svg_data_uri(scale=4, border=0, dark="#1d2329")


def certificate_html(registration: Registration, verify_url: str) -> str:
    """The certificate as HTML, in the participant's language (the templates fall back to English)."""
    event = registration.event
    starts_on, ends_on = event_dates(event)
    with translation.override(registration.participant.language or "en"):
        return render_to_string(
            "events/certificate.html",
            {
                "registration": registration,
                "participant": registration.participant,
                "event": event,
                "programme": event.programme,
                "place": place_of(event),
                "starts_on": starts_on,
                "ends_on": ends_on,
                "verify_url": verify_url,
                "verify_qr_code": verification_qr_code(verify_url),
                "language_code": translation.get_language(),
                "language_bidi": translation.get_language_bidi(),
            },
        )


def render_certificate_pdf(registration: Registration, verify_url: str) -> bytes:
    """The PDF certificate of an issued registration (see issue_certificate)."""
    if not registration.certificate_code:
        raise ValueError("Issue the certificate before rendering it.")
    # WeasyPrint takes a second to import: only the download needs it.
    from unidir_cb.core.reporting.rendering import html_to_pdf

    return html_to_pdf(certificate_html(registration, verify_url), extra_css=CERTIFICATE_PAGE_CSS)


def certificate_filename(registration: Registration) -> str:
    return f"certificate-{registration.event.slug}-{registration.certificate_code}.pdf"
