"""The staff check-in page of an event: search as you type, one button per row, undo.

Without JavaScript the search box is a GET form and each button a POST form that comes back to the
same search; static/js/check-in.js only fetches the results while typing (debounced)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import selectors
from .models import Event, Registration
from .services import check_in as desk

CHECK_IN_PERMISSION = "events.change_registration"


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
    query = request.GET.get("q", "").strip()[:100]
    context = {
        "event": event,
        "query": query,
        "registrations": list(selectors.search_registrations(event, query)),
        "counts": selectors.check_in_counts(event),
        "results_limit": selectors.SEARCH_RESULTS_LIMIT,
    }
    # The script asks for the results alone and swaps them in; the page itself stays the same.
    template = "events/check_in_results.html" if request.GET.get("partial") else "events/check_in.html"
    return render(request, template, context)


@login_required
@require_POST
def check_in_registration(request, slug, pk):
    _require_check_in_staff(request)
    registration = get_object_or_404(
        Registration.objects.select_related("event", "participant"), pk=pk, event__slug=slug
    )
    query = request.POST.get("q", "").strip()[:100]
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
