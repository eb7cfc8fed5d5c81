"""A full event with a waiting list runs itself: people see their place and may leave the queue;
staff move someone up; a freed seat is offered for a set time to the next person, who accepts or
declines from the email, is reminded once before it lapses and told when it has; a lapsed or
declined offer passes to the next person; reminders go out before the event, once each."""

import datetime
import re

import pytest
import time_machine
from django.core import mail

from events.models import EventMessage, Registration, SentReminder
from events.selectors import with_waitlist_place
from events.services import registrations, reminders
from events.tasks import process_seat_offers_task
from tests.events.participants import participant_with_account
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status
NOW = datetime.datetime(2031, 3, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def full_summit(clock):
    """One seat, taken; three people waiting, in the order they registered."""
    event = EventFactory(
        title="Cyber diplomacy summit",
        slug="summit",
        capacity=1,
        offer_hours=24,
        starts_at=NOW + datetime.timedelta(days=20),
        ends_at=NOW + datetime.timedelta(days=20, hours=8),
    )
    seated = RegistrationFactory(event=event, status=Status.CONFIRMED, decided_at=NOW)
    queue = []
    for minutes in (10, 20, 30):
        queued = NOW - datetime.timedelta(days=5) + datetime.timedelta(minutes=minutes)
        queue.append(RegistrationFactory(event=event, status=Status.WAITLISTED, queued_at=queued))
    return event, seated, queue


def statuses(*registrations_to_read):
    return [Registration.objects.get(pk=registration.pk).status for registration in registrations_to_read]


# Places on the waiting list --------------------------------------------------------------------


def test_people_see_their_place_which_is_the_queue_order(client, full_summit):
    event, _, queue = full_summit
    amina = participant_with_account(email="amina@example.org")
    mine = RegistrationFactory(
        event=event, participant=amina, status=Status.WAITLISTED, queued_at=NOW - datetime.timedelta(days=1)
    )
    client.force_login(amina.user)

    event_page = client.get("/en/events/summit/").content.decode()
    my_registrations = client.get("/en/events/my-registrations/").content.decode()

    assert "You are number 4 on the waiting list." in event_page
    assert "You are number 4 on the waiting list." in my_registrations
    order = Registration.objects.filter(event=event, status=Status.WAITLISTED).order_by(*Registration.QUEUE_ORDER)
    assert list(order) == [*queue, mine]


def test_leaving_the_waiting_list_moves_everyone_behind_up(client, full_summit):
    event, _, queue = full_summit
    leaver = participant_with_account(email="leaver@example.org")
    first = RegistrationFactory(
        event=event, participant=leaver, status=Status.WAITLISTED, queued_at=NOW - datetime.timedelta(days=10)
    )
    client.force_login(leaver.user)
    assert "Leave the waiting list" in client.get("/en/events/my-registrations/").content.decode()

    client.post(f"/en/events/my-registrations/{first.pk}/cancel/")

    assert statuses(first) == [Status.CANCELLED]
    assert registrations_places(queue) == [1, 2, 3]


def registrations_places(queue):
    """Each registration's place, in the order given."""
    places = dict(
        with_waitlist_place(
            Registration.objects.filter(pk__in=[registration.pk for registration in queue])
        ).values_list("pk", "waitlist_place")
    )
    return [places[registration.pk] for registration in queue]


def test_staff_move_someone_up_and_the_history_says_so(full_summit, admin_client):
    # (full_summit first: the clock is set before staff sign in, so their session is not already expired.)
    _, _, (first, second, third) = full_summit

    admin_client.post(
        "/admin/events/registration/", {"action": "move_up_the_waiting_list", "_selected_action": [third.pk]}
    )
    assert registrations_places([first, third, second]) == [1, 2, 3]
    admin_client.post(
        "/admin/events/registration/",
        {"action": "move_to_the_front_of_the_waiting_list", "_selected_action": [second.pk]},
    )

    ordered = Registration.objects.filter(status=Status.WAITLISTED).order_by(*Registration.QUEUE_ORDER)
    assert list(ordered) == [second, first, third]
    reasons = list(third.history.values_list("history_change_reason", flat=True))
    assert "Moved up the waiting list" in reasons
    page = admin_client.get("/admin/events/registration/", {"status": "waitlisted"}).content.decode()
    assert "place on the waiting list" in page.lower()


def test_the_first_in_the_queue_cannot_be_moved_up(full_summit):
    _, _, (first, _, _) = full_summit

    with pytest.raises(registrations.RegistrationError, match="already first on the waiting list"):
        registrations.move_up_the_waiting_list(first)


# Offers that expire ---------------------------------------------------------------------------


def offer_link(message) -> str:
    return re.search(r"https?://\S+/events/offers/\S+/", message.body)[0].split("testserver", 1)[-1]


def test_a_freed_seat_is_offered_to_the_first_waiting_and_counts_against_capacity(full_summit, after_commit):
    event, seated, (first, second, _) = full_summit

    with after_commit():
        registrations.cancel_registration(seated)

    assert statuses(first, second) == [Status.OFFERED, Status.WAITLISTED]
    offer = Registration.objects.get(pk=first.pk)
    assert offer.offer_expires_at == NOW + datetime.timedelta(hours=24)
    offers = [message for message in mail.outbox if message.to == [first.participant.email]]
    assert len(offers) == 1 and offers[0].subject == "A seat is offered to you: Cyber diplomacy summit"
    assert "/events/offers/" in offers[0].body
    # The offered seat is held: a newcomer joins the waiting list behind the others.
    newcomer = registrations.register_participant(event, participant_with_account(email="new@example.org"))
    assert newcomer.outcome == registrations.Outcome.WAITLISTED


def test_accepting_the_offer_from_the_email_link_confirms_the_seat(client, full_summit, after_commit):
    _, seated, (first, second, _) = full_summit
    with after_commit():
        registrations.cancel_registration(seated)
    link = offer_link(next(message for message in mail.outbox if message.to == [first.participant.email]))
    mail.outbox.clear()

    page = client.get(link).content.decode()
    assert "Accept the seat" in page
    with after_commit():
        response = client.post(link, {"answer": "accept"}, follow=True)

    assert "The seat is yours" in response.content.decode()
    assert statuses(first, second) == [Status.CONFIRMED, Status.WAITLISTED]
    [confirmation] = mail.outbox
    assert confirmation.to == [first.participant.email] and confirmation.subject.startswith("Registration confirmed")
    # The link answers nothing twice.
    assert "This offer is no longer open" in client.get(link).content.decode()


def test_declining_passes_the_seat_to_the_next_person(client, full_summit, after_commit):
    _, seated, (first, second, third) = full_summit
    with after_commit():
        registrations.cancel_registration(seated)
    link = offer_link(next(message for message in mail.outbox if message.to == [first.participant.email]))
    mail.outbox.clear()

    with after_commit():
        client.post(link, {"answer": "decline"})

    assert statuses(first, second, third) == [Status.CANCELLED, Status.OFFERED, Status.WAITLISTED]
    offers = [message for message in mail.outbox if message.subject.startswith("A seat is offered")]
    assert [message.to for message in offers] == [[second.participant.email]]


def test_an_offer_is_recalled_once_then_lapses_and_passes_on(full_summit, after_commit, clock):
    _, seated, (first, second, _) = full_summit
    with after_commit():
        registrations.cancel_registration(seated)
    mail.outbox.clear()

    clock.move_to(NOW + datetime.timedelta(hours=17))  # more than a quarter of the day left: no reminder
    with after_commit():
        process_seat_offers_task()
    assert mail.outbox == []

    clock.move_to(NOW + datetime.timedelta(hours=19))
    with after_commit():
        process_seat_offers_task()
        process_seat_offers_task()  # beat running twice reminds nobody twice
    [reminder] = mail.outbox
    assert reminder.to == [first.participant.email] and reminder.subject.startswith("Reminder: a seat is offered")
    mail.outbox.clear()

    clock.move_to(NOW + datetime.timedelta(hours=24, minutes=5))
    with after_commit():
        outcome = process_seat_offers_task()
        process_seat_offers_task()

    assert outcome == {"reminded": 0, "lapsed": 1}
    assert statuses(first, second) == [Status.CANCELLED, Status.OFFERED]
    subjects = sorted((message.to[0], message.subject) for message in mail.outbox)
    assert subjects == sorted(
        [
            (first.participant.email, "Seat offer lapsed: Cyber diplomacy summit"),
            (second.participant.email, "A seat is offered to you: Cyber diplomacy summit"),
        ]
    )


def test_an_offer_cannot_be_accepted_once_it_has_lapsed(full_summit, clock):
    _, seated, (first, _, _) = full_summit
    registrations.cancel_registration(seated)
    clock.move_to(NOW + datetime.timedelta(hours=25))

    with pytest.raises(registrations.RegistrationError, match="no longer open"):
        registrations.accept_offer(Registration.objects.get(pk=first.pk))


def test_without_offer_hours_the_first_waiting_is_confirmed_at_once(full_summit):
    event, seated, (first, _, _) = full_summit
    event.offer_hours = None
    event.save()

    registrations.cancel_registration(seated)

    assert statuses(first) == [Status.CONFIRMED]


# Reminders before the event ---------------------------------------------------------------------


@pytest.fixture
def briefing(clock):
    """An online briefing ten days away; two confirmed, one cancelled."""
    event = EventFactory(
        title="Online briefing",
        format="online",
        online_url="https://meet.example.org/briefing",
        starts_at=NOW + datetime.timedelta(days=10),
        ends_at=NOW + datetime.timedelta(days=10, hours=2),
    )
    early = NOW - datetime.timedelta(days=20)
    seats = [
        RegistrationFactory(event=event, status=Status.CONFIRMED, decided_at=early, participant__language=language)
        for language in ("en", "fr")
    ]
    RegistrationFactory(event=event, status=Status.CANCELLED, decided_at=early)
    return event, seats


def test_reminders_go_a_week_and_a_day_before_once_each_in_the_participants_language(briefing, clock, after_commit):
    event, (english, french) = briefing
    with after_commit():
        assert reminders.send_due_reminders() == 0

    clock.move_to(event.starts_at - datetime.timedelta(days=7, minutes=-5))
    with after_commit():
        assert reminders.send_due_reminders() == 2
        assert reminders.send_due_reminders() == 0  # beat running twice

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [english.participant.email, french.participant.email]
    )
    in_french = next(message for message in mail.outbox if message.to == [french.participant.email])
    assert in_french.subject == "Rappel : Online briefing"
    assert "https://meet.example.org/briefing" in in_french.body
    assert any(attachment.get_content_type() == "text/calendar" for attachment in in_french.attachments)
    mail.outbox.clear()

    clock.move_to(event.starts_at - datetime.timedelta(hours=20))
    with after_commit():
        assert reminders.send_due_reminders() == 2
    assert SentReminder.objects.filter(registration=english).count() == 2


