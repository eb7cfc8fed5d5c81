"""People for the registration stories: accounts with verified addresses and complete profiles."""

from allauth.account.models import EmailAddress
from django.utils import timezone

from tests.factories import ParticipantFactory, UserFactory

PASSWORD = "a-Str0ng-passphrase"


def verified_user(email=None):
    """An account that can log in through allauth (its address is verified)."""
    user = UserFactory(**({"email": email, "username": email} if email else {}))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def participant_with_account(email=None, **profile):
    """A signed-up person who completed the profile step (and so may register)."""
    user = verified_user(email)
    defaults = {"job_title": "Cyber policy officer", "consented_at": timezone.now()}
    return ParticipantFactory(user=user, email=user.email, **{**defaults, **profile})
