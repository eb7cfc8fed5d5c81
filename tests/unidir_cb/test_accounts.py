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


@pytest.fixture
def public_site(settings):
    settings.SITE_URL = "https://cb.unidir.org"


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def test_the_verification_email_comes_from_the_programme_in_the_language_of_the_sign_up_page(client, public_site):
    client.post(
        "/fr/accounts/signup/",
        {"email": "amelie@example.org", "password1": "a-Str0ng-passphrase", "password2": "a-Str0ng-passphrase"},
    )

    [message] = mail.outbox
    assert message.subject.startswith("[UNIDIR] ")
    for text in (message.body, html_of(message)):
        assert "UNIDIR – Programme Sécurité et technologie" in text
        assert "Hello from 127.0.0.1" not in text and "127.0.0.1:8000" not in text
        assert "cb.unidir.org" in text
    assert "Bonjour" in message.body
    assert 'href="http' in html_of(message) and 'lang="fr"' in html_of(message)


def test_a_password_reset_is_written_in_the_participants_own_language(client, public_site):
    from tests.events.participants import participant_with_account

    participant_with_account("layla@example.org", language="ar")

    client.post("/en/accounts/password/reset/", {"email": "layla@example.org"})

    [message] = mail.outbox
    assert message.subject.startswith("[UNIDIR] ")
    assert "UNIDIR – برنامج الأمن والتكنولوجيا" in message.body
    assert 'dir="rtl"' in html_of(message)
    assert "127.0.0.1" not in message.body


def test_an_address_without_an_account_is_told_so_by_the_programme(client, public_site):
    client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})

    [message] = mail.outbox
    assert message.subject.startswith("[UNIDIR] ")
    assert "UNIDIR – Security and Technology Programme" in message.body
    assert "UNIDIR – Security and Technology Programme" in html_of(message)
