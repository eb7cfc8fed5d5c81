import pytest
from django.contrib.auth import get_user_model
from django.core import mail

pytestmark = pytest.mark.django_db


def sign_up(client, email="amina@example.org"):
    return client.post(
        "/en/accounts/signup/",
        {"email": email, "password1": "a-Str0ng-passphrase", "password2": "a-Str0ng-passphrase"},
    )


def test_sign_up_uses_the_email_address_as_login_and_sends_a_verification_email(client):
    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert get_user_model().objects.get().email == "amina@example.org"
    assert mail.outbox[0].to == ["amina@example.org"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_an_unverified_address_cannot_log_in(client):
    sign_up(client)
    client.logout()

    response = client.post("/en/accounts/login/", {"login": "amina@example.org", "password": "a-Str0ng-passphrase"})

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_sign_ups_are_rate_limited_per_address(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    statuses = [sign_up(client, f"person{number}@example.org").status_code for number in range(3)]

    assert statuses[:2] == [302, 302]
    assert statuses[2] == 429
