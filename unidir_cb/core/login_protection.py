"""Login protection that slows password guessing without locking out an office.

Failed logins are counted in the database, so a cache outage never lifts the protection:
- per account: LOGIN_FAILURES_PER_ACCOUNT failures within LOGIN_FAILURE_WINDOW_SECONDS refuse further
  tries on that account until the oldest failure leaves the window, or at once when its password is
  reset;
- per address: LOGIN_FAILURES_PER_ADDRESS failures in the same window refuse tries from that address.
  It is sized for a training room behind one address: each account stops at its own limit, so a room
  of people signing in together stays far below it.
Successful logins are never limited.

Every login door goes through Django's `authenticate()`: `LoginThrottleBackend`, first among the
authentication backends (in place of Django's ModelBackend, which it extends), refuses throttled
tries for all of them (the public login and the admin),
and the `user_login_failed` signal records each failure. The public login also checks first, to
say why (events/accounts.py)."""

import datetime

from allauth.account.signals import password_changed, password_reset, password_set
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone

from .models import LoginFailure
from .ratelimit import client_address

# The credentials Django's authenticate() receives name the account in one of these.
LOGIN_FIELDS = ("email", "username")


def login_of(credentials: dict) -> str:
    for name in LOGIN_FIELDS:
        if credentials.get(name):
            return str(credentials[name]).strip().lower()
    return ""


def account_key(login: str) -> str:
    """One key per account, whichever of its names (username, email) was typed; a name no account
    has is counted under itself, so guessing at unknown names is slowed too."""
    user_model = get_user_model()
    named = Q(**{f"{user_model.USERNAME_FIELD}__iexact": login}) | Q(email__iexact=login)
    user_id = user_model._default_manager.filter(named).order_by("pk").values_list("pk", flat=True).first()
    return f"user:{user_id}" if user_id else f"login:{login}"


def _window_start():
    return timezone.now() - datetime.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def login_refused(login: str, address: str) -> bool:
    """Whether a try to log in as `login` from `address` is refused before the password is checked."""
    recent = LoginFailure.objects.filter(created_at__gte=_window_start())
    if recent.filter(account=account_key(login)).count() >= settings.LOGIN_FAILURES_PER_ACCOUNT:
        return True
    return recent.filter(address=address).count() >= settings.LOGIN_FAILURES_PER_ADDRESS


def login_refused_for(request, credentials: dict) -> bool:
    return login_refused(login_of(credentials), client_address(request) if request else "")


def record_login_failure(login: str, address: str) -> None:
    """Count one failure; failures older than the window are deleted on the way, so the table only
    ever holds the last few minutes. Tries refused as throttled are not counted again: the window
    ends after the last failure that was checked against the password."""
    if login_refused(login, address):
        return
    LoginFailure.objects.filter(created_at__lt=_window_start()).delete()
    LoginFailure.objects.create(account=account_key(login), address=address)


def clear_login_failures(user) -> None:
    LoginFailure.objects.filter(account=f"user:{user.pk}").delete()


class LoginThrottleBackend(ModelBackend):
    """Django's ModelBackend that first refuses a throttled try, for itself and every backend after
    it: PermissionDenied stops authenticate()."""

    def authenticate(self, request, **credentials):
        if login_refused_for(request, credentials):
            raise PermissionDenied("Too many failed logins for this account or from this address.")
        return super().authenticate(request, **credentials)


@receiver(user_login_failed, dispatch_uid="unidir_cb.record_login_failure")
def record_failed_login(sender, credentials, request=None, **kwargs):
    record_login_failure(login_of(credentials), client_address(request) if request else "")


@receiver(password_reset, dispatch_uid="unidir_cb.clear_login_failures_on_reset")
@receiver(password_changed, dispatch_uid="unidir_cb.clear_login_failures_on_change")
@receiver(password_set, dispatch_uid="unidir_cb.clear_login_failures_on_set")
def clear_login_failures_on_new_password(sender, request, user, **kwargs):
    """A password reset proves the person owns the email address: the lock on the account goes."""
    clear_login_failures(user)
