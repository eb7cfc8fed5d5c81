"""The page an offer email links to: the offered person accepts or declines the seat, signed in or
not (the signed address is theirs alone: events/offer_tokens.py)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .models import Registration
from .offer_tokens import registration_id_of
from .services import registrations

Status = Registration.Status


def _offered_registration(token: str) -> Registration:
    found = registration_id_of(token)
    if found is None:
        raise Http404
    registration_id, offered_at = found
    registration = Registration.objects.select_related("event", "participant").filter(pk=registration_id).first()
    if registration is None:
        raise Http404
    # A token of an earlier offer (the person was offered a seat before) answers nothing now.
    registration.is_this_offer = (
        registration.status == Status.OFFERED
        and registration.decided_at is not None
        and registration.decided_at.isoformat() == offered_at
        and registration.offer_expires_at > timezone.now()
    )
    return registration


@require_http_methods(["GET", "POST"])
def answer_offer(request, token):
    registration = _offered_registration(token)
    event = registration.event
    if request.method == "GET" or not registration.is_this_offer:
        return render(request, "events/offer.html", {"registration": registration, "event": event})
    try:
        if request.POST.get("answer") == "accept":
            registrations.accept_offer(registration)
            messages.success(
                request, _("The seat is yours: your registration for %(event)s is confirmed.") % {"event": event.title}
            )
        else:
            registrations.decline_offer(registration)
            messages.info(
                request,
                _("You declined the seat at %(event)s: it goes to the next person waiting.") % {"event": event.title},
            )
    except registrations.RegistrationError as refusal:
        messages.error(request, str(refusal))
    return redirect(reverse("events:detail", args=[event.slug]))
