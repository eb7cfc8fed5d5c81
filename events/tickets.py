"""Tickets and badges for in-person events: who gets them, the code their QR carries, and the PDFs.

The QR code carries a signed token naming the registration and its event, never a bare id: a code
cannot be made up or changed to check in someone else, and the desk can tell a ticket of another
event from one it has never issued. A ticket or badge holds while its registration is confirmed (or a
walk-in's, printed at the door) and its event is not cancelled; the desk checks that again when it is
scanned."""

import zoneinfo
from dataclasses import dataclass
from enum import StrEnum

import segno
from django.core import signing
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from .certificates import event_dates, place_of
from .models import Event, Registration
from .rules import ATTENDABLE_STATUSES

SALT = "events.ticket"
BADGES_PER_SHEET = 8  # two columns of four on A4
BADGE_PAGE_CSS = "@page { size: A4; margin: 10mm; @bottom-center { content: none; } }"
TICKET_PAGE_CSS = "@page { size: A4; margin: 18mm; @bottom-center { content: none; } }"


def ticket_token(registration: Registration) -> str:
    return signing.dumps({"registration": registration.pk, "event": registration.event_id}, salt=SALT)


@dataclass(frozen=True)
class TicketCode:
    registration_id: int
    event_id: int


def read_ticket_token(token: str) -> TicketCode | None:
    """The registration and event a scanned code names, or None when it is not a ticket we issued."""
    try:
        data = signing.loads((token or "").strip(), salt=SALT)
        return TicketCode(int(data["registration"]), int(data["event"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


class TicketRefusal(StrEnum):
    ONLINE = "online"
    EVENT_CANCELLED = "event_cancelled"
    NOT_CONFIRMED = "not_confirmed"
    ANONYMISED = "anonymised"


TICKET_REFUSAL_MESSAGES = {
    TicketRefusal.ONLINE: gettext_lazy("%(event)s is held online: there is no ticket or badge to print."),
    TicketRefusal.EVENT_CANCELLED: gettext_lazy("%(event)s is cancelled: there is no ticket or badge to print."),
    TicketRefusal.NOT_CONFIRMED: gettext_lazy("Only a confirmed registration has a ticket: %(name)s's is %(status)s."),
    TicketRefusal.ANONYMISED: gettext_lazy("The participant's data has been deleted: no ticket can be printed."),
}


def has_ticket(registration: Registration) -> bool:
    """Whether the registration has a ticket and a badge (its participant's data aside)."""
    event = registration.event
    return (
        event.format != Event.Format.ONLINE
        and event.status != Event.Status.CANCELLED
        and registration.status in ATTENDABLE_STATUSES
    )


def ticket_refusal(registration: Registration) -> str | None:
    """Why this registration has no ticket or badge, or None when it has."""
    if registration.event.format == Event.Format.ONLINE:
        reason = TicketRefusal.ONLINE
    elif registration.event.status == Event.Status.CANCELLED:
        reason = TicketRefusal.EVENT_CANCELLED
    elif not has_ticket(registration):
        reason = TicketRefusal.NOT_CONFIRMED
    elif registration.participant.anonymised_at is not None:
        reason = TicketRefusal.ANONYMISED
    else:
        return None
    return str(TICKET_REFUSAL_MESSAGES[reason]) % {
        "event": registration.event.title,
        "name": registration.participant,
        "status": registration.get_status_display().lower(),
    }


def qr_code(token: str) -> str:
    # Error correction "M" survives a crease or a badge holder's reflection.
    return segno.make(token, error="m").svg_data_uri(scale=4, border=2, dark="#1d2329")


def _card(registration: Registration) -> dict:
    participant = registration.participant
    return {
        "name": f"{participant.first_name} {participant.last_name}".strip(),
        "organisation": participant.organisation,
        "country": str(participant.country.name) if participant.country else "",
        "qr_code": qr_code(ticket_token(registration)),
    }


def _event_facts(event: Event) -> dict:
    first_day, last_day = event_dates(event)
    local_start = timezone.localtime(event.starts_at, zoneinfo.ZoneInfo(event.time_zone))
    return {"event": event, "first_day": first_day, "last_day": last_day, "starts_at": local_start}


def badges_pdf(registrations: list[Registration]) -> bytes:
    """A4 sheets of badges (name, organisation, country, event, QR code), eight to a page, in the
    order given and the active language (the staff's or, from My registrations, the participant's).
    Every registration must have a ticket (see ticket_refusal)."""
    from unidir_cb.core.reporting.rendering import html_to_pdf  # WeasyPrint: a second to import

    sheets = [
        registrations[start : start + BADGES_PER_SHEET] for start in range(0, len(registrations), BADGES_PER_SHEET)
    ]
    html = render_to_string(
        "events/badges.html",
        {
            "sheets": [
                [{**_card(registration), **_event_facts(registration.event)} for registration in sheet]
                for sheet in sheets
            ],
            "language_code": translation.get_language(),
        },
    )
    return html_to_pdf(html, extra_css=BADGE_PAGE_CSS)


def ticket_pdf(registration: Registration) -> bytes:
    """The participant's ticket: the event, when and where, their name and the QR code to show at the
    door, in their language."""
    from unidir_cb.core.reporting.rendering import html_to_pdf

    with translation.override(registration.participant.language or "en"):
        html = render_to_string(
            "events/ticket.html",
            {
                **_card(registration),
                **_event_facts(registration.event),
                "place": place_of(registration.event),
                "language_code": translation.get_language(),
                "language_bidi": translation.get_language_bidi(),
            },
        )
    return html_to_pdf(html, extra_css=TICKET_PAGE_CSS)


def ticket_filename(registration: Registration, kind: str) -> str:
    return f"{kind}-{registration.event.slug}-{registration.pk}.pdf"
