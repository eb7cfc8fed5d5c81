"""The home page: the next events and the latest publications, each with the way to all of them,
at a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from events.models import Event
from publications.models import Publication
from tests.events.test_public_pages import populate_events
from tests.factories import EventFactory
from tests.pages import queries_to_build
from tests.publications.catalogue import byline, publication_with

pytestmark = pytest.mark.django_db


def days_from_now(days):
    return timezone.now() + datetime.timedelta(days=days)


def test_the_home_page_shows_the_next_three_published_events(client):
    for days in (40, 10, 20, 30):
        EventFactory(title=f"In {days} days", starts_at=days_from_now(days))
    EventFactory(title="Draft idea", status=Event.Status.DRAFT, starts_at=days_from_now(1))
    EventFactory(title="Last year", starts_at=days_from_now(-365))

    response = client.get("/en/")

    assert [event.title for event in response.context["upcoming_events"]] == ["In 10 days", "In 20 days", "In 30 days"]
    page = response.content.decode()
    assert 'href="/en/events/"' in page and 'href="/en/events/feed.ics"' in page


def test_the_home_page_says_so_when_no_event_is_announced(client):
    EventFactory(title="Last year", starts_at=days_from_now(-365))

    assert "No events are announced at the moment." in client.get("/en/").content.decode()


def test_the_home_page_shows_the_latest_three_published_publications_with_their_authors(client):
    for year in (2020, 2023, 2021, 2022):
        paper = publication_with(title=f"Paper of {year}", published_on=datetime.date(year, 5, 1))
        byline(paper, ("Léa", "Fontaine"), ("Kenji", "Watanabe"))
    publication_with(title="Unpublished draft", is_published=False, published_on=datetime.date(2024, 1, 1))

    response = client.get("/en/")

    assert [item.title for item in response.context["recent_publications"]] == [
        "Paper of 2023",
        "Paper of 2022",
        "Paper of 2021",
    ]
    page = response.content.decode()
    assert "Léa Fontaine and Kenji Watanabe" in page
    assert 'href="/en/publications/"' in page


def test_the_home_page_costs_the_same_queries_for_3_or_30_events_and_publications(client):
    populate_events(3)
    for number in range(3):
        byline(publication_with(title=f"Paper {number}"), ("Léa", "Fontaine"))
    with_few = queries_to_build(client, "/en/")
    populate_events(27)
    for number in range(27):
        byline(publication_with(title=f"More {number}", kind=Publication.Kind.BRIEF), ("Kenji", "Watanabe"))

    assert queries_to_build(client, "/en/") == with_few
