"""Read queries of the events app: the public event pages, a participant's own registrations and
data, the check-in desk's search, certificate verification, and events in a reporting period.

Each returns a queryset whose cost does not grow with the number of rows: counts are annotated
(subqueries, so that filtering on topics cannot multiply them) and related lists are prefetched.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Lower
from django.utils import timezone
from django_countries.fields import Country

from programmes.models import Topic
from unidir_cb.core.content import search_in_language_and_english

from .certificates import certificate_holds, normalise_code
from .models import AgendaItem, Answer, Event, EventPartner, Participant, Question, Registration, VisaLetter
from .rules import ACTIVE_STATUSES, PUBLIC_EVENT_STATUSES, SEAT_STATUSES, follow_up_due
from .tickets import read_ticket_token

Status = Registration.Status


def _seats_taken_subquery():
    return Coalesce(
        Subquery(
            Registration.objects.filter(event=OuterRef("pk"), status__in=SEAT_STATUSES)
            .order_by()
            .values("event")
            .annotate(count=Count("pk"))
            .values("count"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def with_seats_taken(events: QuerySet) -> QuerySet:
    return events.annotate(seats_taken=_seats_taken_subquery())


def seats_left_of(event: Event) -> int | None:
    """Free seats of an event annotated by with_seats_taken (confirmed registrations and outstanding
    offers); None when there is no limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - event.seats_taken, 0)


@dataclass(frozen=True)
class EventFilters:
    when: str = "upcoming"  # "upcoming" or "past"
    search: str = ""
    kind: str = ""
    topic: str = ""  # topic slug
    format: str = ""
    year: int | None = None
    language: str = ""
    country: str = ""


def events_in_period(programme, start, end) -> QuerySet[Event]:
    """Events held (not drafts, not cancelled) that start within the period, both days included, on
    the date where they take place (Event.starts_on): a Fiji briefing on 23 August is an August event."""
    return Event.objects.filter(
        programme=programme, status=Event.Status.PUBLISHED, starts_on__gte=start, starts_on__lte=end
    )


def published_events() -> QuerySet:
    return Event.objects.filter(status=Event.Status.PUBLISHED)


def event_list(filters: EventFilters, now=None) -> QuerySet:
    """Published events for the public list: upcoming soonest first, past most recent first."""
    now = now or timezone.now()
    events = published_events()
    if filters.when == "past":
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "pk")
    else:
        events = events.filter(ends_at__gte=now).order_by("starts_at", "pk")
    events = _filtered(events, filters)
    return with_seats_taken(events).select_related("series").prefetch_related("topics")


# A feed keeps past events a while, so that subscribers' calendars do not lose what just happened.
FEED_PAST_DAYS = 365


def calendar_feed_events(filters: EventFilters, now=None) -> QuerySet:
    """Public events for the subscribable feed, with the list's filters (but no "when": a feed holds
    the coming events and the past year's). Cancelled events stay in it, marked cancelled, so that
    subscribed calendars show the cancellation instead of silently dropping the entry."""
    now = now or timezone.now()
    events = Event.objects.filter(status__in=PUBLIC_EVENT_STATUSES, ends_at__gte=now - timedelta(days=FEED_PAST_DAYS))
    return _filtered(events, filters).order_by("starts_at", "pk")


def personal_calendar_registrations(participant: Participant) -> QuerySet:
    """Every registration of a participant, whatever its status or date, with its (public) event,
    for their private feed."""
    return (
        Registration.objects.filter(participant=participant, event__status__in=PUBLIC_EVENT_STATUSES)
        .select_related("event")
        .order_by("event__starts_at", "event__pk")
    )


def _filtered(events: QuerySet, filters: EventFilters) -> QuerySet:
    if filters.search:
        events = events.filter(search_in_language_and_english(("title", "description", "city"), filters.search))
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.topic:
        events = events.filter(pk__in=Topic.objects.filter(slug=filters.topic).values("events"))
    if filters.format:
        events = events.filter(format=filters.format)
    if filters.year:
        events = events.filter(starts_on__year=filters.year)
    if filters.language:
        # Languages are a JSON list of codes; matching the quoted code works on SQLite and PostgreSQL alike.
        events = events.filter(languages__icontains=f'"{filters.language}"')
    if filters.country:
        events = events.filter(country=filters.country)
    return events


def filter_options() -> dict:
    """What the list's filters can offer: only values that published events actually use."""
    events = published_events()
    country_codes = events.exclude(country="").order_by().values_list("country", flat=True).distinct()
    return {
        "topics": Topic.objects.filter(events__status=Event.Status.PUBLISHED).distinct().order_by("name"),
        "years": sorted({moment.year for moment in events.dates("starts_at", "year")}, reverse=True),
        "countries": sorted(
            (Country(code) for code in country_codes),
            key=lambda country: str(country.name),
        ),
    }


