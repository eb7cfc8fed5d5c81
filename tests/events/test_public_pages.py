"""Visitors browse the programme's events: upcoming and past, filtered, searched, one page at a time,
and read an event's page, with a fixed number of queries whatever the number of events."""

import datetime
import re
import zoneinfo

import pytest
from django.utils import formats, timezone, translation

from events.models import Event, EventPartner, Registration
from tests.events.participants import participant_with_account
from tests.factories import (
    AgendaItemFactory,
    EventFactory,
    OrganisationFactory,
    RegistrationFactory,
    TopicFactory,
)
from tests.pages import freshly_rendered, queries_to_build

pytestmark = pytest.mark.django_db

LIST_URL = "/en/events/"


def listed_titles(response) -> list[str]:
    return [event.title for event in response.context["events"]]


def days_from_now(days):
    return timezone.now() + datetime.timedelta(days=days)


def test_the_list_shows_published_upcoming_events_soonest_first(client):
    later = EventFactory(title="Later conference", starts_at=days_from_now(60))
    sooner = EventFactory(title="Sooner seminar", starts_at=days_from_now(5))
    EventFactory(title="Draft idea", status=Event.Status.DRAFT)
    EventFactory(title="Called off", status=Event.Status.CANCELLED)
    EventFactory(title="Last year", starts_at=days_from_now(-365))

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert listed_titles(response) == [sooner.title, later.title]


def test_the_past_tab_shows_past_events_most_recent_first(client):
    EventFactory(title="Next month", starts_at=days_from_now(30))
    EventFactory(title="Two years ago", starts_at=days_from_now(-730))
    EventFactory(title="Last year", starts_at=days_from_now(-365))

    response = client.get(LIST_URL, {"when": "past"})

    assert listed_titles(response) == ["Last year", "Two years ago"]
    page = response.content.decode()
    assert 'href="?when=upcoming"' in page
    # Filtering and clearing the filters stay on the past tab.
    assert re.search(r'<input type="hidden" name="when" value="past"[^>]*>', page)
    assert 'href="?when=past">Clear filters</a>' in page
    assert "/events/feed.ics" not in page, "a feed of past events would be empty"
    assert "/events/feed.ics" in client.get(LIST_URL).content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "workshop"}, ["Norms workshop"]),
        ({"format": "online"}, ["Online briefing"]),
        ({"topic": "norms"}, ["Norms workshop"]),
        ({"language": "fr"}, ["Online briefing"]),
        ({"country": "SN"}, ["Online briefing"]),
        ({"year": "2031"}, ["Far future clinic"]),
        ({"q": "norms"}, ["Norms workshop"]),
        ({"q": "ransomware"}, ["Online briefing"]),  # in the description
        ({"q": "dakar"}, ["Online briefing"]),  # the city
        ({"kind": "workshop", "format": "online"}, []),
    ],
)
def test_filters_and_search_narrow_the_list(client, query, expected):
    norms = TopicFactory(name="Norms", slug="norms")
    EventFactory(title="Norms workshop", kind=Event.Kind.WORKSHOP, topics=[norms], starts_at=days_from_now(10))
    EventFactory(
        title="Online briefing",
        kind=Event.Kind.BRIEFING,
        format=Event.Format.ONLINE,
        languages=["en", "fr"],
        city="Dakar",
        country="SN",
        description="Responses to ransomware.",
        starts_at=days_from_now(20),
    )
    EventFactory(
        title="Far future clinic",
        kind=Event.Kind.CLINIC,
        starts_at=datetime.datetime(2031, 5, 5, 9, tzinfo=datetime.UTC),
    )

    response = client.get(LIST_URL, query)

    assert listed_titles(response) == expected


def test_an_unknown_filter_value_is_ignored_rather_than_an_error(client):
    EventFactory(title="Seminar")

    response = client.get(LIST_URL, {"kind": "party", "year": "soon"})

    assert response.status_code == 200
    assert listed_titles(response) == ["Seminar"]


def test_the_list_shows_twenty_events_a_page_and_keeps_the_filters_across_pages(client):
    for number in range(23):
        EventFactory(kind=Event.Kind.WORKSHOP, starts_at=days_from_now(number + 1))

    first = client.get(LIST_URL, {"kind": "workshop"})
    second = client.get(LIST_URL, {"kind": "workshop", "page": 2})

    assert len(first.context["events"]) == 20
    assert len(second.context["events"]) == 3
    assert 'href="?kind=workshop&amp;page=2"' in first.content.decode()


