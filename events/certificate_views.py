"""Certificates for participants (download from My registrations) and the public verification page."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from unidir_cb.core.ratelimit import client_address, limit_exceeded

from . import certificates, selectors
from .models import Registration
from .services import certificates as certificate_services

# Code look-ups allowed per client address per minute: enough for a person checking a pile of CVs,
# far too few to try codes at random.
DEFAULT_CERTIFICATE_VERIFY_RATE_LIMIT = 30


def verify_url_for(request, code: str) -> str:
    """The absolute verification link printed on a certificate, in the language of the site it was
    downloaded from."""
    path = reverse("verify_certificate")
    return request.build_absolute_uri(f"{path}?{urlencode({'code': code})}")


@login_required
@require_GET
def download_certificate(request, pk):
    # Filtering by the signed-in user makes someone else's registration indistinguishable from a missing one.
    registration = get_object_or_404(
        Registration.objects.select_related("event__programme", "participant"), pk=pk, participant__user=request.user
    )
    try:
        # Issuing is idempotent: the first download gives the certificate its code, later ones reuse it.
        registration = certificate_services.issue_certificate(registration)
    except certificates.CertificateError as refused:
        messages.error(request, str(refused))
        return redirect("events:my_registrations")
    pdf = certificates.render_certificate_pdf(registration, verify_url_for(request, registration.certificate_code))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificates.certificate_filename(registration)}"'
    return response


def _verify_rate_limit_exceeded(request) -> bool:
    """Per client address, one-minute window."""
    limit = getattr(settings, "CERTIFICATE_VERIFY_RATE_LIMIT", DEFAULT_CERTIFICATE_VERIFY_RATE_LIMIT)
    return limit_exceeded(f"events:certificate-verify:{client_address(request)}", limit, window_seconds=60)


@require_GET
def verify_certificate(request):
    """Anyone can check a certificate's code: the page shows the holder's name, the event and its date."""
    typed_code = request.GET.get("code", "").strip()[:64]
    context = {
        "code": typed_code,
        "searched": bool(typed_code),
        "well_formed": bool(certificates.normalise_code(typed_code)),
        "certificate": None,
    }
    if typed_code:
        if _verify_rate_limit_exceeded(request):
            message = _("Too many verification attempts. Please wait a minute and try again.")
            return render(request, "events/too_many_requests.html", {"message": message}, status=429)
        context["certificate"] = selectors.verify_certificate(typed_code)
    return render(request, "events/certificate_verify.html", context)
