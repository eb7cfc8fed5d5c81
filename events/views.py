"""Public event pages, the participant profile step, registration and "My registrations".

Every page works without JavaScript: filters are links and GET forms, changes are POST forms with
a CSRF token, and each POST redirects (post/redirect/get) with a message.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from unidir_cb.core.forms import un_language_name
from unidir_cb.core.models import OrganisationKind
from unidir_cb.core.public_pages import public_page
from unidir_cb.core.ratelimit import limit_exceeded

from . import calendar, calendar_views, rules, selectors, tickets, visa_letters
from .answer_forms import AnswersForm
from .forms import EventFilterForm, ParticipantProfileForm
from .models import Event, Participant, Question, Registration
from .offer_tokens import offer_path
from .services import answers, participants, registrations

EVENTS_PER_PAGE = 20
# Registration attempts allowed per signed-in person per minute; more is a script, not a person.
DEFAULT_REGISTRATION_RATE_LIMIT = 20


def _registration_rate_limit_exceeded(user) -> bool:
    """Per signed-in person, one-minute window."""
    limit = getattr(settings, "EVENT_REGISTRATION_RATE_LIMIT", DEFAULT_REGISTRATION_RATE_LIMIT)
    return limit_exceeded(f"events:registration-attempts:{user.pk}", limit, window_seconds=60)


def _too_many_requests(request):
    message = _("Too many registration attempts. Please wait a minute and try again.")
    return render(request, "events/too_many_requests.html", {"message": message}, status=429)


def _safe_next(request, fallback: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def _event_url(event: Event, invitation: str = "") -> str:
    url = reverse("events:detail", args=[event.slug])
    return f"{url}?{urlencode({'invitation': invitation})}" if invitation else url


@require_GET
@public_page
def event_list(request):
    options = selectors.filter_options()
    form = EventFilterForm(request.GET or None, options=options)
    filters = form.filters() if form.is_bound else selectors.EventFilters()
    page = Paginator(selectors.event_list(filters), EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    for event in page:
        event.seats_left = selectors.seats_left_of(event)
    # Links to other pages and tabs keep the other filters.
    kept = request.GET.copy()
    kept.pop("page", None)
    tab_query = kept.copy()
    tab_query.pop("when", None)
    return render(
        request,
        "events/event_list.html",
        {
            "form": form,
            "filters": filters,
            "page_obj": page,
            "events": list(page),
            "page_query": kept.urlencode(),
            "tab_query": tab_query.urlencode(),
            # Seats matter only for what can still be joined.
            "show_seats": filters.when != "past",
        },
    )


def _participant_of(request) -> Participant | None:
    if not request.user.is_authenticated:
        return None
    return participants.find_or_link_participant(request.user)


def _eligibility(event: Event) -> list[str]:
    """The event's eligibility rules as sentences a visitor reads before registering."""
    sentences = []
    if event.eligible_organisation_kinds:
        kinds = ", ".join(str(OrganisationKind(kind).label) for kind in event.eligible_organisation_kinds)
        sentences.append(_("participants from: %(kinds)s") % {"kinds": kinds})
    if event.eligible_country_groups or event.eligible_countries:
        groups = registrations.eligible_countries_text(event)
        sentences.append(_("participants from %(groups)s") % {"groups": groups})
    return sentences


def _offer_url(registration: Registration | None) -> str:
    """Where the person offered a seat accepts or declines it."""
    if registration is None or registration.status != Registration.Status.OFFERED:
        return ""
    return offer_path(registration)


def _ineligible_reason(event: Event, participant) -> str:
    if participant is None or not participants.profile_is_complete(participant):
        return ""
    refused = registrations.eligibility_refusal(event, participant)
    return str(refused) if refused else ""


