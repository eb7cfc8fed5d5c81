"""Calendar files on the web: a public feed of events with the list's filters, a private feed behind
a secret address the participant can renew, and the .ics of one's own registration (nobody else's)."""

import datetime
import zoneinfo

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from events.models import Event, Registration
from tests.events.participants import participant_with_account
from tests.factories import EventFactory, RegistrationFactory, TopicFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status
GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")
FEED = "/en/events/feed.ics"
MY_REGISTRATIONS = "/en/events/my-registrations/"
ONLINE_URL = "https://meet.example.org/j/secret-room"


def parsed(response):
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def summaries(calendar) -> set[str]:
    return {str(event["summary"]) for event in calendar.walk("VEVENT")}


def personal_feed_url(participant) -> str:
    return f"/events/calendar/{participant.calendar_token}.ics"


# The public feed ------------------------------------------------------------------------------


def test_the_public_feed_lists_public_events_and_validates(client):
    EventFactory(title="Norms workshop", online_url=ONLINE_URL, time_zone="Asia/Singapore")
    EventFactory(title="Called-off briefing", status=Event.Status.CANCELLED)
    EventFactory(title="Draft seminar", status=Event.Status.DRAFT)
    EventFactory(title="Long past", starts_at=datetime.datetime(2019, 5, 1, 9, tzinfo=GENEVA))

    response = client.get(FEED)

    calendar = parsed(response)
    assert response["Content-Disposition"] == 'inline; filename="unidir-events.ics"'
    assert calendar["method"] == "PUBLISH"
    assert calendar["x-wr-calname"] == "UNIDIR events"
    assert summaries(calendar) == {"Norms workshop", "Called-off briefing"}
    statuses = {str(event["summary"]): str(event["status"]) for event in calendar.walk("VEVENT")}
    assert statuses["Called-off briefing"] == "CANCELLED"
    assert {zone["tzid"] for zone in calendar.walk("VTIMEZONE")} == {"Asia/Singapore", "Europe/Zurich"}
    assert ONLINE_URL not in response.content.decode(), "the online link is for confirmed participants only"
    assert all(str(event["url"]).startswith("http://testserver/en/events/") for event in calendar.walk("VEVENT"))


def test_the_public_feed_takes_the_same_filters_as_the_event_list(client):
    norms = TopicFactory(name="Norms", slug="norms")
    EventFactory(
        title="Match",
        kind=Event.Kind.WORKSHOP,
        format=Event.Format.HYBRID,
        languages=["en", "fr"],
        country="SN",
        topics=[norms],
        starts_at=datetime.datetime(2031, 4, 1, 9, tzinfo=GENEVA),
    )
    EventFactory(title="Other kind", kind=Event.Kind.SEMINAR)
    EventFactory(title="Other topic", kind=Event.Kind.WORKSHOP, topics=[TopicFactory(name="AI", slug="ai")])

    def titles(query):
        return summaries(parsed(client.get(f"{FEED}?{query}")))

    assert titles("kind=workshop") == {"Match", "Other topic"}
    assert titles("topic=norms") == {"Match"}
    assert titles("format=hybrid") == {"Match"}
    assert titles("year=2031") == {"Match"}
    assert titles("language=fr") == {"Match"}
    assert titles("country=SN") == {"Match"}
    assert titles("kind=workshop&topic=norms&format=hybrid&year=2031&language=fr&country=sn") == {"Match"}
    # A subscription for a year with no events yet stays empty until there are some; it never falls
    # back to every event, as the list page's form does with a value it does not offer.
    assert titles("year=2040") == set()
    assert titles("country=FJ") == set()


@pytest.mark.parametrize("query", ["kind=party", "year=twenty", "language=de", "country=Narnia", "format=x"])
def test_a_malformed_filter_is_refused(client, query):
    response = client.get(f"{FEED}?{query}")

    assert response.status_code == 400


