"""Anonymous visitors get the public pages from the cache; nothing personal ever reaches the cache,
nobody gets a page in another language, and a change to the content shows at once."""

import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from events.models import Registration
from events.services import registrations
from tests.events.participants import participant_with_account
from tests.factories import EventFactory, PublicationFactory, RegistrationFactory

# Transactions commit here, as in production: a change starts a new generation of pages on commit.
pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = ["/en/", "/en/events/", "/en/events/feed.ics", "/en/publications/"]


def visit(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


@pytest.fixture
def online_seminar():
    return EventFactory(
        title="Seminar on ransomware",
        slug="ransomware-seminar",
        online_url="https://meet.example.org/secret-room",
        capacity=10,
    )


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_second_anonymous_visitor_gets_the_page_from_the_cache_without_a_query(url, online_seminar):
    PublicationFactory(title="Cyber norms primer")
    first, _ = visit(Client(), url)

    second, queries = visit(Client(), url)

    assert second.status_code == 200
    assert queries == 0
    assert second.content == first.content
    assert {"Cookie", "Accept-Language"} <= {part.strip() for part in second["Vary"].split(",")}


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_visitor_who_holds_the_page_gets_304_without_a_body(url, online_seminar):
    first, _ = visit(Client(), url)

    again, _ = visit(Client(), url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""


def test_a_participants_page_is_never_cached_for_anyone_else(client, online_seminar):
    amina = participant_with_account(email="amina@example.org", first_name="Amina")
    registrations.register_participant(online_seminar, amina)
    client.force_login(amina.user)

    personal = client.get("/en/events/ransomware-seminar/").content.decode()
    anonymous = Client().get("/en/events/ransomware-seminar/").content.decode()

    assert "secret-room" in personal and "Log out" in personal
    assert "secret-room" not in anonymous and "Log out" not in anonymous and "amina" not in anonymous.lower()


def test_a_signed_in_participant_never_gets_the_anonymous_page(client, online_seminar):
    Client().get("/en/events/ransomware-seminar/")  # now cached for anonymous visitors
    amina = participant_with_account(email="amina@example.org")
    registrations.register_participant(online_seminar, amina)
    client.force_login(amina.user)

    page, queries = visit(client, "/en/events/ransomware-seminar/")

    assert queries > 0
    assert "secret-room" in page.content.decode()


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page_that_is_kept_from_others(client, online_seminar):
    Client().get("/en/events/")
    amina = participant_with_account(email="amina@example.org")
    client.force_login(amina.user)
    client.post("/en/events/ransomware-seminar/register/")
    # Signed out by the session's end; the confirmation message still waits in the messages cookie.
    del client.cookies["sessionid"]

    with_message = client.get("/en/events/").content.decode()
    anonymous = Client().get("/en/events/").content.decode()

    assert "your seat is confirmed" in with_message
    assert "your seat is confirmed" not in anonymous


def test_each_language_has_its_own_page(online_seminar):
    english = Client().get("/en/events/").content.decode()
    french = Client().get("/fr/events/").content.decode()
    arabic = Client().get("/ar/events/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<html lang="en"' in english
    assert '<html lang="fr"' in french
    assert '<html lang="ar" dir="rtl"' in arabic
    assert Client().get("/en/events/").content.decode() == english


def test_a_changed_event_shows_at_once(online_seminar):
    assert "Seminar on ransomware" in Client().get("/en/events/").content.decode()

    online_seminar.title = "Seminar on ransomware and hospitals"
    online_seminar.save()

    assert "Seminar on ransomware and hospitals" in Client().get("/en/events/").content.decode()


def test_seats_taken_show_at_once(online_seminar):
    assert "10 of 10" in Client().get("/en/events/ransomware-seminar/").content.decode()

    RegistrationFactory(event=online_seminar, status=Registration.Status.CONFIRMED)

    assert "9 of 10" in Client().get("/en/events/ransomware-seminar/").content.decode()


def test_a_cached_page_lapses_after_its_time(settings, online_seminar):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 1
    visit(Client(), "/en/events/")
    time.sleep(1.2)

    _, queries = visit(Client(), "/en/events/")

    assert queries > 0
