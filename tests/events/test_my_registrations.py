"""Participants register from the event page and manage their own registrations; nobody sees or
changes anyone else's, every change needs a CSRF token, and the online link reaches the confirmed only."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from events.models import Event, Registration
from tests.events.participants import participant_with_account
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status
MY_REGISTRATIONS = "/en/events/my-registrations/"
ONLINE_URL = "https://meet.example.org/j/secret-room"


@pytest.fixture
def amina(client):
    participant = participant_with_account(email="amina@example.org")
    client.force_login(participant.user)
    return participant


def cancel_url(registration):
    return f"{MY_REGISTRATIONS}{registration.pk}/cancel/"


def test_registering_from_the_event_page_confirms_a_seat_and_lists_it_under_my_registrations(client, amina):
    event = EventFactory(slug="norms-workshop", title="Norms workshop", capacity=10, online_url=ONLINE_URL)

    response = client.post("/en/events/norms-workshop/register/", follow=True)

    assert response.redirect_chain == [("/en/events/norms-workshop/", 302)]
    page = response.content.decode()
    assert "You are registered for Norms workshop: your seat is confirmed." in page
    assert ONLINE_URL in page
    registration = Registration.objects.get(event=event, participant=amina)
    assert registration.status == Status.CONFIRMED
    mine = client.get(MY_REGISTRATIONS).content.decode()
    assert "Norms workshop" in mine and "Confirmed" in mine and ONLINE_URL in mine


def test_a_refusal_is_shown_on_the_event_page_with_its_reason(client, amina):
    EventFactory(slug="officials", title="Officials' course", eligible_organisation_kinds=["academia"])

    response = client.post("/en/events/officials/register/", follow=True)

    assert "Officials&#x27; course is open to participants from Academia only" in response.content.decode()
    assert not Registration.objects.exists()


def test_the_invitation_token_travels_from_the_link_through_the_form(client, amina):
    event = EventFactory(slug="dialogue", admission=Event.Admission.BY_INVITATION)

    client.post("/en/events/dialogue/register/", {"invitation": event.invitation_token})

    assert Registration.objects.get(event=event).status == Status.CONFIRMED


def test_my_registrations_lists_only_my_own(client, amina):
    RegistrationFactory(participant=amina, event__title="My seminar")
    RegistrationFactory(event__title="Someone else's clinic")

    page = client.get(MY_REGISTRATIONS).content.decode()

    assert "My seminar" in page
    assert "Someone else" not in page


def test_nobody_can_cancel_someone_elses_registration_by_its_id(client, amina):
    theirs = RegistrationFactory(status=Status.CONFIRMED)

    response = client.post(cancel_url(theirs))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Status.CONFIRMED


def test_cancelling_my_confirmed_seat_gives_it_to_the_first_on_the_waiting_list(client, amina):
    event = EventFactory(capacity=1, title="Simulation")
    mine = RegistrationFactory(event=event, participant=amina, status=Status.CONFIRMED)
    waiting = RegistrationFactory(event=event, status=Status.WAITLISTED)

    response = client.post(cancel_url(mine), follow=True)

    assert "Your registration for Simulation is cancelled." in response.content.decode()
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert (mine.status, mine.decided_by) == (Status.CANCELLED, amina.user)
    assert waiting.status == Status.CONFIRMED


def test_cancelling_needs_a_post(client, amina):
    mine = RegistrationFactory(participant=amina, status=Status.CONFIRMED)

    assert client.get(cancel_url(mine)).status_code == 200  # the question, not the cancellation
    assert client.put(cancel_url(mine)).status_code == 405
    mine.refresh_from_db()
    assert mine.status == Status.CONFIRMED


@pytest.mark.parametrize("status", [Status.PENDING, Status.WAITLISTED, Status.DECLINED, Status.CANCELLED])
def test_the_online_link_never_reaches_the_unconfirmed(client, amina, status):
    event = EventFactory(slug="online-briefing", format=Event.Format.ONLINE, online_url=ONLINE_URL)
    RegistrationFactory(event=event, participant=amina, status=status)

    for url in (MY_REGISTRATIONS, "/en/events/online-briefing/", "/en/events/"):
        assert "secret-room" not in client.get(url).content.decode()


def test_the_online_link_of_a_cancelled_event_is_withdrawn_even_from_the_confirmed(client, amina):
    event = EventFactory(status=Event.Status.CANCELLED, online_url=ONLINE_URL)
    RegistrationFactory(event=event, participant=amina, status=Status.CONFIRMED)

    assert "secret-room" not in client.get(MY_REGISTRATIONS).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    registration = RegistrationFactory()
    EventFactory(slug="seminar")

    for method, url in [
        ("get", MY_REGISTRATIONS),
        ("get", "/en/accounts/profile/"),
        ("post", "/en/events/seminar/register/"),
        ("post", cancel_url(registration)),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/en/accounts/login/?next=/en/"), url
    assert Registration.objects.count() == 1


def test_registration_and_cancellation_need_a_csrf_token():
    participant = participant_with_account()
    mine = RegistrationFactory(participant=participant, status=Status.CONFIRMED)
    EventFactory(slug="seminar")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(participant.user)

    assert browser.post("/en/events/seminar/register/").status_code == 403
    assert browser.post(cancel_url(mine)).status_code == 403
    assert browser.post("/en/accounts/profile/", {"first_name": "Mallory"}).status_code == 403
    mine.refresh_from_db()
    assert mine.status == Status.CONFIRMED
    assert Registration.objects.count() == 1


def test_the_forms_carry_a_csrf_token(client, amina):
    EventFactory(slug="seminar")
    RegistrationFactory(participant=amina)

    for url in ("/en/events/seminar/", MY_REGISTRATIONS, "/en/accounts/profile/"):
        assert 'name="csrfmiddlewaretoken"' in client.get(url).content.decode(), url


def test_registration_attempts_are_rate_limited_per_person(client, amina, settings):
    settings.EVENT_REGISTRATION_RATE_LIMIT = 3
    events = [EventFactory() for _ in range(5)]

    statuses = [client.post(f"/en/events/{event.slug}/register/").status_code for event in events]

    assert statuses == [302, 302, 302, 429, 429]
    assert Registration.objects.count() == 3
    limited = client.post(f"/en/events/{events[0].slug}/register/")
    assert "Too many registration attempts" in limited.content.decode()
    other = participant_with_account()
    client.force_login(other.user)
    assert client.post(f"/en/events/{events[4].slug}/register/").status_code == 302


def test_the_default_limit_lets_a_person_register_for_twenty_events_a_minute(client, amina):
    events = [EventFactory() for _ in range(21)]

    statuses = [client.post(f"/en/events/{event.slug}/register/").status_code for event in events]

    assert statuses == [302] * 20 + [429]


def test_a_declined_person_reads_why_instead_of_a_register_button(client, amina):
    event = EventFactory(slug="simulation", title="Simulation")
    RegistrationFactory(event=event, participant=amina, status=Status.DECLINED)

    page = client.get("/en/events/simulation/").content.decode()

    assert "Your registration for Simulation was declined by the organisers" in page
    assert 'action="/en/events/simulation/register/"' not in page


def test_my_registrations_runs_the_same_queries_for_3_or_30_registrations(client, amina, django_assert_max_num_queries):
    def register_for_events(count):
        for number in range(count):
            status = [Status.CONFIRMED, Status.WAITLISTED, Status.CANCELLED][number % 3]
            RegistrationFactory(participant=amina, status=status, event__online_url=ONLINE_URL)

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(MY_REGISTRATIONS).status_code == 200
        return len(context.captured_queries)

    register_for_events(3)
    with_few = queries()
    register_for_events(27)

    with django_assert_max_num_queries(with_few):
        assert queries() == with_few


def test_cancelling_asks_first_and_only_the_confirmation_cancels(client, amina):
    event = EventFactory(slug="norms-workshop", title="Norms workshop", capacity=10)
    registration = RegistrationFactory(event=event, participant=amina, status=Status.CONFIRMED)

    mine = client.get(MY_REGISTRATIONS).content.decode()
    question = client.get(cancel_url(registration)).content.decode()

    assert f'href="{cancel_url(registration)}"' in mine
    assert "Do you want to cancel your registration for Norms workshop on" in question
    assert "Your seat will be given to the next person on the waiting list" in question
    assert "Keep my registration" in question
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED, "asking does not cancel"

    client.post(cancel_url(registration))

    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_the_cancel_question_is_not_asked_for_what_cannot_be_cancelled(client, amina):
    registration = RegistrationFactory(participant=amina, status=Status.CANCELLED)

    response = client.get(cancel_url(registration))

    assert response.status_code == 302 and response["Location"] == MY_REGISTRATIONS
