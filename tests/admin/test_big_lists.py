"""The admin lists of a twenty-year programme: filters that never list thousands of events, counts
computed for the page only, searches that use indexes, and the same queries at any size."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Event, Registration
from tests import factories
from unidir_cb.core import admin_lists

pytestmark = pytest.mark.django_db

Status = Registration.Status
REGISTRATIONS = "/admin/events/registration/"


def registrations_for_events(count: int, start: int = 0) -> list[Event]:
    events = []
    for number in range(start, start + count):
        event = factories.EventFactory(
            title=f"Tabletop exercise {number}",
            starts_at=timezone.now() - datetime.timedelta(days=400 * (number % 3)),
        )
        factories.RegistrationFactory(event=event, status=Status.CONFIRMED, participant__last_name="Diallo")
        factories.RegistrationFactory(event=event, status=Status.WAITLISTED)
        events.append(event)
    return events


def queries_of(client, url, params=None) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"status__exact": "confirmed"},
        {"event_year": str(timezone.now().year)},
        {"attended__exact": "0"},
        {"q": "Diallo"},
        {"q": "Tabletop exercise"},
    ],
    ids=lambda filters: "&".join(f"{key}={value}" for key, value in filters.items()) or "unfiltered",
)
def test_the_registrations_list_runs_the_same_queries_for_a_few_or_many_events(admin_client, filters):
    registrations_for_events(3)
    with_few, _ = queries_of(admin_client, REGISTRATIONS, filters)
    registrations_for_events(30, start=3)

    with_many, page = queries_of(admin_client, REGISTRATIONS, filters)

    assert with_many <= with_few
    assert "Diallo" in page or filters.get("q") == "Tabletop exercise"


def test_the_event_filter_is_typed_not_a_list_of_every_event(admin_client):
    events = registrations_for_events(12)

    page = admin_client.get(REGISTRATIONS).content.decode()
    filtered = admin_client.get(REGISTRATIONS, {"event__pk__exact": events[0].pk}).content.decode()

    assert 'data-ajax--url="/admin/autocomplete/"' in page
    assert "?event__id__exact=" not in page  # Django's own filter would link every event
    assert "Tabletop exercise 0" in filtered and "Tabletop exercise 1 " not in filtered


def test_searching_registrations_matches_the_participant_or_the_event_word_by_word(admin_client):
    amina = factories.ParticipantFactory(first_name="Amina", last_name="Diallo")
    workshop = factories.EventFactory(title="Ransomware workshop")
    factories.RegistrationFactory(participant=amina, event=workshop)
    factories.RegistrationFactory(participant=amina, event=factories.EventFactory(title="Norms dialogue"))
    factories.RegistrationFactory(event=workshop)

    def found(term):
        return admin_client.get(REGISTRATIONS, {"q": term}).context["cl"].result_count

    assert found("diallo") == 2
    assert found("ransomware") == 2
    assert found("Diallo ransomware") == 1  # one word matches the person, the other the event
    assert found("Diallo nobody") == 0


def test_counts_shown_per_row_are_those_of_the_row(admin_client):
    busy = factories.EventFactory(title="Busy event")
    for _ in range(3):
        factories.RegistrationFactory(event=busy, status=Status.CONFIRMED)
    factories.RegistrationFactory(event=busy, status=Status.WAITLISTED)
    factories.EventFactory(title="Quiet event")

    events = {event.title: event for event in admin_client.get("/admin/events/event/").context["cl"].result_list}
    participants = admin_client.get("/admin/events/participant/").context["cl"].result_list

    assert (events["Busy event"].confirmed_count, events["Busy event"].waitlisted_count) == (3, 1)
    assert (events["Quiet event"].confirmed_count, events["Quiet event"].waitlisted_count) == (0, 0)
    assert {participant.registration_count for participant in participants} == {1}


def test_bulk_approval_confirms_in_registration_order_whatever_the_list_shows(admin_client):
    event = factories.EventFactory(capacity=1, admission=Event.Admission.BY_APPROVAL)
    first = factories.RegistrationFactory(event=event, status=Status.PENDING)
    second = factories.RegistrationFactory(event=event, status=Status.PENDING)

    admin_client.post(REGISTRATIONS, {"action": "approve", "_selected_action": [second.pk, first.pk]})

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.CONFIRMED, Status.PENDING)


@pytest.mark.postgres
@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="PostgreSQL's row estimate (pg_class.reltuples); SQLite counts exactly",
)
def test_an_unfiltered_big_list_is_numbered_by_the_tables_estimate_not_a_full_count(admin_client, monkeypatch):
    registrations_for_events(5)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE events_registration")
    monkeypatch.setattr(admin_lists, "ESTIMATE_FROM_ROWS", 1)

    with CaptureQueriesContext(connection) as unfiltered:
        admin_client.get(REGISTRATIONS)
    with CaptureQueriesContext(connection) as filtered:
        admin_client.get(REGISTRATIONS, {"status__exact": "confirmed"})

    counts = [query["sql"] for query in unfiltered.captured_queries if "COUNT(" in query["sql"].upper()]
    assert not any('FROM "events_registration"' in sql and "WHERE" not in sql for sql in counts)
    assert any("reltuples" in query["sql"] for query in unfiltered.captured_queries)
    assert any("COUNT(" in query["sql"].upper() for query in filtered.captured_queries)


def test_the_participants_list_names_each_country_and_sorts_by_it(admin_client):
    factories.ParticipantFactory(last_name="Tuilagi", country="FJ")
    factories.ParticipantFactory(last_name="Okafor", country="NG")
    factories.ParticipantFactory(last_name="Nobody", country="")

    page = admin_client.get("/admin/events/participant/", {"o": "4"}).content.decode()

    assert page.index('<td class="field-country_name">Fiji</td>') < page.index(
        '<td class="field-country_name">Nigeria</td>'
    )
    assert '<td class="field-country_name">-</td>' in page
