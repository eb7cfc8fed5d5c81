"""A participant downloads everything held about them and can delete their account: the person is erased,
their past registrations stay (anonymised) for statistics, and their upcoming seats go to the waitlist."""

import datetime
import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from events.models import Event, Participant, Registration
from events.services import certificates, participants
from tests.events.participants import PASSWORD, participant_with_account
from tests.factories import EventFactory, ParticipantFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status
MY_DATA = "/en/accounts/my-data/"
DELETE = "/en/accounts/delete/"


@pytest.fixture
def amina():
    return participant_with_account(
        email="amina@example.org",
        first_name="Amina",
        last_name="Diallo",
        country="SN",
        organisation="Ministry of Foreign Affairs",
        job_title="Counsellor",
        gender=Participant.Gender.FEMALE,
    )


def past_course():
    starts_at = timezone.now() - datetime.timedelta(days=30)
    return EventFactory(
        title="Summer course",
        slug="summer-course",
        kind=Event.Kind.SUMMER_COURSE,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(days=3),
    )


# Download my data --------------------------------------------------------------------------------


def test_a_participant_downloads_their_profile_registrations_and_certificates_as_json(client, amina):
    attended = certificates.issue_certificate(
        RegistrationFactory(participant=amina, event=past_course(), attended=True)
    )
    RegistrationFactory(participant=amina, event__title="Norms workshop", status=Status.WAITLISTED)
    RegistrationFactory(event__title="Someone else's clinic")
    client.force_login(amina.user)

    response = client.get(MY_DATA)

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    data = json.loads(response.content)
    assert data["profile"]["email"] == "amina@example.org"
    assert data["profile"]["job_title"] == "Counsellor"
    assert {(row["event"], row["status"]) for row in data["registrations"]} == {
        ("Summer course", "confirmed"),
        ("Norms workshop", "waitlisted"),
    }
    assert data["certificates"] == [
        {
            "event": "Summer course",
            "code": attended.certificate_code,
            "issued_at": attended.certificate_issued_at.isoformat(),
            "verify_url": f"http://testserver/en/certificates/verify/?code={attended.certificate_code}",
        }
    ]


@pytest.mark.parametrize("size", [2, 20])
def test_the_download_runs_a_fixed_number_of_queries(client, amina, django_assert_max_num_queries, size):
    for _ in range(size):
        RegistrationFactory(participant=amina)
    client.force_login(amina.user)

    with django_assert_max_num_queries(5):
        data = json.loads(client.get(MY_DATA).content)

    assert len(data["registrations"]) == size


def test_an_account_without_a_profile_downloads_what_there_is(client):
    user = get_user_model().objects.create_user("new@example.org", "new@example.org", PASSWORD)
    client.force_login(user)

    data = json.loads(client.get(MY_DATA).content)

    assert data["account"]["email"] == "new@example.org"
    assert data["profile"] is None and data["registrations"] == [] and data["certificates"] == []


def test_downloading_data_needs_an_account(client):
    response = client.get(MY_DATA)

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_links_are_on_the_profile_page_and_my_registrations(client, amina):
    client.force_login(amina.user)

    for page in ("/en/accounts/profile/", "/en/events/my-registrations/"):
        html = client.get(page).content.decode()
        assert f'href="{MY_DATA}"' in html and f'href="{DELETE}"' in html


# Delete my account -------------------------------------------------------------------------------


def test_deleting_the_account_anonymises_the_participant_and_keeps_past_registrations(client, amina):
    past = RegistrationFactory(participant=amina, event=past_course(), attended=True)
    user_id = amina.user_id
    old_feed = f"/events/calendar/{amina.calendar_token}.ics"
    assert client.get(old_feed).status_code == 200
    client.force_login(amina.user)

    assert "cannot be undone" in client.get(DELETE).content.decode()
    response = client.post(DELETE, {"password": PASSWORD}, follow=True)

    assert "Your account is deleted" in response.content.decode()
    assert not get_user_model().objects.filter(pk=user_id).exists()
    assert not EmailAddress.objects.filter(email__iexact="amina@example.org").exists()
    amina.refresh_from_db()
    assert str(amina) == "Anonymised participant"
    assert amina.email.endswith("@anonymised.invalid") and "amina" not in amina.email
    assert (amina.organisation, amina.job_title, amina.gender) == ("", "", "")
    assert amina.country.code == "SN" and amina.organisation_kind == "government"  # kept for statistics
    assert amina.user is None and amina.anonymised_at is not None
    # The personal feed's secret address is replaced, not only refused while anonymised.
    assert old_feed != f"/events/calendar/{amina.calendar_token}.ics"
    assert client.get(old_feed).status_code == 404
    past.refresh_from_db()
    assert past.status == Status.CONFIRMED and past.attended
    # Signed out: the next page is for a visitor.
    assert client.get("/en/events/my-registrations/").status_code == 302


