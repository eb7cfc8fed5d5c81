"""People sign up, verify their address, complete their profile and only then register; someone on
an attendee list imported before they had an account keeps that record when they sign up."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from events.models import Participant, Registration
from tests.events.participants import PASSWORD, participant_with_account, verified_user
from tests.factories import EventFactory, ParticipantFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

PROFILE_URL = "/en/accounts/profile/"
PROFILE = {
    "first_name": "Amina",
    "last_name": "Diallo",
    "country": "SN",
    "organisation": "Ministry of Foreign Affairs",
    "organisation_kind": "government",
    "job_title": "Counsellor",
    "gender": "prefer_not_to_say",
    "consent": "on",
}


def sign_up_and_verify(client, email):
    client.post("/en/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})
    confirmation_path = re.search(r"https?://[^/]+(/en/accounts/confirm-email/[^/\s]+/)", mail.outbox[-1].body)[1]
    return client.post(confirmation_path)


def test_after_verifying_their_address_a_new_person_is_asked_for_their_profile(client):
    response = sign_up_and_verify(client, "amina@example.org")

    assert response.status_code == 302
    assert response["Location"] == PROFILE_URL
    page = client.get(PROFILE_URL).content.decode()
    assert "amina@example.org" in page
    assert 'name="organisation_kind"' in page


def test_verifying_an_address_links_the_participant_imported_with_it_whatever_its_case(client):
    imported = ParticipantFactory(email="Amina.Diallo@Example.org", first_name="Amina", user=None)
    past = RegistrationFactory(participant=imported, event__title="Cyber Stability Conference 2022")

    sign_up_and_verify(client, "amina.diallo@example.org")

    user = get_user_model().objects.get(email="amina.diallo@example.org")
    imported.refresh_from_db()
    assert imported.user == user
    assert Participant.objects.count() == 1
    assert list(Registration.objects.filter(participant__user=user)) == [past]


def test_an_unverified_address_does_not_claim_an_imported_participant(client):
    imported = ParticipantFactory(email="amina@example.org", user=None)

    client.post("/en/accounts/signup/", {"email": "amina@example.org", "password1": PASSWORD, "password2": PASSWORD})

    imported.refresh_from_db()
    assert imported.user is None


def test_an_imported_participant_already_linked_to_someone_is_not_taken_over():
    owner = participant_with_account(email="shared@example.org")
    newcomer = get_user_model().objects.create_user(username="newcomer", email="SHARED@example.org")
    address = EmailAddress.objects.create(user=newcomer, email="SHARED@example.org", verified=False, primary=True)

    from events.accounts import link_participant_on_email_confirmed

    link_participant_on_email_confirmed(sender=EmailAddress, request=None, email_address=address)

    owner.refresh_from_db()
    assert owner.user.email == "shared@example.org"
    assert not Participant.objects.filter(user=newcomer).exists()


def test_staff_marking_an_address_verified_also_links_the_imported_participant(admin_client):
    imported = ParticipantFactory(email="omar@example.org", user=None)
    user = get_user_model().objects.create_user(username="omar", email="omar@example.org")
    address = EmailAddress.objects.create(user=user, email="omar@example.org", verified=False, primary=True)

    admin_client.post(
        "/admin/account/emailaddress/", {"action": "make_verified", "_selected_action": [address.pk]}, follow=True
    )

    imported.refresh_from_db()
    assert imported.user == user


def test_the_profile_step_records_who_the_person_is_and_when_they_consented(client):
    user = verified_user("amina@example.org")
    client.force_login(user)

    response = client.post(PROFILE_URL, PROFILE)

    assert response.status_code == 302
    participant = Participant.objects.get(user=user)
    assert (participant.email, participant.country.code, participant.organisation_kind) == (
        "amina@example.org",
        "SN",
        "government",
    )
    assert participant.gender == Participant.Gender.PREFER_NOT_TO_SAY
    assert participant.consented_at is not None


def test_gender_is_optional_but_consent_is_not(client):
    client.force_login(verified_user())

    without_gender = client.post(PROFILE_URL, {**PROFILE, "gender": ""})
    Participant.objects.all().delete()
    without_consent = client.post(PROFILE_URL, {key: value for key, value in PROFILE.items() if key != "consent"})

    assert without_gender.status_code == 302
    assert without_consent.status_code == 200
    assert without_consent.context["form"].errors == {"consent": ["This field is required."]}
    assert not Participant.objects.exists()


def test_editing_the_profile_keeps_the_first_consent_date(client):
    participant = participant_with_account()
    consented_at = participant.consented_at
    client.force_login(participant.user)

    client.post(PROFILE_URL, {**PROFILE, "job_title": "Ambassador"})

    participant.refresh_from_db()
    assert participant.job_title == "Ambassador"
    assert participant.consented_at == consented_at


def test_registering_without_a_profile_leads_to_the_profile_and_back_to_the_event(client):
    event = EventFactory(slug="norms-workshop")
    client.force_login(verified_user())

    refused = client.post("/en/events/norms-workshop/register/", follow=True)
    saved = client.post(refused.redirect_chain[-1][0], PROFILE)

    assert refused.redirect_chain[-1][0] == "/en/accounts/profile/?next=%2Fen%2Fevents%2Fnorms-workshop%2F"
    assert "Please complete your profile before registering." in refused.content.decode()
    assert not event.registrations.exists()
    assert saved["Location"] == "/en/events/norms-workshop/"


def test_the_profile_only_returns_to_pages_of_this_site(client):
    client.force_login(verified_user())

    response = client.post(f"{PROFILE_URL}?next=https://evil.example.org/", PROFILE)

    assert response["Location"] == "/en/events/"


def test_an_imported_person_signing_up_finds_their_details_prefilled(client):
    ParticipantFactory(email="li.wei@example.org", first_name="Wei", last_name="Li", organisation="CAICT", user=None)

    sign_up_and_verify(client, "li.wei@example.org")
    form = client.get(PROFILE_URL).context["form"]

    assert (form.initial["first_name"], form.initial["organisation"]) == ("Wei", "CAICT")