def test_no_reminder_for_a_cancelled_event_or_a_seat_given_after_the_reminders_moment(briefing, clock, after_commit):
    event, _ = briefing
    late = RegistrationFactory(
        event=event, status=Status.CONFIRMED, decided_at=event.starts_at - datetime.timedelta(days=3)
    )
    clock.move_to(event.starts_at - datetime.timedelta(days=2))
    with after_commit():
        reminders.send_due_reminders()
    assert late.participant.email not in [message.to[0] for message in mail.outbox]

    event.status = event.Status.CANCELLED
    event.save()
    mail.outbox.clear()
    clock.move_to(event.starts_at - datetime.timedelta(hours=12))
    with after_commit():
        assert reminders.send_due_reminders() == 0
    assert mail.outbox == []


# Staff write to an event's participants ----------------------------------------------------------


def test_staff_email_the_participants_by_status_after_a_preview_and_the_message_is_logged(
    full_summit, admin_client, after_commit
):
    event, seated, queue = full_summit
    RegistrationFactory(event=event, status=Status.CANCELLED)
    url = f"/admin/events/event/{event.pk}/message/"
    data = {
        "statuses": [Status.WAITLISTED],
        "subject": "News about the waiting list",
        "body": "The room has been changed; we hope to offer more seats.",
    }

    preview = admin_client.post(url, {**data, "preview": "Preview"}).content.decode()
    assert "3 participant(s)" in preview and "we hope to offer more seats" in preview
    first_by_name = min(queue, key=lambda registration: (registration.participant.last_name, registration.pk))
    assert f"Dear {first_by_name.participant.first_name}," in preview
    assert mail.outbox == []

    with after_commit():
        response = admin_client.post(url, {**data, "send": "Send"}, follow=True)

    assert "The message is being sent to 3 participant(s)." in response.content.decode()
    assert sorted(message.to[0] for message in mail.outbox) == sorted(r.participant.email for r in queue)
    assert {message.subject for message in mail.outbox} == {"News about the waiting list"}
    logged = EventMessage.objects.get()
    assert logged.statuses == [Status.WAITLISTED] and logged.sent_by is not None
    assert sorted(logged.recipients.values_list("email", flat=True)) == sorted(r.participant.email for r in queue)
    assert seated.participant.email not in [message.to[0] for message in mail.outbox]


def test_a_message_to_nobody_is_not_sent(full_summit, admin_client):
    event, _, _ = full_summit

    page = admin_client.post(
        f"/admin/events/event/{event.pk}/message/",
        {"statuses": [Status.DECLINED], "subject": "Hello", "body": "Text", "send": "Send"},
    ).content.decode()

    assert "nobody would receive it" in page
    assert not EventMessage.objects.exists()


def test_an_offer_made_the_day_before_the_event_lapses_when_the_event_starts(full_summit, clock):
    event, seated, (first, _, _) = full_summit
    clock.move_to(event.starts_at - datetime.timedelta(hours=6))

    registrations.cancel_registration(seated)

    assert Registration.objects.get(pk=first.pk).offer_expires_at == event.starts_at


def test_an_offer_accepted_a_moment_before_is_not_declined_by_a_second_click(full_summit):
    _, seated, (first, _, _) = full_summit
    registrations.cancel_registration(seated)
    offered = Registration.objects.get(pk=first.pk)
    registrations.accept_offer(Registration.objects.get(pk=first.pk))

    with pytest.raises(registrations.RegistrationError, match="no longer open"):
        registrations.decline_offer(offered)  # the object read before the acceptance

    assert statuses(first) == [Status.CONFIRMED]
