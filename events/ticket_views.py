"""A participant's ticket and badge (each with its check-in QR code) from My registrations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import tickets
from .models import Registration

RENDERERS = {"ticket": tickets.ticket_pdf, "badge": lambda registration: tickets.badges_pdf([registration])}


@login_required
@require_GET
@never_cache
def download_ticket(request, pk, kind):
    if kind not in RENDERERS:
        raise Http404
    # Filtering by the signed-in user makes someone else's registration indistinguishable from a missing one.
    registration = get_object_or_404(
        Registration.objects.select_related("event", "participant"), pk=pk, participant__user=request.user
    )
    refused = tickets.ticket_refusal(registration)
    if refused:
        messages.error(request, refused)
        return redirect("events:my_registrations")
    response = HttpResponse(RENDERERS[kind](registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{tickets.ticket_filename(registration, kind)}"'
    return response
