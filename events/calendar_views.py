"""Calendar files on the web: the public feed of events, a participant's private feed behind a secret
address (which they can renew, killing the old one) and the .ics of one of their own registrations.

Each response costs a fixed number of queries whatever the number of events: the .ics needs nothing
beyond the event rows themselves.
"""

import datetime
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from unidir_cb.core.languages import UNLanguage
from unidir_cb.core.public_pages import public_page

from . import calendar, rules, selectors
from .models import Event, Participant, Registration
from .services import participants

# How often calendar clients should poll the feeds (clients that honour the hint).
REFRESH_INTERVAL = datetime.timedelta(hours=6)


def _ics_response(content: bytes, filename: str, disposition: str = "attachment") -> HttpResponse:
    response = HttpResponse(content, content_type=calendar.CONTENT_TYPE)
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


class InvalidFilter(ValueError):
    pass


def _choice(value: str, allowed) -> str:
    if value and value not in allowed:
        raise InvalidFilter(value)
    return value


def feed_filters(query) -> selectors.EventFilters:
    """The event list's filters, read from the feed's query string.

    Unlike the list page (whose form offers only values in use today), a feed is subscribed to once and
    read for months: a filter for a year or country with no events yet must give an empty feed that
    fills up later, never the whole programme; a malformed value is refused."""
    year = query.get("year", "")
    if year and not re.fullmatch(r"\d{4}", year):
        raise InvalidFilter(year)
    topic = query.get("topic", "")
    if topic and not re.fullmatch(r"[-\w]+", topic):
        raise InvalidFilter(topic)
    country = query.get("country", "").upper()
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        raise InvalidFilter(country)
    return selectors.EventFilters(
        search=query.get("q", "").strip()[:200],
        kind=_choice(query.get("kind", ""), Event.Kind.values),
        topic=topic,
        format=_choice(query.get("format", ""), Event.Format.values),
        year=int(year) if year else None,
        language=_choice(query.get("language", ""), UNLanguage.values),
        country=country,
    )


def _absolute_event_url(request, event: Event) -> str:
    return request.build_absolute_uri(reverse("events:detail", args=[event.slug]))


@require_GET
@public_page
def public_feed(request):
    """All public events (filterable like the list), for calendar clients to subscribe to."""
    try:
        filters = feed_filters(request.GET)
    except InvalidFilter:
        return HttpResponseBadRequest(_("Unknown filter value."), content_type="text/plain; charset=utf-8")
    events = selectors.calendar_feed_events(filters)
    content = calendar.feed_ics(
        events,
        lambda event: _absolute_event_url(request, event),
        name=_("UNIDIR events"),
        refresh_interval=REFRESH_INTERVAL,
    )
    return _ics_response(content, "unidir-events.ics", disposition="inline")


@require_GET
def personal_feed(request, token):
    """Every registration of a participant (online links for the confirmed ones), behind their
    secret calendar address; it answers conditional requests (an ETag), as calendar clients poll.

    The address is the only credential (calendar clients cannot log in), so it is long, random,
    renewable, and a wrong or renewed one is a plain 404."""
    participant = Participant.objects.filter(calendar_token=token, anonymised_at__isnull=True).first()
    if participant is None:
        raise Http404
    with translation.override(participant.language):
        content = calendar.personal_feed_ics(
            selectors.personal_calendar_registrations(participant),
            lambda event: _absolute_event_url(request, event),
            name=_("My UNIDIR events"),
            refresh_interval=REFRESH_INTERVAL,
        )
    response = _ics_response(content, "my-unidir-events.ics", disposition="inline")
    # The address is a secret: kept out of shared caches and search engines (the client's own cache
    # may keep it and revalidate).
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def download_event_ics(request, slug):
    """Any public event as a file to import, for everyone (no online link: that is for the confirmed)."""
    event = get_object_or_404(Event.objects.filter(status__in=rules.PUBLIC_EVENT_STATUSES), slug=slug)
    return _ics_response(calendar.event_ics(event, _absolute_event_url(request, event)), f"{event.slug}.ics")


@login_required
@require_GET
def download_registration_ics(request, pk):
    # Filtering by the signed-in user makes someone else's registration indistinguishable from a missing one.
    registration = get_object_or_404(
        Registration.objects.select_related("event", "participant"),
        pk=pk,
        participant__user=request.user,
        status__in=rules.CALENDAR_FILE_STATUSES,
        event__status__in=rules.PUBLIC_EVENT_STATUSES,
    )
    content = calendar.registration_ics(registration, _absolute_event_url(request, registration.event))
    return _ics_response(content, f"{registration.event.slug}.ics")


@login_required
@require_POST
def renew_calendar_link(request):
    participant = participants.find_or_link_participant(request.user)
    if participant is None:
        raise Http404
    participants.renew_calendar_token(participant)
    messages.success(
        request,
        _("Your calendar address is renewed: the old one no longer works. Subscribe again with the new one."),
    )
    return redirect("events:my_registrations")


def personal_feed_url(request, participant: Participant) -> str:
    return request.build_absolute_uri(reverse("personal_calendar_feed", args=[participant.calendar_token]))