@pytest.mark.parametrize("size", [2, 12])
def test_the_public_feed_costs_the_same_queries_whatever_the_number_of_events(client, django_assert_num_queries, size):
    topic = TopicFactory(slug="norms")
    for _ in range(size):
        EventFactory(topics=[topic], partners=[], languages=["en", "fr"])

    with django_assert_num_queries(1):
        calendar = parsed(client.get(f"{FEED}?topic=norms&language=fr"))

    assert len(calendar.walk("VEVENT")) == size


# The personal feed ----------------------------------------------------------------------------


def test_the_personal_feed_holds_all_my_registrations_each_in_its_state_in_my_language(client):
    amelie = participant_with_account(email="amelie@example.org", language="fr")
    RegistrationFactory(
        participant=amelie,
        event__title="Confirmed online",
        event__format=Event.Format.ONLINE,
        event__online_url=ONLINE_URL,
    )
    for status in (Status.PENDING, Status.WAITLISTED, Status.CANCELLED, Status.DECLINED):
        RegistrationFactory(
            participant=amelie, status=status, event__title=f"{status} one", event__online_url=ONLINE_URL
        )
    RegistrationFactory(
        participant=amelie, event__title="Years ago", event__starts_at=timezone.now() - datetime.timedelta(days=3000)
    )
    RegistrationFactory(participant=amelie, event__title="Draft", event__status=Event.Status.DRAFT)
    RegistrationFactory(event__title="Someone else's")

    response = client.get(personal_feed_url(amelie))

    calendar = parsed(response)
    assert response["Content-Disposition"] == 'inline; filename="my-unidir-events.ics"'
    assert response["Cache-Control"] == "private, no-cache"
    states = {event["summary"]: str(event["status"]) for event in calendar.walk("VEVENT")}
    assert states == {
        "Confirmed online": "CONFIRMED",
        "pending one": "TENTATIVE",
        "waitlisted one": "TENTATIVE",
        "cancelled one": "CANCELLED",
        "declined one": "CANCELLED",
        "Years ago": "CONFIRMED",  # all my registrations, not only the last twelve months
    }
    confirmed = next(event for event in calendar.walk("VEVENT") if event["summary"] == "Confirmed online")
    assert confirmed["location"] == "En ligne"
    assert ONLINE_URL in confirmed["description"]
    others = [event for event in calendar.walk("VEVENT") if event["summary"] != "Confirmed online"]
    assert not any(ONLINE_URL in str(event.get("description", "")) for event in others)
    assert calendar["x-wr-calname"] == "Mes événements UNIDIR"


