"""How accounts (django-allauth) meet participants.

- A verified email address claims the participant imported earlier with the same address (past
  attendee lists have no accounts), so the person keeps one record with their history.
- After logging in, a person whose participant profile is incomplete is sent to the profile step.
- allauth's emails (address verification, password reset, ...) come from UNIDIR's programme, not
  from "127.0.0.1:8000": in the participant's language, as plain text and HTML.
- A login refused by the kernel's login protection says so, instead of "wrong password".
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.signals import email_confirmed
from django.conf import settings
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from unidir_cb.core import login_protection

from .models import Participant
from .services import participants

INSTITUTE = "UNIDIR"


@dataclass(frozen=True)
class EmailSite:
    """What allauth's templates call the site ("Hello from {{ current_site.name }}!")."""

    name: str
    domain: str


def email_site() -> EmailSite:
    """The programme by name, in the active language, at the public site's address."""
    programme = gettext("Security and Technology Programme")
    return EmailSite(name=f"{INSTITUTE} – {programme}", domain=urlsplit(settings.SITE_URL).netloc)


def email_language(address: str) -> str:
    """The language the participant chose, else the one of the page they are on (signing up)."""
    chosen = Participant.objects.with_email(address).values_list("language", flat=True).first()
    return chosen or translation.get_language() or settings.LANGUAGE_CODE


def link_participant_for_confirmed_address(email_address) -> None:
    participants.link_participant_to_user(email_address.user, email_address.email)


@receiver(email_confirmed, dispatch_uid="events.link_participant_on_email_confirmed")
def link_participant_on_email_confirmed(sender, request, email_address, **kwargs):
    """Also covers staff marking an address verified from the admin (allauth sends this signal)."""
    link_participant_for_confirmed_address(email_address)


class ParticipantAccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        with translation.override(email_language(email)):
            super().send_mail(template_prefix, email, {**context, "current_site": email_site()})

    def format_email_subject(self, subject):
        return f"[{INSTITUTE}] {subject}"

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's plain text, and beside it the same text in the site's HTML email layout."""
        message = super().render_mail(template_prefix, email, context, headers=headers)
        if not getattr(message, "alternatives", None):
            html = render_to_string(
                "account/email/message.html",
                {
                    "subject": message.subject,
                    "body": message.body,
                    "site": context["current_site"],
                    "site_url": settings.SITE_URL,
                    "language_code": translation.get_language(),
                    "language_bidi": translation.get_language_bidi(),
                },
            )
            message.attach_alternative(html, "text/html")
        return message

    def pre_authenticate(self, request, **credentials):
        # Replaces allauth's cache-counted login_failed limit (turned off in settings).
        if login_protection.login_refused_for(request, credentials):
            raise self.validation_error("too_many_login_attempts")

    def confirm_email(self, request, email_address):
        # The signal receiver above is connected once this module is imported; linking here as well
        # makes the sign-up flow independent of import order (linking twice is harmless).
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            link_participant_for_confirmed_address(email_address)
        return confirmed

    def _profile_step_url(self, request) -> str | None:
        user = request.user
        if user.is_staff or not user.is_authenticated:
            return None
        if participants.profile_is_complete(participants.find_or_link_participant(user)):
            return None
        return reverse("participant_profile")

    def get_login_redirect_url(self, request):
        return self._profile_step_url(request) or super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        # Used once the new account's address is verified and the person logged in.
        return self._profile_step_url(request) or super().get_signup_redirect_url(request)