def populate_events(count):
    topics = [TopicFactory(name="Norms", slug="norms"), TopicFactory()]
    partner = OrganisationFactory()
    for number in range(count):
        event = EventFactory(
            starts_at=days_from_now(number + 1), topics=topics, partners=[partner], country="KE" if number % 2 else "CH"
        )
        RegistrationFactory(event=event, status=Registration.Status.CONFIRMED)
        RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
        AgendaItemFactory(event=event)


@pytest.mark.parametrize("params", [{}, {"topic": "norms"}, {"when": "past"}, {"q": "Event"}])
def test_the_list_runs_the_same_queries_for_3_or_30_events(client, django_assert_max_num_queries, params):
    populate_events(3)
    with_few = queries_to_build(client, LIST_URL, params)
    populate_events(27)

    with django_assert_max_num_queries(with_few):
        with_many = queries_to_build(client, LIST_URL, params)

    assert with_many == with_few
    listed = freshly_rendered(client, LIST_URL, params).context["events"]
    assert len(listed) == (0 if params.get("when") == "past" else 20)


def test_a_signed_in_visitor_costs_a_fixed_number_of_queries_too(client, django_assert_max_num_queries):
    client.force_login(participant_with_account().user)
    populate_events(3)
    with_few = queries_to_build(client, LIST_URL)
    populate_events(27)

    with django_assert_max_num_queries(with_few):
        assert queries_to_build(client, LIST_URL) == with_few


def test_the_event_page_runs_the_same_queries_whatever_its_agenda_and_partners(client):
    small = EventFactory(topics=[TopicFactory()], partners=[OrganisationFactory()])
    AgendaItemFactory(event=small)
    large = EventFactory(topics=[TopicFactory() for _ in range(5)], partners=[OrganisationFactory() for _ in range(5)])
    for _ in range(10):
        AgendaItemFactory(event=large)
        RegistrationFactory(event=large)

    assert queries_to_build(client, f"/en/events/{small.slug}/") == queries_to_build(
        client, f"/en/events/{large.slug}/"
    )


def test_the_event_page_says_what_each_partner_did_in_the_visitors_language(client):
    event = EventFactory(slug="pacific-dialogue")
    EventPartner.objects.create(
        event=event,
        organisation=OrganisationFactory(name="Pacific Islands Forum", acronym="PIF"),
        role=EventPartner.Role.HOST,
    )
    EventPartner.objects.create(
        event=event,
        organisation=OrganisationFactory(name="Global Forum on Cyber Expertise"),
        role=EventPartner.Role.FUNDER,
    )

    english = " ".join(re.sub(r"<[^>]+>", " ", client.get("/en/events/pacific-dialogue/").content.decode()).split())
    french = " ".join(re.sub(r"<[^>]+>", " ", client.get("/fr/events/pacific-dialogue/").content.decode()).split())

    assert "Pacific Islands Forum (PIF) Host" in english
    assert "Global Forum on Cyber Expertise Funder" in english
    assert "Global Forum on Cyber Expertise Bailleur de fonds" in french


def test_the_event_page_shows_agenda_partners_topics_languages_and_seats_left(client):
    event = EventFactory(
        title="Cyber Stability Conference",
        slug="cyber-stability-2026",
        capacity=40,
        languages=["en", "fr", "ar"],
        topics=[TopicFactory(name="International law")],
        partners=[OrganisationFactory(name="Organization of American States", acronym="OAS")],
        target_audience="Diplomats and policymakers",
        online_url="https://meet.example.org/secret-room",
    )
    AgendaItemFactory(event=event, title="Opening remarks", speaker_names="Director of UNIDIR")
    for _ in range(3):
        RegistrationFactory(event=event, status=Registration.Status.CONFIRMED)
    RegistrationFactory(event=event, status=Registration.Status.PENDING)

    page = client.get("/en/events/cyber-stability-2026/").content.decode()

    for expected in (
        "Cyber Stability Conference",
        "Opening remarks",
        "Director of UNIDIR",
        "Organization of American States",
        "International law",
        "English, French, Arabic",
        "Diplomats and policymakers",
        "37 of 40",
        "Log in to register",
    ):
        assert expected in page
    assert "secret-room" not in page
    assert "<script" not in page


def test_the_event_page_speaks_the_readers_language_for_event_languages(client):
    EventFactory(slug="briefing", languages=["zh", "ru"])

    page = client.get("/fr/events/briefing/").content.decode()

    assert "chinois simplifié, russe" in page.lower()


