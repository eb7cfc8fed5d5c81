"""The staff check-in page of an event: search as you type, one button per row, undo.

Without JavaScript the search box is a GET form and each button a POST form that comes back to the
same search; static/js/check-in.js only fetches the results while typing (debounced)."""

import functools
import zoneinfo
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from . import selectors
from .forms import WalkInForm
from .models import Event, Registration
from .services import check_in as desk

CHECK_IN_PERMISSION = "events.change_registration"
# Long enough for a ticket's code (about 100 characters at a large programme's ids), which the search finds.
QUERY_MAX_LENGTH = 200


def _require_check_in_staff(request) -> None:
    if not (request.user.is_staff and request.user.has_perm(CHECK_IN_PERMISSION)):
        raise PermissionDenied


def _check_in_page_url(event: Event, query: str) -> str:
    url = reverse("events:check_in", args=[event.slug])
    return f"{url}?{urlencode({'q': query})}" if query else url


@login_required
@require_GET
def check_in_page(request, slug):
    _require_check_in_staff(request)
    event = get_object_or_404(Event, slug=slug)
    query = request.GET.get("q", "").strip()[:QUERY_MAX_LENGTH]
    return _render_check_in_page(request, event, query, WalkInForm())


def _render_check_in_page(request, event: Event, query: str, walk_in_form: WalkInForm, status: int = 200):
    context = {
        "event": event,
        "query": query,
        "walk_in_form": walk_in_form,
        "registrations": list(selectors.search_registrations(event, query)),
        "counts": selectors.check_in_counts(event),
        "results_limit": selectors.SEARCH_RESULTS_LIMIT,
        "closed": desk.check_in_closed(event),
        "shows_answers": event.questions.filter(shown_at_check_in=True).exists(),
    }
    # The script asks for the results alone and swaps them in; the page itself stays the same.
    template = "events/check_in_results.html" if request.GET.get("partial") else "events/check_in.html"
    return render(request, template, context, status=status)


@login_required
@require_POST
def check_in_registration(request, slug, pk):
    _require_check_in_staff(request)
    registration = get_object_or_404(
        Registration.objects.select_related("event", "participant"), pk=pk, event__slug=slug
    )
    query = request.POST.get("q", "").strip()[:QUERY_MAX_LENGTH]
    name = str(registration.participant)
    if request.POST.get("undo"):
        desk.undo_check_in(registration)
        messages.info(request, _("Check-in of %(name)s undone.") % {"name": name})
    else:
        try:
            desk.check_in(registration)
        except desk.CheckInError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("%(name)s is checked in.") % {"name": name})
    return redirect(_check_in_page_url(registration.event, query))


@login_required
@require_POST
def check_in_walk_in(request, slug):
    """Record someone who is not on the list and check them in, in one step."""
    _require_check_in_staff(request)
    event = get_object_or_404(Event, slug=slug)
    form = WalkInForm(request.POST)
    if not form.is_valid():
        return _render_check_in_page(request, event, "", form, status=400)
    try:
        registration = desk.record_walk_in(event, form.cleaned_data, recorded_by=request.user)
    except desk.CheckInError as refused:
        messages.error(request, str(refused))
        return redirect(_check_in_page_url(event, ""))
    name = str(registration.participant)
    messages.success(request, _("%(name)s is recorded as a walk-in and checked in.") % {"name": name})
    return redirect(_check_in_page_url(event, name))


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


SESSION_ENDED = gettext_lazy(
    "Your session has ended: reload this page, sign in again if asked, and scan the code again."
)


def _signed_in_or_401_for_json(view):
    """login_required, except that the camera reader, which asks for JSON, is told 401 rather than sent
    to the login page's HTML (which it could not show)."""
    login_view = login_required(view)

    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        if not request.user.is_authenticated and _wants_json(request):
            return JsonResponse({"checked_in": False, "message": str(SESSION_ENDED)}, status=401)
        return login_view(request, *args, **kwargs)

    return checked


@_signed_in_or_401_for_json
@require_POST
def check_in_scan(request, slug):
    """A ticket or badge scanned at the door: by the page's camera reader (which asks for JSON and
    shows the answer in place) or typed by a hand-held scanner into the ticket field (a form post)."""
    _require_check_in_staff(request)
    event = get_object_or_404(Event, slug=slug)
    try:
        registration, before = desk.check_in_ticket(event, request.POST.get("ticket", "")[:500])
    except desk.CheckInError as refused:
        checked_in, message = False, str(refused)
    else:
        checked_in, name = True, str(registration.participant)
        if before.attending and before.checked_in_at:
            at = timezone.localtime(before.checked_in_at, zoneinfo.ZoneInfo(event.time_zone))
            message = _("%(name)s was already checked in at %(time)s.") % {"name": name, "time": f"{at:%H:%M}"}
        elif before.attending:
            message = _("%(name)s was already marked as attending.") % {"name": name}
        else:
            message = _("%(name)s is checked in.") % {"name": name}
    if _wants_json(request):
        counts = selectors.check_in_counts(event)
        return JsonResponse(
            {
                "checked_in": checked_in,
                "message": message,
                "counts": {"checked_in": counts.checked_in, "confirmed": counts.confirmed},
            }
        )
    (messages.success if checked_in else messages.error)(request, message)
    return redirect(_check_in_page_url(event, ""))