def public_event(slug: str) -> Event:
    """One event for its public page (published or cancelled; drafts are not public)."""
    return (
        with_seats_taken(Event.objects.filter(status__in=PUBLIC_EVENT_STATUSES))
        .select_related("series", "programme")
        .prefetch_related(
            Prefetch(
                "agenda_items", queryset=AgendaItem.objects.order_by("starts_at", "pk").prefetch_related("speakers")
            ),
            "materials",
            "topics",
            "questions",
            Prefetch(
                "partnerships",
                queryset=EventPartner.objects.select_related("organisation").order_by("role", "organisation__name"),
            ),
        )
        .get(slug=slug)
    )


def with_waitlist_place(registrations: QuerySet) -> QuerySet:
    """Annotates `waitlist_place`: 1 for the first in the queue, None for anyone not waiting. One
    correlated count (on the queue's index) per row read."""
    ahead = (
        Registration.objects.filter(event=OuterRef("event"), status=Status.WAITLISTED)
        .filter(Q(queued_at__lt=OuterRef("queued_at")) | Q(queued_at=OuterRef("queued_at"), pk__lt=OuterRef("pk")))
        .order_by()
        .values("event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    place = Coalesce(Subquery(ahead, output_field=IntegerField()), 0) + 1
    return registrations.annotate(waitlist_place=Case(When(status=Status.WAITLISTED, then=place), default=None))


def registration_of(participant: Participant | None, event: Event) -> Registration | None:
    if participant is None:
        return None
    return with_waitlist_place(Registration.objects.filter(participant=participant, event=event)).first()


def registrations_of_user(user) -> QuerySet:
    """A signed-in person's own registrations, latest event first; nobody else's."""
    return (
        with_waitlist_place(Registration.objects.filter(participant__user=user))
        .select_related("event")
        .prefetch_related(
            "event__questions",
            "event__materials",
            Prefetch("visa_letters", queryset=VisaLetter.objects.only("pk", "registration_id", "created_at")),
        )
        .order_by("-event__starts_at", "pk")
    )


def upcoming_events(limit: int) -> QuerySet:
    """The next published events, soonest first, ready for event cards (two queries)."""
    events = published_events().filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")
    return with_seats_taken(events).select_related("series").prefetch_related("topics")[:limit]


# The check-in desk -------------------------------------------------------------------------------

# Rows shown at once: a desk needs the few that match, not the whole list.
SEARCH_RESULTS_LIMIT = 25


@dataclass(frozen=True)
class CheckInCounts:
    checked_in: int
    confirmed: int


def check_in_counts(event: Event) -> CheckInCounts:
    counts = event.registrations.aggregate(
        checked_in=Count("pk", filter=Q(status=Status.CONFIRMED, attended=True)),
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
    )
    return CheckInCounts(**counts)


def search_registrations(event: Event, query: str = "") -> QuerySet:
    """The event's active registrations whose participant's name or email contains every word typed.

    Words match anywhere in "first last email", so "ami dia" finds Amina Diallo and a full address
    finds its owner; case does not matter. A ticket's code finds its holder."""
    registrations = (
        event.registrations.filter(status__in=(*ACTIVE_STATUSES, Status.WALK_IN))
        .select_related("participant")
        .annotate(
            searchable=Lower(
                Concat(
                    "participant__first_name",
                    Value(" "),
                    "participant__last_name",
                    Value(" "),
                    "participant__email",
                    output_field=CharField(),
                )
            )
        )
        .order_by("participant__last_name", "participant__first_name", "pk")
    )
    if code := read_ticket_token(query):
        # A hand-held scanner typed a ticket into the search box: show its holder (a search only shows;
        # the ticket field checks in).
        registrations = registrations.filter(pk=code.registration_id)
    else:
        for word in query.lower().split()[:5]:
            registrations = registrations.filter(searchable__contains=word)
    # The answers staff chose to see at the desk (dietary or accessibility needs); never private ones.
    at_the_desk = (
        Answer.objects.filter(question__shown_at_check_in=True, private=False)
        .select_related("question")
        .order_by("question__position", "pk")
    )
    return registrations.prefetch_related(Prefetch("answers", queryset=at_the_desk, to_attr="check_in_answers"))[
        :SEARCH_RESULTS_LIMIT
    ]


# Verification ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerifiedCertificate:
    """All the public verification page may show: never an email, organisation or country."""

    code: str
    holder_name: str  # empty when the holder deleted their data, or the certificate was revoked
    event_title: str
    starts_at: object
    ends_at: object
    time_zone: str
    # Issued, then revoked: the registration was cancelled or its attendance taken back.
    revoked: bool = False


def verify_certificate(typed_code: str) -> VerifiedCertificate | None:
    """The certificate with this code (revoked or not), or None. One query."""
    code = normalise_code(typed_code)
    if not code:
        return None
    registration = (
        Registration.objects.filter(certificate_code=code)
        .select_related("event", "participant")
        .only(
            "certificate_code",
            "status",
            "attended",
            "event__title",
            "event__starts_at",
            "event__ends_at",
            "event__time_zone",
            "participant__first_name",
            "participant__last_name",
            "participant__anonymised_at",
        )
        .first()
    )
    if registration is None:
        return None
    participant = registration.participant
    revoked = not certificate_holds(registration)
    # A revoked certificate names nobody: it no longer says anything true about its holder.
    named = not (revoked or participant.anonymised_at)
    return VerifiedCertificate(
        code=code,
        holder_name=f"{participant.first_name} {participant.last_name}".strip() if named else "",
        revoked=revoked,
        event_title=registration.event.title,
        starts_at=registration.event.starts_at,
        ends_at=registration.event.ends_at,
        time_zone=registration.event.time_zone,
    )


# A participant's own data ------------------------------------------------------------------------

EXPORT_FORMAT_VERSION = 1


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _answer_data(answer: Answer, file_url_for) -> dict:
    data = {"question": answer.label, "answer": answer.value, "answered_at": _iso(answer.updated_at)}
    if answer.file:
        data.update(file_name=answer.file_name, file_size=answer.file_size)
        if file_url_for:
            data["file_url"] = file_url_for(answer)
    return data


def participant_data(user, verify_url_for=None, file_url_for=None) -> dict:
    """Everything held about a signed-in person, as JSON-ready data. Four queries whatever the number
    of registrations. `verify_url_for(code)` gives a certificate's verification link when passed,
    `file_url_for(answer)` the download link of an uploaded file."""
    participant = Participant.objects.filter(user=user).first()
    registrations = (
        list(
            Registration.objects.filter(participant=participant)
            .select_related("event")
            .prefetch_related(Prefetch("answers", queryset=Answer.objects.select_related("question").order_by("pk")))
            .order_by("created_at", "pk")
        )
        if participant
        else []
    )
    profile = None
    if participant is not None:
        profile = {
            "first_name": participant.first_name,
            "last_name": participant.last_name,
            "email": participant.email,
            "country": participant.country.code or "",
            "organisation": participant.organisation,
            "organisation_kind": participant.organisation_kind,
            "job_title": participant.job_title,
            "gender": participant.gender,
            "language": participant.language,
            "consented_at": _iso(participant.consented_at),
            "created_at": _iso(participant.created_at),
        }
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": _iso(timezone.now()),
        "account": {"email": user.email, "date_joined": _iso(user.date_joined), "last_login": _iso(user.last_login)},
        "profile": profile,
        "registrations": [
            {
                "event": registration.event.title,
                "event_slug": registration.event.slug,
                "event_starts_at": _iso(registration.event.starts_at),
                "event_ends_at": _iso(registration.event.ends_at),
                "status": registration.status,
                "registered_at": _iso(registration.created_at),
                "decided_at": _iso(registration.decided_at),
                "attended": registration.attended,
                "checked_in_at": _iso(registration.checked_in_at),
                "follow_up_completed_at": _iso(registration.follow_up_completed_at),
                "answers": [_answer_data(answer, file_url_for) for answer in registration.answers.all()],
            }
            for registration in registrations
        ],
        "certificates": [
            {
                "event": registration.event.title,
                "code": registration.certificate_code,
                "issued_at": _iso(registration.certificate_issued_at),
                **({"verify_url": verify_url_for(registration.certificate_code)} if verify_url_for else {}),
            }
            for registration in registrations
            if registration.certificate_code
        ],
    }


# Answers to an event's questions -----------------------------------------------------------------


@dataclass(frozen=True)
class AnswerFilters:
    """The answers table's filters: a registration status, the follow-up form answered or not, and
    one value per filterable question ({question id: stored value})."""

    status: str = ""
    follow_up: str = ""  # "answered" or "missing"
    answers: tuple = ()  # ((question_id, value), ...)


def _answer_matches(question: Question, value: str) -> Q:
    answers = Answer.objects.filter(registration=OuterRef("pk"), question=question)
    if question.kind == Question.Kind.MULTIPLE_CHOICE:
        # A JSON list's text holds each choice in quotes: '"Vegan"' matches that choice only.
        answers = answers.filter(value__icontains=f'"{value}"')
    elif question.kind == Question.Kind.YES_NO:
        answers = answers.filter(value=(value == "yes"))
    else:
        answers = answers.filter(value=value)
    return Q(Exists(answers))


def answer_table(event: Event, filters: AnswerFilters) -> QuerySet:
    """The event's registrations that pass the filters, oldest first, each with its answers (fetched
    for the rows read, in one query) as `answers_by_question`."""
    questions = {question.pk: question for question in event.questions.all()}
    registrations = event.registrations.select_related("participant").order_by("created_at", "pk")
    if filters.status:
        registrations = registrations.filter(status=filters.status)
    if filters.follow_up == "answered":
        registrations = registrations.filter(follow_up_completed_at__isnull=False)
    elif filters.follow_up == "missing":
        registrations = registrations.filter(follow_up_due())
    for question_id, value in filters.answers:
        if question_id in questions and value:
            registrations = registrations.filter(_answer_matches(questions[question_id], value))
    return registrations.prefetch_related(Prefetch("answers", queryset=Answer.objects.order_by("pk")))