def test_drafts_have_no_public_page_and_cancelled_events_say_so(client):
    EventFactory(slug="draft", status=Event.Status.DRAFT)
    EventFactory(slug="called-off", title="Called off", status=Event.Status.CANCELLED)

    assert client.get("/en/events/draft/").status_code == 404
    page = client.get("/en/events/called-off/").content.decode()
    assert "This event has been cancelled." in page
    assert 'action="/en/events/called-off/register/"' not in page


def test_an_invitation_link_carries_its_token_to_the_registration_form(client):
    event = EventFactory(slug="dialogue", admission=Event.Admission.BY_INVITATION)
    client.force_login(participant_with_account().user)

    without = client.get("/en/events/dialogue/").content.decode()
    invited = client.get("/en/events/dialogue/", {"invitation": event.invitation_token}).content.decode()

    assert "Registration is by invitation" in without
    assert 'action="/en/events/dialogue/register/"' not in without
    assert re.search(rf'name="invitation" value="{re.escape(event.invitation_token)}"', invited)
    assert event.invitation_token not in client.get("/en/events/").content.decode()


def test_the_navigation_links_to_events_and_to_my_registrations_once_signed_in(client):
    assert 'href="/en/events/"' in client.get("/en/").content.decode()
    assert "/en/events/my-registrations/" not in client.get("/en/").content.decode()

    client.force_login(participant_with_account().user)

    assert 'href="/en/events/my-registrations/"' in client.get("/en/").content.decode()


def test_the_list_offers_its_filters_as_a_calendar_subscription(client):
    topic = TopicFactory(slug="norms")
    EventFactory(topics=[topic], starts_at=days_from_now(5))

    page = client.get(LIST_URL, {"topic": "norms", "when": "upcoming"}).content.decode()

    assert 'href="/en/events/feed.ics?topic=norms"' in page


def test_the_event_page_offers_anyone_a_calendar_file_and_add_to_calendar_links(client):
    geneva = zoneinfo.ZoneInfo("Europe/Zurich")
    EventFactory(
        title="Norms workshop",
        slug="norms-workshop",
        time_zone="Europe/Zurich",
        starts_at=datetime.datetime(2031, 5, 6, 9, 0, tzinfo=geneva),
        ends_at=datetime.datetime(2031, 5, 6, 17, 0, tzinfo=geneva),
        online_url="https://meet.example.org/secret-room",
    )

    page = client.get("/en/events/norms-workshop/").content.decode()

    assert 'href="/en/events/norms-workshop/calendar.ics"' in page
    google = re.search(r'href="(https://calendar\.google\.com/calendar/render\?[^"]+)"', page).group(1)
    assert "text=Norms+workshop" in google and "dates=20310506T070000Z%2F20310506T150000Z" in google
    outlook = re.search(r'href="(https://outlook\.live\.com/calendar/0/deeplink/compose\?[^"]+)"', page).group(1)
    assert "startdt=2031-05-06T07%3A00%3A00Z" in outlook and "subject=Norms+workshop" in outlook
    assert "https://outlook.office.com/calendar/0/deeplink/compose?" in page
    assert "secret-room" not in page
    ics = client.get("/en/events/norms-workshop/calendar.ics")
    assert ics.status_code == 200 and b"METHOD:PUBLISH" in ics.content and b"secret-room" not in ics.content


@pytest.mark.parametrize("language", ["en", "fr", "es", "ru", "zh-hans", "ar"])
def test_the_event_page_writes_its_dates_one_way_in_each_language(client, language):
    geneva = zoneinfo.ZoneInfo("Europe/Zurich")
    event = EventFactory(
        slug="dates-one-way",
        time_zone="Europe/Zurich",
        starts_at=datetime.datetime(2031, 5, 4, 9, 0, tzinfo=geneva),
        ends_at=datetime.datetime(2031, 5, 4, 17, 0, tzinfo=geneva),
    )
    AgendaItemFactory(event=event, starts_at=event.starts_at, ends_at=event.ends_at)

    page = client.get(f"/{language}/events/dates-one-way/").content.decode()

    assert not re.search(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b", page), "no numeric date beside the written one"
    with translation.override(language):
        written = formats.date_format(event.starts_at.astimezone(geneva), "DATE_FORMAT")
    assert page.count(written) >= 2, "the agenda writes its date as the event's date is written"