@require_GET
@public_page
def event_detail(request, slug):
    try:
        event = selectors.public_event(slug)
    except Event.DoesNotExist as missing:
        raise Http404 from missing
    participant = _participant_of(request)
    registration = selectors.registration_of(participant, event)
    invitation = request.GET.get("invitation", "")
    closed = registrations.registration_closed_refusal(event)
    if closed is None and registration is not None and registration.status == Registration.Status.DECLINED:
        closed = registrations.refusal(registrations.Refusal.DECLINED_BEFORE, event)
    active = registration is not None and registration.status in rules.ACTIVE_STATUSES
    event_url = reverse("events:detail", args=[event.slug])
    event_materials = _materials_by_session(event, registration, request.user)
    context = {
        "event": event,
        "seats_left": selectors.seats_left_of(event),
        "registration": registration,
        "registration_status_label": registrations.STATUS_LABELS[registration.status] if registration else "",
        "registration_is_active": active,
        "language_names": [un_language_name(code) for code in event.languages],
        "eligibility": _eligibility(event),
        "closed_reason": str(closed) if closed else "",
        # Said before they apply: the rule their profile does not meet.
        "ineligible_reason": _ineligible_reason(event, participant),
        "invitation": invitation,
        "needs_invitation": not registrations.invitation_is_valid(event, invitation),
        "profile_is_complete": participants.profile_is_complete(participant),
        "asks_questions": rules.asks(event, Question.Form.REGISTRATION),
        "offer_url": _offer_url(registration),
        "online_url": rules.online_link_for(registration),
        "add_to_calendar_links": calendar.add_to_calendar_links(event, request.build_absolute_uri(event_url)),
        "login_url": f"{reverse('account_login')}?{urlencode({'next': _event_url(event, invitation)})}",
        "signup_url": f"{reverse('account_signup')}?{urlencode({'next': _event_url(event, invitation)})}",
        "event_materials": event_materials,
        "speakers": _speakers_of(event),
    }
    return render(request, "events/event_detail.html", context)


def _materials_by_session(event: Event, registration, user) -> list:
    """The event's own materials; each agenda item gets its own as `session_materials`. Each says
    whether this visitor may open it (rules.may_see_material)."""
    by_item = {}
    for material in event.materials.all():
        material.available = rules.may_see_material(material, registration, user)
        by_item.setdefault(material.agenda_item_id, []).append(material)
    for item in event.agenda_items.all():
        item.session_materials = by_item.get(item.pk, [])
    return by_item.get(None, [])


def _speakers_of(event: Event) -> list:
    """Everyone speaking at the event, each once, in the order they first speak."""
    return list({speaker.pk: speaker for item in event.agenda_items.all() for speaker in item.speakers.all()}.values())


def _registration_form(event: Event, data=None, files=None) -> AnswersForm:
    return AnswersForm(event.questions.all(), data, files, form_kind=Question.Form.REGISTRATION)


@login_required
@require_http_methods(["GET", "POST"])
def register(request, slug):
    """POST registers. An event with registration questions shows them first (GET), and a POST whose
    answers do not validate shows them again with what is wrong, having saved nothing."""
    public = selectors.with_seats_taken(Event.objects.exclude(status=Event.Status.DRAFT))
    event = get_object_or_404(public.prefetch_related("questions"), slug=slug)
    invitation = request.POST.get("invitation", "") or request.GET.get("invitation", "")
    participant = participants.find_or_link_participant(request.user)
    if not participants.profile_is_complete(participant):
        messages.info(request, str(registrations.REFUSAL_MESSAGES[registrations.Refusal.PROFILE_INCOMPLETE]))
        profile_url = reverse("participant_profile")
        return redirect(f"{profile_url}?{urlencode({'next': _event_url(event, invitation)})}")
    if request.method == "GET":
        registration = selectors.registration_of(participant, event)
        if registration is not None and registration.status in rules.ACTIVE_STATUSES:
            return redirect(_event_url(event, invitation))
        if not rules.asks(event, Question.Form.REGISTRATION):
            return redirect(_event_url(event, invitation))
        return _render_registration_form(request, event, _registration_form(event), invitation, registration)
    if _registration_rate_limit_exceeded(request.user):
        return _too_many_requests(request)
    form = _registration_form(event, request.POST, request.FILES)
    if not form.is_valid():
        earlier = selectors.registration_of(participant, event)
        return _render_registration_form(request, event, form, invitation, earlier, status=400)
    try:
        result = answers.register_with_answers(event, participant, form, invitation_token=invitation)
    except registrations.RegistrationError as refusal:
        messages.error(request, str(refusal))
        return redirect(_event_url(event, invitation))
    level = messages.SUCCESS if result.outcome == registrations.Outcome.CONFIRMED else messages.INFO
    messages.add_message(request, level, result.message)
    return redirect(_event_url(event))