def test_a_calendar_client_that_holds_the_personal_feed_gets_304(client):
    amelie = participant_with_account(email="amelie@example.org")
    RegistrationFactory(participant=amelie, event__title="Norms workshop")
    first = client.get(personal_feed_url(amelie))

    again = client.get(personal_feed_url(amelie), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


@pytest.mark.parametrize("size", [1, 10])
def test_the_personal_feed_costs_the_same_queries_whatever_the_number_of_events(
    client, django_assert_num_queries, size
):
    amelie = participant_with_account()
    for _ in range(size):
        RegistrationFactory(participant=amelie)

    with django_assert_num_queries(2):
        calendar = parsed(client.get(personal_feed_url(amelie)))

    assert len(calendar.walk("VEVENT")) == size


def test_an_unknown_calendar_address_is_not_found(client):
    participant_with_account()

    assert client.get("/events/calendar/not-a-real-token-at-all.ics").status_code == 404


def test_renewing_the_calendar_address_kills_the_old_one(client):
    amelie = participant_with_account(email="amelie@example.org")
    RegistrationFactory(participant=amelie, event__title="Norms workshop")
    old_url = personal_feed_url(amelie)
    client.force_login(amelie.user)
    assert old_url in client.get(MY_REGISTRATIONS).content.decode()

    response = client.post(f"{MY_REGISTRATIONS}calendar/renew/", follow=True)

    assert response.redirect_chain == [(MY_REGISTRATIONS, 302)]
    assert "Your calendar address is renewed" in response.content.decode()
    amelie.refresh_from_db()
    new_url = personal_feed_url(amelie)
    assert new_url != old_url
    assert new_url in response.content.decode()
    assert client.get(old_url).status_code == 404
    assert summaries(parsed(client.get(new_url))) == {"Norms workshop"}


def test_renewing_needs_a_post_with_a_csrf_token_and_a_signed_in_person():
    amelie = participant_with_account()
    token = amelie.calendar_token
    assert Client().post(f"{MY_REGISTRATIONS}calendar/renew/").status_code == 302  # to the login page
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(amelie.user)

    assert browser.get(f"{MY_REGISTRATIONS}calendar/renew/").status_code == 405
    assert browser.post(f"{MY_REGISTRATIONS}calendar/renew/").status_code == 403

    amelie.refresh_from_db()
    assert amelie.calendar_token == token


# One registration's .ics ----------------------------------------------------------------------


@pytest.fixture
def amina(client):
    participant = participant_with_account(email="amina@example.org")
    client.force_login(participant.user)
    return participant


def ics_url(registration) -> str:
    return f"{MY_REGISTRATIONS}{registration.pk}/calendar.ics"


def test_i_download_the_ics_of_my_confirmed_registration(client, amina):
    registration = RegistrationFactory(
        participant=amina, event__slug="norms-workshop", event__title="Norms workshop", event__online_url=ONLINE_URL
    )

    response = client.get(ics_url(registration))

    calendar = parsed(response)
    assert response["Content-Disposition"] == 'attachment; filename="norms-workshop.ics"'
    assert calendar["method"] == "PUBLISH"
    [event] = calendar.walk("VEVENT")
    assert event["uid"] == f"event-{registration.event.pk}@cb.unidir.org"
    assert event["status"] == "CONFIRMED"
    assert ONLINE_URL in event["description"]
    assert f'href="{ics_url(registration)}"' in client.get(MY_REGISTRATIONS).content.decode()


def test_a_pending_registration_downloads_as_tentative_without_the_online_link(client, amina):
    registration = RegistrationFactory(participant=amina, status=Status.PENDING, event__online_url=ONLINE_URL)

    response = client.get(ics_url(registration))

    [event] = parsed(response).walk("VEVENT")
    assert event["status"] == "TENTATIVE"
    assert ONLINE_URL not in response.content.decode()


@pytest.mark.parametrize("status", [Status.WAITLISTED, Status.CANCELLED, Status.DECLINED])
def test_no_ics_for_a_registration_without_a_seat_or_a_pending_decision(client, amina, status):
    registration = RegistrationFactory(participant=amina, status=status)

    assert client.get(ics_url(registration)).status_code == 404
    assert f'href="{ics_url(registration)}"' not in client.get(MY_REGISTRATIONS).content.decode()


def test_nobody_downloads_someone_elses_ics_by_trying_its_id(client, amina):
    RegistrationFactory(participant=amina)
    someone_elses = RegistrationFactory(event__online_url=ONLINE_URL)

    response = client.get(ics_url(someone_elses))

    assert response.status_code == 404
    assert ONLINE_URL not in response.content.decode()


def test_signing_in_is_needed_to_download_an_ics(client):
    registration = RegistrationFactory()

    response = client.get(ics_url(registration))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_personal_feed_names_each_event_in_my_language_where_it_is_translated(client):
    amelie = participant_with_account(email="amelie@example.org", language="fr")
    RegistrationFactory(participant=amelie, event__title_en="Norms workshop", event__title_fr="Atelier sur les normes")
    RegistrationFactory(participant=amelie, event__title_en="Untranslated briefing")

    calendar = parsed(client.get(personal_feed_url(amelie)))

    assert summaries(calendar) == {"Atelier sur les normes", "Untranslated briefing"}
