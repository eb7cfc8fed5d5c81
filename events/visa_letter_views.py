"""Downloading an issued visa support letter: the participant's own (while their registration stays
confirmed), or any for staff allowed to read private answers (a letter states the passport number).
To anyone else the letter does not exist: 404, never 403, so its address says nothing."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .answer_views import may_read_private_answers
from .models import VisaLetter
from .visa_letters import may_download_letter, visa_letter_filename


@require_GET
@never_cache
def download_visa_letter(request, pk):
    if not request.user.is_authenticated:
        raise Http404
    letter = get_object_or_404(
        VisaLetter.objects.select_related("registration__participant", "registration__event"), pk=pk
    )
    registration = letter.registration
    if not may_read_private_answers(request.user):
        if registration.participant.user_id != request.user.pk:
            raise Http404
        if not may_download_letter(registration):
            messages.error(
                request,
                _("Your registration for %(event)s is no longer confirmed, so its visa support letter no longer holds.")
                % {"event": registration.event.title},
            )
            return redirect("events:my_registrations")
    response = FileResponse(
        letter.file.open("rb"), as_attachment=True, filename=visa_letter_filename(registration, letter.reference)
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
