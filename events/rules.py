"""The rules of the events domain that several pages, emails, calendar files and reports apply.
Each is defined here once; everything else calls it.

- Who took part in an event: `took_part` (every count of participants).
- Which registrations are still active: `ACTIVE_STATUSES`.
- Who sees an event's online link: `online_link_for` (event page, My registrations, emails, every
  calendar file).
- Whether a participant may still cancel their own registration: `may_cancel`.
- Which registrations have a calendar file to download: `has_calendar_file`.
- Whether participants are still emailed about their registration's status: `status_emails_go_out`.
- From when the check-in desk records arrivals: `check_in_opens_at`.
- When registration closes: `registration_closes_at`.
- Which registrations hold a seat (capacity): `SEAT_STATUSES`; when an offer is recalled: `offer_reminder_due_at`.
- Until when a participant may change their answers to an event's questions: `answers_editable`;
  whether they are still to complete the follow-up form: `follow_up_is_due`.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import Event, Material, Question, Registration

Status = Registration.Status
ACTIVE_STATUSES = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED, Status.OFFERED)
# Registrations that hold one of the event's seats: capacity counts them. An offer holds its seat
# until it is accepted, declined or lapses.
SEAT_STATUSES = (Status.CONFIRMED, Status.OFFERED)
# Registrations the check-in desk lists and may mark attended: those with a seat, and walk-ins.
ATTENDABLE_STATUSES = (Status.CONFIRMED, Status.WALK_IN)
# Registrations whose .ics a participant may download: a seat, or one they are waiting to hear about.
CALENDAR_FILE_STATUSES = (Status.CONFIRMED, Status.PENDING)
# Events the public (and participants) may see: drafts are not public.
PUBLIC_EVENT_STATUSES = (Event.Status.PUBLISHED, Event.Status.CANCELLED)


def took_part(prefix: str = "") -> Q:
    """The one rule every count of participants uses (reports, dashboard, mapping replies): a
    confirmed registration, or attendance recorded by staff whatever the status (a walk-in).
    `prefix` reaches registrations through a relation, e.g. "registrations__"."""
    return Q(**{f"{prefix}status": Status.CONFIRMED}) | Q(**{f"{prefix}attended": True})


# The rule above as every report's note states it (reports are written in English).
TOOK_PART_NOTE = (
    "A participant is a person with a confirmed registration or whose attendance staff recorded, "
    "walk-ins registered at the door included; someone who took part in several events counts once."
)


def online_link_for(registration: Registration | None) -> str:
    """The event's online link for the holder of `registration`, or "" when they may not see it: the
    link goes to confirmed participants of a published event, and to nobody else (never to a public
    page, a pending or waitlisted person, or anyone once the event is cancelled)."""
    if registration is None or registration.status != Status.CONFIRMED:
        return ""
    event = registration.event
    return event.online_url if event.status == Event.Status.PUBLISHED else ""


def status_emails_go_out(event: Event, now=None) -> bool:
    """Participants hear about their registration's status until the event ends. Afterwards staff are
    tidying the record (confirming who came, declining no-shows): a "Registration confirmed" email
    for an event that is over would only confuse."""
    return event.ends_at > (now or timezone.now())


def check_in_opens_at(event: Event) -> datetime.datetime:
    """The desk opens settings.CHECK_IN_OPENS_HOURS_BEFORE before the event (the day before by
    default) and stays open afterwards, so that staff can still record who came. The moment is given
    in the event's own time zone, as the desk and the admin say it."""
    opens = event.starts_at - datetime.timedelta(hours=settings.CHECK_IN_OPENS_HOURS_BEFORE)
    return timezone.localtime(opens, zoneinfo.ZoneInfo(event.time_zone))


def check_in_is_open(event: Event, now=None) -> bool:
    return (now or timezone.now()) >= check_in_opens_at(event)


def may_cancel(registration: Registration, now=None) -> bool:
    """A participant may cancel their own active registration until the event has ended."""
    now = now or timezone.now()
    return registration.status in ACTIVE_STATUSES and registration.event.ends_at > now


def has_calendar_file(registration: Registration) -> bool:
    """Whether My registrations offers the registration's .ics: a seat or a pending request, for an
    event the public can see."""
    return registration.status in CALENDAR_FILE_STATUSES and registration.event.status in PUBLIC_EVENT_STATUSES


def registration_closes_at(event: Event) -> datetime.datetime:
    """Without an explicit closing date, registration closes when the event starts."""
    return event.registration_closes_at or event.starts_at


def asks(event: Event, form_kind: str) -> bool:
    """Whether the event has questions on that form (reads event.questions.all(), so a prefetch serves it)."""
    return any(question.form == form_kind for question in event.questions.all())


def answers_editable(registration: Registration, form_kind: str, now=None) -> bool:
    """Registration answers may change while the registration is active and registration is open;
    the follow-up form, asked of confirmed participants, until the event ends."""
    now = now or timezone.now()
    event = registration.event
    if event.status != Event.Status.PUBLISHED or not asks(event, form_kind):
        return False
    if form_kind == Question.Form.FOLLOW_UP:
        return registration.status == Status.CONFIRMED and event.ends_at > now
    return registration.status in ACTIVE_STATUSES and registration_closes_at(event) > now


def follow_up_is_due(registration: Registration, now=None) -> bool:
    """A confirmed participant is asked for the follow-up form until they complete it."""
    return registration.follow_up_completed_at is None and answers_editable(registration, Question.Form.FOLLOW_UP, now)


def follow_up_due(now=None) -> Q:
    """follow_up_is_due as a filter on registrations, for lists of them (the Registrations list's
    "follow-up form" filter, the answers table): the same rule, tested to agree with it."""
    now = now or timezone.now()
    asks_follow_up = Exists(Question.objects.filter(event=OuterRef("event"), form=Question.Form.FOLLOW_UP))
    return Q(
        asks_follow_up,
        status=Status.CONFIRMED,
        follow_up_completed_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__ends_at__gt=now,
    )


def follow_up_reminder_refusal(registration: Registration, now=None) -> str:
    """Why staff cannot remind this participant of the follow-up form ("" when they can)."""
    if registration.follow_up_completed_at is not None:
        return "has already completed the follow-up form"
    if registration.status != Status.CONFIRMED:
        return "is not confirmed"
    if not asks(registration.event, Question.Form.FOLLOW_UP):
        return "the event has no follow-up form"
    if not follow_up_is_due(registration, now):
        return "the event is over or not published"
    return ""


def offer_reminder_due_at(registration: Registration) -> datetime.datetime:
    """An offer is recalled to the person once, when a quarter of its time is left."""
    offered_for = registration.offer_expires_at - registration.decided_at
    return registration.offer_expires_at - offered_for / 4


VIEW_MATERIALS_PERMISSION = "events.view_material"


def may_see_material(material: Material, registration: Registration | None, user=None) -> bool:
    """Material for everyone is public; material for participants is for those whose registration
    for its event is confirmed (or a walk-in's), and for staff who may view materials."""
    if material.audience == Material.Audience.EVERYONE:
        return True
    if user is not None and user.is_active and user.is_staff and user.has_perm(VIEW_MATERIALS_PERMISSION):
        return True
    return registration is not None and registration.status in ATTENDABLE_STATUSES
