"""Password guessing is slowed per account and per address, counted in the database; an office or a
training room behind one address can still sign in together."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from tests.events.participants import PASSWORD, verified_user
from tests.factories import UserFactory
from unidir_cb.core.models import LoginFailure

pytestmark = pytest.mark.django_db

LOGIN_URL = "/en/accounts/login/"
OFFICE = "198.51.100.20"
TOO_MANY = "Too many failed login attempts"


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    """Sixty people log in three times each: the production hasher would take a minute."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(client, email, password, address=OFFICE):
    return client.post(LOGIN_URL, {"login": email, "password": password}, REMOTE_ADDR=address)


def is_logged_in(client, user) -> bool:
    return client.session.get("_auth_user_id") == str(user.pk)


def test_ten_failed_logins_from_one_address_do_not_lock_out_a_colleague_with_the_right_password(client):
    typist = verified_user("typist@example.org")
    colleague = verified_user("colleague@example.org")
    for attempt in range(4):
        log_in(client, typist.email, f"wrong-{attempt}")
    for other in range(6):
        log_in(client, verified_user(f"other{other}@example.org").email, "wrong")

    log_in(client, colleague.email, PASSWORD)

    assert is_logged_in(client, colleague)


def test_a_training_room_of_sixty_signs_in_together_from_one_address():
    """Each person mistypes twice first; every one of them then gets in, and nothing counted in a
    minute of 60 successful logins refuses the last ones."""
    people = [verified_user(f"trainee{number}@example.org") for number in range(60)]
    for person in people:
        log_in(Client(), person.email, "typo-1")
        log_in(Client(), person.email, "typo-2")

    signed_in = []
    for person in people:
        browser = Client()
        log_in(browser, person.email, PASSWORD)
        signed_in.append(is_logged_in(browser, person))

    assert all(signed_in)
    assert LoginFailure.objects.count() == 120


def test_five_failures_refuse_the_account_even_the_right_password_and_say_why(client):
    person = verified_user("amina@example.org")
    for attempt in range(5):
        assert TOO_MANY not in log_in(client, person.email, f"guess-{attempt}").content.decode()

    response = log_in(client, person.email, PASSWORD, address="203.0.113.9")

    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    assert not is_logged_in(client, person)


def test_refused_tries_do_not_extend_the_lock(client):
    person = verified_user("amina@example.org")
    for attempt in range(8):
        log_in(client, person.email, f"guess-{attempt}")

    assert LoginFailure.objects.count() == 5


def test_the_lock_lifts_once_the_failures_leave_the_window(client, settings):
    person = verified_user("amina@example.org")
    for attempt in range(5):
        log_in(client, person.email, f"guess-{attempt}")
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 0

    log_in(client, person.email, PASSWORD)

    assert is_logged_in(client, person)


def test_a_cache_outage_does_not_lift_the_lock(client):
    """The failures are rows, not cache entries: emptying the cache changes nothing."""
    person = verified_user("amina@example.org")
    for attempt in range(5):
        log_in(client, person.email, f"guess-{attempt}")
    cache.clear()

    log_in(client, person.email, PASSWORD)

    assert not is_logged_in(client, person)


def test_a_password_reset_lifts_the_lock_at_once(client):
    person = verified_user("amina@example.org")
    for attempt in range(5):
        log_in(client, person.email, f"guess-{attempt}")

    client.post("/en/accounts/password/reset/", {"email": person.email})
    reset_path = re.search(r"https?://[^/]+(/en/accounts/password/reset/key/\S+/)", mail.outbox[-1].body)[1]
    form_path = client.get(reset_path)["Location"]
    new_password = "another-Str0ng-passphrase"
    client.post(form_path, {"password1": new_password, "password2": new_password})

    assert not LoginFailure.objects.exists()
    log_in(client, person.email, new_password)
    assert is_logged_in(client, person)


def test_the_admin_login_is_throttled_by_the_same_rule(client):
    staff = UserFactory(is_staff=True, is_superuser=True, username="ops", email="ops@unidir.example")
    for attempt in range(5):
        client.post("/admin/login/", {"username": "ops", "password": f"guess-{attempt}"}, REMOTE_ADDR=OFFICE)

    # Five failures at the admin door count against the account at the public door too.
    log_in(client, staff.email, PASSWORD)

    assert not is_logged_in(client, staff)
    assert set(LoginFailure.objects.values_list("account", flat=True)) == {f"user:{staff.pk}"}


def test_an_address_over_its_failure_limit_is_refused_for_every_account(client, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 3
    person = verified_user("amina@example.org")
    for attempt in range(3):
        log_in(client, f"nobody{attempt}@example.org", "guess")

    log_in(client, person.email, PASSWORD)
    assert not is_logged_in(client, person)

    log_in(client, person.email, PASSWORD, address="203.0.113.50")
    assert is_logged_in(client, person)


def test_the_figures_in_force_fit_a_room_of_sixty():
    from django.conf import settings

    assert settings.LOGIN_FAILURES_PER_ACCOUNT == 5
    assert settings.LOGIN_FAILURE_WINDOW_SECONDS == 300
    assert settings.LOGIN_FAILURES_PER_ADDRESS >= 60 * settings.LOGIN_FAILURES_PER_ACCOUNT
    assert settings.ACCOUNT_RATE_LIMITS["login"] is None  # successful logins are never capped
