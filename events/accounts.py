"""How accounts (django-allauth) meet participants.

- A verified email address claims the participant imported earlier with the same address (past
  attendee lists have no accounts), so the person keeps one record with their history.
- After logging in, a person whose participant profile is incomplete is sent to the profile step.
- A login refused by the kernel's login protection says so, instead of "wrong password".
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.signals import email_confirmed
from django.dispatch import receiver
from django.urls import reverse

from unidir_cb.core import login_protection

from .services import participants


def link_participant_for_confirmed_address(email_address) -> None:
    participants.link_participant_to_user(email_address.user, email_address.email)


@receiver(email_confirmed, dispatch_uid="events.link_participant_on_email_confirmed")
def link_participant_on_email_confirmed(sender, request, email_address, **kwargs):
    """Also covers staff marking an address verified from the admin (allauth sends this signal)."""
    link_participant_for_confirmed_address(email_address)


class ParticipantAccountAdapter(DefaultAccountAdapter):
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
