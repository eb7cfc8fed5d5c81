"""Someone who is not on the list turns up at the door: staff record them on the check-in page in one
step, they count as having taken part, and the seats of those who registered are not touched."""

import pytest
from django.db import IntegrityError, transaction

from events.models import Participant, Registration
from events.reach import participants_of
from events.services import check_in as desk
from events.services.registrations import seats_left
from tests.events.test_checkin import check_in_url, desk_staff, register, starting_soon
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status
WALK_IN_FORM = {"first_name": "Sione", "last_name": "Tupou", "country": "TO", "organisation_kind": "government"}


@pytest.fixture
def staff_client(client):
    client.force_login(desk_staff())
    return client


@pytest.fixture
def full_workshop():
    workshop = starting_soon(title="Full workshop", slug="full-workshop", capacity=1)
    register(workshop, "Amina", "Diallo", "amina@foreign.gov.sn")
    return workshop


def test_staff_record_a_walk_in_without_an_email_in_one_step(staff_client, full_workshop):
    response = staff_client.post(f"{check_in_url(full_workshop)}walk-in/", WALK_IN_FORM, follow=True)

    walk_in = Registration.objects.get(participant__last_name="Tupou")
    assert (walk_in.status, walk_in.attended, walk_in.participant.email) == (Status.WALK_IN, True, "")
    assert walk_in.checked_in_at is not None
    assert "Sione Tupou is recorded as a walk-in and checked in." in response.content.decode()
    assert f'id="registration-{walk_in.pk}"' in response.content.decode(), "listed, so staff can undo it"


def test_a_walk_in_counts_as_having_taken_part_but_takes_no_seat(full_workshop):
    desk.record_walk_in(full_workshop, {"first_name": "Sione", "last_name": "Tupou"})

    assert participants_of([full_workshop]).count() == 2
    assert seats_left(full_workshop) == 0  # the one seat is Amina's, as before


def test_a_walk_in_who_gives_an_email_on_file_is_the_same_person_checked_in(full_workshop):
    waitlisted = register(full_workshop, "Omar", "Haddad", "omar@example.org", status=Status.WAITLISTED)

    registration = desk.record_walk_in(
        full_workshop, {"first_name": "Omar", "last_name": "H.", "email": "OMAR@example.org"}
    )

    assert registration.pk == waitlisted.pk and registration.attended
    assert Participant.objects.filter(email__iexact="omar@example.org").count() == 1
    assert participants_of([full_workshop]).count() == 2


def test_several_walk_ins_may_give_no_email_but_an_email_given_stays_unique():
    ParticipantFactory(email="")
    ParticipantFactory(email="")
    ParticipantFactory(email="sione@example.to")

    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipantFactory(email="SIONE@example.to")


def test_a_walk_in_without_a_name_is_refused_with_the_form_shown_again(staff_client, full_workshop):
    response = staff_client.post(f"{check_in_url(full_workshop)}walk-in/", {**WALK_IN_FORM, "first_name": ""})

    assert response.status_code == 400
    assert not Registration.objects.filter(status=Status.WALK_IN).exists()


def test_a_walk_in_checked_in_by_mistake_can_be_undone_and_no_longer_counts(staff_client, full_workshop):
    walk_in = desk.record_walk_in(full_workshop, {"first_name": "Sione", "last_name": "Tupou"})

    staff_client.post(check_in_url(full_workshop, walk_in), {"undo": "1"})

    walk_in.refresh_from_db()
    assert not walk_in.attended
    assert participants_of([full_workshop]).count() == 1
