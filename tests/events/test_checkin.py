"""Staff at the door find a participant by typing part of their name or email and check them in with one
button (with an undo), from the day before the event; only staff who may change registrations reach the page."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from events import selectors
from events.models import Registration
from events.services import check_in as desk
from tests.factories import (
    AnswerFactory,
    EventFactory,
    ParticipantFactory,
    QuestionFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Status = Registration.Status


def desk_staff(**fields):
    user = UserFactory(is_staff=True, **fields)
    user.user_permissions.add(Permission.objects.get(codename="change_registration"))
    return user


@pytest.fixture
def staff_client(client):
    client.force_login(desk_staff())
    return client


def starting_soon(**fields):
    """An event whose check-in desk is open: it starts in two hours."""
    starts_at = timezone.now() + datetime.timedelta(hours=2)
    return EventFactory(starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=3), **fields)


@pytest.fixture
def workshop():
    return starting_soon(title="Norms workshop", slug="norms-workshop", capacity=None)


def check_in_url(event, registration=None):
    url = f"/en/events/{event.slug}/check-in/"
    return f"{url}{registration.pk}/" if registration else url


def register(event, first_name, last_name, email=None, status=Status.CONFIRMED, **fields):
    participant = ParticipantFactory(first_name=first_name, last_name=last_name, **({"email": email} if email else {}))
    return RegistrationFactory(event=event, participant=participant, status=status, **fields)


def test_typing_part_of_a_name_or_email_finds_the_participant(staff_client, workshop):
    amina = register(workshop, "Amina", "Diallo", "amina@foreign.gov.sn")
    register(workshop, "Omar", "Haddad", "omar@example.org")
    register(starting_soon(), "Amina", "Elsewhere")  # another event's participant never shows

    by_name = staff_client.get(check_in_url(workshop), {"q": "ami dia"}).content.decode()
    by_email = staff_client.get(check_in_url(workshop), {"q": "FOREIGN.gov"}).content.decode()

    assert f'id="registration-{amina.pk}"' in by_name and "Omar" not in by_name and "Elsewhere" not in by_name
    assert f'id="registration-{amina.pk}"' in by_email and "Omar" not in by_email


def test_the_script_fetches_only_the_results_fragment(staff_client, workshop):
    register(workshop, "Amina", "Diallo")

    fragment = staff_client.get(check_in_url(workshop), {"q": "amina", "partial": "1"}).content.decode()

    assert "<table" in fragment and "Amina" in fragment
    assert "<html" not in fragment


def test_checking_in_sets_attended_and_the_time_and_updates_the_counts(staff_client, workshop):
    amina = register(workshop, "Amina", "Diallo")
    register(workshop, "Omar", "Haddad")

    response = staff_client.post(check_in_url(workshop, amina), {"q": "amina"}, follow=True)

    assert response.redirect_chain == [(f"{check_in_url(workshop)}?q=amina", 302)]
    amina.refresh_from_db()
    assert amina.attended and amina.checked_in_at is not None
    page = response.content.decode()
    assert "Amina Diallo is checked in." in page
    assert selectors.check_in_counts(workshop) == selectors.CheckInCounts(checked_in=1, confirmed=2)
    assert 'class="check-in-counts__checked-in">1<' in page and 'class="check-in-counts__confirmed">2<' in page


def test_undo_takes_a_mistaken_check_in_back(staff_client, workshop):
    amina = register(workshop, "Amina", "Diallo")
    desk.check_in(amina)

    response = staff_client.post(check_in_url(workshop, amina), {"undo": "1"}, follow=True)

    amina.refresh_from_db()
    assert not amina.attended and amina.checked_in_at is None
    assert "Check-in of Amina Diallo undone." in response.content.decode()


def test_checking_in_twice_keeps_the_arrival_time(workshop):
    amina = register(workshop, "Amina", "Diallo")
    first = desk.check_in(amina).checked_in_at

    assert desk.check_in(amina).checked_in_at == first


def test_a_waitlisted_person_is_found_but_cannot_be_checked_in(staff_client, workshop):
    waiting = register(workshop, "Wanda", "Waiting", status=Status.WAITLISTED)

    page = staff_client.get(check_in_url(workshop), {"q": "wanda"}).content.decode()
    assert "Wanda" in page and check_in_url(workshop, waiting) not in page

    response = staff_client.post(check_in_url(workshop, waiting), follow=True)
    assert "is not confirmed for Norms workshop" in response.content.decode()
    waiting.refresh_from_db()
    assert not waiting.attended


def test_a_registration_of_another_event_cannot_be_checked_in_through_this_one(staff_client, workshop):
    elsewhere = register(starting_soon(), "Amina", "Diallo")

    assert staff_client.post(check_in_url(workshop, elsewhere)).status_code == 404


@pytest.mark.parametrize("size", [5, 40])
def test_the_page_runs_a_fixed_number_of_queries_whatever_the_number_of_registrations(
    staff_client, workshop, django_assert_max_num_queries, size
):
    needs = QuestionFactory(event=workshop, label="Dietary requirements", shown_at_check_in=True)
    for number in range(size):
        registration = register(workshop, f"Person{number}", "Participant", attended=number % 2 == 0)
        AnswerFactory(registration=registration, question=needs, value="Halal")

    # The answers shown at the desk cost two queries: whether the event shows any, and the answers.
    with django_assert_max_num_queries(10):
        full = staff_client.get(check_in_url(workshop))
    with django_assert_max_num_queries(10):
        searched = staff_client.get(check_in_url(workshop), {"q": "participant"})

    assert full.status_code == searched.status_code == 200
    assert full.content.decode().count('<tr id="registration-') == min(size, selectors.SEARCH_RESULTS_LIMIT)
    assert full.content.decode().count("Halal") == min(size, selectors.SEARCH_RESULTS_LIMIT)


def test_the_events_changelist_links_to_each_check_in_page(staff_client, workshop):
    staff_client.force_login(UserFactory(is_superuser=True, is_staff=True))

    page = staff_client.get("/admin/events/event/").content.decode()

    assert f'href="{check_in_url(workshop)}"' in page


# Who may use the page ----------------------------------------------------------------------------


def test_visitors_are_sent_to_log_in(client, workshop):
    response = client.get(check_in_url(workshop))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_participants_and_staff_without_the_permission_are_refused(client, workshop):
    amina = register(workshop, "Amina", "Diallo")
    participant_user = UserFactory()
    staff_without_permission = UserFactory(is_staff=True)

    for user in (participant_user, staff_without_permission):
        client.force_login(user)
        assert client.get(check_in_url(workshop)).status_code == 403
        assert client.post(check_in_url(workshop, amina)).status_code == 403
    amina.refresh_from_db()
    assert not amina.attended


def test_checking_in_needs_the_csrf_token(workshop):
    amina = register(workshop, "Amina", "Diallo")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(desk_staff())

    assert browser.post(check_in_url(workshop, amina)).status_code == 403
    amina.refresh_from_db()
    assert not amina.attended

    page = browser.get(check_in_url(workshop))
    token = page.cookies["csrftoken"].value
    assert browser.post(check_in_url(workshop, amina), {"csrfmiddlewaretoken": token}).status_code == 302
    amina.refresh_from_db()
    assert amina.attended


def test_the_desk_opens_the_day_before_the_event_and_says_when_until_then(staff_client, settings):
    settings.CHECK_IN_OPENS_HOURS_BEFORE = 24
    starts_at = datetime.datetime(2031, 3, 10, 9, 0, tzinfo=datetime.UTC)
    event = EventFactory(
        title="Norms workshop",
        slug="next-month",
        time_zone="UTC",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=8),
    )
    amina = register(event, "Amina", "Diallo")

    page = staff_client.get(check_in_url(event)).content.decode()
    response = staff_client.post(check_in_url(event, amina), follow=True)
    walk_in = staff_client.post(
        f"{check_in_url(event)}walk-in/", {"first_name": "Sione", "last_name": "Tupou"}, follow=True
    )

    assert "Check-in for Norms workshop opens on March 9, 2031, 9 a.m." in page
    assert 'name="q"' not in page and "Record the walk-in" not in page
    assert "Check-in for Norms workshop opens on March 9, 2031, 9 a.m." in response.content.decode()
    assert "opens on March 9, 2031" in walk_in.content.decode()
    amina.refresh_from_db()
    assert not amina.attended
    assert not Registration.objects.filter(participant__last_name="Tupou").exists()


def test_the_hours_before_are_a_setting(settings):
    event = starting_soon()
    settings.CHECK_IN_OPENS_HOURS_BEFORE = 1

    with pytest.raises(desk.CheckInError, match="opens on"):
        desk.check_in(register(event, "Amina", "Diallo"))

    settings.CHECK_IN_OPENS_HOURS_BEFORE = 3
    assert desk.check_in(register(event, "Omar", "Haddad")).attended