def _render_registration_form(request, event, form: AnswersForm, invitation: str, registration, status: int = 200):
    context = {
        "event": event,
        "form": form,
        "invitation": invitation,
        "closed_reason": _closed_reason(event),
        # What the button says: register, apply, join the waiting list or register again.
        "seats_left": selectors.seats_left_of(event),
        "registration": registration,
    }
    return render(request, "events/register.html", context, status=status)


def _closed_reason(event: Event) -> str:
    closed = registrations.registration_closed_refusal(event)
    return str(closed) if closed else ""


@login_required
@require_http_methods(["GET", "POST"])
def participant_profile(request):
    participant = participants.find_or_link_participant(request.user) or Participant(
        user=request.user, email=request.user.email
    )
    form = ParticipantProfileForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        participants.save_participant_profile(form.save(commit=False), consent_given=form.cleaned_data["consent"])
        messages.success(request, _("Your profile is saved."))
        return redirect(_safe_next(request, reverse("events:list")))
    return render(
        request,
        "events/participant_profile.html",
        {"form": form, "participant": participant, "next": _safe_next(request, "")},
    )


def _latest_visa_letter(registration):
    letters = registration.visa_letters.all()  # prefetched, latest first
    return letters[0] if letters and visa_letters.may_download_letter(registration) else None


@login_required
@require_GET
def my_registrations(request):
    own_registrations = list(selectors.registrations_of_user(request.user))
    for registration in own_registrations:
        registration.status_label = registrations.STATUS_LABELS[registration.status]
        registration.online_url = rules.online_link_for(registration)
        registration.has_calendar_file = rules.has_calendar_file(registration)
        registration.can_cancel = rules.may_cancel(registration)
        registration.offer_url = _offer_url(registration)
        registration.answers_editable = rules.answers_editable(registration, Question.Form.REGISTRATION)
        registration.follow_up_editable = rules.answers_editable(registration, Question.Form.FOLLOW_UP)
        registration.visa_letter = _latest_visa_letter(registration)
        registration.has_ticket = tickets.has_ticket(registration)
        for material in registration.event.materials.all():
            material.available = rules.may_see_material(material, registration, request.user)
        registration.materials = [material for material in registration.event.materials.all() if material.available]
    participant = _participant_of(request)
    return render(
        request,
        "events/my_registrations.html",
        {
            "registrations": own_registrations,
            "active_statuses": rules.ACTIVE_STATUSES,
            "forms": Question.Form,
            "calendar_feed_url": calendar_views.personal_feed_url(request, participant) if participant else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cancel_my_registration(request, pk):
    """GET asks the participant to confirm (a seat given up may go to the waiting list at once);
    POST cancels."""
    # Filtering by the signed-in user makes someone else's registration indistinguishable from a missing one.
    registration = get_object_or_404(
        Registration.objects.select_related("event"), pk=pk, participant__user=request.user
    )
    if request.method == "GET":
        if not rules.may_cancel(registration):
            return redirect("events:my_registrations")
        return render(request, "events/cancel_registration.html", {"registration": registration})
    if _registration_rate_limit_exceeded(request.user):
        return _too_many_requests(request)
    try:
        registrations.cancel_own_registration(registration, request.user)
    except registrations.RegistrationError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, _("Your registration for %(event)s is cancelled.") % {"event": registration.event.title}
        )
    return redirect("events:my_registrations")
