"""The home page: the one public page that shows several domain apps at once (the next events and
the latest publications), so it lives with the project's URLs, above every app. And /favicon.ico,
which browsers and feed readers ask for whatever the page names."""

from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from events import selectors as event_selectors
from publications import selectors as publication_selectors
from publications.views import publication_cards
from unidir_cb.core.public_pages import public_page

HOME_UPCOMING_EVENTS = 3
HOME_RECENT_PUBLICATIONS = 3


@require_GET
@public_page
def home(request):
    """What a visitor meets first: the next events and the latest publications."""
    upcoming = list(event_selectors.upcoming_events(HOME_UPCOMING_EVENTS))
    for event in upcoming:
        event.seats_left = event_selectors.seats_left_of(event)
    latest = publication_selectors.publication_list(publication_selectors.PublicationFilters())
    context = {
        "upcoming_events": upcoming,
        "show_seats": True,
        "recent_publications": publication_cards(latest[:HOME_RECENT_PUBLICATIONS]),
    }
    return render(request, "home.html", context)


@require_GET
def favicon(request):
    # To the collected (hashed, long-cached) file: WhiteNoise serves it in production.
    return redirect(static("img/favicon.ico"), permanent=True)
