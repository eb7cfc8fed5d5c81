"""Reminders before an event (Event.reminder_days_before, a week and a day before by default): each
confirmed participant of a published event gets each reminder once, in their language, with the
calendar invitation and, for an online event, the link (events/emails.py). Beat runs
`send_due_reminders` every hour; each event is handled under its lock and every reminder sent is
recorded (SentReminder, unique per registration and day), so two runs at once send nothing twice.

Only the nearest reminder due is sent: someone confirmed three days before gets the day-before
reminder, not the week-before one as well. Nobody is reminded of a seat they were given after that
reminder's moment (their confirmation has just told them)."""

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .. import notifications
from ..email_kinds import EmailKind
from ..models import REMINDER_DAY_CHOICES, Event, Registration, SentReminder
from .registrations import lock_event

Status = Registration.Status


def send_due_reminders(now=None) -> int:
    """Queue every reminder due now; returns how many."""
    now = now or timezone.now()
    soon = Event.objects.filter(
        status=Event.Status.PUBLISHED,
        starts_at__gt=now,
        starts_at__lte=now + datetime.timedelta(days=max(REMINDER_DAY_CHOICES)),
    )
    return sum(_remind_participants_of(event.pk, now) for event in soon.only("pk").order_by("starts_at", "pk"))


def nearest_reminder_due(event: Event, now) -> int | None:
    """The fewest days before the event among its reminders whose moment has come, or None."""
    due = [days for days in event.reminder_days_before or [] if now >= event.starts_at - datetime.timedelta(days=days)]
    return min(due) if due else None


@transaction.atomic
def _remind_participants_of(event_id: int, now) -> int:
    event = lock_event(event_id)
    days = nearest_reminder_due(event, now)
    if days is None or event.status != Event.Status.PUBLISHED:
        return 0
    reminder_moment = event.starts_at - datetime.timedelta(days=days)
    already = SentReminder.objects.filter(registration=OuterRef("pk"), days_before=days)
    due = (
        event.registrations.filter(status=Status.CONFIRMED)
        # (Rows imported or added without a decision time count as seated long before.)
        .filter(Q(decided_at__lte=reminder_moment) | Q(decided_at__isnull=True))
        .exclude(Exists(already))
        .order_by("pk")
    )
    registrations = list(due)
    SentReminder.objects.bulk_create(
        [SentReminder(registration=registration, days_before=days) for registration in registrations]
    )
    for registration in registrations:
        registration.event = event
        notifications.notify_after_commit(registration, EmailKind.REMINDER)
    return len(registrations)