def test_deleting_the_account_gives_upcoming_seats_to_the_waitlist(amina):
    event = EventFactory(capacity=1)
    seat = RegistrationFactory(participant=amina, event=event, status=Status.CONFIRMED)
    waiting = RegistrationFactory(event=event, status=Status.WAITLISTED)

    participants.delete_account(amina.user)

    seat.refresh_from_db()
    waiting.refresh_from_db()
    assert seat.status == Status.CANCELLED
    assert waiting.status == Status.CONFIRMED


def test_deleting_the_account_also_leaves_every_waiting_list_and_withdraws_every_pending_request(amina):
    """A deleted person must not be promoted into a seat or approved later: every upcoming
    registration, whatever its state, is cancelled; the person behind them on a list moves up."""
    full = EventFactory(capacity=1, title="Full clinic")
    RegistrationFactory(event=full, status=Status.CONFIRMED)
    waitlisted = RegistrationFactory(participant=amina, event=full, status=Status.WAITLISTED)
    behind = RegistrationFactory(event=full, status=Status.WAITLISTED)
    by_approval = EventFactory(admission=Event.Admission.BY_APPROVAL, title="Closed dialogue")
    pending = RegistrationFactory(participant=amina, event=by_approval, status=Status.PENDING)
    declined = RegistrationFactory(participant=amina, event=EventFactory(), status=Status.DECLINED)

    participants.delete_account(amina.user)

    assert [Registration.objects.get(pk=r.pk).status for r in (waitlisted, pending, declined)] == [
        Status.CANCELLED,
        Status.CANCELLED,
        Status.DECLINED,
    ]
    assert list(full.registrations.filter(status=Status.WAITLISTED)) == [behind]


def test_two_anonymised_participants_never_share_an_address():
    first, second = ParticipantFactory(), ParticipantFactory()

    participants.anonymise_participant(first)
    participants.anonymise_participant(second)

    assert first.email != second.email


def test_a_wrong_password_deletes_nothing(client, amina):
    client.force_login(amina.user)

    response = client.post(DELETE, {"password": "not-my-password"})

    assert "This is not your password." in response.content.decode()
    amina.refresh_from_db()
    assert amina.user is not None and amina.anonymised_at is None


def test_password_guesses_on_the_deletion_form_are_limited(client, amina):
    client.force_login(amina.user)

    statuses = [client.post(DELETE, {"password": f"guess-{n}"}).status_code for n in range(6)]

    assert statuses == [200, 200, 200, 200, 200, 429]
    assert client.post(DELETE, {"password": PASSWORD}).status_code == 429
    amina.refresh_from_db()
    assert amina.anonymised_at is None


def test_an_account_without_a_password_confirms_by_typing_delete(client, amina):
    amina.user.set_unusable_password()
    amina.user.save()
    client.force_login(amina.user)

    assert "Type DELETE in capital letters" in client.post(DELETE, {"password": "yes"}).content.decode()
    client.post(DELETE, {"password": "DELETE"})

    amina.refresh_from_db()
    assert amina.anonymised_at is not None


def test_deleting_needs_the_csrf_token(amina):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(amina.user)

    assert browser.post(DELETE, {"password": PASSWORD}).status_code == 403
    amina.refresh_from_db()
    assert amina.anonymised_at is None

    token = browser.get(DELETE).cookies["csrftoken"].value
    assert browser.post(DELETE, {"password": PASSWORD, "csrfmiddlewaretoken": token}).status_code == 302
    amina.refresh_from_db()
    assert amina.anonymised_at is not None


def test_deleting_needs_an_account(client):
    response = client.post(DELETE, {"password": PASSWORD})

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# Nobody reaches anyone else's data ---------------------------------------------------------------


def test_nobody_downloads_someone_elses_data_by_passing_their_id(client, amina):
    intruder = participant_with_account(email="intruder@example.org")
    client.force_login(intruder.user)

    for attempt in (f"{MY_DATA}?user={amina.user_id}", f"{MY_DATA}?participant={amina.pk}", f"{MY_DATA}?id={amina.pk}"):
        data = json.loads(client.get(attempt).content)
        assert data["profile"]["email"] == "intruder@example.org"
        assert "amina" not in json.dumps(data).lower()
    assert client.get(f"/en/accounts/{amina.user_id}/my-data/").status_code == 404


def test_a_participant_never_sees_the_admin(client, amina):
    client.force_login(amina.user)

    for page in ("/admin/", "/admin/events/participant/", f"/admin/events/participant/{amina.pk}/change/"):
        response = client.get(page)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
